import type { Db } from '../db/index.ts';
import { ENROLLMENTS_BY_COMPLETION } from './bindings.ts';
import type { MetricQuery } from './filter.ts';
import { finishRows, publishedCounts, readCoarser } from './query/finish-rows.ts';
import { count, nulled, num, ratio } from './query/measures.ts';
import { type MetricOptions, resolveMinN } from './query/metric-options.ts';
import type { MetricResult, MetricRow } from './query/metric-row.ts';
import { allWithPersonId } from './query/person-id.ts';
import { andAll, filterPredicates, groupingSql, planQuery, type QueryPlan } from './query/plan-query.ts';

export interface ReactionMeasures {
  /** Completed enrollments (who could have answered). */
  readonly completed: number | null;
  /** Completed enrollments with a reaction form. */
  readonly respondents: number | null;
  /** respondents / completed, 0–1. */
  readonly responseRate: number | null;
  /** Mean of the four items per respondent, averaged over respondents (1–5 scale). */
  readonly mean: number | null;
  readonly relevance: number | null;
  readonly satisfaction: number | null;
  readonly facilitator: number | null;
  readonly intentToApply: number | null;
}
export type ReactionRow = MetricRow<ReactionMeasures>;

/** The completed enrollments, protected like n (see the spec below) and compared across queries. */
export const REACTION_COUNTS = publishedCounts<ReactionMeasures>('completed');

/**
 * Kirkpatrick L1, reaction: mean of the four reaction items (relevance, satisfaction, facilitator,
 * intent to apply; 1–5) and the response rate = has_reaction / completed.
 *
 * Grain: completed enrollments (marts.fct_enrollments), placed in time by the completion date.
 * `mean` is the mean over respondents of each respondent's mean of the items they answered; item
 * means skip blanks. Means are null when nobody responded. n = respondents (the units behind the
 * means); percent of total is of respondents. Disclosure control protects `completed` too (the
 * response rate's denominator, which n does not cover): a row with 0 < completed < minN is hidden
 * even when nobody responded (n = 0), with complementary suppression on completed as on n; and the
 * distinct employees who completed, and those who responded (neither published): a row is hidden
 * when either is 1 … minN − 1, however many completions and forms they account for
 * (`MeasureSpec.persons`).
 * Filters and groupBy: person and program attributes.
 */
export async function reaction(
  db: Db,
  query: MetricQuery,
  options?: MetricOptions,
): Promise<MetricResult<ReactionRow>> {
  const minN = resolveMinN(options);
  const plan = planQuery('reaction', query);
  const read = (plan: QueryPlan) => {
    const { keys, groupBy } = groupingSql(plan, ENROLLMENTS_BY_COMPLETION);
    const where = andAll([
      "status = 'completed'",
      'completed_on IS NOT NULL',
      ...filterPredicates(plan, ENROLLMENTS_BY_COMPLETION),
    ]);
    const items = [
      'reaction_relevance',
      'reaction_satisfaction',
      'reaction_facilitator',
      'reaction_intent_to_apply',
    ];
    const f = 'FILTER (WHERE has_reaction)';
    // The means do not depend on the order the rows arrive in, which an incremental run changes (it
    // deletes and re-appends the enrollments it re-reads, person-delta): every sum is of whole
    // numbers, exact in DOUBLE in any order, and is divided once. The items are whole (stg INTEGER,
    // 1–5), so their sums are. A respondent's own mean is Σ items / answered (1–4 items: thirds, and
    // `avg(list_avg(…))` gave 3.2 after a full build and 3.1999999999999997 after two unchanged
    // rows were re-appended; audit, five respondents, 16 / 5): scaled by 12, the least common
    // multiple of 1 … 4, it is the whole Σ items × (12 / answered), and the mean, Σ of those /
    // (12 × respondents), is the exact quotient rounded once. A form with no item answered (the
    // ETL quarantines those) has no mean and counts in neither sum.
    const answered = items.map((i) => `CAST(${i} IS NOT NULL AS INTEGER)`).join(' + ');
    const scaledOwnMean = `(${items.map((i) => `coalesce(${i}, 0)`).join(' + ')}) * (12 // nullif(${answered}, 0))`;
    return allWithPersonId(
      db,
      (personId) =>
        `SELECT ${keys},
         count(*) AS completed,
         count(*) ${f} AS respondents,
         count(DISTINCT ${personId}) AS employees,
         count(DISTINCT ${personId}) ${f} AS responding_employees,
         sum(${scaledOwnMean}) ${f} / nullif(12 * count(${scaledOwnMean}) ${f}, 0) AS mean,
         ${items.map((i) => `avg(${i}) ${f} AS ${i}`).join(',\n       ')}
       FROM marts.fct_enrollments WHERE ${where} ${groupBy}`,
      plan.params.values,
    );
  };
  const raw = await read(plan);
  return finishRows<ReactionMeasures>(
    plan,
    raw,
    {
      read: (r) => {
        const completed = count(r.completed);
        const respondents = count(r.respondents);
        return {
          completed,
          respondents,
          responseRate: ratio(respondents, completed),
          mean: num(r.mean),
          relevance: num(r.reaction_relevance),
          satisfaction: num(r.reaction_satisfaction),
          facilitator: num(r.reaction_facilitator),
          intentToApply: num(r.reaction_intent_to_apply),
        };
      },
      n: (m) => m.respondents ?? 0,
      protect: REACTION_COUNTS.protect,
      persons: (_, r) => [count(r.employees), count(r.responding_employees)],
      value: (m) => m.mean,
      empty: () => ({
        completed: 0,
        respondents: 0,
        responseRate: null,
        mean: null,
        relevance: null,
        satisfaction: null,
        facilitator: null,
        intentToApply: null,
      }),
      hide: nulled,
    },
    minN,
    await readCoarser(plan, query, read),
    options?.signal,
  );
}
