import { describe, expect, it } from 'vitest';
import { MetricInputError } from '../query/metric-input-error.ts';
import { checkRoiAssumptions, ROI_ASSUMPTION_BOUNDS } from './roi-assumption-bounds.ts';

describe('checkRoiAssumptions', () => {
  it('accepts every assumption at its bounds', () => {
    const lows = Object.fromEntries(Object.entries(ROI_ASSUMPTION_BOUNDS).map(([k, b]) => [k, b.min]));
    const highs = Object.fromEntries(Object.entries(ROI_ASSUMPTION_BOUNDS).map(([k, b]) => [k, b.max]));
    expect(() => checkRoiAssumptions(lows, 'a')).not.toThrow();
    expect(() => checkRoiAssumptions(highs, 'a')).not.toThrow();
  });

  it.each([
    ['citizenDayValueIdr', 1e308, 0, 1e15],
    ['monthlySalaryCostIdr', Number.NaN, 0, 1e15],
    ['hourlySalaryCostIdr', -1, 0, 1e15],
    ['workingHoursPerMonth', 1e-320, 1, 744],
    ['jpMinutes', Infinity, 1, 1440],
    ['confidence', 1.5, 0, 1],
  ] as const)('refuses %s = %d: OUT_OF_RANGE %d … %d', (name, value, min, max) => {
    let error: unknown;
    try {
      checkRoiAssumptions({ [name]: value }, 'input.assumptions');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MetricInputError);
    expect((error as MetricInputError).detail).toEqual({
      reason: 'OUT_OF_RANGE',
      field: `input.assumptions.${name}`,
      min,
      max,
    });
  });
});
