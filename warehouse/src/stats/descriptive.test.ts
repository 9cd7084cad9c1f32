import { describe, expect, it } from 'vitest';
import { mean } from './mean.ts';
import { median, quantile } from './quantile.ts';
import { roundHalfUp } from './round-half-up.ts';
import { sd, variance } from './variance.ts';
import { effectiveSampleSize, weightedMean } from './weighted-mean.ts';
import { weightedVariance } from './weighted-variance.ts';

describe('mean, variance, sd', () => {
  it('match hand-computed values', () => {
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(x)).toBe(5);
    // Σ(x − 5)² = 32, sample variance 32 / 7.
    expect(variance(x)).toBeCloseTo(32 / 7, 12);
    expect(sd(x)).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('return null where undefined instead of 0 or NaN', () => {
    expect(mean([])).toBeNull();
    expect(variance([3])).toBeNull();
    expect(sd([])).toBeNull();
  });

  it('stay precise for large, close values (two-pass)', () => {
    const x = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    expect(variance(x)).toBeCloseTo(30, 9);
  });

  it('reject NaN loudly', () => {
    expect(() => mean([1, Number.NaN])).toThrow(/values\[1\]/);
  });
});

describe('weighted mean and variance', () => {
  it('reduce to the unweighted ones for equal weights, whatever their scale', () => {
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    const w = x.map(() => 3.5);
    expect(weightedMean(x, w)).toBeCloseTo(5, 12);
    expect(weightedVariance(x, w)).toBeCloseTo(32 / 7, 12);
    expect(effectiveSampleSize(w)).toBeCloseTo(8, 12);
  });

  it('match a hand-computed reliability-weighted example', () => {
    // x = 1, 2, 4 with w = 1, 1, 2: Σw = 4, x̄ = (1 + 2 + 8) / 4 = 2.75,
    // Σw(x − x̄)² = 3.0625 + 0.5625 + 2 × 1.5625 = 6.75, Σw² = 6 → denominator 4 − 6/4 = 2.5.
    expect(weightedMean([1, 2, 4], [1, 1, 2])).toBe(2.75);
    expect(weightedVariance([1, 2, 4], [1, 1, 2])).toBeCloseTo(2.7, 12);
    expect(effectiveSampleSize([1, 1, 2])).toBeCloseTo(16 / 6, 12);
  });

  it('ignore zero-weight units and return null without information', () => {
    expect(weightedMean([1, 100], [1, 0])).toBe(1);
    expect(weightedVariance([1, 100], [1, 0])).toBeNull();
    expect(weightedMean([1], [0])).toBeNull();
    expect(() => weightedMean([1], [-1])).toThrow(RangeError);
    expect(() => weightedMean([1, 2], [1])).toThrow(/differ in length/);
  });
});

describe('quantile (type 7)', () => {
  // Reference values: R `quantile(c(1, 3, 4, 8, 10), p)` (type 7 default) and DuckDB quantile_cont.
  const x = [10, 1, 8, 4, 3];
  it.each([
    [0, 1],
    [0.25, 3],
    [0.5, 4],
    [0.9, 9.2],
    [1, 10],
  ])('p = %s → %s', (p, expected) => {
    expect(quantile(x, p)).toBeCloseTo(expected, 12);
  });

  it('median of an even count is the mean of the two middle values', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it('does not reorder the caller array', () => {
    const y = [3, 1, 2];
    quantile(y, 0.5);
    expect(y).toEqual([3, 1, 2]);
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe('roundHalfUp', () => {
  it('rounds the printed decimal half up: 1.005 → 1.01 (naive Math.round gives 1.00), 88.305 → 88.31', () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1); // the trap this function exists for
    expect(roundHalfUp(88.305, 2)).toBe(88.31);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(76.6049, 2)).toBe(76.6);
    expect(roundHalfUp(-2.675, 2)).toBe(-2.68);
    expect(roundHalfUp(-0.001, 2)).toBe(0);
    expect(roundHalfUp(91.47509578544062, 2)).toBe(91.48);
  });
});
