import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_TABLES, tableSpec } from '../../source-schema/catalog.ts';
import { readDrop } from './read-drop.ts';
import { templateBuffer, templateColumns, writeAllTemplates } from './template.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'templates-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('templates', () => {
  it('list the catalog columns in catalog order, without updated_at', () => {
    expect(templateColumns('enrollments')).toEqual([
      'id',
      'offering_id',
      'employee_id',
      'status',
      'jp_earned',
      'completed_at',
    ]);
  });

  it('CSV: UTF-8 with BOM, one header line', async () => {
    const bytes = await templateBuffer('salary_scale', 'csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('id,grade,monthly_cost_idr\r\n');
  });

  it('XLSX: a Petunjuk sheet explains each column in Bahasa Indonesia and English', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await templateBuffer('reactions', 'xlsx')) as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['reactions', 'Petunjuk']);
    const guide = book.getWorksheet('Petunjuk')!;
    const rows = guide.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]?.slice(1, 4)).toEqual(['Kolom / Column', 'Tipe / Type', 'Wajib / Required']);
    const relevance = rows.find((r) => r[1] === 'relevance')!;
    expect(relevance.slice(1, 5)).toEqual([
      'relevance',
      'bilangan bulat / whole number',
      'boleh kosong / optional',
      '1 – 5',
    ]);
    // A free-text comment is personal and never read: the template does not ask for it.
    expect(rows.find((r) => r[1] === 'comment')).toBeUndefined();
    const enrollmentId = rows.find((r) => r[1] === 'enrollment_id')!;
    expect(enrollmentId[3]).toBe('wajib / required');
  });

  it('XLSX: the Petunjuk sheet says what one row is in Bahasa Indonesia, then in English', async () => {
    for (const table of SOURCE_TABLES) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await templateBuffer(table, 'xlsx')) as unknown as ExcelJS.Buffer);
      const rows = book.getWorksheet('Petunjuk')!.getSheetValues().filter(Boolean) as unknown[][];
      const spec = tableSpec(table);
      const grainRow = rows.find((r) => typeof r[1] === 'string' && r[1].startsWith('Lembar data:'));
      expect(grainRow?.slice(1, 3), table).toEqual([
        `Lembar data: ${spec.grainId}`,
        `Data sheet: ${spec.grain}`,
      ]);
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await templateBuffer('invitations', 'xlsx')) as unknown as ExcelJS.Buffer);
    const rows = book.getWorksheet('Petunjuk')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.map((r) => r[1])).toContain(
      'Lembar data: satu baris per undangan kepada seorang pegawai untuk mengikuti suatu angkatan pelatihan',
    );
  });

  it('exist for every catalog table in both formats, and read back as empty drops of that table', async () => {
    const written = await writeAllTemplates(dir);
    expect(written.map((p) => basename(p)).sort()).toEqual(
      SOURCE_TABLES.flatMap((t) => [`${t}.csv`, `${t}.xlsx`]).sort(),
    );
    for (const path of written) {
      const staged = await readDrop(path);
      const table = basename(path).replace(/\.(csv|xlsx)$/, '');
      expect(staged.table).toBe(table);
      expect(staged.columns).toEqual(
        tableSpec(staged.table as (typeof SOURCE_TABLES)[number]).columns.map((c) => c.name),
      );
      expect(staged.rows).toEqual([]);
      expect(staged.rejected).toEqual([]);
    }
    expect(await readFile(join(dir, 'employees.csv'), 'utf8')).toBe(
      '\uFEFFid,nip,ni_pppk,sex,birth_date,employment_type,appointed_on,education\r\n',
    );
  });
});
