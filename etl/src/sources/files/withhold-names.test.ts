import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDrop } from './read-drop.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'withhold-names-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HEADER = 'id;nip;ni_pppk;full_name;sex;birth_date;employment_type;appointed_on;education';
const GOOD = '7102;199001012015031001;;Siti Rahma;F;1990-01-01;PNS;2015-03-01;S1';

describe("a malformed spreadsheet row keeps no employee's name in the quarantine", () => {
  it('a name written with the delimiter in it (one field too many): the name fields are blanked, the NIP kept', async () => {
    const bad = '7103;199203032016031001;;Hendra;Gunawan;M;1992-03-03;PNS;2016-03-01;S1';
    const path = join(dir, 'employees.csv');
    await writeFile(path, [HEADER, GOOD, bad].join('\r\n'));
    const staged = await readDrop(path);
    expect(staged.rows).toHaveLength(1);
    expect(staged.rejected).toHaveLength(1);
    const r = staged.rejected[0]!;
    expect(r.reason).toBe('MALFORMED_ROW');
    expect(r.rowNumber).toBe(3);
    expect(r.raw).not.toMatch(/Hendra|Gunawan/);
    // The quarantine keeps NIPs (admin only, outside the snapshots): the row can still be found.
    expect(r.raw).toContain('199203032016031001');
    expect(r.detail).toMatch(/expected 9 fields, found 10; fields 4, 5, 10 blanked/);
  });

  it('a stray delimiter before the name column shifts it: still blanked', async () => {
    const bad = '7104;;199305052017031002;;Ayu Lestari;F;1993-05-05;PNS;2017-03-01;S1';
    const path = join(dir, 'employees_shift.csv');
    await writeFile(path, [HEADER, bad].join('\n'));
    const { rejected } = await readDrop(path, { table: 'employees' });
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.raw).not.toContain('Ayu');
  });

  it('one field too few, broken quoting, a quote never closed: no name either', async () => {
    const rows = [
      '7105;199401012018031003;Budi Santoso;M;1994-01-01;PNS;2018-03-01;S1', // ni_pppk left out
      '7106;199401012018031004;;"Dewi" Sartika;F;1994-01-01;PNS;2018-03-01;S1',
      '7107;199401012018031005;;"Rina Wulandari;F;1994-01-01;PNS;2018-03-01;S1',
    ];
    const path = join(dir, 'employees_more.csv');
    await writeFile(path, [HEADER, ...rows].join('\n'));
    const { rejected } = await readDrop(path, { table: 'employees' });
    expect(rejected.length).toBeGreaterThanOrEqual(3);
    for (const r of rejected) {
      expect(r.reason).toBe('MALFORMED_ROW');
      expect(r.raw).not.toMatch(/Budi|Santoso|Dewi|Sartika|Rina|Wulandari/);
    }
  });

  it('a table without a name column keeps its fields, bar the ones past the header', async () => {
    const path = join(dir, 'agencies.csv');
    await writeFile(
      path,
      'id,code,name,kind,parent_id,valid_from,valid_to\n' +
        '1,A,Dinas A,dinas,,2020-01-01,,Kurniawati Hartono\n' +
        '2,B,"Dinas B, Kota",dinas,,2020-01-01,,x,Siti Aminah\n' +
        '3,C,Dinas C,dinas,,2020-01-01\n',
    );
    const { rejected } = await readDrop(path);
    expect(rejected.map((r) => [r.raw, r.detail])).toEqual([
      [
        '1,A,Dinas A,dinas,,2020-01-01,,',
        expect.stringMatching(/; field 8 blanked: may hold a name \(a column never read\)$/),
      ],
      [
        '2,B,"Dinas B, Kota",dinas,,2020-01-01,,,',
        expect.stringMatching(/; fields 8, 9 blanked: may hold a name \(a column never read\)$/),
      ],
      // One field too few: every field is the header's, kept as read.
      ['3,C,Dinas C,dinas,,2020-01-01', expect.not.stringContaining('blanked')],
    ]);
  });

  it('an XLSX row with a value under no header keeps no name', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('employees');
    sheet.addRow(HEADER.split(';'));
    sheet.addRow([
      7108,
      '199001012015031006',
      null,
      'Hendra Gunawan',
      'M',
      '1990-01-01',
      'PNS',
      '2015-03-01',
      'S1',
      'x',
    ]);
    const path = join(dir, 'employees.xlsx');
    await writeFile(path, Buffer.from(await book.xlsx.writeBuffer()));
    const { rejected } = await readDrop(path);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBe('MALFORMED_ROW');
    expect(rejected[0]!.raw).not.toContain('Hendra');
    expect(rejected[0]!.raw).toContain('199001012015031006');
  });
});
