import type { Db } from '../db/index.ts';
import { suppressionReasonsOffThread } from '../disclosure/index.ts';
import { INVITATIONS } from './bindings.ts';
import type { Dimension, MetricQuery } from './filter.ts';
import { INVITATION_PROTECTION, readInvitationCounts } from './invitation-counts.ts';
import type { RowCount } from './query/filter-complements.ts';
import { finishRows, type MeasureSpec, readCoarser } from './query/finish-rows.ts';
import { count, nulled, ratio } from './query/measures.ts';
import { MetricInputError } from './query/metric-input-error.ts';
import { type MetricOptions, resolveMinN } from './query/metric-options.ts';
import type { MetricResult, MetricRow, MetricRowBase, SuppressionReason } from './query/metric-row.ts';
import { allWithPersonId } from './query/person-id.ts';
import {
  andAll,
  assertGroupBy,
  filterPredicates,
  groupingSql,
  keyAlias,
  periodExpr,
  planQuery,
  type QueryPlan,
} from './query/plan-query.ts';

export interface ResistanceMeasures {
  readonly invited: number | null;
  readonly declined: number | null;
  readonly noResponse: number | null;
  /** Enrolled but did not show up. */
  readonly noShow: number | null;
  /** declined + noResponse + noShow. */
  readonly resisted: number | null;
  /** resisted / invited, 0–1; null when nobody was invited. */
  readonly rate: number | null;
}
export type ResistanceRow = MetricRow<ResistanceMeasures>;

export interface DeclineReasonMeasures {
  /** Declines giving this reason (null reason = declined without one). */
  readonly declines: number | null;
  /** declines / all declines of the row's group and period, 0–1 (equals pctOfTotal / 100). */
  readonly share: number | null;
}
/** keys.declineReason is the reason; the total row (reason null, isTotal) holds all declines. */
export type DeclineReasonRow = MetricRow<DeclineReasonMeasures>;

/**
 * What the rows publish of the counts they protect beside n (`INVITATION_PROTECTION`, as the
 * funnel): the accepted (invited less declined and no response), on the demo the enrolled, the
 * funnel's protected count, and the declined and no response themselves. Compared across
 * queries as the funnel's enrolled are, so that a filter hides the same tables of both. (A byReason
 * row has none: 0, no constraint beyond n.)
 */
export const RESISTANCE_COUNTS: readonly RowCount[] = [
  (r) => ('declined' in r ? Number(r.n ?? 0) - Number(r.declined ?? 0) - Number(r.noResponse ?? 0) : 0),
  'declined',
  'noResponse',
];

export interface ResistanceResult extends MetricResult<ResistanceRow> {
  /**
   * Decline reasons within each group and period of `rows`, the total row's included (its
   * breakdown has every groupBy key null), each with its total (`isTotal`, the group's declines).
   */
  readonly byReason: DeclineReasonRow[];
}

/**
 * Resistance: invitations that came to nothing through the invitee: (declined + no response +
 * no-show) / invited.
 *
 * Grain: invitations (marts.fct_invitations), placed in time by the invitation date, the person as of
 * the offering start (as the funnel and completion); n = invitations,
 * percent of total is of resisted invitations. Disclosure control also counts the distinct employees
 * invited, and in `byReason` those declining (neither published): a row is hidden when they are
 * 1 … minN − 1, however many invitations they had (`MeasureSpec.persons`). Its rows protect the
 * invitations enrolled, and the employees enrolled, as the funnel does (invited less declined and no
 * response is the accepted, on the demo the enrolled, which is completion's n): the two metrics over
 * invitations hide the same cells, and every cell completion hides over the same enrollments. The
 * declined, no response and no-show are protected like n too, each with its distinct employees
 * (`INVITATION_PROTECTION`): a row with 1 … minN − 1 of them, or resting on 1 … minN − 1 employees
 * who declined (did not answer, did not show), however many invitations, is hidden, with
 * complements. So a group's declines, byReason's total as its n, are hidden in both or neither
 * (statistics audit of 2026-12-06: KEL-62.71.05.1001 in 2022 showed declined 1 in the rows and
 * hid it in byReason).
 * Tenure band (and every person or program attribute)
 * is a groupBy dimension: `groupBy: ['tenureBand']` gives the tenure gradient. `byReason` breaks the
 * declines of every row, the total row's included, down by decline reason: shares among declines.
 * With a groupBy they are protected as one groups × reasons table per period (margins: the groups'
 * declines and the total's reasons), and a group hidden in `rows` is hidden there too. Rates are
 * fractions 0–1; null = no invitations. Invitations are placed by day; `from`/`to` are whole periods of
 * the grain (whole years without one). Grouping by declineReason is refused (`assertNotByDeclineReason`).
 */
/**
 * A decline reason exists only for a declined invitation, so grouping invitations by it gives rows
 * whose rate is 1 by construction and one group mixing the invitations nobody declined with declines
 * without a reason. Resistance and the invitation funnel refuse it; `byReason` breaks the declines
 * down by reason.
 */
export function assertNotByDeclineReason(plan: QueryPlan): void {
  const accepted = (Object.keys(INVITATIONS.columns) as Dimension[]).filter((d) => d !== 'declineReason');
  // Any other dimension the invitations lack is refused here too, with the same accepted list: the
  // general check (groupingSql) listed declineReason among the accepted, which this then refused
  // (filter-combination review of 2026-12-06).
  if (!plan.groupBy.includes('declineReason')) {
    assertGroupBy(plan, accepted);
    return;
  }
  throw new MetricInputError(
    `${plan.metric} cannot be grouped by declineReason: only declined invitations have a reason, so every reason's rate would be 1` +
      (plan.metric === 'resistance'
        ? '; byReason gives the declines by reason'
        : '; resistance.byReason gives the declines by reason'),
    {
      reason: 'UNSUPPORTED_GROUP_BY',
      field: 'groupBy',
      metric: plan.metric,
      value: 'declineReason',
      accepted,
    },
  );
}

export async function resistance(
  db: Db,
  query: MetricQuery,
  options?: MetricOptions & {
    /** Also compute `byReason` (one more query, two with a groupBy; default true). */
    readonly withReasons?: boolean;
  },
): Promise<ResistanceResult> {
  const minN = resolveMinN(options);
  const plan = planQuery('resistance', query);
  assertNotByDeclineReason(plan);
  // Always the invitations themselves, never a pre-aggregate: disclosure control needs the distinct
  // employees of every row, which per-day, per-agency counts (the retired agg_invitations_day_agency)
  // do not hold.
  const read = (plan: QueryPlan) =>
    // The declined, no response and no-show are read (and protected) by `readInvitationCounts`.
    readInvitationCounts(db, plan, { invited: 'TRUE' });
  const raw = await read(plan);
  const main = await finishRows<ResistanceMeasures>(
    plan,
    raw,
    {
      read: (r) => {
        const [invited, declined, noResponse, noShow] = [r.invited, r.declined, r.no_response, r.no_show].map(
          count,
        ) as [number, number, number, number];
        const resisted = declined + noResponse + noShow;
        return {
          invited,
          declined,
          noResponse,
          noShow,
          resisted,
          rate: ratio(resisted, invited),
        };
      },
      n: (m) => m.invited ?? 0,
      // As the funnel: its rows publish the accepted (invited less declined and no response), on
      // the demo the enrolled, completion's n; so the same four counts, the same hidden cells.
      ...INVITATION_PROTECTION,
      value: (m) => m.rate,
      share: (m) => m.resisted,
      empty: () => ({
        invited: 0,
        declined: 0,
        noResponse: 0,
        noShow: 0,
        resisted: 0,
        rate: null,
      }),
      hide: nulled,
    },
    minN,
    await readCoarser(plan, query, read),
    options?.signal,
  );
  const byReason =
    options?.withReasons === false ? [] : await declineReasons(db, query, minN, main.rows, options?.signal);
  return { ...main, byReason };
}

type ReasonCounts = { declines: number | null };

const REASON_SPEC: MeasureSpec<ReasonCounts> = {
  read: (r) => ({ declines: count(r.declines) }),
  n: (m) => m.declines ?? 0,
  persons: (_, r) => [count(r.employees)],
  value: (m) => m.declines,
  empty: () => ({ declines: 0 }),
  hide: nulled,
};

// A decline without a reason is a real column of the reason table, not its margin.
const NO_REASON = '\u0000null';

const periodKey = (period: unknown): string =>
  period === null || period === undefined ? 'null' : String(period).slice(0, 10);

const isSmallCount = (v: number, minN: number): boolean => v > 0 && v < minN;

/** A withheld breakdown's row for one of its tables (a period and group, or the total over the groups). */
function withheldTotal(row: MetricRowBase): DeclineReasonRow {
  return {
    keys: { ...row.keys, declineReason: null },
    period: row.period,
    isTotal: true,
    n: null,
    declines: null,
    share: null,
    pctOfTotal: null,
    suppressed: true,
    suppressionReason: 'primary',
    previousPeriod: null,
    samePeriodLastYear: null,
  };
}

/**
 * The total of a breakdown whose declines the rows publish as 0: there is nothing to withhold (no
 * decline, no reason), so it is shown, 0, as a computed breakdown shows a table without declines.
 * Hiding it protected nothing: its value is the row's published 0 (review of 2026-12-05: the
 * placebo program in 2021, no invitation at all, showed its breakdown as hidden).
 */
function zeroTotal(row: MetricRowBase): DeclineReasonRow {
  return {
    keys: { ...row.keys, declineReason: null },
    period: row.period,
    isTotal: true,
    n: 0,
    declines: 0,
    share: null,
    pctOfTotal: null,
    suppressed: false,
    suppressionReason: null,
    previousPeriod: null,
    samePeriodLastYear: null,
  };
}

/**
 * A reason breakdown that cannot be published (see `declineReasons`): each table's total, hidden,
 * but where it is a published 0 (`zeroTotal`).
 */
function withheld(rows: readonly DeclineReasonRow[]): DeclineReasonRow[] {
  return rows
    .filter((row) => row.isTotal)
    .map((row) => (!row.suppressed && row.declines === 0 ? zeroTotal(row) : withheldTotal(row)));
}

/**
 * The reasons breakdown withheld whole, without computing it: for each row of the answer (a group
 * and period, or a total), its table's total row, hidden, listing no reason. A group without
 * declines has one too, so the shape tells nothing of which groups had any beyond what the rows
 * publish: where a row shows 0 declines, its total is that 0, shown (`zeroTotal`).
 */
export function withheldReasons(rows: readonly ResistanceRow[]): DeclineReasonRow[] {
  return rows.map((row) => (!row.suppressed && row.declined === 0 ? zeroTotal(row) : withheldTotal(row)));
}

/**
 * Declines by reason within each group and period of `main` (each group with its total, the
 * group's declines), and, with a groupBy, within the total over the groups too (`isTotal` rows of
 * `main`: every groupBy key null). With a groupBy the reasons of all groups form one table per
 * period, groups × reasons, whose margins are the groups' declines and the total's reasons:
 * disclosure control protects it as a two-way table, so no hidden count can be recovered from the
 * total's breakdown either. A group hidden in `main` (its declines are then unpublished) is hidden
 * here too.
 */
async function declineReasons(
  db: Db,
  query: MetricQuery,
  minN: number,
  main: readonly ResistanceRow[],
  signal: AbortSignal | undefined,
): Promise<DeclineReasonRow[]> {
  const outer = query.groupBy ?? [];
  if (outer.length > 1) {
    // Groups × reasons is protected as a two-way table against its margins; with two groupBy
    // dimensions it is a three-way table, whose cells the one-dimension breakdowns (asked for
    // separately) would give away, as a three-way groupBy's would.
    throw new MetricInputError(
      `byReason takes at most one groupBy dimension, got ${outer.length} (${outer.join(', ')}): ask for the rows alone, or break the reasons down by one dimension at a time`,
      { reason: 'LIST_LENGTH', field: 'groupBy', max: 1 },
    );
  }
  // The rows publish each shown group's declines (and the total's): the margins of the reason
  // tables below. The protection of a reason table takes a small margin (declines, or the distinct
  // employees declining, 1 … minN − 1) for unpublished and hides it, so where the rows show it the
  // hidden reasons follow from it (one decline, one reason listed: that reason). No answer can
  // protect such a breakdown (its cells are at most the small margin, and hidden rows still name
  // their reason), so the whole breakdown is withheld: every table keeps its total row, hidden, and
  // lists no reason (`withheld`).
  const shownInMain = new Set(
    main
      .filter((r) => !r.suppressed)
      .map(
        (r) =>
          `${periodKey(r.period)}|${r.isTotal ? 'total' : JSON.stringify(outer.map((d) => r.keys[d] ?? null))}`,
      ),
  );
  const withShares = (rows: readonly MetricRow<ReasonCounts>[]): DeclineReasonRow[] => {
    const groupOf = (row: MetricRow<ReasonCounts>) =>
      JSON.stringify([row.period, ...outer.map((d) => row.keys[d] ?? null)]);
    const totals = new Map(rows.filter((r) => r.isTotal).map((r) => [groupOf(r), r.declines]));
    return rows.map((row) => {
      const total = totals.get(groupOf(row)) ?? null;
      const share = row.declines === null || total === null || total === 0 ? null : row.declines / total;
      return { ...row, share };
    });
  };
  if (outer.length === 0) {
    // One table per period: the reasons against all declines.
    const plan = planQuery('resistance', { ...query, compare: false }, undefined, 'declineReason');
    const read = (plan: QueryPlan) => {
      const { keys, groupBy } = groupingSql(plan, INVITATIONS);
      const where = andAll([...filterPredicates(plan, INVITATIONS), "response = 'declined'"]);
      return allWithPersonId(
        db,
        (personId) =>
          `SELECT ${keys}, count(*) AS declines, count(DISTINCT ${personId}) AS employees
         FROM marts.fct_invitations WHERE ${where} ${groupBy}`,
        plan.params.values,
      );
    };
    const raw = await read(plan);
    const coarser = await readCoarser(plan, { ...query, compare: false }, read, 'declineReason');
    const rows = withShares((await finishRows(plan, raw, REASON_SPEC, minN, coarser, signal)).rows);
    const smallShown = raw.some(
      (r) =>
        r.is_total === true &&
        (isSmallCount(count(r.employees), minN) || isSmallCount(count(r.declines), minN)) &&
        shownInMain.has(`${periodKey(r.period)}|total`),
    );
    // A total hidden here that the rows publish (a complement the rows give away): withheld too.
    const hiddenShown = rows.some(
      (r) => r.isTotal && r.suppressed && shownInMain.has(`${periodKey(r.period)}|total`),
    );
    return smallShown || hiddenShown ? withheld(rows) : rows;
  }

  // Counts first (minN 1: nothing hidden), in one scan: the groups' reasons and totals, and the
  // total's reasons and total (`all_groups`); then one two-way table per period.
  const plan = planQuery('resistance', { ...query, compare: false }, undefined, 'declineReason');
  groupingSql(plan, INVITATIONS); // validates the groupBy against the facts
  const read = (plan: QueryPlan) => {
    const where = andAll([...filterPredicates(plan, INVITATIONS), "response = 'declined'"]);
    const period = plan.grain ? periodExpr(plan, INVITATIONS) : undefined;
    const groupCols = outer.map((d) => INVITATIONS.columns[d]!);
    const reasonCol = INVITATIONS.columns.declineReason!;
    const base = period ? [period] : [];
    const sets = [[...base, ...groupCols, reasonCol], [...base, ...groupCols], [...base, reasonCol], base];
    const keys = [
      ...(period ? [`${period} AS period`] : []),
      ...outer.map((d, i) => `${groupCols[i]} AS ${keyAlias(d)}`),
      `${reasonCol} AS ${keyAlias('declineReason')}`,
      `GROUPING(${groupCols.join(', ')}) > 0 AS all_groups`,
      `GROUPING(${reasonCol}) > 0 AS is_total`,
    ];
    return allWithPersonId(
      db,
      (personId) =>
        `SELECT ${keys.join(', ')}, count(*) AS declines, count(DISTINCT ${personId}) AS employees
       FROM marts.fct_invitations WHERE ${where}
       GROUP BY GROUPING SETS (${sets.map((set) => `(${set.join(', ')})`).join(', ')})`,
      plan.params.values,
    );
  };
  const raw = await read(plan);
  const coarser = await readCoarser(plan, { ...query, compare: false }, read, 'declineReason');
  const overallPlan = planQuery(
    'resistance',
    { ...query, groupBy: [], compare: false },
    undefined,
    'declineReason',
  );
  // Every period read (whole years with a grain): suppression decides each year on all of it; the
  // rows are cut to the reported range afterwards.
  const whole = (p: QueryPlan): QueryPlan => ({ ...p, reportFrom: undefined, reportTo: undefined });
  const groups = (
    await finishRows(
      whole(plan),
      raw.filter((r) => r.all_groups !== true),
      REASON_SPEC,
      1,
    )
  ).rows;
  const overall = (
    await finishRows(
      whole(overallPlan),
      raw.filter((r) => r.all_groups === true),
      REASON_SPEC,
      1,
    )
  ).rows.map((row) => ({
    ...row,
    keys: { ...Object.fromEntries(outer.map((d) => [d, null])), ...row.keys },
  }));
  const groupId = (row: MetricRowBase): string => JSON.stringify(outer.map((d) => row.keys[d] ?? null));
  const reasonId = (row: MetricRowBase): string | null =>
    row.isTotal ? null : (row.keys.declineReason ?? NO_REASON);
  // The distinct employees declining in each cell (not published, protected like the declines).
  const personDims: Dimension[] = [...outer, 'declineReason'];
  const groupKeyOf = (allGroups: boolean, isTotal: boolean, keys: (d: Dimension) => unknown) =>
    JSON.stringify([
      allGroups,
      isTotal,
      ...personDims.map((d) => {
        const v = keys(d);
        return v === null || v === undefined ? null : String(v);
      }),
    ]);
  const personsKey = (
    period: unknown,
    allGroups: boolean,
    isTotal: boolean,
    keys: (d: Dimension) => unknown,
  ) =>
    `${period === null || period === undefined ? 'null' : String(period)}|${groupKeyOf(allGroups, isTotal, keys)}`;
  const personsOf = new Map(
    raw.map((r) => [
      personsKey(
        plan.grain ? r.period : null,
        r.all_groups === true,
        r.is_total === true,
        (d) => r[keyAlias(d)],
      ),
      count(r.employees),
    ]),
  );
  // Their quarters' and years' own counts (distinct persons do not add up over time).
  const coarsePersons: Record<string, number> = Object.fromEntries(
    Object.entries(coarser).flatMap(([level, rows]) =>
      (rows ?? []).map((r) => [
        `${level}|${personsKey(r.period, r.all_groups === true, r.is_total === true, (d) => r[keyAlias(d)])}`,
        count(r.employees),
      ]),
    ),
  );
  const cells = [
    ...groups.map((row) => ({ row, a: groupId(row) as string | null })),
    ...overall.map((row) => ({ row, a: null as string | null })),
  ].map(({ row, a }) => ({
    row,
    a,
    b: reasonId(row),
    table: row.period,
    n: row.declines ?? 0,
    persons: personsOf.get(personsKey(row.period, a === null, row.isTotal, (d) => row.keys[d])) ?? 0,
    gid: groupKeyOf(a === null, row.isTotal, (d) => row.keys[d]),
  }));
  const reasons = new Map<MetricRow<ReasonCounts>, SuppressionReason>();
  // Only periods with a small count need the solver (see suppressCells); with a grain, declines add
  // up over time, so each calendar year is one system with its quarters and year (suppressOverTime).
  const grain = plan.grain;
  const isSmall = (v: number) => v > 0 && v < minN;
  const small = new Set(
    cells
      .filter((c) => isSmall(c.n) || isSmall(c.persons))
      .map((c) => (grain && c.table ? c.table.slice(0, 4) : c.table)),
  );
  const solve = cells.filter((c) => small.has(grain && c.table ? c.table.slice(0, 4) : c.table));
  (
    await suppressionReasonsOffThread(
      solve.map(({ n, a, b, table, persons, gid }) => ({ n, a, b, table, persons, gid })),
      {
        groupKeys: ['a', 'b'],
        minN,
        counts: ['persons'],
        ...(grain ? { periods: { key: 'table', grain } } : { partitionKeys: ['table'] }),
      },
      signal,
      grain
        ? {
            field: 'persons',
            levels: Object.keys(coarser).filter(
              (level) => coarser[level as keyof typeof coarser] !== undefined,
            ),
            idField: 'gid',
            values: coarsePersons,
          }
        : undefined,
    )
  ).forEach((reason, i) => {
    if (reason !== null) reasons.set(solve[i]!.row, reason);
  });
  // A group (or the total) hidden in the main rows has its declines unpublished: hide its reasons.
  const mainKey = (row: MetricRowBase) => `${row.period}|${row.isTotal ? 'total' : groupId(row)}`;
  const hiddenInMain = new Set(main.filter((r) => r.suppressed).map(mainKey));
  for (const { row, a } of cells) {
    const key = `${row.period}|${a === null ? 'total' : a}`;
    if (hiddenInMain.has(key) && !reasons.has(row)) reasons.set(row, 'complementary');
  }
  // A table's total is its group's declines, which the rows publish where they show the group: a
  // small one (the rows hide those since the declined are protected like n, but the check stays),
  // or one the protection here hid as a complement (its cells rest on it being unknown; statistics
  // audit of 2026-12-06: KEL-62.71.01.1003 in 2023, declined 5 in the rows, its total hidden as a
  // complement of its three reasons), withholds the breakdown. So where a breakdown is computed, a
  // group's declines are hidden in the rows iff its total is hidden here (zeros aside).
  const smallShown = cells.some(
    ({ row, a, n, persons }) =>
      row.isTotal &&
      (isSmall(n) || isSmall(persons) || reasons.has(row)) &&
      shownInMain.has(`${periodKey(row.period)}|${a === null ? 'total' : a}`),
  );
  const finish = (rows: readonly MetricRow<ReasonCounts>[]): MetricRow<ReasonCounts>[] => {
    const tableOf = (row: MetricRowBase) => `${row.period}|${groupId(row)}`;
    const hiddenTotals = new Set(rows.filter((r) => r.isTotal && reasons.has(r)).map(tableOf));
    return rows.map((row) => {
      const reason = reasons.get(row) ?? null;
      if (reason !== null)
        return {
          ...row,
          n: null,
          declines: null,
          pctOfTotal: null,
          suppressed: true,
          suppressionReason: reason,
        };
      // pctOfTotal is of the group's declines: null when they are hidden (as finishRows does).
      return hiddenTotals.has(tableOf(row)) ? { ...row, pctOfTotal: null } : row;
    });
  };
  // Per period: the groups' tables, then the total's; only the periods reported.
  const reported = (row: MetricRowBase) =>
    row.period === null ||
    ((plan.reportFrom === undefined || row.period >= plan.reportFrom) &&
      (plan.reportTo === undefined || row.period <= plan.reportTo));
  const byPeriod = new Map<string | null, DeclineReasonRow[]>();
  const published = [...withShares(finish(groups)), ...withShares(finish(overall))];
  for (const row of (smallShown ? withheld(published) : published).filter(reported)) {
    const list = byPeriod.get(row.period) ?? [];
    list.push(row);
    byPeriod.set(row.period, list);
  }
  return [...byPeriod.values()].flat();
}
