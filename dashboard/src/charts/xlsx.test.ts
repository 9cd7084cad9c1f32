import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, crc32, toXlsx, xmlText } from './xlsx.ts';

/** The workbook read back by exceljs (the ETL's reader of XLSX drops), as its first sheet's values. */
async function readBack(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value ?? null);
  });
  return { workbook, sheet, rows };
}

describe('toXlsx: a workbook Excel reads whatever its locale', () => {
  it('crc32 and column names give the textbook values', () => {
    // The CRC-32 check value of "123456789" (the catalogue of parametrised CRCs: CRC-32/ISO-HDLC).
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnName)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });

  it('writes numbers as numbers, text as text, booleans and empty cells, read back cell for cell', async () => {
    const header = ['Instansi', 'Tingkat partisipasi (%)', 'Biaya (Rp)', 'suppressed'];
    const rows = [
      ['Dinas Kependudukan dan Pencatatan Sipil', 0.1 + 0.2, 1389974707.6923075, false],
      ['Sekretariat Daerah — Bagian Umum ≥ 20 JP', null, -2500.5, true],
      ['=1+1', 12.5, null, null],
    ];
    const { sheet, rows: back } = await readBack(toXlsx(header, rows, 'Partisipasi'));
    expect(sheet.name).toBe('Partisipasi');
    expect(back).toEqual([
      header,
      // 15 significant digits (no float noise), money in whole rupiah, half away from zero.
      ['Dinas Kependudukan dan Pencatatan Sipil', 0.3, 1389974708, false],
      ['Sekretariat Daerah — Bagian Umum ≥ 20 JP', null, -2501, true],
      // An inline string is never a formula: the text as it is, with no leading quote.
      ['=1+1', 12.5, null, null],
    ]);
    expect(sheet.getCell('A4').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    // Money shown with thousands separators (Excel's built-in #,##0: the reader's own separators).
    expect(sheet.getCell('C2').numFmt).toBe('#,##0');
    expect(sheet.getCell('B2').numFmt).toBeUndefined();
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('keeps XML markup, quotes, spaces and non-BMP text; drops what XML cannot hold', async () => {
    const header = ['a', 'b'];
    const rows = [
      ['<b>&amp;</b> "x" \'y\'', '  padded  '],
      ['tab\there\nline 😀', 'bell\u0007 null\u0000 lone\uD800 end'],
    ];
    const { rows: back } = await readBack(toXlsx(header, rows));
    expect(back[1]).toEqual(['<b>&amp;</b> "x" \'y\'', '  padded  ']);
    expect(back[2]).toEqual(['tab\there\nline 😀', 'bell null lone end']);
    expect(xmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    // CR kept as a reference; ECMA-376's `_xHHHH_` escape written so Excel shows it as typed.
    expect(xmlText('a\r\nb _x000D_ _x12_')).toBe('a&#13;\nb _x005F_x000D_ _x12_');
  });

  it('names the sheet within Excel’s rules: at most 31 characters, none of []:*?/\\', async () => {
    const long = 'Biaya / peserta: [per instansi] * tahun? dan seterusnya';
    const { sheet } = await readBack(toXlsx(['a'], [[1]], long));
    expect(sheet.name.length).toBeLessThanOrEqual(31);
    expect(sheet.name).not.toMatch(/[[\]:*?/\\]/);
    expect(await readBack(toXlsx(['a'], [[1]], '  ')).then((r) => r.sheet.name)).toBe('Data');
    expect((await readBack(toXlsx(['a'], [[1]], "'Rekap'"))).sheet.name).toBe('Rekap');
  });

  it('gives the same bytes for the same table (no clock in the file)', () => {
    const a = toXlsx(['x'], [[1], ['y']]);
    const b = toXlsx(['x'], [[1], ['y']]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // A zip: local header first, the end of central directory record last.
    expect([...a.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect([...a.slice(-22, -18)]).toEqual([0x50, 0x4b, 0x05, 0x06]);
  });

  it('holds a larger table: 3,000 rows of 8 columns', async () => {
    const header = Array.from({ length: 8 }, (_, i) => `c${i}`);
    const rows = Array.from({ length: 3_000 }, (_, r) =>
      header.map((_, c) => (c === 0 ? `row ${r}` : r * c + 0.5)),
    );
    const { sheet, rows: back } = await readBack(toXlsx(header, rows));
    expect(sheet.rowCount).toBe(3_001);
    expect(back[3_000]).toEqual(rows[2_999]);
  });
});
