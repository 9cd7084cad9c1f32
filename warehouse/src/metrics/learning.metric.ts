import type { Db } from '../db/index.ts';
import { ENROLLMENTS_BY_COMPLETION } from './bindings.ts';
import type { MetricQuery } from './filter.ts';
import { finishRows, publishedCounts, readCoarser } from './query/finish-rows.ts';
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
  /** Learners with pre = 100, left out of normalizedGain (no room to gain). */
  readonly atCeiling: number | null;
}
export type LearningRow = MetricRow<LearningMeasures>;

/**
 * The learners at the ceiling (pre-test score 100), protected like n (see the spec below) and
 * compared across queries: a count of learners, persons like n (statistics audit of 2026-12-06:
 * DLH 2024, n 222 showing atCeiling 1, one employee's pre-test score).
 */
export const LEARNING_COUNTS = publishedCounts<LearningMeasures>('atCeiling');

/**
 * Kirkpatrick L2, learning: mean post − pre and normalised gain.
 *
 * Grain: completed enrollments with both scores (marts.fct_enrollments), placed in time by the
 * completion date. Normalised gain is the mean of individual gains (post − pre) / (100 − pre) (Hake's
 * g averaged per learner). With pre = 100 it is undefined (0 / 0, or negative infinity for a drop),
 * so those learners are excluded from it and counted in `atCeiling`; they still count in meanGain.
 * normalizedGain is null when every learner is at the ceiling. n = learners (enrollments); percent of
 * total is of learners. Disclosure control also counts the distinct employees behind them (not
 * published): a row is hidden when they are 1 … minN − 1, however many scores they have
 * (`MeasureSpec.persons`). `atCeiling` is protected like n (`MeasureSpec.protect`), with the
 * distinct employees at the ceiling: a row with 1 … minN − 1 learners at the ceiling, or resting on
 * 1 … minN − 1 such employees, is hidden, with complements. Filters and groupBy: person and
 * program attributes.
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
         avg(pre_score) AS mean_pre, avg(post_score) AS mean_post,
         avg(post_score - pre_score) AS mean_gain,
         quantile_cont(post_score - pre_score, 0.5) AS median_gain,
         avg((post_score - pre_score) / (100 - pre_score)) FILTER (WHERE pre_score < 100) AS normalized_gain,
         count(*) FILTER (WHERE pre_score >= 100) AS at_ceiling,
         count(DISTINCT ${personId}) AS employees,
         count(DISTINCT ${personId}) FILTER (WHERE pre_score >= 100) AS at_ceiling_employees
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
        atCeiling: count(r.at_ceiling),
      }),
      n: (m) => m.learners ?? 0,
      // The learners at the ceiling, and their employees: a count of learners beside n (one
      // employee's pre-test score of 100 was shown as atCeiling 1 of 222).
      protect: LEARNING_COUNTS.protect,
      persons: (_, r) => [count(r.employees), count(r.at_ceiling_employees)],
      value: (m) => m.meanGain,
      empty: () => ({
        learners: 0,
        meanPre: null,
        meanPost: null,
        meanGain: null,
        medianGain: null,
        normalizedGain: null,
        atCeiling: 0,
      }),
      hide: nulled,
    },
    minN,
    await readCoarser(plan, query, read),
    options?.signal,
  );
}
