import { mean } from './mean.ts';

/**
 * Sample variance (denominator n − 1), the unbiased estimator used by Welch, Hedges and every
 * t-based interval here. Same as R `var`, DuckDB `var_samp`.
 *
 * Two passes (mean first, then squared deviations) instead of Σx² − n·x̄², which loses all precision
 * when values are large and close together (e.g. timestamps, IDR amounts).
 *
 * @returns null with fewer than 2 values (the sample variance is undefined, not 0).
 */
export function variance(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  let sumSquares = 0;
  for (const value of values) sumSquares += (value - m) ** 2;
  return sumSquares / (values.length - 1);
}

/** Sample standard deviation, √variance; null with fewer than 2 values. */
export function sd(values: readonly number[]): number | null {
  const v = variance(values);
  return v === null ? null : Math.sqrt(v);
}
