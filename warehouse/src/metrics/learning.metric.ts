import type { Db } from '../db/index.ts';
import { ENROLLMENTS_BY_COMPLETION } from './bindings.ts';
import { exactSumSql } from './cohort/cohort-units.ts';
import type { MetricQuery } from './filter.ts';
import { finishRows, readCoarser } from './query/finish-rows.ts';
import { count, nulled, num } from './query/measures.ts';
import { type MetricOptions, resolveMinN } from './query/metric-options.ts';
import type { MetricResult, MetricRow } from './query/metric-row.ts';
import { allWithPersonId } from './query/person-id.ts';
import { andAll, filterPredicates, groupingSql, planQuery, type QueryPlan } from './query/plan-query.ts';

export interface LearningMeasures {
  /** Completed enrollments with both a pre and a post score. */
  readonly learners: number | null;
  readonly meanPre: number | null;
  readonly meanPost: number | null;
  /** Mean of post − pre (score points, 0–100 scale). */
  readonly meanGain: number | null;
  /** Median of post − pre. */
  readonly medianGain: number | null;
  /** Mean of (post − pre) / (100 − pre) over learners with pre < 100. */
  readonly normalizedGain: number | null;
  /**
   * Always null (withheld): the learners with pre = 100, left out of normalizedGain. A count of
   * persons beside n: shown, it gave one employee's pre-test score away (statistics audit of
   * 2026-12-06: DLH 2024, n 222, atCeiling 1); protected like n, it hid a row for every learner at
   * the ceiling (every learning row of the city over 2021–2025, and each 2024 row, on the scale-1
   * demo, for 1–4 learners among some 30,000). A count that informs no decision is not published.
   */
  readonly atCeiling: null;
}
export type LearningRow = MetricRow<LearningMeasures>;

/**
 * Mean of `expr` over the rows where it is not null: an exact sum (`exactSumSql`) divided once.
 * `avg` over the DOUBLE scores adds them in the order the rows arrive, and an incremental run
 * deletes and re-appends the enrollments it re-reads (person-delta), so the same snapshot gave other
 * last bits than a full build (audit: normalizedGain 0.565105295407077 after a full build,
 * 0.5651052954070769 after two unchanged rows were re-appended). A row left out must be null in
 * `expr` itself, not only filtered: DuckDB evaluates the scaling cast before an aggregate's FILTER,
 * and the 0 / 0 of a learner at the ceiling cannot be cast.
 */
const mean = (expr: string) => `${exactSumSql(expr)} / nullif(count(${expr}), 0)`;

/**
 * Kirkpatrick L2, learning: mean post − pre and normalised gain.
 *
 * Grain: completed enrollments with both scores (marts.fct_enrollments), placed in time by the
 * completion date. Normalised gain is the mean of individual gains (post − pre) / (100 − pre) (Hake's
 * g averaged per learner). With pre = 100 it is undefined (0 / 0, or negative infinity for a drop),
 * so those learners are excluded from it (their number is not published: `atCeiling` is null); they
 * still count in meanGain.
 * normalizedGain is null when every learner is at the ceiling. n = learners (enrollments); percent of
 * total is of learners. Disclosure control also counts the distinct employees behind them (not
 * published): a row is hidden when they are 1 … minN − 1, however many scores they have
 * (`MeasureSpec.persons`). Filters and groupBy: person and program attributes.
 */
export async function learning(
  db: Db,
  query: MetricQuery,
  options?: MetricOptions,
): Promise<MetricResult<LearningRow>> {
  const minN = resolveMinN(options);
  const plan = planQuery('learning', query);
  const read = (plan: QueryPlan) => {
    const { keys, groupBy } = groupingSql(plan, ENROLLMENTS_BY_COMPLETION);
    const where = andAll([
      "status = 'completed'",
      'completed_on IS NOT NULL',
      'pre_score IS NOT NULL',
      'post_score IS NOT NULL',
      ...filterPredicates(plan, ENROLLMENTS_BY_COMPLETION),
    ]);
    return allWithPersonId(
      db,
      (personId) =>
        `SELECT ${keys},
         count(*) AS learners,
         ${mean('pre_score')} AS mean_pre, ${mean('post_score')} AS mean_post,
         ${mean('post_score - pre_score')} AS mean_gain,
         quantile_cont(post_score - pre_score, 0.5) AS median_gain,
         ${mean('CASE WHEN pre_score < 100 THEN (post_score - pre_score) / (100 - pre_score) END')} AS normalized_gain,
         count(DISTINCT ${personId}) AS employees
       FROM marts.fct_enrollments WHERE ${where} ${groupBy}`,
      plan.params.values,
    );
  };
  const raw = await read(plan);
  return finishRows<LearningMeasures>(
    plan,
    raw,
    {
      read: (r) => ({
        learners: count(r.learners),
        meanPre: num(r.mean_pre),
        meanPost: num(r.mean_post),
        meanGain: num(r.mean_gain),
        medianGain: num(r.median_gain),
        normalizedGain: num(r.normalized_gain),
        atCeiling: null,
      }),
      n: (m) => m.learners ?? 0,
      persons: (_, r) => [count(r.employees)],
      value: (m) => m.meanGain,
      empty: () => ({
        learners: 0,
        meanPre: null,
        meanPost: null,
        meanGain: null,
        medianGain: null,
        normalizedGain: null,
        atCeiling: null,
      }),
      hide: nulled,
    },
    minN,
    await readCoarser(plan, query, read),
    options?.signal,
  );
}
