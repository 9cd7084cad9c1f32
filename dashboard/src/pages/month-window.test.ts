import { describe, expect, it } from 'vitest';
import { isWholeMonths, monthEnd, monthStart, wholeMonths, wholeMonthsAround } from './month-window.ts';

describe('whole-month analysis windows', () => {
  it('finds the first and last day of a month, leap years included', () => {
    expect(monthStart('2024-03-17')).toBe('2024-03-01');
    expect(monthEnd('2024-02-10')).toBe('2024-02-29');
    expect(monthEnd('2023-02-10')).toBe('2023-02-28');
    expect(monthEnd('2024-12-01')).toBe('2024-12-31');
    expect(monthEnd('2024-04-30')).toBe('2024-04-30');
  });

  it('widens a window to the months it touches and leaves whole months alone', () => {
    expect(wholeMonths({ from: '2024-03-15', to: '2024-05-20' })).toEqual({
      from: '2024-03-01',
      to: '2024-05-31',
    });
    expect(isWholeMonths({ from: '2024-03-15', to: '2024-05-31' })).toBe(false);
    expect(isWholeMonths({ from: '2024-01-01', to: '2024-12-31' })).toBe(true);
  });

  it('leaves what is not a date as it is (the form reports it)', () => {
    expect(wholeMonths({ from: '', to: 'x' })).toEqual({ from: '', to: 'x' });
    expect(isWholeMonths({ from: '', to: '' })).toBe(true);
  });

  it('names the whole-month dates either side of a day inside a month, across years and leap days', () => {
    expect(wholeMonthsAround('start', '2023-12-02')).toEqual({ earlier: '2023-12-01', later: '2024-01-01' });
    expect(wholeMonthsAround('end', '2024-02-10')).toEqual({ earlier: '2024-01-31', later: '2024-02-29' });
    expect(wholeMonthsAround('end', '2024-01-15')).toEqual({ earlier: '2023-12-31', later: '2024-01-31' });
  });
});
