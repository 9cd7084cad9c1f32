import { assertFiniteAll } from './assert-finite.ts';

/** Checks a value/weight pair of arrays; weights must be ≥ 0 (a negative weight is a caller bug). */
export function assertWeights(values: readonly number[], weights: readonly number[]): void {
  if (values.length !== weights.length) {
    throw new RangeError(`values (${values.length}) and weights (${weights.length}) differ in length`);
  }
  assertFiniteAll(values, 'values');
  assertFiniteAll(weights, 'weights');
  for (let i = 0; i < weights.length; i++) {
    if (weights[i]! < 0) throw new RangeError(`weights[${i}] must be ≥ 0, got ${weights[i]}`);
  }
}

/**
 * Weighted mean Σwx / Σw.
 *
 * @param weights one non-negative weight per value; only their ratios matter.
 * @returns null when there are no values or all weights are 0 (no information).
 */
export function weightedMean(values: readonly number[], weights: readonly number[]): number | null {
  assertWeights(values, weights);
  let sumW = 0;
  let sumWx = 0;
  for (let i = 0; i < values.length; i++) {
    sumW += weights[i]!;
    sumWx += weights[i]! * values[i]!;
  }
  return sumW > 0 ? sumWx / sumW : null;
}

/**
 * Kish's effective sample size (Σw)² / Σw²: how many equally weighted units carry the same
 * information as these weighted ones. Equals n for equal weights and shrinks as weights get uneven,
 * which is why weighted groups use it (not their raw count) for standard errors and degrees of freedom.
 *
 * @returns 0 when all weights are 0.
 */
export function effectiveSampleSize(weights: readonly number[]): number {
  let sumW = 0;
  let sumW2 = 0;
  for (const w of weights) {
    sumW += w;
    sumW2 += w * w;
  }
  return sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
}
