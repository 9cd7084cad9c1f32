import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine, listRunRecords } from '@asn/warehouse';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { runEtl } from '../run/runEtl.ts';
import { type DropFormat, type DropSheet, writeDrops } from '../run/testing/dropFiles.ts';
import { stgIds } from '../run/testing/warehouseContent.ts';
import { readDrop } from '../sources/files/index.ts';

/**
 * Every validation rule that applies to file drops, with a bad-row fixture written as a real CSV
 * and a real XLSX and sent through the parser (`readDrop`) and `runEtl({ sources: ['files'] })`.
 * Row numbers are the file's: line 1 is the header, so the first data row is 2.
 */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };

const DROPS: Record<string, DropSheet> = {
  agencies: {
    header: ['id', 'code', 'name', 'kind', 'parent_id', 'valid_from', 'valid_to'],
    rows: [
      ['1', 'SETDA', 'Setda', 'sekretariat', null, '2020-01-01', null], // 2 good
      ['2', 'DUK', null, 'dinas', '1', '2020-01-01', null], // 3 MISSING_REQUIRED
      ['3', 'BAD', 'Bad date', 'dinas', '1', '2020-13-45', null], // 4 BAD_TYPE
      ['4', 'MIN', 'Ministry', 'ministry', '1', '2020-01-01', null], // 5 NOT_ACCEPTED_VALUE
      ['5', 'FRM', '=HYPERLINK("http://x","y")', 'dinas', '1', '2020-01-01', null], // 6 FORMULA_INJECTION
      ['6', 'ORD', 'Order', 'dinas', '1', '2020-01-01', '2019-01-01'], // 7 DATES_OUT_OF_ORDER
      ['7', 'REF', 'Ref', 'dinas', '99', '2020-01-01', null], // 8 UNKNOWN_REFERENCE
      ['8', 'DUP', 'Dup A', 'dinas', '1', '2020-01-01', null], // 9 DUPLICATE_CONFLICT
      ['8', 'DUP', 'Dup B', 'dinas', '1', '2020-01-01', null], // 10 DUPLICATE_CONFLICT
      ['9', 'SAME', 'Same', 'badan', '1', '2020-01-01', null], // 11 good
      ['9', 'SAME', 'Same', 'badan', '1', '2020-01-01', null], // 12 identical copy: collapsed
      ['10', 'XTRA', 'Extra', 'dinas', '1', '2020-01-01', null, 'surplus'], // 13 MALFORMED_ROW
    ],
  },
  employees: {
    header: [
      'id',
      'nip',
      'ni_pppk',
      'full_name',
      'sex',
      'birth_date',
      'employment_type',
      'appointed_on',
      'education',
    ],
    rows: [
      ['1', '198005122005031001', null, 'Budi', 'M', '1980-05-12', 'PNS', '2006-03-01', 'S1'], // 2 good
      ['2', '19800512200503100', null, 'Short', 'M', '1980-05-12', 'PNS', '2006-03-01', null], // 3 NIP_MALFORMED
      ['3', '198005122005031001', null, 'Sex', 'F', '1980-05-12', 'PNS', '2006-03-01', null], // 4 NIP_INCONSISTENT
      ['4', null, null, 'No NIP', 'M', '1980-05-12', 'PNS', '2006-03-01', null], // 5 MISSING_REQUIRED
      ['5', null, '198807072022211003', 'Andi', 'M', '1988-07-07', 'PPPK', '2022-01-01', null], // 6 good
      ['6', '198005122005031002', null, 'Tepat', 'M', '1980-05-12', 'PNS', '2007-03-01', null], // 7 good (24 months after the NIP's 2005-03)
      ['7', '198005122005031003', null, 'Lama', 'M', '1980-05-12', 'PNS', '2015-05-01', null], // 8 NIP_INCONSISTENT (ten years after it)
    ],
  },
  programs: {
    header: ['id', 'code', 'title', 'competency_area', 'method', 'jp'],
    rows: [
      ['1', 'PLY', 'Pelayanan Prima', 'technical', 'workshop', '24'], // 2 good
      ['2', 'NEG', 'Negative JP', 'technical', 'workshop', '-1'], // 3 OUT_OF_RANGE
      ['3', 'SEM', 'Seminar Regulasi', 'regulation', 'seminar', '4'], // 4 good
    ],
  },
  offerings: {
    header: ['id', 'program_id', 'organizer_agency_id', 'starts_on', 'ends_on', 'capacity'],
    rows: [
      ['1', '1', '1', '2023-03-01', '2023-03-03', '30'], // 2 good
      ['2', '2', '1', '2023-03-01', '2023-03-03', '30'], // 3 UNKNOWN_REFERENCE (program 2 quarantined)
      ['3', '3', '1', '2023-04-01', '2023-04-01', '50'], // 4 good (the 4-JP seminar)
    ],
  },
  enrollments: {
    header: ['id', 'offering_id', 'employee_id', 'status', 'jp_earned', 'completed_at'],
    rows: [
      ['1', '1', '1', 'completed', '24', '2023-03-03 09:00:00+00'], // 2 good
      ['2', '1', '3', 'completed', '24', '2023-03-03 09:00:00+00'], // 3 UNKNOWN_REFERENCE (employee 3 quarantined)
      ['3', '1', '5', 'completed', '24', null], // 4 MISSING_REQUIRED (completed, but no completed_at)
      ['4', '3', '1', 'completed', '500', '2023-04-01 09:00:00+00'], // 5 OUT_OF_RANGE (the program is worth 4 JP)
      ['5', '3', '5', 'completed', '4', '2023-04-01 09:00:00+00'], // 6 good (exactly the program's JP)
    ],
  },
  reactions: {
    header: ['id', 'enrollment_id', 'relevance', 'satisfaction', 'facilitator', 'intent_to_apply'],
    rows: [
      ['1', '1', '5', '4', null, '5'], // 2 good
      ['2', '1', null, null, null, null], // 3 MISSING_REQUIRED (no item answered)
    ],
  },
  service_levels: {
    header: ['id', 'service_type', 'name', 'agency_code', 'target_days'],
    rows: [['1', 'ktp', 'KTP-el', 'SETDA', '14']], // 2 good
  },
  service_requests: {
    header: ['id', 'service_unit_agency_id', 'service_type', 'submitted_at', 'completed_at', 'status'],
    rows: [
      ['1', '1', 'ktp', '2023-04-01 01:00:00+00', '2023-04-05 01:00:00+00', 'completed'], // 2 good
      ['2', '1', 'ktp', '2023-04-01 01:00:00+00', null, 'completed'], // 3 MISSING_REQUIRED (no completed_at)
      ['3', '1', 'ktp', '2023-04-01 01:00:00+00', null, 'in_progress'], // 4 good
      ['4', '1', 'ktp', '2023-04-01 01:00:00+00', 'infinity', 'completed'], // 5 BAD_TYPE (no point in time)
      ['5', '1', 'ktp', '2023-04-01 01:00:00+00', '294000-01-01 00:00:00+00', 'completed'], // 6 OUT_OF_RANGE (after this run)
      ['6', '1', 'ktp', '1899-12-31 01:00:00+00', null, 'in_progress'], // 7 OUT_OF_RANGE (before 1900)
    ],
  },
  training_budgets: {
    header: ['id', 'agency_id', 'fiscal_year', 'allocated_idr', 'realized_idr'],
    rows: [
      ['1', '1', '2023', '100000000', '80000000'], // 2 good
      ['2', '1', '2024', '-5', '0'], // 3 NEGATIVE_MONEY
      ['3', '1', '2025', '1.500', '0'], // 4 BAD_TYPE: Indonesian thousands separators (not 1.5 rupiah)
    ],
  },
};

const EXPECTED_QUARANTINE = [
  'agencies:3:MISSING_REQUIRED',
  'agencies:4:BAD_TYPE',
  'agencies:5:NOT_ACCEPTED_VALUE',
  'agencies:6:FORMULA_INJECTION',
  'agencies:7:DATES_OUT_OF_ORDER',
  'agencies:8:UNKNOWN_REFERENCE',
  'agencies:9:DUPLICATE_CONFLICT',
  'agencies:10:DUPLICATE_CONFLICT',
  'agencies:13:MALFORMED_ROW',
  'employees:3:NIP_MALFORMED',
  'employees:4:NIP_INCONSISTENT',
  'employees:5:MISSING_REQUIRED',
  'employees:8:NIP_INCONSISTENT',
  'enrollments:3:UNKNOWN_REFERENCE',
  'enrollments:4:MISSING_REQUIRED',
  'enrollments:5:OUT_OF_RANGE',
  'offerings:3:UNKNOWN_REFERENCE',
  'programs:3:OUT_OF_RANGE',
  'reactions:3:MISSING_REQUIRED',
  'service_requests:3:MISSING_REQUIRED',
  'service_requests:5:BAD_TYPE',
  'service_requests:6:OUT_OF_RANGE',
  'service_requests:7:OUT_OF_RANGE',
  'training_budgets:3:NEGATIVE_MONEY',
  'training_budgets:4:BAD_TYPE',
];

const EXPECTED_COUNTS = {
  agencies: { read: 12, loaded: 3, quarantined: 9, collapsed: 1, inserted: 2 },
  employees: { read: 7, loaded: 3, quarantined: 4, collapsed: 0, inserted: 3 },
  programs: { read: 3, loaded: 2, quarantined: 1 },
  offerings: { read: 3, loaded: 2, quarantined: 1 },
  enrollments: { read: 5, loaded: 2, quarantined: 3 },
  reactions: { read: 2, loaded: 1, quarantined: 1 },
  service_levels: { read: 1, loaded: 1, quarantined: 0 },
  service_requests: { read: 6, loaded: 2, quarantined: 4 },
  training_budgets: { read: 3, loaded: 1, quarantined: 2 },
};

for (const format of ['csv', 'xlsx'] as const satisfies readonly DropFormat[]) {
  describe(`validation rules through ${format.toUpperCase()} file drops`, () => {
    let drops: string;
    let dir: string;
    beforeAll(async () => {
      drops = await mkdtemp(join(tmpdir(), `etl-drops-${format}-`));
      dir = await mkdtemp(join(tmpdir(), `etl-rules-${format}-`));
      await writeDrops(drops, format, DROPS);
    });
    afterAll(async () => {
      await rm(drops, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    });

    it('the parser stages raw text and rejects only the unsplittable row', async () => {
      const agencies = await readDrop(join(drops, `agencies.${format}`));
      expect(agencies.source).toBe(`files:agencies.${format}`);
      // Formula text arrives as text (validation, not the parser, judges it); no coercion of values.
      expect(agencies.rows[4]?.[2]).toBe('=HYPERLINK("http://x","y")');
      expect(agencies.rowNumbers).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(agencies.rejected.map((r) => [r.rowNumber, r.reason])).toEqual([[13, 'MALFORMED_ROW']]);
      const employees = await readDrop(join(drops, `employees.${format}`));
      expect(employees.rows[0]?.[1]).toBe('198005122005031001');
    });

    it('quarantines each bad row with its reason, table, source and row number, and loads the good ones', async () => {
      const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
      const result = await runEtl({ env, sources: ['files'], filesDir: drops, steps: noMarts, mode: 'full' });
      const { rows } = await listQuarantine(dir, { limit: 1000 });
      expect(rows.map((r) => `${r.table}:${r.row_number}:${r.reason}`).sort()).toEqual(
        [...EXPECTED_QUARANTINE].sort(),
      );
      for (const r of rows) {
        expect(r.source).toBe(`files:${r.table}.${format}`);
        expect(r.run_id).toBe(result.runId);
        expect(r.raw.length).toBeGreaterThan(2);
      }
      // The raw row is kept as read, so an admin can fix and replay it.
      const formula = rows.find((r) => r.reason === 'FORMULA_INJECTION');
      expect(formula?.raw).toContain('HYPERLINK');
      // The two cross-checks say what disagrees: the program's JP, the appointment on record.
      const detail = (table: string, row: number) =>
        rows.find((r) => r.table === table && r.row_number === row)?.detail;
      expect(detail('enrollments', 5)).toBe("jp_earned 500 is more than the program's 4 JP");
      // Event times: infinity is no time, one after this run names the run's date (not a fixed one).
      expect(detail('service_requests', 5)).toBe(
        'completed_at=infinity is not a point in time (write a real date and time, or leave it empty)',
      );
      expect(detail('service_requests', 6)).toMatch(
        /^completed_at 294000-01-01 is after this run \(\d{4}-\d{2}-\d{2}\): a time that has not come yet$/,
      );
      expect(detail('service_requests', 7)).toBe('submitted_at 1899-12-31 is before 1900-01-01');
      expect(detail('employees', 8)).toBe(
        'nip appointment month is more than 24 months before appointed_on (2015-05)',
      );

      // Reconciliation, per table: read = loaded + quarantined (identical copies loaded once).
      const byTable = Object.fromEntries(result.tables.map((t) => [t.table, t]));
      for (const t of result.tables) {
        expect(t.read, t.table).toBe(t.loaded + t.quarantined);
        expect(t.inserted, t.table).toBe(t.loaded - t.collapsed);
      }
      for (const [table, counts] of Object.entries(EXPECTED_COUNTS)) {
        expect(byTable[table], table).toMatchObject(counts);
      }
      // The run log says the same.
      const [record] = await listRunRecords(dir, { limit: 1 });
      expect(record?.status).toBe('succeeded');
      expect(record?.tables).toEqual(result.tables);

      expect(await stgIds(dir, 'agencies')).toEqual([1, 9]);
      expect(await stgIds(dir, 'employees')).toEqual([1, 5, 6]);
      expect(await stgIds(dir, 'programs')).toEqual([1, 3]);
      expect(await stgIds(dir, 'offerings')).toEqual([1, 3]);
      expect(await stgIds(dir, 'enrollments')).toEqual([1, 5]);
      expect(await stgIds(dir, 'training_budgets')).toEqual([1]);
      expect(await stgIds(dir, 'reactions')).toEqual([1]);
      expect(await stgIds(dir, 'service_requests')).toEqual([1, 3]);
    });
  });
}

describe('IDENTIFIER_AS_NUMBER through an XLSX file drop (a CSV has no number cells)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('a NIP and an LMS login stored as numbers are quarantined with their row numbers; the text ones load', async () => {
    const drops = await mkdtemp(join(tmpdir(), 'etl-drops-ident-'));
    const dir = await mkdtemp(join(tmpdir(), 'etl-rules-ident-'));
    dirs.push(drops, dir);
    const book = new ExcelJS.Workbook();
    const employees = book.addWorksheet('employees');
    employees.addRow(['id', 'nip', 'sex', 'birth_date', 'employment_type', 'appointed_on']);
    employees.addRow([1, '198005122005031001', 'M', '1980-05-12', 'PNS', '2006-03-01']); // 2 good
    employees.addRow([2, Number('199301012017031001'), 'M', '1993-01-01', 'PNS', '2017-03-01']); // 3 a number
    await book.xlsx.writeFile(join(drops, 'employees.xlsx'));
    const accounts = new ExcelJS.Workbook();
    const sheet = accounts.addWorksheet('lms_accounts');
    sheet.addRow(['id', 'employee_id', 'mbox', 'account_homepage', 'account_name']);
    sheet.addRow([1, 1, null, 'https://lms.example.go.id', 'budi']); // 2 good
    sheet.addRow([2, 1, null, 'https://lms.example.go.id', 1625378]); // 3 a number
    await accounts.xlsx.writeFile(join(drops, 'lms_accounts.xlsx'));

    const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
    const result = await runEtl({ env, sources: ['files'], filesDir: drops, steps: noMarts, mode: 'full' });
    const { rows } = await listQuarantine(dir, { limit: 100 });
    expect(rows.map((r) => `${r.source}:${r.row_number}:${r.reason}`).sort()).toEqual([
      'files:employees.xlsx:3:IDENTIFIER_AS_NUMBER',
      'files:lms_accounts.xlsx:3:IDENTIFIER_AS_NUMBER',
    ]);
    const byTable = Object.fromEntries(result.tables.map((t) => [t.table, t]));
    expect(byTable.employees).toMatchObject({ read: 2, loaded: 1, quarantined: 1 });
    expect(byTable.lms_accounts).toMatchObject({ read: 2, loaded: 1, quarantined: 1 });
    expect(await stgIds(dir, 'employees')).toEqual([1]);
    expect(await stgIds(dir, 'lms_accounts')).toEqual([1]);
  });
});
