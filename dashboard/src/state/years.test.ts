import { describe, expect, it } from 'vitest';
import {
  dataThrough,
  measurableYear,
  partialYear,
  yearOptions,
  yearsOutsideSpan,
  yearWindow,
} from './years.ts';

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

  const day = (last: string) => ({ grain: 'day', last });
  const year = (last: string) => ({ grain: 'year', last });

  it('reads the last day of data off the daily facts only', () => {
    expect(dataThrough([day('2026-09-30'), day('2026-08-14'), year('2026-12-31')])).toBe('2026-09-30');
    expect(dataThrough([year('2026-12-31')])).toBeNull();
    expect(dataThrough(null)).toBeNull();
    expect(dataThrough([])).toBeNull();
  });

  it('calls the last year partial when its data stops before December', () => {
    const span = { first: 2021, last: 2026 };
    expect(partialYear(span, [day('2026-09-30'), year('2026-12-31')])).toEqual({
      year: 2026,
      through: '2026-09-30',
    });
    // Data into December counts as the whole year (a source need not have a row on 31 December).
    expect(partialYear(span, [day('2026-12-01')])).toBeNull();
    expect(partialYear(span, [day('2026-12-31')])).toBeNull();
    // Daily data that ends in an earlier year than the span says nothing about the last year.
    expect(partialYear(span, [day('2025-06-30')])).toBeNull();
    expect(partialYear(null, [day('2026-09-30')])).toBeNull();
    expect(partialYear(span, undefined)).toBeNull();
  });
});

describe('yearsOutsideSpan', () => {
  const span = { first: 2021, last: 2025 };
  it('lists the chosen years the snapshot does not cover, oldest first, once each', () => {
    expect(yearsOutsideSpan([2030, 2031], span)).toEqual([2030, 2031]);
    expect(yearsOutsideSpan([1999, 2023], span)).toEqual([1999]);
    expect(yearsOutsideSpan([2026, 2026], span)).toEqual([2026]);
  });
  it('is empty for years inside the span, no choice, or an unknown span', () => {
    expect(yearsOutsideSpan([2021, 2025], span)).toEqual([]);
    expect(yearsOutsideSpan([null, null], span)).toEqual([]);
    expect(yearsOutsideSpan([1999], null)).toEqual([]);
  });
});
