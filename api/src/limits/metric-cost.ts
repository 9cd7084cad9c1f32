import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';

/** The base cost of an aggregate metric field (`participation`, `serviceTimes`, …): year grain, no groupBy, no list filter. */
export const METRIC_COST = 20;

/**
 * How a metric's work grows with its grain (measured on the scale-0.25 demo, the same filter and
 * groupBy, after the first call paid for the wider tables): a quarter about 2–3× a year, a month
 * about 4–8× (twelve periods to read and protect, their small cells tied across the year). No grain
 * is one period over the whole range, but its medians and distinct employees are computed afresh
 * over every year, not summed from the yearly ones: about what a quarter costs.
 */
export const GRAIN_COST_FACTOR = { year: 1, quarter: 2, month: 4, none: 2 } as const;

/**
 * A list filter (agencies, programs, …) is a slice of a wider table: disclosure control runs the
 * metric again without each list (its relaxations) and reads the wider answers the slice must agree
 * with (README, "Nor from the difference of two queries"): about twice the work of the same query
 * unfiltered.
 */
export const LIST_FILTER_COST_FACTOR = 2;

/** The metric arguments pricing reads (`MetricArgs`, as graphql-query-complexity coerces them). */
interface PricedArgs {
  readonly grain?: keyof typeof GRAIN_COST_FACTOR | null;
  readonly groupBy?: readonly unknown[] | null;
  readonly filter?: Readonly<Record<string, unknown>> | null;
}

/**
 * What one metric field's arguments multiply its cost by: its grain (`GRAIN_COST_FACTOR`) × (1 + its
 * groupBy dimensions) × `LIST_FILTER_COST_FACTOR` when a filter list is not empty. 1 for year, no
 * groupBy, no list; 4 × 3 × 2 = 24 for a month by two dimensions, filtered.
 */
export function metricCostFactor(args: PricedArgs): number {
  const grain = GRAIN_COST_FACTOR[args.grain ?? 'none'] ?? GRAIN_COST_FACTOR.none;
  const groups = 1 + (args.groupBy?.length ?? 0);
  const listed = Object.values(args.filter ?? {}).some((v) => Array.isArray(v) && v.length > 0);
  return grain * groups * (listed ? LIST_FILTER_COST_FACTOR : 1);
}

/**
 * A metric field's `complexity` (`@Query({ complexity: metricComplexity(METRIC_COST) })`): `base`
 * × `metricCostFactor` of its arguments, plus its selections. Flat, 200 aliases of
 * serviceTimes by month and service type, each filtered to one agency, cost 4,400 and passed
 * MAX_COST 5,000, and took minutes of warehouse work; priced so they cost 64,400.
 */
export function metricComplexity(base: number): (options: ComplexityEstimatorArgs) => number {
  return ({ args, childComplexity }) => base * metricCostFactor(args as PricedArgs) + childComplexity;
}
