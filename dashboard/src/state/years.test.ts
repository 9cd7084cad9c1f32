import { describe, expect, it } from 'vitest';
import { measurableYear, yearOptions, yearWindow } from './years.ts';

describe('years from the snapshot', () => {
  it('offers every year of the span, and none while it is unknown', () => {
    expect(yearOptions({ first: 2021, last: 2025 })).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(yearOptions({ first: 2030, last: 2030 })).toEqual([2030]);
    expect(yearOptions(null)).toEqual([]);
    expect(yearOptions(undefined)).toEqual([]);
    expect(yearOptions({ first: 2025, last: 2021 })).toEqual([]);
  });

  it('measures training in the year before the last (the last has no year after it)', () => {
    expect(measurableYear({ first: 2021, last: 2025 })).toBe(2024);
    expect(measurableYear({ first: 2027, last: 2028 })).toBe(2027);
    expect(measurableYear({ first: 2025, last: 2025 })).toBe(2025);
    expect(measurableYear(null)).toBeNull();
  });

  it('turns a year into inclusive dates', () => {
    expect(yearWindow(2024)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
  });
});
