import { type ConfidenceInterval, DEFAULT_CONFIDENCE_LEVEL } from './confidence-interval.ts';
import type { GroupSummary } from './group-summary.ts';
import { normalQuantile } from './normal.ts';

export interface HedgesG {
  /** Bias-corrected standardised difference J·d (treated − control, in pooled-SD units). */
  g: number;
  /** Uncorrected Cohen's d = (mean₁ − mean₂) / pooled SD. */
  d: number;
  /** Small-sample correction J = 1 − 3 / (4(n₁ + n₂) − 9). */
  j: number;
  /** SE of g: J·√((n₁+n₂)/(n₁n₂) + d²/(2(n₁+n₂))). */
  se: number;
  /** Normal-approximation interval g ± z·SE. */
  ci: ConfidenceInterval;
}

/**
 * Hedges' g for two independent groups, formulas as in Borenstein et al. (2009), *Introduction to
 * Meta-Analysis*, ch. 4. Reported next to the raw difference so effects on different measures
 * (days, scores) can be compared; J removes d's upward bias in the small groups a city produces.
 *
 * @returns null when n₁ + n₂ ≤ 3, a variance is missing, or the pooled SD is 0.
 */
export function hedgesG(
  treated: GroupSummary,
  control: GroupSummary,
  level: number = DEFAULT_CONFIDENCE_LEVEL,
): HedgesG | null {
  const n1 = treated.n;
  const n2 = control.n;
  const dfWithin = n1 + n2 - 2;
  if (treated.variance === null || control.variance === null || dfWithin <= 1) return null;
  const pooledVariance = ((n1 - 1) * treated.variance + (n2 - 1) * control.variance) / dfWithin;
  if (!(pooledVariance > 0)) return null;
  const d = (treated.mean - control.mean) / Math.sqrt(pooledVariance);
  const j = 1 - 3 / (4 * dfWithin - 1);
  const se = j * Math.sqrt((n1 + n2) / (n1 * n2) + (d * d) / (2 * (n1 + n2)));
  const g = j * d;
  const z = normalQuantile(1 - (1 - level) / 2);
  return { g, d, j, se, ci: { level, low: g - z * se, high: g + z * se } };
}
