import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, toCsv, UTF8_BOM } from './csv.ts';

describe('csvCell', () => {
  it('neutralises formula starts with a single quote', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+62 811')).toBe("'+62 811");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });

  it('leaves numbers raw, negatives included', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(1234567)).toBe('1234567');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('Dinas A, B')).toBe('"Dinas A, B"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(null)).toBe('');
    expect(csvCell('Dinas Kesehatan')).toBe('Dinas Kesehatan');
  });
});

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and uses CRLF', () => {
    const csv = toCsv(
      ['instansi', 'n'],
      [
        ['Dinas Pendidikan', 120],
        ['=cmd', null],
      ],
    );
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}instansi,n\r\nDinas Pendidikan,120\r\n'=cmd,\r\n`);
  });
});

describe('csvFileName', () => {
  it('slugs the title and pins the snapshot', () => {
    expect(csvFileName('Resistensi per alasan — Tahun', '2026-11-29T10:30:00Z')).toBe(
      'resistensi-per-alasan-tahun_20261129T103000Z.csv',
    );
  });
});
