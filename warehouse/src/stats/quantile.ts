import { assertFiniteAll, assertProbability } from './assert-finite.ts';

/**
 * Quantile by Hyndman & Fan type 7 (linear interpolation between order statistics at h = (n − 1)p),
 * the default of R `quantile`, NumPy, and DuckDB `quantile_cont`. Using the same definition as the SQL
 * layer means a p90 computed in TypeScript and one computed in DuckDB agree to the last digit.
 *
 * @param p probability in [0, 1] (0.5 = median, 0.9 = p90).
 * @returns null for an empty input.
 */
export function quantile(values: readonly number[], p: number): number | null {
  assertFiniteAll(values, 'values');
  assertProbability(p, 'p');
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const low = sorted[lo]!;
  return low + (h - lo) * (sorted[hi]! - low);
}

/** Median (type-7 quantile at 0.5, i.e. the mean of the two middle values for even n). */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}
