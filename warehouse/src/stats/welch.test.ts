import { describe, expect, it } from 'vitest';
import { summarize } from './group-summary.ts';
import { welch, welchFromSummaries } from './welch.ts';

// Reference: scipy.stats.ttest_ind(a, b, equal_var=False) and .confidence_interval(level).
const a = [19.1, 22.4, 25.0, 18.7, 30.2, 21.9, 24.8];
const b = [17.0, 16.2, 21.5, 15.8, 18.9, 17.7, 16.4, 20.1, 14.9, 19.3];

describe('welch', () => {
  it('matches SciPy: estimate, df, t, p and 95 % CI', () => {
    const r = welch(a, b)!;
    expect(r.estimate).toBeCloseTo(5.377142857142861, 10);
    expect(r.df).toBeCloseTo(8.395298235874236, 8);
    expect(r.tStat).toBeCloseTo(3.280371141324014, 8);
    expect(r.pValue).toBeCloseTo(0.010464691434512952, 7);
    expect(r.ci?.low).toBeCloseTo(1.6279273774159013, 6);
    expect(r.ci?.high).toBeCloseTo(9.12635833686982, 6);
    expect(r.ci?.level).toBe(0.95);
  });

  it('honours the confidence level (90 %)', () => {
    const r = welch(a, b, 0.9)!;
    expect(r.ci?.low).toBeCloseTo(2.3474978685613275, 6);
    expect(r.ci?.high).toBeCloseTo(8.406787845724391, 6);
  });

  it('gives the same answer from SQL-style summaries', () => {
    const fromSummaries = welchFromSummaries(summarize(a)!, summarize(b)!);
    expect(fromSummaries).toEqual(welch(a, b));
  });

  it('returns the estimate without inference when a group has one unit or there is no variation', () => {
    expect(welch([5], [1, 2, 3])).toMatchObject({ estimate: 3, se: null, ci: null, pValue: null });
    expect(welch([2, 2], [1, 1])).toMatchObject({ estimate: 1, se: null, df: null });
    expect(welch([], [1, 2])).toBeNull();
  });

  it('df falls back to n − 1 of the varying group when the other has zero variance', () => {
    const r = welch([1, 2, 3, 4], [0, 0, 0])!;
    expect(r.df).toBeCloseTo(3, 12);
  });
});
