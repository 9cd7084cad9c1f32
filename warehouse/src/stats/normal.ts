/// <reference path="./jstat.d.ts" />
import jStat from 'jstat';
import { assertFinite, assertProbability } from './assert-finite.ts';

/**
 * Standard normal quantile z_p (e.g. p = 0.975 → 1.959964). Used for intervals when the degrees of
 * freedom are infinite (large samples, or published SEs without a df).
 *
 * @returns −Infinity at p = 0 and +Infinity at p = 1.
 */
export function normalQuantile(p: number): number {
  assertProbability(p, 'p');
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  return jStat.normal.inv(p, 0, 1);
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  assertFinite(z, 'z');
  return jStat.normal.cdf(z, 0, 1);
}
