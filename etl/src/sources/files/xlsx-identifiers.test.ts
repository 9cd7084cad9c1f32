import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CATALOG, type ColumnSpec } from '../../source-schema/catalog.ts';
import { digitIdentifier, readXlsx } from './read-xlsx.ts';

async function book(rows: unknown[][], sheetName = 'employees'): Promise<Uint8Array> {
  const b = new ExcelJS.Workbook();
  const sheet = b.addWorksheet(sheetName);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await b.xlsx.writeBuffer());
}

const HEADER = ['id', 'nip', 'ni_pppk', 'sex', 'birth_date', 'employment_type', 'appointed_on'];

describe('XLSX: identifiers stored as numbers are refused, never rounded', () => {
  it('a NIP typed into a General cell (a number) is IDENTIFIER_AS_NUMBER, telling the clerk to format it as text', async () => {
    const staged = await readXlsx(
      await book([
        HEADER,
        [1, Number('199301012017031001'), null, 'M', '1993-01-01', 'PNS', '2017-03-01'],
        [2, Number('199301012017031002'), null, 'M', '1993-01-01', 'PNS', '2017-03-01'],
        [3, '199301012017031003', null, 'M', '1993-01-01', 'PNS', '2017-03-01'],
      ]),
      { table: 'employees' },
    );
    // Before: both read as 199301012017031000 and got the same pseudonym.
    expect(staged.rows).toHaveLength(1);
    expect(staged.rows[0]![staged.columns.indexOf('nip')]).toBe('199301012017031003');
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason])).toEqual([
      [2, 'IDENTIFIER_AS_NUMBER'],
      [3, 'IDENTIFIER_AS_NUMBER'],
    ]);
    expect(staged.rejected[0]!.detail).toMatch(/nip is stored as a number.*format the nip column as Text/);
  });

  it('an LMS login stored as a number, and an id beyond 2^53, are refused too; small ids are fine', async () => {
    const staged = await readXlsx(
      await book(
        [
          ['id', 'employee_id', 'mbox', 'account_homepage', 'account_name'],
          [1, 10, null, 'https://lms', 1625378],
          [2, 10, null, 'https://lms', 'login-2'],
          [2 ** 60, 10, null, 'https://lms', 'login-3'],
        ],
        'lms_accounts',
      ),
      { table: 'lms_accounts' },
    );
    expect(staged.rows).toHaveLength(1);
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason])).toEqual([
      [2, 'IDENTIFIER_AS_NUMBER'],
      [4, 'IDENTIFIER_AS_NUMBER'],
    ]);
  });

  it('refuses an 18-digit number in any text column, personal or not; a small one still reads as text', async () => {
    // Review of 2026-12-05: a new table's NIP column held as a number was rounded and loaded
    // (199301012017031001 → 199301012017031000). A text column nobody marked personal is covered
    // by the 2^53 net: agency_code stands in for it here.
    const staged = await readXlsx(
      await book(
        [
          ['id', 'service_type', 'name', 'agency_code', 'target_days'],
          [1, 'ktp_el', 'KTP-el', Number('199301012017031001'), 1],
          [2, 12, 'Kode 12', 7, 2],
          [3, 'kk', 'KK', 2 ** 53 + 2, 3],
        ],
        'service_levels',
      ),
      { table: 'service_levels' },
    );
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason])).toEqual([
      [2, 'IDENTIFIER_AS_NUMBER'],
      [4, 'IDENTIFIER_AS_NUMBER'],
    ]);
    expect(staged.rejected[0]!.detail).toMatch(/agency_code is stored as a number \(199301012017031000\)/);
    expect(staged.rows).toEqual([['2', '12', 'Kode 12', '7', '2', null]]);
  });

  it('takes its digit identifiers from the catalog: a new table’s NIP column once declared personal', () => {
    const read = CATALOG.flatMap((t) => t.columns.filter(digitIdentifier).map((c) => `${t.name}.${c.name}`));
    expect(read).toEqual([
      'employees.nip',
      'employees.ni_pppk',
      'lms_accounts.mbox',
      'lms_accounts.account_name',
    ]);
    const nomorInduk: ColumnSpec = {
      name: 'nomor_induk',
      type: 'text',
      required: true,
      personal: 'employee_id',
    };
    expect(digitIdentifier(nomorInduk)).toBe(true);
    expect(digitIdentifier({ ...nomorInduk, personal: undefined })).toBe(false);
  });
});
