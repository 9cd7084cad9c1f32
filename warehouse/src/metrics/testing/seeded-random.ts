import type { PeriodCell } from '../query/disclosure-adapter.ts';

/**
 * A reproducible stream of numbers in [0, 1) from `seed` (a linear congruential generator): random
 * test worlds and tables that are the same on every run.
 */
export function seededRandom(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/** A disclosure cell of one period's table (no outer keys, no further counts), not yet decided. */
export function periodCell(
  period: string,
  keys: PeriodCell['keys'],
  n: number,
  isTotal: boolean,
): PeriodCell {
  return {
    n,
    period,
    keys,
    isTotal,
    tableId: `${period}|[]`,
    outerId: '[]',
    counts: [],
    suppressionReason: null,
  };
}
