/// <reference path="./jstat.d.ts" />
import jStat from 'jstat';
import { assertFinite, assertProbability } from './assert-finite.ts';
import { normalCdf, normalQuantile } from './normal.ts';

function assertDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
}

/**
 * Student t quantile t_{p, df}: the critical value for a t interval (p = 0.975 for a two-sided 95 %
 * interval). `df` may be non-integer, as the Welch–Satterthwaite approximation produces, and
 * `Infinity`, which gives the normal quantile (jstat itself returns NaN there).
 *
 * Backed by jstat (regularised incomplete beta inverse); validated in the tests against printed
 * t tables and SciPy to 1e-6.
 */
export function studentTQuantile(p: number, df: number): number {
  assertProbability(p, 'p');
  assertDf(df);
  if (df === Number.POSITIVE_INFINITY) return normalQuantile(p);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  return jStat.studentt.inv(p, df);
}

/** Student t CDF P(T ≤ t) with `df` degrees of freedom (non-integer and Infinity allowed). */
export function studentTCdf(t: number, df: number): number {
  assertDf(df);
  if (df === Number.POSITIVE_INFINITY) return normalCdf(t);
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  assertFinite(t, 't');
  return jStat.studentt.cdf(t, df);
}

/**
 * Two-sided p-value for a t statistic: 2·P(T ≤ −|t|). Computed from the lower tail so that tiny
 * p-values don't collapse to 0 through 1 − (1 − ε).
 */
export function studentTTwoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
}
