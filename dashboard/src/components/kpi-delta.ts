import type { ValueKind } from '../charts/value-kind.ts';
import { formatNumber } from '../format/format.ts';

/** Which way a tile's change points, as the reader sees it. */
export type Trend = 'up' | 'down' | 'flat';

export interface KpiDelta {
  /** The change in the unit shown: percentage points for fractions, else the value's own unit. */
  readonly shown: number;
  /** Decimals it is written with. */
  readonly digits: number;
  /** Up, down, or flat when it rounds to 0 at those decimals (75,31 → 75,26 is "0,0", not "▼ 0,0"). */
  readonly trend: Trend;
  /**
   * Whether the change is good news, bad news, or neither: flat, no comparison, or a share whose
   * change is within chance (`unclear`).
   */
  readonly tone: 'good' | 'bad' | null;
  /** True when the change is not 0 but rounds to it: written "≈ 0,0". */
  readonly roundsToZero: boolean;
  /**
   * True when a share's change shows at the tile's precision but cannot be told from chance: the
   * two-proportion z-test (`twoProportionZ`) does not reach the 5 % level, or it cannot be run
   * because either year's n is unknown (hidden, not published). The tile then writes the change
   * without an arrow or a colour, and says "no clear change".
   */
  readonly unclear: boolean;
  /** The z statistic of a share's change (`twoProportionZ`); null for other kinds or without both n. */
  readonly z: number | null;
}

/** A share (0–1) and the units it is over (its n; null when unknown or hidden). */
export interface ProportionSample {
  readonly rate: number;
  readonly n: number | null;
}

/**
 * |z| at or above which a share's change is a clear one: the two-sided 5 % critical value of the
 * standard normal (α = 0,05).
 */
export const Z_CRITICAL = 1.959963984540054;

/**
 * The pooled two-proportion z statistic of the change from `before` to `now`:
 *
 *   z = (p₂ − p₁) / √( p̂ (1 − p̂) (1/n₁ + 1/n₂) ),  p̂ = (p₁n₁ + p₂n₂) / (n₁ + n₂)
 *
 * (the pooled proportion, so the standard error is the one under "no change"). Null when either n is
 * unknown or not positive, or a rate is not a share (0–1). 0 when both shares are 0 or both are 1
 * (nothing varies, nothing changed). The test treats the units of the two years as independent
 * samples; the same employees are mostly in both years' headcounts, so it is an approximation.
 */
export function twoProportionZ(before: ProportionSample, now: ProportionSample): number | null {
  const { rate: p1, n: n1 } = before;
  const { rate: p2, n: n2 } = now;
  if (n1 === null || n2 === null || !(n1 > 0) || !(n2 > 0)) return null;
  if (![p1, p2].every((p) => Number.isFinite(p) && p >= 0 && p <= 1)) return null;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return se > 0 ? (p2 - p1) / se : 0;
}

/**
 * The change a KPI tile shows against last year. It is judged on what is written, not on the raw
 * difference: a change too small to show at the tile's precision reads as no change, without an
 * arrow or a good/bad colour.
 *
 * A share (`kind` 'fraction') is judged on chance too: with both years' shares and n (`samples`), a
 * pooled two-proportion z-test, two-sided at α = 0,05 (|z| ≥ `Z_CRITICAL`), says whether the change
 * is a clear one; one inside chance (28,21 % of 12.442 → 28,27 % of 13.325, z ≈ 0,11) or one that
 * cannot be tested (no `samples`, an n unknown) is `unclear`: written, but neither good nor bad.
 * Other kinds (a score, days) have no such test here and keep the tone of their direction.
 */
export function kpiDelta(
  delta: number,
  kind: ValueKind,
  lowerIsBetter = false,
  samples: { readonly before: ProportionSample; readonly now: ProportionSample } | null = null,
): KpiDelta {
  // Fractions compare in percentage points, so "+2,1" reads as points, not percent of percent.
  const shown = kind === 'fraction' ? delta * 100 : delta;
  const digits = kind === 'count' ? 0 : 1;
  // The same rounding as the text (Intl, half away from zero), so the arrow never disagrees with it.
  const flat = formatNumber(Math.abs(shown), 'en', digits) === formatNumber(0, 'en', digits);
  const trend: Trend = flat ? 'flat' : shown > 0 ? 'up' : 'down';
  const z = kind === 'fraction' && samples ? twoProportionZ(samples.before, samples.now) : null;
  const unclear = trend !== 'flat' && kind === 'fraction' && (z === null || Math.abs(z) < Z_CRITICAL);
  const tone = trend === 'flat' || unclear ? null : (trend === 'down') === lowerIsBetter ? 'good' : 'bad';
  return { shown, digits, trend, tone, roundsToZero: flat && shown !== 0, unclear, z };
}
