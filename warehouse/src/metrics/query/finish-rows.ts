import type { PlainRow } from '../../db/index.ts';
import type { Dimension, MetricQuery, TimeGrain } from '../filter.ts';
import { type CoarseCounts, suppressCells, suppressOverTime } from './disclosure-adapter.ts';
import type { RowCount } from './filter-complements.ts';
import { MetricInputError } from './metric-input-error.ts';
import type { Comparison, GroupKeys, MetricResult, MetricRow, SuppressionReason } from './metric-row.ts';
import { periodSeries, periodsPerYear, shiftPeriod } from './periods.ts';
import { keyAlias, planQuery, type QueryPlan } from './plan-query.ts';

/** SQL rows of the same query at coarser grains (`finishRows`'s `coarser`). */
export type CoarserRows = Partial<Record<TimeGrain, readonly PlainRow[]>>;

/**
 * The same query at each coarser grain a month or quarter series is tied to (quarter and year, or
 * year), over the same whole years: a metric with `MeasureSpec.persons` runs its SQL on each and
 * passes the rows to `finishRows` (none at grain year or without a grain).
 */
export async function readCoarser(
  plan: QueryPlan,
  query: MetricQuery,
  run: (coarse: QueryPlan) => Promise<readonly PlainRow[]>,
  /** The plan's breakdown dimension (`planQuery`'s), if it has one. */
  breakdown?: Dimension,
): Promise<CoarserRows> {
  const grains: TimeGrain[] =
    plan.grain === 'month' ? ['quarter', 'year'] : plan.grain === 'quarter' ? ['year'] : [];
  const out: CoarserRows = {};
  for (const grain of grains) {
    const filter = {
      ...query.filter,
      ...(plan.from ? { from: `${plan.from.slice(0, 4)}-01-01` } : {}),
      ...(plan.to ? { to: `${plan.to.slice(0, 4)}-12-31` } : {}),
    };
    out[grain] = await run(
      planQuery(plan.metric, { ...query, grain, compare: false, filter }, undefined, breakdown),
    );
  }
  return out;
}

/**
 * Counts a metric protects like n (`MeasureSpec.protect`) that its rows also publish, by measure
 * field: `protect` reads them, and the guards across queries compare them in their relaxations
 * (`guardFilterComplements`'s `counts`, in guarded-metrics.ts). One list for both, so that a count
 * protected within an answer is never left out of the comparison of two answers.
 */
export interface PublishedCounts<M> {
  /** The counts the rows publish, by measure field. */
  readonly fields: readonly (keyof M & string)[];
  /** What the guards compare beside n: the fields, then the complements (`withComplements`). */
  readonly guarded: readonly RowCount[];
  protect(m: M): number[];
}

export function publishedCounts<M>(...fields: (keyof M & string)[]): PublishedCounts<M> {
  return { fields, guarded: fields, protect: (m) => fields.map((f) => Number(m[f] ?? 0)) };
}

/**
 * `counts` with the complement of each of `complemented` protected too: n − the count, the other
 * cell of a two-cell row (participation's employees who took part in nothing), `n` naming the
 * measure that holds the row's n. Declared once here, for `protect` and the guards alike (a privacy
 * review of 2026-12-07).
 */
export function withComplements<M>(
  counts: PublishedCounts<M>,
  n: keyof M & string,
  ...complemented: (keyof M & string)[]
): PublishedCounts<M> {
  return {
    fields: counts.fields,
    guarded: [...counts.guarded, ...complemented.map((f) => ({ complementOf: f }))],
    protect: (m) => [...counts.protect(m), ...complemented.map((f) => Number(m[n] ?? 0) - Number(m[f] ?? 0))],
  };
}

/** How a metric turns its SQL row into measures, and what its headline and additive count are. */
export interface MeasureSpec<M> {
  /** Typed measures from one SQL row. */
  read(raw: PlainRow): M;
  /** n of a row (the metric's unit). */
  n(m: M): number;
  /** Headline value compared across periods. */
  value(m: M): number | null;
  /**
   * Whether a row's headline may be compared with another period's (default: always). When the row
   * or the earlier one is not, the comparison keeps the earlier value but has no delta (e.g. service
   * times of a period whose open requests leave its median of the quick ones only).
   */
  comparable?(m: M): boolean;
  /** Additive count behind percent of total (defaults to n). */
  share?(m: M): number | null;
  /**
   * Further additive counts the row shows whose units n does not cover (e.g. reaction: the completed
   * enrollments behind its response rate, of which the respondents n are a part; service times: the
   * handler-months behind requests per handler-month). Each is protected like n: a row is hidden
   * when any of them is small (0 < count < minN), and complementary suppression runs per count.
   * Counts that are parts of n (completed of enrolled) need nothing: n's rule covers them, unless
   * another metric publishes that part as its own n (the invitations enrolled, completion's n: the
   * funnel and resistance protect them, so that all three hide the same cells). `raw` is the SQL row,
   * for a count the measures do not carry.
   */
  protect?(m: M, raw: PlainRow): readonly number[];
  /**
   * Distinct employees behind the row (count(DISTINCT employee_key) in the same grouping), for
   * metrics whose unit is an event of an employee (an invitation, an enrollment, a response): one
   * employee with five invitations is n = 5 but still one person's record. Protected like the
   * `protect` counts (a row is hidden when 0 < persons < minN, with complementary suppression on
   * them). Read from the SQL row, not a measure: never published. The guards across queries need
   * no count of them: they compare published answers, in which a row hidden for its employees is
   * hidden like any other (a list filter's slice with one employee is itself a hidden answer).
   *
   * Distinct persons do not add up (one employee invited to two programs is one person in the total
   * and one in each program's row; a quarter's persons are at most the sum of its months'), while
   * the disclosure library treats every protected count as additive. Why that is conservative here:
   * - Primary: a row resting on 1 … minN − 1 employees is hidden whatever its n; hiding more never
   *   reveals more.
   * - Complementary: the persons themselves are never published, so no reader subtracts them; what
   *   a reader adds and subtracts are the published event counts, which do add up, over the same
   *   lines (a table's cells and total, a 2-D table's margins, a group's months and quarter and
   *   year). Whether a hidden entry can be derived exactly from such lines depends only on which
   *   entries are hidden, not on their values; complements chosen so that no person-hidden entry is
   *   derivable as a count on those lines leave its events (and the measures computed from them)
   *   underivable too. Where the true margin is smaller than the sum of the cells, the solver only
   *   sees a larger margin: a value it uses to choose complements, never a published one.
   * - Over time (month and quarter grains, `additiveOverTime`): the quarters and years are decided
   *   on their own distinct persons (the metric reads them with `readCoarser`; `finishRows`'s
   *   `coarser`), exactly as the quarter and year queries decide them, and what those hide for
   *   persons (the small row and its complement) stays underivable from the months. The lines
   *   tying a year to its months still add the months' persons, at least the true number: only a
   *   bound the solver uses to choose complements, never a published figure. Without `coarser`
   *   the sums stand in for the coarser counts, and the coarser query's person complements can
   *   differ from the ones modelled here.
   * - A two-way table's margins are modelled as the one-way answers decide them from the sums of
   *   the cells' persons: exact for person attributes (an employee is in one agency and grade group
   *   at a time), an upper bound across programs, where the one-way answer's person complement can
   *   differ from the one modelled.
   */
  persons?(m: M, raw: PlainRow): readonly number[];
  /**
   * Whether n and the protected counts add up over time: a quarter's count is the sum of its
   * months' (invitations, requests, respondents; default). Then disclosure control also protects
   * each count against the coarser periods the same query publishes at another grain. False for
   * counts of distinct persons over a period (participation's yearly headcount in every month).
   */
  additiveOverTime?: boolean;
  /** Measures of a period with no data. */
  empty(): M;
  /** Measures of a suppressed row: every value hidden. */
  hide(m: M): M;
}

interface Draft<M> {
  keys: GroupKeys;
  keyId: string;
  /** Disclosure table (period + outer keys) the row belongs to. */
  tableId: string;
  period: string | null;
  isTotal: boolean;
  n: number;
  measures: M;
  /** Further protected counts: `protect`'s, then the distinct persons (`MeasureSpec.persons`). */
  counts: readonly number[];
  suppressionReason: SuppressionReason | null;
}

/**
 * The most rows one metric answer may have, empty periods filled (TOO_MANY_ROWS beyond): grain
 * month over 1900 … 2999 by agency would be some 700,000, nearly all empty, and its JSON tens of
 * megabytes built in one go.
 */
export const MAX_METRIC_ROWS = 50_000;

const TOTAL_ID = '\u0000total';
const totalId = (keys: GroupKeys, outer: readonly Dimension[]): string => TOTAL_ID + keyIdOf(keys, outer);

function keyIdOf(keys: GroupKeys, dims: readonly Dimension[]): string {
  return JSON.stringify(dims.map((d) => keys[d] ?? null));
}

/** Tenure bands in the order of the years they count, not as strings ('10-19' before '5-9'). */
const TENURE_ORDER: Readonly<Record<string, string>> = { '<5': '0', '5-9': '1', '10-19': '2', '20+': '3' };

/**
 * keyIdOf for sorting rows: the values as keyIdOf has them, tenure bands by their years. Every
 * place that orders or adds rows sorts by it (`rowOrder`), so no row's place tells how it came to be
 * there (e.g. a hidden row added for a combination without data).
 */
export function sortId(keys: GroupKeys, dims: readonly Dimension[]): string {
  return JSON.stringify(
    dims.map((d) => {
      const v = keys[d] ?? null;
      return d === 'tenureBand' && v !== null ? `\u0000${TENURE_ORDER[v] ?? v}` : v;
    }),
  );
}

/**
 * A row's place in its answer: by period, then its table (the outer dimensions' values), the total
 * last in its table, the groups by their values (`sortId`) over every dimension.
 */
export function rowOrder(
  row: { readonly period: string | null; readonly keys: GroupKeys; readonly isTotal: boolean },
  outerDims: readonly Dimension[],
  dims: readonly Dimension[],
): string {
  return `${row.period ?? ''}|${sortId(row.keys, outerDims)}|${row.isTotal ? '\uffff' : sortId(row.keys, dims)}`;
}

const toKey = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * The shared tail of every grouped metric: SQL rows → typed rows with empty periods filled,
 * disclosure control applied per table (one table = the groups and total of one period; with a grain
 * and counts that add up over time, also across the periods of each calendar year against the
 * quarters and years a coarser query publishes), percent of total, comparisons with the previous
 * period and the same period last year, and rows outside the reported range (read only for
 * comparisons and for deciding suppression on whole years) dropped. Disclosure control runs off the
 * main thread when large (`runDisclosureTask`); aborting `signal` stops it (DisclosureAbortedError).
 */
export async function finishRows<M>(
  plan: QueryPlan,
  raw: readonly PlainRow[],
  spec: MeasureSpec<M>,
  minN: number,
  /**
   * The same query's SQL rows at the coarser grains disclosure control ties a month or quarter
   * series to (`coarserPlans`), for `spec.persons`: distinct persons do not add up over time, so
   * each quarter and year is decided on its own count, as the quarter and year queries decide it.
   */
  coarser?: CoarserRows,
  /** Aborts the disclosure work (the request timed out): the call rejects. */
  signal?: AbortSignal,
): Promise<MetricResult<MetricRow<M>>> {
  const dims = plan.groupBy;
  const keysOf = (r: PlainRow) => {
    const isTotal = r.is_total === true;
    const keys: GroupKeys = {};
    for (const d of dims) keys[d] = isTotal && !plan.outerDims.includes(d) ? null : toKey(r[keyAlias(d)]);
    return { isTotal, keys, keyId: isTotal ? totalId(keys, plan.outerDims) : keyIdOf(keys, dims) };
  };
  const protectWidth = raw.reduce((w, r) => Math.max(w, spec.protect?.(spec.read(r), r).length ?? 0), 0);
  const drafts: Draft<M>[] = raw.map((r) => {
    const { isTotal, keys, keyId } = keysOf(r);
    const measures = spec.read(r);
    const protect = spec.protect?.(measures, r) ?? [];
    const counts = [
      ...protect,
      ...Array.from({ length: protectWidth - protect.length }, () => 0),
      ...(spec.persons?.(measures, r) ?? []),
    ];
    return {
      keys,
      keyId,
      tableId: `${toKey(r.period)}|${keyIdOf(keys, plan.outerDims)}`,
      period: plan.grain ? toKey(r.period) : null,
      isTotal,
      n: spec.n(measures),
      measures,
      counts,
      suppressionReason: null,
    };
  });
  const filled = fill(plan, drafts, spec);
  const innerDims = plan.groupBy.filter((d) => !plan.outerDims.includes(d));
  // At grain year nothing ties periods together: each year's tables alone, as the year level of a
  // month or quarter query decides them (same tables, same rules, same order).
  if (plan.grain && plan.grain !== 'year' && spec.additiveOverTime !== false) {
    const cells = filled.map((d) => ({
      n: d.n,
      counts: d.counts,
      tableId: d.tableId,
      period: d.period!,
      outerId: keyIdOf(d.keys, plan.outerDims),
      isTotal: d.isTotal,
      keys: d.keys,
      suppressionReason: null as SuppressionReason | null,
    }));
    // Persons of each coarser period and group, where the caller read them (else: the sums), as
    // plain data a disclosure worker can take.
    const values: Record<string, readonly number[]> = {};
    for (const [grain, rows] of Object.entries(coarser ?? {})) {
      for (const r of rows ?? []) {
        values[`${grain}|${toKey(r.period)}|${keysOf(r).keyId}`] = spec.persons?.(spec.read(r), r) ?? [];
      }
    }
    const coarse: CoarseCounts = {
      offset: protectWidth,
      levels: (Object.keys(coarser ?? {}) as TimeGrain[]).filter((g) => coarser?.[g] !== undefined),
      values,
      groupIds: cells.map((c) => (c.isTotal ? totalId(c.keys, plan.outerDims) : keyIdOf(c.keys, dims))),
    };
    await suppressOverTime(cells, innerDims, minN, plan.grain, coarse, signal);
    cells.forEach((c, i) => {
      filled[i]!.suppressionReason = c.suppressionReason;
    });
  } else {
    await suppressCells(filled, innerDims, minN, signal);
    await protectCounts(filled, innerDims, minN, signal);
  }
  if (innerDims.length === 2 && plan.outerDims.length === 0) densifyHiddenTables(filled, dims, spec);
  const byKey = new Map(filled.map((d) => [`${d.keyId}|${d.period}`, d]));
  const totals = new Map(filled.filter((d) => d.isTotal).map((d) => [d.tableId, d]));
  const share = spec.share ?? spec.n;
  const headline = (d: Draft<M> | undefined): number | null =>
    d === undefined || d.suppressionReason !== null ? null : spec.value(d.measures);
  const rows = filled
    .filter(
      (d) =>
        d.period === null ||
        ((plan.reportFrom === undefined || d.period >= plan.reportFrom) &&
          (plan.reportTo === undefined || d.period <= plan.reportTo)),
    )
    .map((d): MetricRow<M> => {
      const hidden = d.suppressionReason !== null;
      const total = totals.get(d.tableId);
      const part = hidden ? null : share(d.measures);
      const whole = total && total.suppressionReason === null ? share(total.measures) : null;
      const grain = plan.grain;
      const compareWith = (offset: number): Comparison | null => {
        if (!plan.compare || !grain || d.period === null) return null;
        const earlier = byKey.get(`${d.keyId}|${shiftPeriod(grain, d.period, -offset)}`);
        const c = comparison(headline(d), headline(earlier));
        const comparable = (x: Draft<M> | undefined) =>
          x === undefined || (spec.comparable?.(x.measures) ?? true);
        return comparable(d) && comparable(earlier) ? c : { ...c, delta: null, deltaPct: null };
      };
      return {
        keys: d.keys,
        period: d.period,
        isTotal: d.isTotal,
        n: hidden ? null : d.n,
        pctOfTotal: part !== null && whole !== null && whole !== 0 ? (part / whole) * 100 : null,
        suppressed: hidden,
        suppressionReason: d.suppressionReason,
        previousPeriod: compareWith(1),
        samePeriodLastYear: compareWith(grain ? periodsPerYear(grain) : 1),
        ...(hidden ? spec.hide(d.measures) : d.measures),
      };
    });
  return { rows, minN };
}

/**
 * A two-way table hidden whole (every cell; the last resort of `applySuppression`, rule 4) is
 * protected only if its zeros are hidden too: the rule assumes a reader no longer knows which cells
 * are 0, so that "every hidden count is at least 1" no longer holds. A metric has no row for a
 * combination without data, so its absence would publish that zero. So the rows of such a table
 * become every combination of the values either dimension has in the answer (their one-way totals
 * are not 0, and published), the missing ones as hidden rows of n 0, in every period (a group a
 * shown period lacks would be a zero of the hidden one). On the scale-1 demo the funnel by agency ×
 * program in 2023, hidden whole, gave 8 cells back from its rows and the two one-way tables.
 */
function densifyHiddenTables<M>(drafts: Draft<M>[], dims: readonly Dimension[], spec: MeasureSpec<M>): void {
  const tables = new Map<string, { cells: number; hidden: number; period: string | null }>();
  for (const d of drafts) {
    if (d.isTotal) continue;
    const t = tables.get(d.tableId) ?? { cells: 0, hidden: 0, period: d.period };
    t.cells += 1;
    if (d.suppressionReason !== null) t.hidden += 1;
    tables.set(d.tableId, t);
  }
  const whole = new Set([...tables].filter(([, t]) => t.cells > 0 && t.hidden === t.cells).map(([id]) => id));
  if (whole.size === 0) return;
  const [a, b] = dims as [Dimension, Dimension];
  const values = (dim: Dimension) =>
    [
      ...new Map(
        drafts
          .filter((d) => !d.isTotal)
          .map((d) => [JSON.stringify(d.keys[dim] ?? null), d.keys[dim] ?? null]),
      ),
    ].map(([, v]) => v);
  const present = new Set(drafts.map((d) => `${d.keyId}|${d.period}`));
  const periods = [...new Set(drafts.map((d) => d.period))];
  const valuesOfA = values(a);
  const valuesOfB = values(b);
  for (const period of periods) {
    const tableId = `${period}|${keyIdOf({}, [])}`;
    for (const va of valuesOfA) {
      for (const vb of valuesOfB) {
        const keys: GroupKeys = { [a]: va, [b]: vb };
        const keyId = keyIdOf(keys, dims);
        if (present.has(`${keyId}|${period}`)) continue;
        drafts.push({
          keys,
          keyId,
          tableId,
          period,
          isTotal: false,
          n: 0,
          measures: spec.empty(),
          counts: [],
          suppressionReason: whole.has(tableId) ? 'complementary' : null,
        });
      }
    }
  }
  // The rows added for combinations without data sort in among the others (tenure bands by years).
  const order = (d: Draft<M>) => rowOrder(d, [], dims);
  drafts.sort((x, y) => {
    const p = order(x);
    const q = order(y);
    return p < q ? -1 : p > q ? 1 : 0;
  });
}

const STRENGTH: Record<SuppressionReason, number> = { complementary: 1, primary: 2 };

/**
 * Disclosure control for the counts of `MeasureSpec.protect`: each count gets its own primary and
 * complementary suppression over the same tables as n, and a row ends up hidden when any count's
 * solution hides it ('primary' wins over 'complementary'). Hiding more never reveals more (a reader
 * only gains unknowns), so the union protects every count as its own solution does.
 */
async function protectCounts<M>(
  drafts: Draft<M>[],
  innerDims: readonly Dimension[],
  minN: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const values = drafts.map((d) => d.counts);
  const width = values.reduce((w, v) => Math.max(w, v.length), 0);
  for (let k = 0; k < width; k += 1) {
    const cells = drafts.map((d, i) => ({
      n: values[i]![k] ?? 0,
      tableId: d.tableId,
      isTotal: d.isTotal,
      keys: d.keys,
      suppressionReason: null as SuppressionReason | null,
    }));
    await suppressCells(cells, innerDims, minN, signal);
    cells.forEach((c, i) => {
      const d = drafts[i]!;
      if (c.suppressionReason === null) return;
      if (d.suppressionReason === null || STRENGTH[c.suppressionReason] > STRENGTH[d.suppressionReason])
        d.suppressionReason = c.suppressionReason;
    });
  }
}

/**
 * A difference without binary floating-point noise (1.2 − 1.4 is −0.19999999999999996 in IEEE
 * doubles): 12 significant digits, far below any measure's own precision.
 */
const clean = (x: number): number => Number(x.toPrecision(12));

/** A headline against an earlier one (`previousPeriod`, `samePeriodLastYear`). */
export function comparison(current: number | null, earlier: number | null): Comparison {
  const delta = current !== null && earlier !== null ? clean(current - earlier) : null;
  return {
    value: earlier,
    delta,
    deltaPct:
      delta !== null && earlier !== null && earlier !== 0 ? clean((delta / Math.abs(earlier)) * 100) : null,
  };
}

/** Every group (and the total) gets a row in every period of the range; rows sorted. */
function fill<M>(plan: QueryPlan, drafts: Draft<M>[], spec: MeasureSpec<M>): Draft<M>[] {
  const groups = new Map<string, { keys: GroupKeys; isTotal: boolean; outerId: string }>();
  if (plan.outerDims.length === 0) {
    const totalKeys: GroupKeys = Object.fromEntries(plan.groupBy.map((d) => [d, null]));
    groups.set(totalId(totalKeys, []), { keys: totalKeys, isTotal: true, outerId: keyIdOf(totalKeys, []) });
  }
  for (const d of drafts) {
    groups.set(d.keyId, { keys: d.keys, isTotal: d.isTotal, outerId: keyIdOf(d.keys, plan.outerDims) });
  }
  let periods: (string | null)[] = [null];
  if (plan.grain) {
    const seen = drafts.map((d) => d.period).filter((p): p is string => p !== null);
    const lo =
      plan.from ?? seen.reduce<string | undefined>((a, b) => (a === undefined || b < a ? b : a), undefined);
    const hi =
      plan.to ?? seen.reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
    periods = lo !== undefined && hi !== undefined && lo <= hi ? periodSeries(plan.grain, lo, hi) : [];
  }
  const rows = periods.length * groups.size;
  if (rows > MAX_METRIC_ROWS) {
    throw new MetricInputError(
      `the answer would have ${rows} rows (${periods.length} periods × ${groups.size} groups and totals), ` +
        `more than ${MAX_METRIC_ROWS}: narrow filter.from … filter.to, take a coarser grain or fewer groupBy dimensions`,
      { reason: 'TOO_MANY_ROWS', field: plan.grain ? 'grain' : 'groupBy', rows, max: MAX_METRIC_ROWS },
    );
  }
  const existing = new Map(drafts.map((d) => [`${d.keyId}|${d.period}`, d]));
  const out: Draft<M>[] = [];
  for (const period of periods) {
    for (const [keyId, { keys, isTotal, outerId }] of groups) {
      const found = existing.get(`${keyId}|${period}`);
      out.push(
        found ?? {
          keys,
          isTotal,
          keyId,
          tableId: `${period}|${outerId}`,
          period,
          n: 0,
          measures: spec.empty(),
          counts: [],
          suppressionReason: null,
        },
      );
    }
  }
  const keyed = out.map((d) => ({ d, order: rowOrder(d, plan.outerDims, plan.groupBy) }));
  keyed.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  return keyed.map((k) => k.d);
}
