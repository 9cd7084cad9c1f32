import type { Db } from '../db/index.ts';
import { ENROLLMENTS_BY_COMPLETION, HEADCOUNT } from './bindings.ts';
import type { MetricQuery } from './filter.ts';
import { finishRows } from './query/finish-rows.ts';
import { count, nulled, ratio } from './query/measures.ts';
import { type MetricOptions, resolveMinN } from './query/metric-options.ts';
import type { MetricResult, MetricRow } from './query/metric-row.ts';
import { periodSql } from './query/periods.ts';
import {
  andAll,
  assertFilterFields,
  filterPredicates,
  groupingSql,
  planQuery,
  sameKeys,
} from './query/plan-query.ts';

export interface ParticipationMeasures {
  /** Active employees (fct_headcount) in the group. */
  readonly headcount: number | null;
  /** Of those, employees with ≥ 1 completed enrollment in the period. */
  readonly participants: number | null;
  /** participants / headcount, 0–1; null when the headcount is 0. */
  readonly rate: number | null;
}
export type ParticipationRow = MetricRow<ParticipationMeasures>;

const PERSON_FILTERS = ['agencies', 'gradeGroups', 'tenureBands', 'employmentTypes'] as const;
const PROGRAM_FILTERS = ['programs', 'methods', 'competencyAreas'] as const;

/**
 * Participation rate: employees with ≥ 1 completed enrollment in the period / active headcount.
 *
 * Grain: employees. The denominator is marts.fct_headcount (employees holding an assignment on 30 June
 * of the year); a month or quarter is measured against its year's headcount. An employee counts as a
 * participant in the group they belonged to in the year of the completion (completion date in the
 * period). Without a grain the range may span years: both sides count distinct employees over it.
 * Person filters (agency, grade group, tenure band, employment type) and groupBy apply to the
 * headcount; program, method and competency-area filters restrict which completions count (share of
 * staff who completed e.g. an e-learning). n = headcount; percent of total is of participants.
 */
export async function participation(
  db: Db,
  query: MetricQuery,
  options?: MetricOptions,
): Promise<MetricResult<ParticipationRow>> {
  const minN = resolveMinN(options);
  const plan = planQuery('participation', query);
  assertFilterFields(plan, [...PERSON_FILTERS, ...PROGRAM_FILTERS]);
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
  const raw = await db.all(sql, plan.params.values);
  return finishRows<ParticipationMeasures>(
    plan,
    raw,
    {
      read: (r) => {
        const headcount = count(r.headcount);
        const participants = count(r.participants);
        return { headcount, participants, rate: ratio(participants, headcount) };
      },
      n: (m) => m.headcount ?? 0,
      value: (m) => m.rate,
      share: (m) => m.participants,
      empty: () => ({ headcount: 0, participants: 0, rate: null }),
      hide: nulled,
    },
    minN,
  );
}
