import { describe, expect, it } from 'vitest';
import { type PreTrendUnit, preTrendCheck } from './pre-trend.ts';

describe('preTrendCheck (mutation gaps)', () => {
  it('flags treated units rising before training (CI wholly above 0)', () => {
    // The Ashenfelter-dip mirror: treated climb by about 10 while controls stay flat.
    const units: PreTrendUnit[] = [
      { treated: true, prePeriod1: 70, prePeriod2: 80 },
      { treated: true, prePeriod1: 71, prePeriod2: 82 },
      { treated: true, prePeriod1: 69, prePeriod2: 78 },
      { treated: true, prePeriod1: 72, prePeriod2: 81 },
      { treated: false, prePeriod1: 80, prePeriod2: 80 },
      { treated: false, prePeriod1: 80, prePeriod2: 79 },
      { treated: false, prePeriod1: 81, prePeriod2: 82 },
      { treated: false, prePeriod1: 78, prePeriod2: 77 },
    ];
    const r = preTrendCheck(units)!;
    // Treated Δ +10, +11, +9, +9 → 9.75; control Δ 0, −1, +1, −1 → −0.25.
    expect(r.placebo.estimate).toBeCloseTo(10, 12);
    expect(r.placebo.ci!.low).toBeGreaterThan(0);
    expect(r.ciExcludesZero).toBe(true);
  });
});
