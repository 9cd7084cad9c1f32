import { DEFAULT_CONFIDENCE_LEVEL, type DifferenceEstimate, tInference } from './confidence-interval.ts';
import { type GroupSummary, summarize } from './group-summary.ts';

/** Welch's standard error and Welch–Satterthwaite degrees of freedom for a difference of two means. */
export interface WelchParts {
  se: number;
  df: number;
}

/**
 * SE = √(s₁²/n₁ + s₂²/n₂) and df = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1)).
 *
 * Welch rather than the pooled t-test because trained and untrained groups differ in size and
 * spread as a rule, and the pooled test's error rate is wrong exactly then. `n` may be an effective
 * (non-integer) sample size for weighted groups.
 *
 * @returns null when either group has n ≤ 1 or no variance, or both variances are 0.
 */
export function welchParts(a: GroupSummary, b: GroupSummary): WelchParts | null {
  if (a.variance === null || b.variance === null || a.n <= 1 || b.n <= 1) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const total = va + vb;
  if (!(total > 0)) return null;
  const df = (total * total) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { se: Math.sqrt(total), df };
}

/**
 * Difference of means a − b from two group summaries, with Welch SE, df, t, p and CI.
 *
 * @param level confidence level of the interval, default 0.95.
 */
export function welchFromSummaries(
  a: GroupSummary,
  b: GroupSummary,
  level: number = DEFAULT_CONFIDENCE_LEVEL,
): DifferenceEstimate {
  const parts = welchParts(a, b);
  return tInference(a.mean - b.mean, parts?.se ?? null, parts?.df ?? null, level);
}

/**
 * Welch two-sample comparison from unit values (one value per unit).
 *
 * @returns null when a group is empty (there is no difference to report).
 */
export function welch(
  a: readonly number[],
  b: readonly number[],
  level: number = DEFAULT_CONFIDENCE_LEVEL,
): DifferenceEstimate | null {
  const sa = summarize(a);
  const sb = summarize(b);
  if (sa === null || sb === null) return null;
  return welchFromSummaries(sa, sb, level);
}
