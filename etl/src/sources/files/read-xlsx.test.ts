import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HeaderError } from '../staged.ts';
import { excelDateText, numberText } from './cell-text.ts';
import { readDrop } from './read-drop.ts';
import { AmbiguousSheetsError, readXlsx } from './read-xlsx.ts';
import { templateBuffer } from './template.ts';
import { UnreadableWorkbookError, zipEntries } from './zip-guard.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlsx-drops-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function workbookFrom(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return book;
}

async function save(book: ExcelJS.Workbook, name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, Buffer.from(await book.xlsx.writeBuffer()));
  return path;
}

describe('readXlsx: a filled template round-trips', () => {
  it('reads dates, timestamps, numbers, rich text and formulas as the text SQL validates', async () => {
    const book = await workbookFrom(await templateBuffer('enrollments', 'xlsx'));
    const sheet = book.getWorksheet('enrollments')!;
    // Columns: id, offering_id, employee_id, status, jp_earned, completed_at
    sheet.addRow([1, 10, 100, 'completed', 2, new Date(Date.UTC(2024, 2, 5))]);
    sheet.addRow([
      2,
      10,
      101,
      { richText: [{ text: 'comp', font: { bold: true } }, { text: 'leted' }] },
      1.5,
      new Date(Date.UTC(2024, 2, 5, 8, 30)),
    ]);
    sheet.addRow([
      3,
      10,
      102,
      { formula: 'CONCAT("comp","leted")', result: 'completed' },
      { formula: '1+1', result: 2 },
      null,
    ]);
    sheet.addRow([]); // an empty row is skipped, not rejected
    sheet.addRow(['  4 ', 10, 103, 'no_show', 0, '']);
    const staged = await readDrop(await save(book, 'enrollments_filled.xlsx'));

    expect(staged.table).toBe('enrollments');
    expect(staged.source).toBe('files:enrollments_filled.xlsx');
    expect(staged.columns).toEqual([
      'id',
      'offering_id',
      'employee_id',
      'status',
      'jp_earned',
      'completed_at',
      'updated_at',
    ]);
    expect(staged.rows).toEqual([
      // Excel's dates carry no zone: they are WIB (local-time.ts).
      ['1', '10', '100', 'completed', '2', '2024-03-05T00:00:00+07:00', null],
      ['2', '10', '101', 'completed', '1.5', '2024-03-05T08:30:00+07:00', null],
      ['3', '10', '102', '=CONCAT("comp","leted")', '=1+1', null, null],
      ['4', '10', '103', 'no_show', '0', null, null],
    ]);
    expect(staged.rowNumbers).toEqual([2, 3, 4, 6]);
    expect(JSON.parse(staged.rawRows[2]!)).toMatchObject({ status: '=CONCAT("comp","leted")' });
    expect(staged.rejected).toEqual([]);
  });

  it('keeps an 18-digit NIP intact because the template formats text columns as Text', async () => {
    const book = await workbookFrom(await templateBuffer('employees', 'xlsx'));
    const sheet = book.getWorksheet('employees')!;
    expect(sheet.getColumn(2).numFmt).toBe('@');
    // The template has no full_name column: the ETL never reads an employee's name.
    sheet.addRow([
      1,
      '198503302010011002',
      null,
      'F',
      new Date(Date.UTC(1985, 2, 30)),
      'PNS',
      new Date(Date.UTC(2010, 0, 1)),
    ]);
    const staged = await readDrop(await save(book, 'employees.xlsx'));
    const at = (name: string) => staged.rows[0]?.[staged.columns.indexOf(name)];
    expect(
      ['id', 'nip', 'ni_pppk', 'full_name', 'sex', 'birth_date', 'employment_type', 'appointed_on'].map(at),
    ).toEqual(['1', '198503302010011002', null, null, 'F', '1985-03-30', 'PNS', '2010-01-01']);
  });

  it('rejects a row with a value right of the header as MALFORMED_ROW and loads the rest', async () => {
    const book = await workbookFrom(await templateBuffer('assessments', 'xlsx'));
    const sheet = book.getWorksheet('assessments')!;
    sheet.addRow([1, 5, 'pre', 40]);
    sheet.addRow([2, 5, 'post', 70, 'stray']);
    const staged = await readDrop(await save(book, 'assessments.xlsx'));
    expect(staged.rows.map((r) => r[0])).toEqual(['1']);
    expect(staged.rejected).toMatchObject([{ rowNumber: 3, reason: 'MALFORMED_ROW', table: 'assessments' }]);
  });
});

describe('readXlsx: which sheet and header', () => {
  it('finds the table from a sheet name when the file name says nothing', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Petunjuk').addRow(['ignore me']);
    const sheet = book.addWorksheet('Salary_Scale');
    sheet.addRow(['ID', 'Grade', 'Monthly_Cost_IDR']);
    sheet.addRow([1, 'III/a', 9_500_000]);
    const staged = await readDrop(await save(book, 'export.xlsx'));
    expect(staged.table).toBe('salary_scale');
    expect(staged.rows).toEqual([['1', 'III/a', '9500000', null]]);
  });

  it('throws a HeaderError naming columns, like CSV', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRow(['id', 'grade', 'salary']);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const error = await readXlsx(bytes, { table: 'salary_scale' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeaderError);
    expect(error).toMatchObject({ missing: ['monthly_cost_idr'], unexpected: ['salary'] });
  });
});

describe('readXlsx: a sheet without its header row', () => {
  it('says so, names the columns, and quotes neither the NIP nor the name', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('employees');
    const nip = '198807082012031777';
    sheet.addRow([
      9601,
      nip,
      null,
      'Bambang Pamungkas',
      'M',
      new Date(Date.UTC(1988, 6, 8)),
      'PNS',
      new Date(Date.UTC(2012, 2, 1)),
      'S1',
    ]);
    sheet.addRow([
      9602,
      null,
      null,
      'Sukarno',
      'M',
      new Date(Date.UTC(1970, 0, 1)),
      'PNS',
      new Date(Date.UTC(1995, 2, 1)),
      'S2',
    ]);
    const error = await readXlsx(await save(book, 'employees.xlsx')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeaderError);
    const message = (error as Error).message;
    expect(message).toBe(
      'files:employees.xlsx: header does not match table employees: the file seems to have no header row ' +
        '(row 1 holds values, not column names); the first row must be the header: ' +
        'id, nip, ni_pppk, sex, birth_date, employment_type, appointed_on, education',
    );
    for (const value of [nip, 'Bambang', 'Pamungkas', '1988-07-08', '9601']) {
      expect(JSON.stringify({ ...(error as HeaderError), message })).not.toContain(value);
    }
  });

  it('names a column-like extra cell and counts one that may be a name', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRow(['id', 'grade', 'monthly_cost_idr', 'catatan', 'Bambang Pamungkas']);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const error = await readXlsx(bytes, { table: 'salary_scale' }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'files:inline.xlsx: header does not match table salary_scale: unexpected column(s): catatan ' +
        'and 1 more (not shown: row 1 may be data, not a header)',
    );
  });
});

describe('readXlsx: a title above the header', () => {
  const header = ['id', 'code', 'name', 'kind', 'parent_id', 'valid_from', 'valid_to'];

  it('names the row that looks like the header: a merged title row 1, header on row 2', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('agencies');
    sheet.addRow(['Data Peserta Diklat 2025']);
    sheet.mergeCells('A1:G1');
    sheet.addRow(header);
    sheet.addRow([1, 'SETDA', 'Setda', 'sekretariat', null, '2020-01-01', null]);
    const error = await readXlsx(await save(book, 'agencies.xlsx')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeaderError);
    expect((error as Error).message).toBe(
      'files:agencies.xlsx: header does not match table agencies: row 2 looks like the header: ' +
        'delete the title row(s) above it (row 1)',
    );
  });

  it('also when row 1 is left empty and the header starts lower, with names in other case and spaces', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('agencies');
    sheet.getRow(3).values = header.map((h) => ` ${h.toUpperCase()} `);
    sheet.getRow(4).values = [1, 'SETDA', 'Setda', 'sekretariat', null, '2020-01-01', null];
    await expect(readXlsx(await save(book, 'agencies.xlsx'))).rejects.toThrow(
      /header does not match table agencies: row 3 looks like the header: delete the title row\(s\) above it$/,
    );
  });

  it('reads a header written in other case, with spaces, NBSP or zero-width characters around names', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('employees');
    sheet.addRow([
      ' ID ',
      '\u00a0NIP',
      'Ni_Pppk\u200b',
      'SEX',
      'Birth_Date',
      'employment_type ',
      'Appointed_On',
    ]);
    // The NIP as text, as the template's Text-formatted column keeps it: all 18 digits.
    sheet.addRow([1, '198503302010011002', null, 'F', '1985-03-30', 'PNS', '2010-01-01']);
    const staged = await readXlsx(await save(book, 'employees.xlsx'));
    expect(staged.rejected).toEqual([]);
    const at = (name: string) => staged.rows[0]?.[staged.columns.indexOf(name)];
    expect(['id', 'nip', 'sex', 'employment_type'].map(at)).toEqual(['1', '198503302010011002', 'F', 'PNS']);
  });
});

describe('cell text helpers', () => {
  it('writes dates as ISO, rounding Excel float noise to the second', () => {
    expect(excelDateText(new Date(Date.UTC(2024, 0, 31)))).toBe('2024-01-31');
    expect(excelDateText(new Date(Date.UTC(2024, 0, 31, 8, 29, 59, 999)))).toBe('2024-01-31T08:30:00');
  });

  it('writes numbers as plain decimals', () => {
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(1.5e-7)).toBe('0.00000015');
    expect(numberText(2500000)).toBe('2500000');
  });
});

describe('readXlsx: which sheet', () => {
  const header = ['id', 'code', 'name', 'kind', 'parent_id', 'valid_from', 'valid_to'];
  const row = (id: number) => [id, `A${id}`, `Dinas ${id}`, 'dinas', null, '2020-01-01', null];

  it('refuses rows in two sheets, none named after the table, naming both (it read the first only)', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRows([header, row(1)]);
    book.addWorksheet('Sheet2').addRows([header, row(2)]);
    const path = await save(book, 'agencies.xlsx');
    const error = await readXlsx(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousSheetsError);
    expect((error as Error).message).toBe(
      'files:agencies.xlsx: 2 sheets hold rows (Sheet1, Sheet2) and none is named agencies: put the rows in one sheet, or name the sheet to load "agencies"',
    );
  });

  it('refuses rows in two sheets named after different tables when the file names none (it read the first only)', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('agencies').addRows([header, row(1), row(2)]);
    book.addWorksheet('Employees 2024').addRows([
      ['id', 'sex'],
      [1, 'M'],
    ]);
    const path = await save(book, 'drop.xlsx');
    const error = await readXlsx(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousSheetsError);
    expect((error as Error).message).toBe(
      'files:drop.xlsx: 2 sheets named after tables hold rows (agencies, Employees 2024): a workbook loads one table; put each table in its own file named after it (agencies.xlsx, employees.xlsx)',
    );
    // Through the drop reader too: the run fails on it, before anything loads.
    await expect(readDrop(path)).rejects.toBeInstanceOf(AmbiguousSheetsError);
  });

  it('takes the one table-named sheet that holds rows when the file names no table', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('employees').addRow(['id', 'sex']);
    book.addWorksheet('agencies').addRows([header, row(1), row(2)]);
    const staged = await readXlsx(await save(book, 'drop.xlsx'));
    expect(staged.table).toBe('agencies');
    expect(staged.rows).toHaveLength(2);
  });

  it('reads the sheet named after the table, and a lone filled sheet beside empty ones', async () => {
    const named = new ExcelJS.Workbook();
    named.addWorksheet('Sheet1').addRows([header, row(1)]);
    named.addWorksheet('agencies').addRows([header, row(2), row(3)]);
    expect((await readXlsx(await save(named, 'agencies.xlsx'))).rows).toHaveLength(2);
    const lone = new ExcelJS.Workbook();
    lone.addWorksheet('Cover');
    lone.addWorksheet('Data').addRows([header, row(4)]);
    expect((await readXlsx(await save(lone, 'agencies.xlsx'))).rows).toHaveLength(1);
  });
});

describe('readXlsx: the template left empty, the rows in another sheet (a review of 2026-12-06)', () => {
  const header = ['id', 'code', 'title', 'competency_area', 'method', 'jp', 'provider'];
  const rows = [
    [9351, 'SOF-NEW1', 'Pelayanan Prima Lanjutan', 'soft_skills', 'workshop', 16, 'BKPSDM'],
    [9352, 'SOF-NEW2', 'Komunikasi Publik', 'soft_skills', 'seminar', 4, 'BKPSDM'],
  ];
  /** The downloaded template untouched (`programs` with its header, `Petunjuk`), rows pasted into Sheet1. */
  async function templatePlusSheet1(): Promise<ExcelJS.Workbook> {
    const book = await workbookFrom(await templateBuffer('programs', 'xlsx'));
    book.addWorksheet('Sheet1').addRows([header, ...rows]);
    return book;
  }
  const refusal =
    'the sheet named after programs holds no rows, but 1 other sheet(s) hold rows under its header (Sheet1): ' +
    'copy the rows into it, or delete it and name the sheet to load "programs"';

  it('fails naming the sheet that holds the rows (it read the empty sheet: 0 rows, run succeeded)', async () => {
    const book = await templatePlusSheet1();
    for (const name of ['programs.xlsx', 'Data_Diklat_BKPSDM.xlsx']) {
      const path = await save(book, name);
      const error = await readDrop(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AmbiguousSheetsError);
      expect((error as Error).message).toBe(`files:${name}: ${refusal}`);
      expect(error).toMatchObject({ code: 'AMBIGUOUS_SHEETS', sheets: ['Sheet1'], emptySheet: 'programs' });
    }
  });

  it('names every such sheet, also under a title row', async () => {
    const book = await templatePlusSheet1();
    book.addWorksheet('Tambahan').addRows([['Program baru 2026'], header, rows[0]!]);
    const error = await readXlsx(await save(book, 'programs_2026.xlsx')).catch((e: unknown) => e);
    expect(error).toMatchObject({ sheets: ['Sheet1', 'Tambahan'] });
    expect((error as Error).message).toContain(
      'but 2 other sheet(s) hold rows under its header (Sheet1, Tambahan)',
    );
  });

  it('loads once the advice is followed, either way, whatever the file is called', async () => {
    for (const name of ['programs.xlsx', 'Data_Diklat_BKPSDM.xlsx']) {
      const copied = await templatePlusSheet1();
      copied.getWorksheet('programs')!.addRows(rows);
      copied.removeWorksheet(copied.getWorksheet('Sheet1')!.id);
      const renamed = await templatePlusSheet1();
      renamed.removeWorksheet(renamed.getWorksheet('programs')!.id);
      renamed.getWorksheet('Sheet1')!.name = 'programs';
      for (const book of [copied, renamed]) {
        const staged = await readDrop(await save(book, name));
        expect(staged.table).toBe('programs');
        expect(staged.rows.map((r) => r[0])).toEqual(['9351', '9352']);
      }
    }
  });

  it('still reads an empty template as nothing beside a sheet of other rows (a list of codes)', async () => {
    const book = await workbookFrom(await templateBuffer('programs', 'xlsx'));
    book.addWorksheet('Kode').addRows([
      ['kode', 'arti'],
      ['it', 'teknologi informasi'],
    ]);
    for (const name of ['programs.xlsx', 'export.xlsx']) {
      const staged = await readXlsx(await save(book, name));
      expect(staged.table).toBe('programs');
      expect(staged.rows).toEqual([]);
    }
  });
});

describe('readXlsx: a header over two rows (merged cells)', () => {
  const lead = ['id', 'agency_id', 'service_type', 'surveyed_on'];
  const items = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'];
  const values = [9106, 11, 'ktp_el', '2025-01-05', 4, 3, 3, 4, 3, 3, 4, 3, 4];

  /** id … surveyed_on each merged over rows 1–2, "Unsur Pelayanan (1-4)" merged over E1:M1, u1 … u9 in row 2. */
  function mergedHeader(): ExcelJS.Workbook {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('satisfaction_responses');
    sheet.getRow(1).values = [...lead, 'Unsur Pelayanan (1-4)'];
    sheet.getRow(2).values = [null, null, null, null, ...items];
    for (const c of ['A', 'B', 'C', 'D']) sheet.mergeCells(`${c}1:${c}2`);
    sheet.mergeCells('E1:M1');
    sheet.getRow(3).values = values;
    return book;
  }

  it('says the header spans rows 1–2 (it said to delete row 1 as a title, which lost id … surveyed_on)', async () => {
    const error = await readXlsx(await save(mergedHeader(), 'satisfaction_responses.xlsx')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HeaderError);
    expect((error as Error).message).toBe(
      'files:satisfaction_responses.xlsx: header does not match table satisfaction_responses: the header ' +
        'spans rows 1–2 (merged cells): put every column name in one row, row 2 (unmerge the cells first), and delete row 1',
    );
  });

  it('loads once the advice is followed', async () => {
    const book = mergedHeader();
    const sheet = book.getWorksheet('satisfaction_responses')!;
    for (const c of ['A', 'B', 'C', 'D']) sheet.unMergeCells(`${c}1:${c}2`);
    sheet.unMergeCells('E1:M1');
    lead.forEach((name, i) => {
      sheet.getRow(2).getCell(i + 1).value = name;
    });
    sheet.spliceRows(1, 1);
    const staged = await readXlsx(await save(book, 'satisfaction_responses.xlsx'));
    expect(staged.rejected).toEqual([]);
    expect(staged.rows).toHaveLength(1);
    expect(staged.rows[0]?.slice(0, 5)).toEqual(['9106', '11', 'ktp_el', '2025-01-05', '4']);
  });

  it('names the columns a header under a title lacks, so deleting the title is not refused again', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('satisfaction_responses');
    sheet.addRow(['Survei Kepuasan Masyarakat 2025']);
    sheet.addRow([null, null, null, null, ...items]);
    sheet.addRow(values);
    await expect(readXlsx(await save(book, 'satisfaction_responses.xlsx'))).rejects.toThrow(
      /: row 2 looks like the header: delete the title row\(s\) above it \(row 1\), and add the missing required column\(s\): id, agency_id, surveyed_on$/,
    );
  });
});

describe('readXlsx: merged data cells hold one value, as in Excel (a review of 2026-12-06)', () => {
  const HEADER = [
    'id',
    'service_unit_agency_id',
    'service_type',
    'handled_by',
    'kelurahan_code',
    'submitted_at',
    'completed_at',
    'status',
  ];

  it('a cell a merge covers reads as empty, across (F2:G2) and down (C3:C4); the top-left cell keeps the value', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('service_requests');
    sheet.addRow(HEADER);
    sheet.addRow([1, 1, 'KTP', null, null, '2024-12-31 10:00', null, 'in_progress']);
    sheet.addRow([2, 1, 'KK', null, null, '2024-12-31 11:00', null, 'in_progress']);
    sheet.addRow([3, 1, null, null, null, '2024-12-31 12:00', null, 'in_progress']);
    sheet.mergeCells('F2:G2'); // submitted_at over completed_at
    sheet.mergeCells('C3:C4'); // service_type over two requests
    const staged = await readXlsx(new Uint8Array(await book.xlsx.writeBuffer()), {
      table: 'service_requests',
    });
    const at = (name: string) => staged.columns.indexOf(name);
    expect(staged.rejected).toEqual([]);
    expect(
      staged.rows.map((r) => [
        r[at('id')],
        r[at('service_type')],
        r[at('submitted_at')],
        r[at('completed_at')],
      ]),
    ).toEqual([
      ['1', 'KTP', '2024-12-31T10:00:00+07:00', null],
      ['2', 'KK', '2024-12-31T11:00:00+07:00', null],
      // Empty, so the validation quarantines the row as MISSING_REQUIRED (it loaded as a second KK).
      ['3', null, '2024-12-31T12:00:00+07:00', null],
    ]);
    expect(JSON.parse(staged.rawRows[0]!)).toMatchObject({
      submitted_at: '2024-12-31 10:00',
      completed_at: null,
    });
    expect(JSON.parse(staged.rawRows[2]!)).toMatchObject({ service_type: null });
  });

  it('a NIP merged down two rows is refused as a number once, in the row that holds it', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('employees');
    sheet.addRow([
      'id',
      'nip',
      'ni_pppk',
      'full_name',
      'sex',
      'birth_date',
      'employment_type',
      'appointed_on',
    ]);
    sheet.addRow([1, 198501012010011000, null, null, 'M', '1985-01-01', 'PNS', '2010-01-01']);
    sheet.addRow([2, null, null, null, 'M', '1985-01-01', 'PNS', '2010-01-01']);
    sheet.mergeCells('B2:B3');
    const staged = await readXlsx(new Uint8Array(await book.xlsx.writeBuffer()), { table: 'employees' });
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason])).toEqual([[2, 'IDENTIFIER_AS_NUMBER']]);
    expect(staged.rowNumbers).toEqual([3]);
    expect(staged.rows[0]![staged.columns.indexOf('nip')]).toBeNull();
  });
});

describe('readXlsx: hostile workbooks (a review of 2026-12-06)', () => {
  it('reads rows with a cell in column XFD from the cells they hold: bounded raw rows, the stray column named', async () => {
    // 213 KB of such rows took the ETL out of memory: every column up to XFD became a cell, and
    // each quarantined row kept 16 384 fields (81 920 characters).
    const book = await workbookFrom(await templateBuffer('assessments', 'xlsx'));
    const sheet = book.getWorksheet('assessments')!;
    sheet.addRow([1, 5, 'pre', 40]);
    for (let r = 3; r <= 1002; r++) {
      const row = sheet.getRow(r);
      row.getCell(1).value = r;
      row.getCell(16384).value = 1;
    }
    const path = await save(book, 'assessments.xlsx');
    const before = process.memoryUsage().heapUsed;
    const staged = await readDrop(path);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
    expect(staged.rows.map((r) => r[0])).toEqual(['1']);
    expect(staged.rejected).toHaveLength(1000);
    expect(staged.rejected[0]).toMatchObject({
      rowNumber: 3,
      reason: 'MALFORMED_ROW',
      detail:
        'value in column 16384, which has no header; column 16384 right of the header blanked: may hold a name (a column never read)',
    });
    // The header's columns, then the cells right of it by column number, their values withheld.
    const width = staged.rejected[0]!.raw.split(',').length;
    expect(JSON.parse(staged.rejected[0]!.raw)).toEqual([
      '3',
      ...Array.from({ length: width - 2 }, () => null),
      { 16384: '' },
    ]);
    expect(Math.max(...staged.rejected.map((r) => r.raw.length))).toBeLessThan(200);
  });

  it('names a stray value under a blank header cell before one right of the header, as stageRow does', async () => {
    const book = await workbookFrom(await templateBuffer('assessments', 'xlsx'));
    const sheet = book.getWorksheet('assessments')!;
    const blank = sheet.getRow(1).cellCount + 2;
    sheet.getRow(1).getCell(blank + 1).value = 'updated_at';
    const row = sheet.getRow(2);
    row.values = [2, 5, 'post', 70];
    row.getCell(blank).value = 'under a blank header';
    row.getCell(200).value = 'far right';
    const staged = await readDrop(await save(book, 'assessments.xlsx'));
    expect(staged.rejected).toMatchObject([
      {
        rowNumber: 2,
        reason: 'MALFORMED_ROW',
        detail:
          `value in column ${blank}, which has no header; column ${blank} without a header blanked: may hold a name (a column never read); ` +
          'column 200 right of the header blanked: may hold a name (a column never read)',
      },
    ]);
    expect(JSON.parse(staged.rejected[0]!.raw).at(-1)).toEqual({ 200: '' });
    // Under the blank header cell too, the value is withheld in place.
    expect(JSON.parse(staged.rejected[0]!.raw)[blank - 1]).toBe('');
    expect(staged.rejected[0]!.raw).not.toMatch(/blank header|far right/);
  });

  it('keeps no text typed right of the header in a quarantined row: only the columns, their values withheld (a privacy review of 2026-12-06)', async () => {
    // A name typed beside the row ("(pindahan)": transferred in) is in no column the ETL reads, as
    // full_name is not: the raw row kept it ({"11":"Yulianti Rahayu (pindahan)"}) where the CSV
    // reader blanks the fields that may hold one.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('employees');
    sheet.addRow([
      'id',
      'nip',
      'ni_pppk',
      'sex',
      'birth_date',
      'employment_type',
      'appointed_on',
      'education',
      'full_name',
    ]);
    sheet.addRow([
      9301,
      '198612122010011012',
      null,
      'M',
      '1986-12-12',
      'PNS',
      '2010-01-01',
      'S1',
      'Yulianti Rahayu',
    ]);
    const row = sheet.addRow([
      9302,
      '198612122010011013',
      null,
      'M',
      '1986-12-12',
      'PNS',
      '2010-01-01',
      'S1',
    ]);
    row.getCell(11).value = 'Yulianti Rahayu (pindahan)';
    row.getCell(13).value = 'Rahayu';
    // More cells right of the header than a raw row lists: the rest are counted.
    for (let c = 20; c < 32; c++) row.getCell(c).value = `Yulianti ${c}`;
    const staged = await readDrop(await save(book, 'employees.xlsx'));
    expect(staged.rowNumbers).toEqual([2]);
    expect(staged.rejected).toHaveLength(1);
    const [rejected] = staged.rejected;
    expect(JSON.stringify(staged.rejected)).not.toMatch(/Yulianti|Rahayu/);
    expect(JSON.parse(rejected!.raw)).toEqual([
      '9302',
      '198612122010011013',
      null,
      'M',
      '1986-12-12',
      'PNS',
      '2010-01-01',
      'S1',
      null,
      { 11: '', 13: '', 20: '', 21: '', 22: '', 23: '', 24: '', 25: '', 26: '', 27: '' },
    ]);
    expect(rejected).toMatchObject({
      rowNumber: 3,
      reason: 'MALFORMED_ROW',
      detail:
        'value in column 11, which has no header; columns 11, 13, 20, 21, 22, 23, 24, 25, 26, 27 and 4 more right of the header blanked: may hold a name (a column never read)',
    });
  });

  it('refuses a workbook whose zip declares a sheet past MAX_XLSX_INFLATED_BYTES before exceljs inflates it', async () => {
    // The template's zip with its sheet's declared size raised to 3 GiB in the central directory:
    // exceljs inflated such a sheet whole, out of memory.
    const bytes = Buffer.from(await templateBuffer('agencies', 'xlsx'));
    const sheet = zipEntries(bytes).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const name = 'xl/worksheets/sheet1.xml';
    const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    let header = bytes.indexOf(signature);
    while (bytes.toString('latin1', header + 46, header + 46 + name.length) !== name)
      header = bytes.indexOf(signature, header + 1);
    expect(bytes.readUInt32LE(header + 24)).toBe(sheet.uncompressedSize);
    bytes.writeUInt32LE(0xc0000000, header + 24);
    const path = join(dir, 'agencies.xlsx');
    await writeFile(path, bytes);
    const error = await readDrop(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableWorkbookError);
    expect((error as Error).message).toMatch(
      /^files:agencies\.xlsx: cannot be read as an XLSX workbook: the workbook is too large to read in memory: its parts inflate to 3072 MiB \(xl\/worksheets\/sheet1\.xml 3072 MiB\), over the \d+ MiB .*: save it as CSV, which streams$/,
    );
  });

  it('refuses, naming the file, a workbook larger than a twelfth of the heap before exceljs loads it', async () => {
    // A real 6 000-row workbook, some 2 MiB inflated, under a heap of 12 MiB (a workbook may
    // inflate to 1 MiB): as a million-row one (438 MiB) under the default 4 GiB heap, which took
    // the ETL out of memory after three minutes, naming no file (a review of 2026-12-06).
    const book = await workbookFrom(await templateBuffer('agencies', 'xlsx'));
    const sheet = book.getWorksheet('agencies')!;
    const from = new Date(Date.UTC(2024, 0, 1));
    for (let i = 1; i <= 6000; i++) sheet.addRow([i, `A${i}`, `Dinas ${i}`, 'dinas', null, from, null]);
    const path = await save(book, 'agencies.xlsx');
    const entries = zipEntries(await readFile(path));
    const inflated = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    const sheetPart = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.uncompressedSize;
    const mib = (n: number): number => Math.round(n / 1024 / 1024);
    expect(mib(inflated)).toBe(2);
    const heap = vi
      .spyOn(v8, 'getHeapStatistics')
      .mockReturnValue({ ...v8.getHeapStatistics(), heap_size_limit: 12 * 1024 * 1024 });
    try {
      const error = await readDrop(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnreadableWorkbookError);
      expect((error as UnreadableWorkbookError).source).toBe('files:agencies.xlsx');
      expect((error as Error).message).toBe(
        'files:agencies.xlsx: cannot be read as an XLSX workbook: the workbook is too large to read in memory: ' +
          `its parts inflate to 2 MiB (xl/worksheets/sheet1.xml ${mib(sheetPart)} MiB), over the 1 MiB this ETL ` +
          "can load (1/12 of its 12 MiB heap): save it as CSV, which streams, or raise the ETL's heap " +
          `(NODE_OPTIONS=--max-old-space-size=${Math.ceil((inflated * 12) / 1024 / 1024)})`,
      );
    } finally {
      heap.mockRestore();
    }
    // Under the heap this process has, the same file loads.
    const staged = await readDrop(path);
    expect(staged.rejected).toEqual([]);
    expect(staged.rows).toHaveLength(6000);
  });

  it('names a file that is no zip (a CSV renamed .xlsx)', async () => {
    const path = join(dir, 'agencies.xlsx');
    await writeFile(path, 'id,name\n1,Dinas\n');
    await expect(readDrop(path)).rejects.toThrow(
      'files:agencies.xlsx: cannot be read as an XLSX workbook: it is not a zip file (an XLSX is one: was another file renamed .xlsx?)',
    );
  });
});
