import { mean } from './mean.ts';
import { variance } from './variance.ts';
import { effectiveSampleSize, weightedMean } from './weighted-mean.ts';
import { weightedVariance } from './weighted-variance.ts';

/**
 * What a two-group comparison needs from one group: the shape SQL can return directly
 * (`count(*)`, `avg(x)`, `var_samp(x)`) so metric functions need not ship unit rows to TypeScript.
 */
export interface GroupSummary {
  /**
   * Number of units, or for a weighted group its Kish effective sample size (may be non-integer).
   * Standard errors and degrees of freedom use it.
   */
  n: number;
  /** Mean of the measure, in the measure's units. */
  mean: number;
  /** Sample variance (n − 1 denominator; reliability-weighted for weighted groups); null when n < 2. */
  variance: number | null;
}

/**
 * Summarises one group's unit values, optionally weighted (see `weightedVariance` for why the
 * reliability-weight estimator and `effectiveSampleSize` for n).
 *
 * @returns null when the group has no units with positive weight.
 */
export function summarize(values: readonly number[], weights?: readonly number[]): GroupSummary | null {
  if (weights === undefined) {
    const m = mean(values);
    return m === null ? null : { n: values.length, mean: m, variance: variance(values) };
  }
  const m = weightedMean(values, weights);
  if (m === null) return null;
  return { n: effectiveSampleSize(weights), mean: m, variance: weightedVariance(values, weights) };
}
