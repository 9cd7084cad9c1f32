import { describe, expect, it } from 'vitest';
import { MetricInputError } from '../query/metric-input-error.ts';
import { addMonths, cohortWindowBounds, dayBefore, reportWindows } from './cohort-windows.ts';

describe('cohort windows', () => {
  it('shifts months across year boundaries', () => {
    expect(addMonths('2023-03-15', -3)).toBe('2022-12-01');
    expect(addMonths('2023-12-31', 1)).toBe('2024-01-01');
    expect(addMonths('2023-01-01', -24)).toBe('2021-01-01');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
  });

  it('places pre before the window start, post after the window end, placebo before pre', () => {
    const bounds = cohortWindowBounds('2023-01-01', '2023-12-31');
    expect(bounds).toEqual({
      placebo: { start: '2021-01-01', end: '2022-01-01' },
      pre: { start: '2022-01-01', end: '2023-01-01' },
      post: { start: '2024-01-01', end: '2025-01-01' },
    });
    expect(reportWindows(cohortWindowBounds('2023-03-01', '2023-05-31', 6))).toEqual({
      placebo: { from: '2022-03-01', to: '2022-08-31' },
      pre: { from: '2022-09-01', to: '2023-02-28' },
      post: { from: '2023-06-01', to: '2023-11-30' },
    });
  });

  it('rejects an inverted window and a bad length', () => {
    expect(() => cohortWindowBounds('2023-02-01', '2023-01-31')).toThrow(
      expect.objectContaining({ detail: expect.objectContaining({ reason: 'RANGE_REVERSED', field: 'to' }) }),
    );
    expect(() => cohortWindowBounds('2023-01-01', '2023-02-28', 0)).toThrow(RangeError);
  });

  it('takes whole months only, naming the aligned dates either side of a day inside one', () => {
    const refused = (from: string, to: string) => {
      try {
        cohortWindowBounds(from, to);
      } catch (e) {
        expect(e).toBeInstanceOf(MetricInputError);
        return (e as MetricInputError).detail;
      }
      throw new Error(`accepted ${from} … ${to}`);
    };
    expect(refused('2023-03-10', '2023-05-31')).toEqual({
      reason: 'RANGE_NOT_ALIGNED',
      field: 'from',
      unit: 'month',
      value: '2023-03-10',
      earlier: '2023-03-01',
      later: '2023-04-01',
    });
    // A leap year's February ends on the 29th: the 28th cuts it.
    expect(refused('2024-01-01', '2024-02-28')).toEqual({
      reason: 'RANGE_NOT_ALIGNED',
      field: 'to',
      unit: 'month',
      value: '2024-02-28',
      earlier: '2024-01-31',
      later: '2024-02-29',
    });
    expect(refused('2023-02-30', '2023-05-31')).toEqual({ reason: 'INVALID_DATE', field: 'from' });
    expect(() => cohortWindowBounds('2024-02-01', '2024-02-29')).not.toThrow();
    expect(() => cohortWindowBounds('2024-07-01', '2024-07-31')).not.toThrow();
  });
});
