import { describe, expect, it } from 'vitest';
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
    expect(reportWindows(cohortWindowBounds('2023-03-10', '2023-05-20', 6))).toEqual({
      placebo: { from: '2022-03-01', to: '2022-08-31' },
      pre: { from: '2022-09-01', to: '2023-02-28' },
      post: { from: '2023-06-01', to: '2023-11-30' },
    });
  });

  it('rejects an inverted window and a bad length', () => {
    expect(() => cohortWindowBounds('2023-02-01', '2023-01-01')).toThrow(RangeError);
    expect(() => cohortWindowBounds('2023-01-01', '2023-02-01', 0)).toThrow(RangeError);
  });
});
