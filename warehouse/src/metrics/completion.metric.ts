import type { Db } from '../db/index.ts';
import { ENROLLMENTS_BY_START } from './bindings.ts';
import type { MetricQuery } from './filter.ts';
import { finishRows, publishedCounts, readCoarser } from './query/finish-rows.ts';
import { count, nulled, ratio } from './query/measures.ts';
import { type MetricOptions, resolveMinN } from './query/metric-options.ts';
import type { MetricResult, MetricRow } from './query/metric-row.ts';
import { allWithPersonId } from './query/person-id.ts';
import { andAll, filterPredicates, groupingSql, planQuery, type QueryPlan } from './query/plan-query.ts';

export interface CompletionMeasures {
  readonly enrolled: number | null;
  readonly completed: number | null;
  readonly dropped: number | null;
  readonly noShow: number | null;
  /** completed / enrolled, 0–1; null when nobody enrolled. */
  readonly rate: number | null;
}
export type CompletionRow = MetricRow<CompletionMeasures>;

/** The completed, protected like n (see the spec below) and compared across queries. */
export const COMPLETION_COUNTS = publishedCounts<CompletionMeasures>('completed');

/**
 * Completion rate: completed / enrolled.
 *
 * Grain: enrollments (marts.fct_enrollments), placed in time by the offering start, so an enrollment
 * counts in the period it began whether or not it has finished. No-shows count as enrolled and not
 * completed. n = enrollments; percent of total is of enrollments. Disclosure control also counts the
 * distinct employees enrolled (not published): a row is hidden when they are 1 … minN − 1, however
 * many enrollments they had (`MeasureSpec.persons`); the completed, and the employees completed, are
 * protected like n (`MeasureSpec.protect`). Filters and groupBy: person and
 * program attributes.
 */
export async function completion(
  db: Db,
  query: MetricQuery,
  options?: MetricOptions,
): Promise<MetricResult<CompletionRow>> {
  const minN = resolveMinN(options);
  const plan = planQuery('completion', query);
  const read = (plan: QueryPlan) => {
    const { keys, groupBy } = groupingSql(plan, ENROLLMENTS_BY_START);
    const where = andAll(filterPredicates(plan, ENROLLMENTS_BY_START));
    return allWithPersonId(
      db,
      (personId) =>
        `SELECT ${keys},
         count(*) AS enrolled,
         count(*) FILTER (WHERE status = 'completed') AS completed,
         count(*) FILTER (WHERE status = 'dropped') AS dropped,
         count(*) FILTER (WHERE status = 'no_show') AS no_show,
         count(DISTINCT ${personId}) AS employees,
         count(DISTINCT ${personId}) FILTER (WHERE status = 'completed') AS completed_employees
       FROM marts.fct_enrollments WHERE ${where} ${groupBy}`,
      plan.params.values,
    );
  };
  const raw = await read(plan);
  return finishRows<CompletionMeasures>(
    plan,
    raw,
    {
      read: (r) => {
        const enrolled = count(r.enrolled);
        const completed = count(r.completed);
        return {
          enrolled,
          completed,
          dropped: count(r.dropped),
          noShow: count(r.no_show),
          rate: ratio(completed, enrolled),
        };
      },
      n: (m) => m.enrolled ?? 0,
      // The completed, and the employees completed, are protected like n: they are the funnel's
      // completed (the same enrollments), which it hides at 1 … minN − 1 (review of 2026-12-05:
      // KEP-CO 2022, tenure 20+, completion n 7 showing completed 3, a cell the funnel and reaction
      // hide; 6 such answers of Program.outcomes).
      protect: COMPLETION_COUNTS.protect,
      persons: (_, r) => [count(r.employees), count(r.completed_employees)],
      value: (m) => m.rate,
      empty: () => ({ enrolled: 0, completed: 0, dropped: 0, noShow: 0, rate: null }),
      hide: nulled,
    },
    minN,
    await readCoarser(plan, query, read),
    options?.signal,
  );
}
