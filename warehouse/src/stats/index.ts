// Pure statistics for the metric layer: descriptive statistics, t/normal distributions, Welch,
// difference-in-differences (unit level with exact matching, and from a 2×2 table), least squares with
// group fixed effects from per-group sums (HC1 covariance), Hedges' g and the
// pre-trend check, and a paired bootstrap interval for a ratio of medians (benchmarks). No database access; inputs are unit values or SQL-style group summaries.
export { type BootstrapOptions, pairedMedianRatioInterval, type RatioInterval } from './bootstrap.ts';
export {
  type ConfidenceInterval,
  DEFAULT_CONFIDENCE_LEVEL,
  type DifferenceEstimate,
  tInference,
} from './confidence-interval.ts';
export { type DidArm, type DidUnit, type DiffInDiffResult, diffInDiff } from './diff-in-diff.ts';
export { type DidTableGroup, type DiffInDiffTableResult, diffInDiffFromTable } from './diff-in-diff-table.ts';
export { type ExactMatchWeights, exactMatchWeights, type MatchableUnit } from './exact-match-weights.ts';
export { type GroupSummary, summarize } from './group-summary.ts';
export { type HedgesG, hedgesG } from './hedges-g.ts';
export { mean } from './mean.ts';
export { normalCdf, normalQuantile } from './normal.ts';
export { type PreTrendCheck, type PreTrendUnit, preTrendCheck } from './pre-trend.ts';
export { mulberry32 } from './prng.ts';
export { median, quantile } from './quantile.ts';
export { roundHalfUp } from './round-half-up.ts';
export { studentTCdf, studentTQuantile, studentTTwoSidedP } from './student-t.ts';
export { sd, variance } from './variance.ts';
export { effectiveSampleSize, weightedMean } from './weighted-mean.ts';
export { weightedVariance } from './weighted-variance.ts';
export { type WelchParts, welch, welchFromSummaries, welchParts } from './welch.ts';
export {
  type ClusterCell,
  WEBB_WEIGHTS,
  WILD_BOOTSTRAP_DRAWS,
  type WildClusterBootstrapResult,
  wildClusterBootstrap,
} from './wild-cluster-bootstrap.ts';
export {
  ALIAS_TOLERANCE,
  classicalCovariance,
  clusterMeat,
  cr1Covariance,
  type GroupCrossProducts,
  type GroupResidualMoments,
  hc1Covariance,
  type WithinOlsFit,
  withinMeat,
  withinOls,
} from './within-ols.ts';
