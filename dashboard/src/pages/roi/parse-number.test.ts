import { describe, expect, it } from 'vitest';
import { formatGroupedNumber, formatPlainNumber, parseLocaleNumber } from './parse-number.ts';

const num = (value: number) => ({ kind: 'number', value });
const INVALID = { kind: 'invalid' };
const EMPTY = { kind: 'empty' };

describe('parseLocaleNumber', () => {
  it('reads Indonesian numbers: `.` groups thousands, `,` is the decimal mark', () => {
    expect(parseLocaleNumber('5.000.000', 'id')).toEqual(num(5_000_000));
    expect(parseLocaleNumber('1.234,5', 'id')).toEqual(num(1234.5));
    expect(parseLocaleNumber('1.234.567,25', 'id')).toEqual(num(1234567.25));
    expect(parseLocaleNumber('0,5', 'id')).toEqual(num(0.5));
    expect(parseLocaleNumber(',5', 'id')).toEqual(num(0.5));
    expect(parseLocaleNumber('1.234', 'id')).toEqual(num(1234));
    expect(parseLocaleNumber('1,234', 'id')).toEqual(num(1.234));
    expect(parseLocaleNumber('5000000', 'id')).toEqual(num(5_000_000));
  });

  it('reads a plain `0.5` in Indonesian as one half: `.` only groups exactly three digits', () => {
    expect(parseLocaleNumber('0.5', 'id')).toEqual(num(0.5));
    expect(parseLocaleNumber('12.5', 'id')).toEqual(num(12.5));
    expect(parseLocaleNumber('0.500', 'id')).toEqual(num(0.5));
    expect(parseLocaleNumber('1.2345', 'id')).toEqual(num(1.2345));
    expect(parseLocaleNumber('1,234.5', 'id')).toEqual(num(1234.5));
  });

  it('reads English numbers: `,` groups thousands, `.` is the decimal mark', () => {
    expect(parseLocaleNumber('1,234.5', 'en')).toEqual(num(1234.5));
    expect(parseLocaleNumber('5,000,000', 'en')).toEqual(num(5_000_000));
    expect(parseLocaleNumber('0.5', 'en')).toEqual(num(0.5));
    expect(parseLocaleNumber('.5', 'en')).toEqual(num(0.5));
    expect(parseLocaleNumber('1.234', 'en')).toEqual(num(1.234));
    expect(parseLocaleNumber('1,234', 'en')).toEqual(num(1234));
    // Unambiguously Indonesian text is still understood.
    expect(parseLocaleNumber('0,5', 'en')).toEqual(num(0.5));
    expect(parseLocaleNumber('5.000.000', 'en')).toEqual(num(5_000_000));
    expect(parseLocaleNumber('1.234,5', 'en')).toEqual(num(1234.5));
  });

  it('keeps the sign, so a range check can refuse it', () => {
    expect(parseLocaleNumber('-5', 'id')).toEqual(num(-5));
    expect(parseLocaleNumber('-5.000.000', 'id')).toEqual(num(-5_000_000));
    expect(parseLocaleNumber('\u22120,5', 'id')).toEqual(num(-0.5));
    expect(parseLocaleNumber('+2', 'en')).toEqual(num(2));
    expect(parseLocaleNumber('-0', 'en')).toEqual(num(0));
  });

  it('treats empty or blank text as "use the default"', () => {
    expect(parseLocaleNumber('', 'id')).toEqual(EMPTY);
    expect(parseLocaleNumber('   ', 'en')).toEqual(EMPTY);
    expect(parseLocaleNumber(' 0,7 ', 'id')).toEqual(num(0.7));
  });

  it('refuses what is not a plain decimal number', () => {
    for (const text of [
      'abc',
      '1e12',
      'Infinity',
      'NaN',
      '0x10',
      '1.2.3',
      '1,2,3',
      '1.23.456',
      '1.234,5,6',
      '5,',
      '.',
      '-',
      '12abc',
      '1 000',
      '1.234.5',
    ]) {
      expect(parseLocaleNumber(text, 'id'), `${text} (id)`).toEqual(INVALID);
      expect(parseLocaleNumber(text, 'en'), `${text} (en)`).toEqual(INVALID);
    }
  });

  it('reads huge digit strings as numbers (the caller checks the range)', () => {
    expect(parseLocaleNumber('99999999999999', 'id')).toEqual(num(99_999_999_999_999));
    expect(parseLocaleNumber('999999999999999999999', 'en')).toEqual(num(1e21));
  });
});

describe('formatPlainNumber', () => {
  it('writes the UI language decimal mark, no grouping, no exponent', () => {
    expect(formatPlainNumber(0.5, 'id')).toBe('0,5');
    expect(formatPlainNumber(0.5, 'en')).toBe('0.5');
    expect(formatPlainNumber(5_000_000, 'id')).toBe('5000000');
    expect(formatPlainNumber(1e-7, 'en')).toBe('0.0000001');
    expect(formatPlainNumber(1e21, 'en')).toBe('1000000000000000000000');
  });

  it('round-trips through parseLocaleNumber', () => {
    for (const v of [0, 0.5, 0.7, 1234.5, 5_000_000, 1e10, 0.123456789, 1e-7]) {
      for (const lang of ['id', 'en'] as const) {
        expect(parseLocaleNumber(formatPlainNumber(v, lang), lang), `${v} ${lang}`).toEqual(num(v));
      }
    }
  });
});

describe('formatGroupedNumber (assumption placeholders)', () => {
  it("groups thousands in the page's language, as the figures beside the field are written", () => {
    expect(formatGroupedNumber(8_751_440, 'id')).toBe('8.751.440');
    expect(formatGroupedNumber(130_000, 'id')).toBe('130.000');
    expect(formatGroupedNumber(162.5, 'id')).toBe('162,5');
    expect(formatGroupedNumber(0.0125, 'id')).toBe('0,0125');
    expect(formatGroupedNumber(8_751_440, 'en')).toBe('8,751,440');
    expect(formatGroupedNumber(162.5, 'en')).toBe('162.5');
  });
  it('reads back as the same value when typed as shown', () => {
    for (const lang of ['id', 'en'] as const)
      for (const v of [8_751_440, 130_000, 162.5, 0.0125, 1234.5678, 7])
        expect(parseLocaleNumber(formatGroupedNumber(v, lang), lang)).toEqual(num(v));
  });
});
