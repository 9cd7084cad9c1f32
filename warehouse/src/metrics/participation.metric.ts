import type { Db, PlainRow } from '../db/index.ts';
import { ENROLLMENTS_BY_COMPLETION, HEADCOUNT } from './bindings.ts';
import type { MetricQuery } from './filter.ts';
import { partnerCountsOf, partnerQuery, sharedReads, withPartnerCounts } from './headcount-partners.ts';
import { jpCounts, jpRows } from './jp-compliance.metric.ts';
import { orLegacy, PARTICIPATION_SLOTS } from './metric-aggregates.ts';
import type { YearMasks } from './query/distinct-years.ts';
import { finishRows, publishedCounts, withComplements } from './query/finish-rows.ts';
import { count, nulled, ratio } from './query/measures.ts';
import { type MetricOptions, resolveMinN } from './query/metric-options.ts';
import type { MetricRow } from './query/metric-row.ts';
import { periodSql, periodStart } from './query/periods.ts';
import {
  andAll,
  assertFilterFields,
  filterPredicates,
  groupingSql,
  keyAlias,
  planQuery,
  type QueryPlan,
  sameKeys,
} from './query/plan-query.ts';
import { type RangedResult, readRange } from './service-times.metric.ts';

export interface ParticipationMeasures {
  /** Active employees (fct_headcount) in the group. */
  readonly headcount: number | null;
  /** Of those, employees with ≥ 1 completed enrollment in the period. */
  readonly participants: number | null;
  /** participants / headcount, 0–1; null when the headcount is 0. */
  readonly rate: number | null;
}
export type ParticipationRow = MetricRow<ParticipationMeasures>;

/**
 * The participants, and those who took part in nothing (headcount − participants, the row's other
 * cell), protected like n (see the spec below) and compared across queries.
 */
export const PARTICIPATION_COUNTS = withComplements(
  publishedCounts<ParticipationMeasures>('participants'),
  'headcount',
  'participants',
);
const PERSON_FILTERS = ['agencies', 'gradeGroups', 'tenureBands', 'employmentTypes'] as const;
const PROGRAM_FILTERS = ['programs', 'methods', 'competencyAreas'] as const;

/**
 * Participation rate: employees with ≥ 1 completed enrollment in the period / active headcount.
 *
 * Grain: employees. The denominator is marts.fct_headcount (employees holding an assignment on 30 June
 * of the year), so it is yearly, but the numerator is not: grains month, quarter and year all work,
 * a month or quarter measured against its year's headcount. An employee counts as a participant in
 * the group they belonged to in the year of the completion. `from`/`to` (whole periods of the grain,
 * see `planQuery`) restrict the completions; the headcount is that of every year the range touches
 * (grain month from 2023-03-01 to 2023-05-31: March, April and May, each over the 2023 headcount).
 * Without a grain the range is whole years and may span several: both sides count distinct
 * employees over it. Person filters (agency, grade group, tenure band, employment type) and groupBy
 * apply to the headcount; program, method and competency-area filters restrict which completions
 * count (share of staff who completed e.g. an e-learning). n = headcount; percent of total is of
 * participants. Without program filters completions are read from agg_participation_employee_year
 * at month resolution; with them, from the facts by day. `range` in the result says which.
 */
export async function participation(
  db: Db,
  query: MetricQuery,
  options?: MetricOptions & {
    /** Read completions from the facts even without program filters (for tests; default false). */
    readonly fromFacts?: boolean;
    /**
     * The JP threshold of the JP compliance whose cells participation protects too (default 20,
     * headcount-partners.ts): the one the caller publishes beside it (the scorecard's).
     */
    readonly jpThreshold?: number;
  },
): Promise<RangedResult<ParticipationRow>> {
  const minN = resolveMinN(options);
  const plan = planQuery('participation', query);
  const byDay = readsFacts(plan) || options?.fromFacts === true;
  const raw = await readRows(db, query, plan, byDay);
  // JP compliance's cells of the same table, protected here too, and for a month or quarter series
  // its year's participants (headcount-partners.ts). With minN 1 nothing is hidden and nothing needs
  // them.
  const partner = partnerQuery(query, plan);
  const rows =
    partner === undefined || minN <= 1
      ? raw
      : withPartnerCounts(raw, plan, [
          {
            rows: await jpRows(db, partner, planQuery('jpCompliance', partner), options?.jpThreshold),
            counts: jpCounts,
          },
          ...(plan.grain === 'month' || plan.grain === 'quarter'
            ? [{ rows: await participationRows(db, partner), counts: participationCounts }]
            : []),
        ]);
  const result = await finishRows<ParticipationMeasures>(
    plan,
    rows,
    {
      read: (r) => {
        const headcount = count(r.headcount);
        const participants = count(r.participants);
        return { headcount, participants, rate: ratio(participants, headcount) };
      },
      n: (m) => m.headcount ?? 0,
      // The yearly headcount in every month: months do not add up to their year.
      additiveOverTime: false,
      value: (m) => m.rate,
      share: (m) => m.participants,
      // The participants are distinct employees who completed a training: the employees behind
      // completion's, reaction's and learning's cells (by agency, by agency × program with a program
      // filter), which hide 1 … minN − 1 of them. Protected like n, so that a row showing the
      // headcount does not show those few (review of 2026-12-05: KEP-CO 2024 by agency, DAMKAR's 3
      // participants of 122 shown, a cell completion and reaction hide; 1,487 such rows over
      // 2021–2024 on the scale-1 demo, and 266 by agency unfiltered).
      // And the employees who took part in nothing, headcount − participants: the other cell of
      // the same row (16 employees, 15 participants showed the 1 who did not: a privacy review of
      // 2026-12-07).
      // And JP compliance's compliant, those below the threshold and those with any JP, as JP
      // compliance protects these (headcount-partners.ts): both hide the same cells of their common
      // table.
      protect: (m, r) => [...PARTICIPATION_COUNTS.protect(m), ...partnerCountsOf(r)],
      empty: () => ({ headcount: 0, participants: 0, rate: null }),
      hide: nulled,
    },
    minN,
    undefined,
    options?.signal,
  );
  return { ...result, range: readRange(plan.filter, byDay ? 'day' : 'month', 'fct_enrollments') };
}

/** Whether participation reads the facts: with a program, method or competency-area filter. */
function readsFacts(plan: QueryPlan): boolean {
  assertFilterFields(plan, [...PERSON_FILTERS, ...PROGRAM_FILTERS]);
  return PROGRAM_FILTERS.some((f) => (plan.filter[f]?.length ?? 0) > 0);
}

/**
 * Participation's SQL rows for `plan` (`query` planned), before disclosure control. Within a
 * `sharingReads` call the same read runs once (JP compliance reads the same rows as its partner).
 */
async function readRows(db: Db, query: MetricQuery, plan: QueryPlan, byDay: boolean): Promise<PlainRow[]> {
  db = sharedReads(db);
  return byDay
    ? fromFacts(db, plan)
    : orLegacy(
        () => fromAggregate(db, plan),
        () => fromAggregate(db, planQuery('participation', query), true),
      );
}

/**
 * Participation's SQL rows for `query` before disclosure control (`headcount`, `participants` per
 * row): JP compliance reads them to protect the same cells (headcount-partners.ts).
 */
export async function participationRows(db: Db, query: MetricQuery): Promise<PlainRow[]> {
  const plan = planQuery('participation', query);
  return readRows(db, query, plan, readsFacts(plan));
}

/** Participation's cells JP compliance protects too: the participants and those who took part in nothing. */
export function participationCounts(row: PlainRow): number[] {
  const headcount = count(row.headcount);
  const participants = count(row.participants);
  return [participants, headcount - participants];
}

/**
 * Fast path: agg_participation_employee_year holds each headcount row with a 12-bit mask of the
 * months in which the employee completed something; with a grain, agg_participation_cells holds those
 * rows summed per year and person cell, with one participant count per month, quarter and year slot,
 * so a small scan answers every grain. Completions are read at month resolution. With a grain the
 * plan reads whole years (`planQuery`), which the slot sums hold; a range that cut a period would
 * count only its months, from the employee-year masks (no longer asked for: ranges are whole
 * periods, but a legacy snapshot without the cells still reads the masks).
 */
async function fromAggregate(db: Db, plan: QueryPlan, legacy = false): Promise<PlainRow[]> {
  const where = andAll(filterPredicates(plan, HEADCOUNT, PERSON_FILTERS));
  const { params } = plan;
  // Months of the first and last year outside the range do not count.
  const fromMask = plan.from ? 0xfff & ~((1 << (Number(plan.from.slice(5, 7)) - 1)) - 1) : 0xfff;
  const toMask = plan.to ? (1 << Number(plan.to.slice(5, 7))) - 1 : 0xfff;
  const fy = plan.from ? Number(plan.from.slice(0, 4)) : 0;
  const ty = plan.to ? Number(plan.to.slice(0, 4)) : 0;
  // Bound once, on first use (a statement must not carry parameters it does not use).
  let rangeSql: string | undefined;
  const inRange = () =>
    (rangeSql ??= `completion_months
      & CASE WHEN year = ${params.bind(fy)} THEN ${params.bind(fromMask)} ELSE 4095 END
      & CASE WHEN year = ${params.bind(ty)} THEN ${params.bind(toMask)} ELSE 4095 END`);
  if (!plan.grain) {
    const { keys, groupBy } = groupingSql(plan, HEADCOUNT);
    return db.all(
      `SELECT ${keys}, count(DISTINCT employee_key) AS headcount,
         count(DISTINCT employee_key) FILTER (WHERE (${inRange()}) <> 0) AS participants
       FROM marts.agg_participation_employee_year WHERE ${where} ${groupBy}`,
      params.values,
    );
  }
  const grain = plan.grain;
  const yearly = { ...plan, grain: 'year' as const };
  const { keys, groupBy } = groupingSql(yearly, HEADCOUNT);
  const slotList = PARTICIPATION_SLOTS[grain];
  const groupKeys = plan.groupBy.map(keyAlias);
  // Does the range cut a period of the grain (at month resolution)? Then the slot sums of the cells,
  // which hold whole periods, would count months outside it.
  const months = MONTHS_PER_PERIOD[grain];
  const cut =
    (plan.from !== undefined && (Number(plan.from.slice(5, 7)) - 1) % months !== 0) ||
    (plan.to !== undefined && Number(plan.to.slice(5, 7)) % months !== 0);
  // legacy: a snapshot without agg_participation_cells (see orLegacy) counts the month masks.
  const fromMasks = legacy || cut;
  const sums = slotList
    .map((s, i) =>
      fromMasks
        ? `count(*) FILTER (WHERE (${inRange()}) & ${params.bind(s.mask)} <> 0) AS s${i}`
        : `CAST(sum(${s.column}) AS BIGINT) AS s${i}`,
    )
    .join(', ');
  const yearRows = await db.all(
    fromMasks
      ? `SELECT ${keys}, count(*) AS headcount, ${sums}
         FROM marts.agg_participation_employee_year WHERE ${where} ${groupBy}`
      : `SELECT ${keys}, CAST(sum(headcount) AS BIGINT) AS headcount, ${sums}
         FROM marts.agg_participation_cells WHERE ${where} ${groupBy}`,
    params.values,
  );
  const first = plan.from === undefined ? undefined : periodStart(grain, plan.from);
  const last = plan.to === undefined ? undefined : periodStart(grain, plan.to);
  return yearRows.flatMap((row) =>
    slotList.flatMap(({ month }, i) => {
      const period = `${String(row.period).slice(0, 4)}-${String(month).padStart(2, '0')}-01`;
      if ((first !== undefined && period < first) || (last !== undefined && period > last)) return [];
      const out: PlainRow = {
        period,
        is_total: row.is_total ?? null,
        headcount: row.headcount ?? null,
        participants: row[`s${i}`] ?? 0,
      };
      for (const k of groupKeys) out[k] = row[k] ?? null;
      return [out];
    }),
  );
}

const MONTHS_PER_PERIOD = { month: 1, quarter: 3, year: 12 } as const;

/**
 * For participation without a grain (`guardDistinctYears`): per group and the total, the employees
 * counted by their year masks, one query: bit y − first of the first mask set when the employee is in
 * the group's headcount in year y, of the second when they took part that year. Every sub-range's
 * headcount and participants follow from these counts. Reads agg_participation_employee_year, or the
 * facts with program filters, as the metric does.
 */
export async function participationYearMasks(db: Db, query: MetricQuery): Promise<YearMasks> {
  const plan = planQuery('participation', { ...query, grain: undefined, compare: false });
  const programFiltered = readsFacts(plan);
  const hcWhere = andAll(filterPredicates(plan, HEADCOUNT, PERSON_FILTERS));
  const base = programFiltered
    ? `WITH hc AS (SELECT * FROM marts.fct_headcount WHERE ${hcWhere}),
       done AS (
         SELECT DISTINCT employee_key, CAST(year(completed_on) AS INTEGER) AS year
         FROM marts.fct_enrollments
         WHERE ${andAll([
           "status = 'completed'",
           'completed_on IS NOT NULL',
           ...filterPredicates(plan, ENROLLMENTS_BY_COMPLETION, PROGRAM_FILTERS),
         ])}
       ),
       base AS (
         SELECT hc.*, done.employee_key IS NOT NULL AS took FROM hc LEFT JOIN done USING (employee_key, year)
       )`
    : `WITH base AS (
         SELECT *, completion_months <> 0 AS took FROM marts.agg_participation_employee_year WHERE ${hcWhere}
       )`;
  const { keys, groupBy } = groupingSql(plan, HEADCOUNT, { extra: ['employee_key'] });
  const aliases = plan.groupBy.map(keyAlias);
  const rows = await db.all(
    `${base},
     first AS (SELECT min(year) AS y0, max(year) AS y1 FROM base),
     per AS (
       SELECT ${keys},
         bit_or(CAST(1 AS BIGINT) << CAST(year - (SELECT y0 FROM first) AS BIGINT)) AS hc_mask,
         bit_or(CASE WHEN took THEN CAST(1 AS BIGINT) << CAST(year - (SELECT y0 FROM first) AS BIGINT)
                ELSE CAST(0 AS BIGINT) END) AS part_mask
       FROM base ${groupBy}
     )
     SELECT ${[...aliases, 'is_total'].join(', ')}, hc_mask, part_mask, count(*) AS units,
       (SELECT y0 FROM first) AS y0, (SELECT y1 FROM first) AS y1
     FROM per GROUP BY ALL`,
    plan.params.values,
  );
  const first = rows[0]?.y0;
  const last = rows[0]?.y1;
  return {
    first: first === null || first === undefined ? null : Number(first),
    last: last === null || last === undefined ? null : Number(last),
    rows: rows.map((r) => ({
      keys: Object.fromEntries(
        plan.groupBy.map((d) => [
          d,
          r[keyAlias(d)] === null || r[keyAlias(d)] === undefined ? null : String(r[keyAlias(d)]),
        ]),
      ),
      isTotal: r.is_total === true,
      masks: [BigInt(r.hc_mask as bigint | number), BigInt(r.part_mask as bigint | number)],
      units: Number(r.units),
    })),
  };
}

/** Facts path (program filters): completions from fct_enrollments joined to the headcount. */
async function fromFacts(db: Db, plan: QueryPlan): Promise<PlainRow[]> {
  const yearly = { ...plan, grain: plan.grain ? ('year' as const) : undefined };
  const hcWhere = andAll(filterPredicates(plan, HEADCOUNT, PERSON_FILTERS));
  const doneWhere = andAll([
    "status = 'completed'",
    'completed_on IS NOT NULL',
    ...filterPredicates(plan, ENROLLMENTS_BY_COMPLETION, PROGRAM_FILTERS),
  ]);
  const withPeriod = plan.grain !== undefined;
  const numKeys = groupingSql(plan, HEADCOUNT, { period: 'done.period' });
  const denKeys = groupingSql(yearly, HEADCOUNT);
  // fct_headcount has one row per employee and year, and numerator rows are distinct (employee,
  // period) pairs, so per period count(*) counts employees; without a grain one employee may appear
  // in several years, hence DISTINCT there (and only there: it is the costly part).
  const participants = withPeriod ? 'count(*)' : 'count(DISTINCT employee_key)';
  const range = (bound: string | undefined, fallback: string) =>
    bound ? `CAST(${plan.params.bind(bound)} AS DATE)` : fallback;
  const periods = plan.grain
    ? `periods AS (
         SELECT DISTINCT ${periodSql(plan.grain, 'd')} AS period FROM (
           SELECT unnest(generate_series(
             greatest(make_date(y, 1, 1), ${range(plan.from, 'make_date(y, 1, 1)')}),
             least(make_date(y, 12, 31), ${range(plan.to, 'make_date(y, 12, 31)')}),
             INTERVAL 1 DAY)) AS d
           FROM (SELECT DISTINCT year AS y FROM hc))
       ),
       den_p AS (
         SELECT p.period, den.* EXCLUDE (period) FROM den JOIN periods p ON year(p.period) = year(den.period)
       )`
    : 'den_p AS (SELECT * FROM den)';
  const sql = `
    WITH hc AS (SELECT * FROM marts.fct_headcount WHERE ${hcWhere}),
    done AS (
      SELECT DISTINCT employee_key, CAST(year(completed_on) AS INTEGER) AS year,
        ${plan.grain ? periodSql(plan.grain, 'completed_on') : 'NULL'} AS period
      FROM marts.fct_enrollments WHERE ${doneWhere}
    ),
    num AS (
      SELECT ${numKeys.keys}, ${participants} AS participants
      FROM done JOIN hc USING (employee_key, year) ${numKeys.groupBy}
    ),
    den AS (SELECT ${denKeys.keys}, ${withPeriod ? 'count(*)' : 'count(DISTINCT employee_key)'} AS headcount
            FROM hc ${denKeys.groupBy}),
    ${periods}
    SELECT den_p.*, coalesce(num.participants, 0) AS participants
    FROM den_p LEFT JOIN num ON ${sameKeys(plan, 'den_p', 'num')}`;
  return db.all(sql, plan.params.values);
}
