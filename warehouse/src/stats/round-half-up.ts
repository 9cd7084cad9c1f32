import { assertFinite } from './assert-finite.ts';

/**
 * Rounds to `decimals` places, halves away from zero, on the number's *shortest decimal form*.
 *
 * Why not `Math.round(x * 100) / 100`: 88.305 is stored as 88.30499999999999…, so the naive form
 * gives 88.30 while a person (and the printed report) reads 88.305 and expects 88.31. Rounding the
 * decimal string JavaScript prints (the shortest one that round-trips) makes the rounded value agree
 * with what is displayed, which matters wherever a rounded value decides a band or a threshold.
 */
export function roundHalfUp(x: number, decimals: number): number {
  assertFinite(x, 'x');
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) {
    throw new RangeError(`decimals must be an integer in [0, 15], got ${decimals}`);
  }
  const sign = x < 0 ? -1 : 1;
  const magnitude = Math.abs(x);
  const text = String(magnitude);
  // Exponent notation (< 1e-6 or ≥ 1e21) has no ambiguous decimal halves worth the string route.
  if (text.includes('e')) return (sign * Math.round(magnitude * 10 ** decimals)) / 10 ** decimals || 0;
  const shifted = Number(`${text}e${decimals}`);
  const rounded = sign * Number(`${Math.round(shifted)}e-${decimals}`);
  return rounded === 0 ? 0 : rounded; // no -0 in outputs
}
