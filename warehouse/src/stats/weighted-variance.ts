import { weightedMean } from './weighted-mean.ts';

/**
 * Weighted variance with *reliability* weights: Σw(x − x̄w)² / (Σw − Σw²/Σw).
 *
 * Why this denominator: our weights are matching/importance weights (how much a control unit stands
 * for), not frequency counts. With this denominator the estimator is unbiased for such weights, does
 * not change when all weights are multiplied by a constant, and reduces to the ordinary sample
 * variance (n − 1) when the weights are equal. Frequency weights (Σw − 1) would do neither.
 *
 * @returns null when fewer than 2 values have a positive weight (variance undefined).
 */
export function weightedVariance(values: readonly number[], weights: readonly number[]): number | null {
  const m = weightedMean(values, weights);
  if (m === null) return null;
  let positive = 0;
  let sumW = 0;
  let sumW2 = 0;
  let sumWd2 = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights[i]!;
    if (w > 0) positive++;
    sumW += w;
    sumW2 += w * w;
    sumWd2 += w * (values[i]! - m) ** 2;
  }
  if (positive < 2) return null;
  return sumWd2 / (sumW - sumW2 / sumW);
}
