import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';

/**
 * What the research and planning analyses cost (`api/src/resolvers/analysis.resolver.ts`), priced
 * by their warehouse work. A year-grain metric field costs `METRIC_COST` (20) for about 0.1 s of
 * cold work on the scale-1 demo; an analysis reads and models far more. Priced at the metric's rate
 * (flat 50 … 100 until a review of 2026-12-06), 40 aliases of `programEffects`, each over other
 * agencies (aliases with other arguments are not shared), cost 2,040 and ran 16.8 s, and 22 of
 * `programPortfolio` (windowMonths 3 … 24) ran into the 504, while a public query waited 8–15 s.
 *
 * Priced instead at about 1,000 per second of cold work, so the analyses one request may ask under
 * the default MAX_COST (5,000) take about 5 s. Measured on the scale-1 QA demo (one call at a time,
 * arguments no earlier call had computed, a 2-core machine; median, range): `cohortComparison`
 * 0.17 s (0.08–0.25), `programEffects` 0.2–0.7 s (0.06–1.05), `roi` 0.2–0.6 s (1.8 s for the first of
 * a snapshot), `budgetScenario` 0.4 s (0.1–1.9), `programPortfolio` 1.1 s per completion year
 * (0.4–2.2) and 7.6 s (4.8–10) for every year.
 */
export const ANALYSIS_COST = {
  cohortComparison: 200,
  programEffects: 500,
  roi: 500,
  budgetScenario: 500,
} as const;

/** `programPortfolio` per completion year it lists. */
export const PORTFOLIO_COST_PER_YEAR = 1000;

/**
 * `programPortfolio` for every year (`years` null), and the most a list of years costs: priced
 * below its work (7.6 s at scale 1) so that the dashboard's portfolio fits MAX_COST, yet above half
 * of it, so a request holds one such portfolio, not two.
 */
export const PORTFOLIO_COST_MAX = 4000;

/**
 * `programPortfolio`'s `complexity`: `PORTFOLIO_COST_PER_YEAR` × its years, at most (and for null,
 * every year) `PORTFOLIO_COST_MAX`, plus its selections. A portfolio's evidence is computed once
 * per snapshot and years/window/contrast/JP length, but aliases over other windows are not.
 */
export function portfolioComplexity({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const years = (args.years as readonly unknown[] | null | undefined)?.length ?? 0;
  const cost =
    years === 0 ? PORTFOLIO_COST_MAX : Math.min(PORTFOLIO_COST_PER_YEAR * years, PORTFOLIO_COST_MAX);
  return cost + childComplexity;
}
