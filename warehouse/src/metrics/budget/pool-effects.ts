import { normalQuantile } from '../../stats/index.ts';

export interface EffectEstimate {
  readonly estimate: number;
  readonly se: number;
}

export interface PooledEffect {
  readonly estimate: number;
  readonly se: number;
  readonly ci: { readonly level: number; readonly low: number; readonly high: number };
  readonly cohorts: number;
}

/**
 * Fixed-effect inverse-variance pooling of several cohorts' estimates of the same effect:
 * θ = Σ wᵢθᵢ / Σ wᵢ with wᵢ = 1/seᵢ², SE = 1/√Σwᵢ, normal CI θ ± z·SE (Borenstein et al. 2009, ch. 11).
 * Fixed effect assumes one true effect shared by every cohort; with cohorts that differ in earnest a
 * random-effects model would widen the CI. Written here because `warehouse/src/stats` has no pooling.
 *
 * @returns null when no estimate has a positive SE.
 */
export function poolFixedEffect(estimates: readonly EffectEstimate[], level = 0.95): PooledEffect | null {
  const usable = estimates.filter((e) => Number.isFinite(e.estimate) && e.se > 0 && Number.isFinite(e.se));
  if (usable.length === 0) return null;
  let sumW = 0;
  let sumWx = 0;
  for (const e of usable) {
    const w = 1 / (e.se * e.se);
    sumW += w;
    sumWx += w * e.estimate;
  }
  const estimate = sumWx / sumW;
  const se = 1 / Math.sqrt(sumW);
  const z = normalQuantile(1 - (1 - level) / 2);
  return {
    estimate,
    se,
    ci: { level, low: estimate - z * se, high: estimate + z * se },
    cohorts: usable.length,
  };
}
