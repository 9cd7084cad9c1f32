import { describe, expect, it } from 'vitest';
import {
  formatBound,
  formatDate,
  formatDateTime,
  formatDays,
  formatIdr,
  formatIdrCompact,
  formatNumber,
  formatPercent,
  formatPercentPoints,
  formatPeriod,
  formatPRelation,
  formatPValue,
  formatSigned,
  MINUS,
  pAfterLabel,
} from './format.ts';

describe('Indonesian formats', () => {
  it('uses . for thousands and , for decimals', () => {
    expect(formatNumber(1234567, 'id')).toBe('1.234.567');
    expect(formatNumber(1234.5, 'id', 1)).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
  });

  it('writes a value that rounds to zero as 0, without a minus sign', () => {
    expect(formatNumber(-0.001, 'id', 2)).toBe('0,00');
    expect(formatNumber(-0.004, 'en', 2)).toBe('0.00');
    expect(formatNumber(-0.006, 'id', 2)).toBe('\u22120,01');
  });

  it('writes every negative number with the one typographic minus (U+2212), never a hyphen', () => {
    const negatives = [
      formatNumber(-0.4, 'id', 2),
      formatNumber(-1234.5, 'en', 1),
      formatPercent(-0.97, 'id', 0),
      formatPercentPoints(-97, 'id', 0),
      formatPercentPoints(-100, 'en', 1),
      formatIdr(-2500, 'id'),
      formatIdrCompact(-1_250_000_000, 'id'),
      formatIdrCompact(-3_400_000, 'en'),
      formatSigned(-0.44, 'id'),
      formatDays(-0.45, 'id'),
    ];
    expect(negatives).toEqual([
      '−0,40',
      '−1,234.5',
      '−97%',
      '−97%',
      '−100.0%',
      '−Rp 2.500',
      '−Rp 1,3 M',
      '−Rp 3.4 M',
      '−0,4',
      '−0,5',
    ]);
    for (const text of negatives) {
      expect(text).not.toContain('-');
      expect(text.startsWith(MINUS)).toBe(true);
    }
  });

  it('writes Rupiah as Rp 1.234.567 with a plain space', () => {
    expect(formatIdr(1234567, 'id')).toBe('Rp 1.234.567');
    expect(formatIdr(1234567.6, 'id')).toBe('Rp 1.234.568');
    expect(formatIdr(-2500, 'id')).toBe('−Rp 2.500');
    expect(formatIdr(-0.4, 'id')).toBe('Rp 0');
    expect(formatIdr(null, 'id')).toBe('—');
  });

  it('compacts large Rupiah amounts with Indonesian units', () => {
    expect(formatIdrCompact(1_250_000_000, 'id')).toBe('Rp 1,3 M');
    expect(formatIdrCompact(3_400_000, 'id')).toBe('Rp 3,4 jt');
    expect(formatIdrCompact(1_250_000_000, 'en')).toBe('Rp 1.3 B');
  });

  it('formats fractions as percents', () => {
    expect(formatPercent(0.4567, 'id')).toBe('45,7%');
    expect(formatPercent(0.4567, 'en')).toBe('45.7%');
    expect(formatPercent(undefined, 'en')).toBe('—');
  });

  it('formats calendar dates as 29 Nov 2026 without time-zone drift', () => {
    expect(formatDate('2026-11-29', 'id')).toBe('29 Nov 2026');
    expect(formatDate('2024-08-01', 'id')).toBe('1 Agu 2024');
    expect(formatDate('2024-08-01', 'en')).toBe('1 Aug 2024');
  });

  it('shows instants in WIB', () => {
    expect(formatDateTime('2026-11-29T20:30:00Z', 'id')).toBe('30 Nov 2026 03:30 WIB');
  });

  it('labels periods by grain', () => {
    expect(formatPeriod('2024-04-01', 'quarter', 'id')).toBe('T2 2024');
    expect(formatPeriod('2024-04-01', 'quarter', 'en')).toBe('Q2 2024');
    expect(formatPeriod('2024-05-01', 'month', 'id')).toBe('Mei 2024');
    expect(formatPeriod('2024-01-01', 'year', 'en')).toBe('2024');
  });

  it('signs changes and never shows -0', () => {
    expect(formatSigned(2.14, 'id')).toBe('+2,1');
    // A confidence bound that rounds to 0 keeps its side of 0.
    expect(formatBound(0.004, 'id', 2)).toBe('+0,004');
    expect(formatBound(-0.0004, 'en', 2)).toBe('−0.0004');
    expect(formatBound(0.000001, 'en', 2)).toBe('+0.0000');
    expect(formatBound(0, 'en', 2)).toBe('0.00');
    expect(formatBound(-0.35, 'id', 2)).toBe('−0,35');
    expect(formatSigned(-0.44, 'id')).toBe('−0,4');
    expect(formatSigned(-0.01, 'id')).toBe('0,0');
  });
});

describe('p-values', () => {
  it('are written with three decimals, below 0.001 as < 0,001 / < 0.001, never a bare 0,000', () => {
    expect(formatPValue(0.00001, 'id')).toBe('< 0,001');
    expect(formatPValue(0, 'en')).toBe('< 0.001');
    // Rounds to 0,001 at three decimals but is below it: still "< 0,001".
    expect(formatPValue(0.00096, 'id')).toBe('< 0,001');
    expect(formatPValue(0.001, 'id')).toBe('0,001');
    expect(formatPValue(0.01234, 'id')).toBe('0,012');
    expect(formatPValue(0.5, 'en')).toBe('0.500');
    expect(formatPValue(1, 'id')).toBe('1,000');
    expect(formatPValue(null, 'id')).toBe('—');
    expect(formatPValue(Number.NaN, 'en')).toBe('—');
  });

  it('after a label read "= 0,074" or "< 0,001", never "= < 0,001"', () => {
    expect(formatPRelation(0.0737, 'id')).toBe('= 0,074');
    expect(formatPRelation(0.0004, 'id')).toBe('< 0,001');
    expect(formatPRelation(0.0004, 'en')).toBe('< 0.001');
    expect(formatPRelation(null, 'en')).toBe('—');
    expect(pAfterLabel('0,135')).toBe('= 0,135');
    expect(pAfterLabel('< 0,001')).toBe('< 0,001');
  });
});
