import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { HeaderError, type StagedTable } from '../staged.ts';
import { readCsvBatches } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';

/** Every batch of a CSV drop of `employees`, as one table. */
async function csv(text: string): Promise<StagedTable> {
  let all: StagedTable | undefined;
  for await (const b of readCsvBatches(new TextEncoder().encode(text), { table: 'employees' })) {
    if (!all) all = b;
    else {
      all.rows.push(...b.rows);
      all.rowNumbers.push(...b.rowNumbers);
      all.rawRows.push(...b.rawRows);
      all.rejected.push(...b.rejected);
    }
  }
  return all!;
}

async function xlsx(rows: readonly (readonly unknown[])[]): Promise<StagedTable> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('employees');
  for (const r of rows) sheet.addRow([...r]);
  return readXlsx(new Uint8Array(await book.xlsx.writeBuffer()), { table: 'employees' });
}

/** No text of the name anywhere in what the quarantine keeps of the file. */
const NAME = /Yulianti|Rahayu/;

const BLANKED = 'blanked: may hold a name (a column never read)';

// A spare column between ni_pppk and sex, its header cell left blank: a clerk typed the name there.
const HEADER = [
  'id',
  'nip',
  'ni_pppk',
  '',
  'sex',
  'birth_date',
  'employment_type',
  'appointed_on',
  'education',
];

describe('a value under a blank header cell is kept in no quarantined row (a privacy review of 2026-12-07)', () => {
  it('CSV: the value is withheld by position, the detail names the column; rows that load are unchanged', async () => {
    const staged = await csv(
      [
        HEADER.join(','),
        '7201,199001012015031001,,,F,1990-01-01,PNS,2015-03-01,S1',
        // A malformed NIP (a letter in it) and the name typed under the blank header.
        '7202,19900101201503100X,,Yulianti Rahayu,F,1990-01-01,PNS,2015-03-01,S1',
        // A malformed NIP that loads (validation quarantines it from its raw row, keyed by name).
        '7203,1990010120150310,,,F,1990-01-01,PNS,2015-03-01,S1',
        '',
      ].join('\r\n'),
    );
    expect(staged.rowNumbers).toEqual([2, 4]);
    expect(staged.rawRows).toEqual([
      '{"id":"7201","nip":"199001012015031001","ni_pppk":"","sex":"F","birth_date":"1990-01-01","employment_type":"PNS","appointed_on":"2015-03-01","education":"S1"}',
      '{"id":"7203","nip":"1990010120150310","ni_pppk":"","sex":"F","birth_date":"1990-01-01","employment_type":"PNS","appointed_on":"2015-03-01","education":"S1"}',
    ]);
    expect(staged.rows[1]![staged.columns.indexOf('nip')]).toBe('1990010120150310');
    expect(staged.rejected).toHaveLength(1);
    expect(JSON.stringify(staged.rejected)).not.toMatch(NAME);
    expect(staged.rejected[0]).toMatchObject({
      rowNumber: 3,
      reason: 'MALFORMED_ROW',
      detail: `value in column 4, which has no header; column 4 without a header ${BLANKED}`,
    });
    // The row can still be found and fixed: its NIP and other fields are kept, in place.
    expect(JSON.parse(staged.rejected[0]!.raw)).toEqual([
      '7202',
      '19900101201503100X',
      '',
      '',
      'F',
      '1990-01-01',
      'PNS',
      '2015-03-01',
      'S1',
    ]);
  });

  it('CSV: a row with a field too many blanks the fields that may hold the blank column', async () => {
    // `Yulianti,Rahayu`: one field too many, the name over the blank column and the one after it.
    const staged = await csv(
      `${HEADER.join(',')}\n7204,199001012015031002,,Yulianti,Rahayu,F,1990-01-01,PNS,2015-03-01,S1\n`,
    );
    expect(staged.rows).toEqual([]);
    expect(staged.rejected).toMatchObject([
      {
        rowNumber: 2,
        reason: 'MALFORMED_ROW',
        raw: '7204,199001012015031002,,,,F,1990-01-01,PNS,2015-03-01,',
        detail: `expected 9 fields, found 10; fields 4, 5, 10 ${BLANKED}`,
      },
    ]);
  });

  it("CSV: a value under the header's empty trailing cells is withheld too", async () => {
    const staged = await csv(
      `${[...HEADER.filter(Boolean), '', ''].join(',')}\n7205,199001012015031003,,F,1990-01-01,PNS,2015-03-01,S1,,Yulianti Rahayu\n`,
    );
    expect(JSON.stringify(staged.rejected)).not.toMatch(NAME);
    expect(staged.rejected).toMatchObject([
      {
        rowNumber: 2,
        reason: 'MALFORMED_ROW',
        detail: `value in column 10, which has no header; column 10 without a header ${BLANKED}`,
      },
    ]);
    expect(JSON.parse(staged.rejected[0]!.raw).slice(-2)).toEqual(['', '']);
  });

  it('XLSX: withheld whether the row is malformed or its NIP a number, beside the cells right of the header', async () => {
    const good = [7211, '199001012015031011', null, null, 'F', '1990-01-01', 'PNS', '2015-03-01', 'S1'];
    const staged = await xlsx([
      HEADER.map((h) => h || null),
      good,
      [7212, '19900101201503101X', null, 'Yulianti Rahayu', 'F', '1990-01-01', 'PNS', '2015-03-01', 'S1'],
      [7213, 199001012015031000, null, 'Yulianti Rahayu', 'F', '1990-01-01', 'PNS', '2015-03-01', 'S1'],
      [
        7214,
        '199001012015031014',
        null,
        'Yulianti Rahayu',
        'F',
        '1990-01-01',
        'PNS',
        '2015-03-01',
        'S1',
        null,
        'Rahayu',
      ],
    ]);
    expect(staged.rowNumbers).toEqual([2]);
    expect(staged.rawRows).toEqual([
      '{"id":"7211","nip":"199001012015031011","ni_pppk":null,"sex":"F","birth_date":"1990-01-01","employment_type":"PNS","appointed_on":"2015-03-01","education":"S1"}',
    ]);
    expect(JSON.stringify(staged.rejected)).not.toMatch(NAME);
    const kept = (id: string, nip: string) => [
      id,
      nip,
      null,
      '',
      'F',
      '1990-01-01',
      'PNS',
      '2015-03-01',
      'S1',
    ];
    expect(staged.rejected.map((r) => [r.rowNumber, r.reason, JSON.parse(r.raw), r.detail])).toEqual([
      [
        3,
        'MALFORMED_ROW',
        kept('7212', '19900101201503101X'),
        `value in column 4, which has no header; column 4 without a header ${BLANKED}`,
      ],
      [
        4,
        'IDENTIFIER_AS_NUMBER',
        kept('7213', '199001012015031000'),
        expect.stringMatching(
          /^nip is stored as a number .*; column 4 without a header blanked: may hold a name \(a column never read\)$/,
        ),
      ],
      [
        5,
        'MALFORMED_ROW',
        [...kept('7214', '199001012015031014'), { 11: '' }],
        `value in column 4, which has no header; column 4 without a header ${BLANKED}; column 11 right of the header ${BLANKED}`,
      ],
    ]);
  });
});

describe('an unexpected or duplicate header name refuses the file: no row is read, so none is kept', () => {
  const rowWithName = '7221,199001012015031021,,Yulianti Rahayu,F,1990-01-01,PNS,2015-03-01,S1';
  const headers = {
    unexpected: HEADER.map((h) => h || 'catatan'),
    'unexpected, a name-like one': HEADER.map((h) => h || 'Nama Pegawai'),
    duplicate: HEADER.map((h) => h || 'sex'),
  };

  for (const [what, header] of Object.entries(headers)) {
    it(`CSV and XLSX: ${what}`, async () => {
      const fromCsv = await csv(`${header.join(',')}\n${rowWithName}\n`).catch((e: unknown) => e);
      const fromXlsx = await xlsx([header, rowWithName.split(',')]).catch((e: unknown) => e);
      for (const error of [fromCsv, fromXlsx]) {
        expect(error).toBeInstanceOf(HeaderError);
        expect((error as Error).message).not.toMatch(NAME);
        expect((error as Error).message).not.toContain('199001012015031021');
      }
    });
  }
});
