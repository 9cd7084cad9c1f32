import { assertFiniteAll } from './assert-finite.ts';

/**
 * Arithmetic mean.
 *
 * @param values one value per unit, in the units of the measure.
 * @returns the mean, or null for an empty input: "no units" is a normal outcome for a small group,
 *   and null keeps it distinct from a real mean of 0.
 */
export function mean(values: readonly number[]): number | null {
  assertFiniteAll(values, 'values');
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
