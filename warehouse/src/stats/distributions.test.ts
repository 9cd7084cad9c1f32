import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './normal.ts';
import { studentTCdf, studentTQuantile, studentTTwoSidedP } from './student-t.ts';

describe('studentTQuantile against printed t tables (3 decimals)', () => {
  it.each([
    [1, 12.706],
    [2, 4.303],
    [10, 2.228],
    [30, 2.042],
    [120, 1.98],
    [Number.POSITIVE_INFINITY, 1.96],
  ])('t(0.975, df = %s) = %s', (df, table) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(table, 3);
  });

  it('t(0.995, 10) = 3.169 and the lower tail is symmetric', () => {
    expect(studentTQuantile(0.995, 10)).toBeCloseTo(3.169, 3);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-studentTQuantile(0.975, 10), 10);
    expect(studentTQuantile(0.5, 3)).toBe(0);
  });
});

describe('studentT against SciPy (scipy.stats.t, to 1e-6), including Welch-style non-integer df', () => {
  it.each([
    // df, ppf(0.975), ppf(0.05), cdf(-2.5)
    [1, 12.706204736174694, -6.313751514675044, 0.12111894159084341],
    [3.5, 2.9400886379827282, -2.222433493649601, 0.03784732190474501],
    [7.3, 2.345066736547703, -1.8829300179564314, 0.019825117332800214],
    [29.6, 2.0434303794806628, -1.6979917321388625, 0.009098864659201069],
  ])('df = %s', (df, q975, q05, cdfMinus25) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(q975, 6);
    expect(studentTQuantile(0.05, df)).toBeCloseTo(q05, 6);
    expect(studentTCdf(-2.5, df)).toBeCloseTo(cdfMinus25, 8);
  });

  it('CDF inverts the quantile', () => {
    for (const df of [1.5, 4, 17.25, 200]) {
      for (const p of [0.01, 0.3, 0.9, 0.999]) {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 7);
      }
    }
  });

  it('two-sided p-value keeps precision in the far tail', () => {
    expect(studentTTwoSidedP(2.228138851986274, 10)).toBeCloseTo(0.05, 9);
    expect(studentTTwoSidedP(-40, 30)).toBeGreaterThan(0);
    expect(studentTTwoSidedP(0, 5)).toBe(1);
  });

  it('rejects df ≤ 0 and p outside [0, 1]', () => {
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(1.1, 5)).toThrow(RangeError);
  });
});

describe('normal', () => {
  it('z(0.975) = 1.959964, z(0.995) = 2.575829, Φ(−1.5) = 0.0668072', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 8);
    expect(normalCdf(-1.5)).toBeCloseTo(0.06680720126885807, 9);
    expect(studentTCdf(-1.5, Number.POSITIVE_INFINITY)).toBeCloseTo(0.06680720126885807, 9);
  });
});
