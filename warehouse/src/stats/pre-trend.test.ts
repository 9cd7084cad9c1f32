import { describe, expect, it } from 'vitest';
import { type PreTrendUnit, preTrendCheck } from './pre-trend.ts';

describe('preTrendCheck', () => {
  it('flags an Ashenfelter dip: treated fall before training, controls do not', () => {
    const units: PreTrendUnit[] = [
      { treated: true, prePeriod1: 80, prePeriod2: 70 },
      { treated: true, prePeriod1: 82, prePeriod2: 71 },
      { treated: true, prePeriod1: 78, prePeriod2: 69 },
      { treated: true, prePeriod1: 81, prePeriod2: 72 },
      { treated: false, prePeriod1: 80, prePeriod2: 80 },
      { treated: false, prePeriod1: 79, prePeriod2: 80 },
      { treated: false, prePeriod1: 82, prePeriod2: 81 },
      { treated: false, prePeriod1: 77, prePeriod2: 78 },
    ];
    const r = preTrendCheck(units)!;
    // Treated Δ −10, −11, −9, −9 → −9.75; control Δ 0, 1, −1, 1 → 0.25.
    expect(r.placebo.estimate).toBeCloseTo(-10, 12);
    expect(r.ciExcludesZero).toBe(true);
  });

  it('does not flag parallel noise', () => {
    const units: PreTrendUnit[] = [
      { treated: true, prePeriod1: 80, prePeriod2: 81 },
      { treated: true, prePeriod1: 82, prePeriod2: 81 },
      { treated: true, prePeriod1: 78, prePeriod2: 80 },
      { treated: false, prePeriod1: 80, prePeriod2: 79 },
      { treated: false, prePeriod1: 79, prePeriod2: 81 },
      { treated: false, prePeriod1: 82, prePeriod2: 82 },
    ];
    const r = preTrendCheck(units)!;
    expect(r.placebo.estimate).toBeCloseTo(2 / 3 - 1 / 3, 12);
    expect(r.ciExcludesZero).toBe(false);
  });

  it('is null-valued when the CI cannot be estimated', () => {
    const r = preTrendCheck([
      { treated: true, prePeriod1: 1, prePeriod2: 2 },
      { treated: false, prePeriod1: 1, prePeriod2: 1 },
    ])!;
    expect(r.ciExcludesZero).toBeNull();
  });
});
