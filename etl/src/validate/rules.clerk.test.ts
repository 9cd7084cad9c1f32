import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { runEtl } from '../run/runEtl.ts';
import { type DropFormat, type DropSheet, writeDrops } from '../run/testing/dropFiles.ts';
import { useSeededSource } from '../run/testing/seededSource.ts';
import { stgContent, stgIds, withLiveSnapshot } from '../run/testing/warehouseContent.ts';
import { sourceTargets } from '../testing/source-targets.ts';

/**
 * What clerks' spreadsheets and Indonesian databases really hold, found by an ETL-operator review:
 * whole numbers with thousands dots or decimals (DuckDB's cast rounds them), a lone "-" for "none",
 * rows that break the source's unique constraints or reuse a PostgreSQL id, and values whose
 * quarantine detail must tell the clerk what to write instead.
 */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const KEY = 'test-key-0123456789';

const DROPS: Record<string, DropSheet> = {
  agencies: {
    header: ['id', 'code', 'name', 'kind', 'parent_id', 'valid_from', 'valid_to'],
    rows: [['1', 'SETDA', 'Setda', 'sekretariat', '-', '2020-01-01', '-']], // 2 good ("-" = none)
  },
  programs: {
    header: ['id', 'code', 'title', 'competency_area', 'method', 'jp', 'provider'],
    rows: [
      ['1', 'PLY', 'Pelayanan Prima', 'technical', 'workshop', '24', '-'], // 2 good, provider NULL
      ['2', 'DIG', 'Digital', 'it', 'workshop', '12', ' - '], // 3 good, provider NULL
      ['3', 'NOT', '-', 'it', 'workshop', '12', null], // 4 MISSING_REQUIRED (title "-")
      ['4', 'FRM', 'Formula', 'it', 'workshop', '12', '-foo'], // 5 FORMULA_INJECTION
      ['5', 'PLY', 'Same code', 'it', 'workshop', '12', null], // 6 DUPLICATE_CONFLICT (code of 1)
      // 7 good: row 5 with the code FRM is quarantined, so it holds nothing (a review of 2026-12-05
      // found such a row refused as "already held by" the refused one)
      ['6', 'FRM', 'Formula fixed', 'it', 'workshop', '12', null],
    ],
  },
  employees: {
    header: ['id', 'nip', 'full_name', 'sex', 'birth_date', 'employment_type', 'appointed_on'],
    rows: [
      ['1', '198005122005031001', 'Budi', 'M', '1980-05-12', 'PNS', '2006-03-01'], // 2 good
      ['2', '1.99003E+17', 'Excel', 'F', '1990-02-20', 'PNS', '2015-03-01'], // 3 NIP_MALFORMED
      ['3', '19900220 201503 2 001', 'Spaces', 'F', '1990-02-20', 'PNS', '2015-03-01'], // 4 NIP_MALFORMED
      ['4', '198005122005031001', 'Budi again', 'M', '1980-05-12', 'PNS', '2006-03-01'], // 5 DUPLICATE_CONFLICT
      ['5', '199104202015032001', 'Dewi', 'F', '20/04/1991', 'PNS', '2015-03-01'], // 6 BAD_TYPE
      ['6', '199104202015032001', 'Dewi', 'F', '1991-04-20', 'PNS', '2015-03-01'], // 7 good (row 6 holds no NIP)
    ],
  },
  offerings: {
    header: ['id', 'program_id', 'organizer_agency_id', 'starts_on', 'ends_on', 'capacity'],
    rows: [
      ['1', '1', '1', '2023-03-01', '2023-03-03', '30'], // 2 good
      ['2', '1', '1', '2023-03-01', '2023-03-03', '1.000'], // 3 BAD_TYPE (thousands dot)
      ['3', '1', '1', '2023-03-01', '2023-03-03', '2.5'], // 4 BAD_TYPE (DuckDB would say 3)
      ['4', '1', '1', '2023-03-01', '2023-03-03', '0x10'], // 5 BAD_TYPE (DuckDB would say 16)
      ['5', '1', '1', '2023-03-01', '2023-03-03', '1_000'], // 6 BAD_TYPE (DuckDB would say 1000)
      ['6', '1', '1', '2023-03-01', '2023-03-03', '12,5'], // 7 BAD_TYPE
      ['1.234', '1', '1', '2023-03-01', '2023-03-03', '30'], // 8 BAD_TYPE (id 1.234 is not id 1)
    ],
  },
  enrollments: {
    header: ['id', 'offering_id', 'employee_id', 'status', 'jp_earned', 'completed_at'],
    rows: [
      ['1', '1', '1', 'completed', '24', '2023-03-03 09:00:00+00'], // 2 good
      ['2', '1', '1.497', 'dropped', '0', null], // 3 BAD_TYPE (not employee 1)
      ['3', '1', '5', 'completed', '2,5', '2023-03-03 09:00:00+00'], // 4 BAD_TYPE (decimal comma)
    ],
  },
  training_budgets: {
    header: ['id', 'agency_id', 'fiscal_year', 'allocated_idr', 'realized_idr'],
    rows: [
      ['1', '1', '2021', '205900000', '90000000'], // 2 good
      ['9007', '1', '2021', '100000000', '90000000'], // 3 DUPLICATE_CONFLICT (agency 1, 2021)
      ['3', '1', '2.026', '100000000', '0'], // 4 BAD_TYPE (DuckDB would say 2: OUT_OF_RANGE)
      ['4', '1', '2024', '250.000.000', '0'], // 5 BAD_TYPE, thousands dots
      ['5', '1', '2025', 'Rp 100.000.000', '0'], // 6 BAD_TYPE, thousands dots after Rp
      ['6', '1', '2022', '-5', '0'], // 7 NEGATIVE_MONEY
      ['7', '1', '2022', '5', '0'], // 8 good: (agency 1, 2022) is not held by the refused row 7
    ],
  },
};

const EXPECTED: Record<string, string> = {
  'programs:4': 'MISSING_REQUIRED:title is empty',
  'programs:5': 'FORMULA_INJECTION:provider starts with a formula character',
  'programs:6': 'DUPLICATE_CONFLICT:code=PLY is already held by programs id 1 (the source allows it once)',
  'employees:3':
    'NIP_MALFORMED:nip is not 18 digits: Excel turned it into a number (format the column as Text and type the NIP again)',
  'employees:4': 'NIP_MALFORMED:nip is not 18 digits: remove the spaces',
  'employees:5':
    'DUPLICATE_CONFLICT:nip (or ni_pppk) is already held by employees id 1 (the source allows it once)',
  'employees:6': 'BAD_TYPE:birth_date=20/04/1991 is not a date (write YYYY-MM-DD, e.g. 2024-01-31)',
  'offerings:3':
    'BAD_TYPE:capacity=1.000 is not a whole number (write digits only, no thousands separator: 1000)',
  'offerings:4': 'BAD_TYPE:capacity=2.5 is not a whole number (write digits only, no decimals)',
  'offerings:5': 'BAD_TYPE:capacity=0x10 is not a whole number (write digits only, e.g. 1000)',
  'offerings:6': 'BAD_TYPE:capacity=1_000 is not a whole number (write digits only, e.g. 1000)',
  'offerings:7': 'BAD_TYPE:capacity=12,5 is not a whole number (write digits only, no decimals)',
  'offerings:8': 'BAD_TYPE:id=1.234 is not a whole number (write digits only, no thousands separator: 1234)',
  'enrollments:3':
    'BAD_TYPE:employee_id=1.497 is not a whole number (write digits only, no thousands separator: 1497)',
  'enrollments:4': 'BAD_TYPE:jp_earned=2,5 is not a number (use a decimal point: 2.5)',
  'training_budgets:3':
    'DUPLICATE_CONFLICT:(agency_id, fiscal_year) = (1, 2021) is already held by training_budgets id 1 (the source allows it once)',
  'training_budgets:4':
    'BAD_TYPE:fiscal_year=2.026 is not a whole number (write digits only, no thousands separator: 2026)',
  'training_budgets:5':
    'BAD_TYPE:allocated_idr=250.000.000 looks like rupiah with thousands separators: write the whole number without them (250000000)',
  'training_budgets:7': 'NEGATIVE_MONEY:allocated_idr=-5 is negative',
  'training_budgets:6':
    'BAD_TYPE:allocated_idr=Rp 100.000.000 looks like rupiah with thousands separators: write the whole number without them (100000000)',
};

for (const format of ['csv', 'xlsx'] as const satisfies readonly DropFormat[]) {
  describe(`clerks' values through ${format.toUpperCase()} file drops`, () => {
    let drops: string;
    let dir: string;
    beforeAll(async () => {
      drops = await mkdtemp(join(tmpdir(), `etl-clerk-drops-${format}-`));
      dir = await mkdtemp(join(tmpdir(), `etl-clerk-${format}-`));
      await writeDrops(drops, format, DROPS);
    });
    afterAll(async () => {
      await rm(drops, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    });

    it('refuses non-integers in whole-number columns, reads "-" as empty, keeps natural keys unique, and says what to write', async () => {
      const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY });
      const result = await runEtl({ env, sources: ['files'], filesDir: drops, steps: noMarts, mode: 'full' });
      for (const t of result.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
      const { rows } = await listQuarantine(dir, { limit: 1000 });
      expect(
        Object.fromEntries(rows.map((r) => [`${r.table}:${r.row_number}`, `${r.reason}:${r.detail}`])),
      ).toEqual(EXPECTED);
      expect(await stgIds(dir, 'programs')).toEqual([1, 2, 6]);
      expect(await stgIds(dir, 'offerings')).toEqual([1]);
      expect(await stgIds(dir, 'employees')).toEqual([1, 6]);
      expect(await stgIds(dir, 'enrollments')).toEqual([1]);
      expect(await stgIds(dir, 'training_budgets')).toEqual([1, 7]);
      const providers = await withLiveSnapshot(dir, (db) =>
        db.all<{ provider: string | null }>('select provider from stg.programs order by id'),
      );
      expect(providers.map((p) => p.provider)).toEqual([null, null, null]);

      // The quarantine's files, counts.json included, are the owner's only.
      const runDir = join(dir, 'quarantine', result.runId);
      const files = await readdir(runDir);
      expect(files).toContain('counts.json');
      for (const f of files) expect(((await stat(join(runDir, f))).mode & 0o777).toString(8), f).toBe('600');
    });
  });
}

for (const target of sourceTargets()) {
  describe(`"-" and rows that collide with PostgreSQL's (${target.name})`, () => {
    const source = useSeededSource(target);
    const { tempDir } = source;
    it('a provider "-" in PostgreSQL is no formula: the program and its children load', async () => {
      await source.conn().knex('programs').where({ id: 1 }).update({ provider: '-' });
      const dir = await tempDir('etl-clerk-pg-');
      const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY });
      const run = await runEtl({
        env,
        sources: ['postgres'],
        connection: source.conn(),
        steps: noMarts,
        mode: 'full',
      });
      expect(run.tables.reduce((s, t) => s + t.quarantined, 0)).toBe(0);
      const provider = await withLiveSnapshot(dir, (db) =>
        db.all<{ provider: string | null }>('select provider from stg.programs where id = 1'),
      );
      expect(provider[0]?.provider).toBeNull();
      expect(await stgIds(dir, 'offerings')).toEqual([1, 2]);
      await source.conn().knex('programs').where({ id: 1 }).update({ provider: null });
    });

    it('a drop row that reuses a PostgreSQL id and has another fault says that fault: DUPLICATE_CONFLICT is checked last', async () => {
      const drops = await tempDir('etl-clerk-order-');
      await writeDrops(drops, 'csv', {
        offerings: {
          header: ['id', 'program_id', 'organizer_agency_id', 'starts_on', 'ends_on', 'capacity', 'venue'],
          rows: [['1', '99999', '1', '2024-01-01', '2024-01-02', '30', 'Aula Uji']], // 2 no program 99999
        },
        enrollments: {
          header: ['id', 'offering_id', 'employee_id', 'status', 'jp_earned', 'completed_at'],
          // 2: PostgreSQL's id 1 again, completed before offering 1 starts (2023-03-01)
          rows: [['1', '1', '1', 'completed', '24', '2023-02-01 09:00:00+07']],
        },
      });
      const dir = await tempDir('etl-clerk-order-wh-');
      const env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY });
      const run = await runEtl({
        env,
        sources: ['postgres', 'files'],
        connection: source.conn(),
        filesDir: drops,
        steps: noMarts,
        mode: 'full',
      });
      const { rows } = await listQuarantine(dir, { runId: run.runId });
      expect(
        rows
          .filter((r) => r.source !== 'postgres')
          .map((r) => `${r.table}:${r.row_number}:${r.reason}:${r.detail}`)
          .sort(),
      ).toEqual([
        'enrollments:2:DATES_OUT_OF_ORDER:completed_at=2023-02-01 09:00:00+07 is before the offering starts (2023-03-01)',
        'offerings:2:UNKNOWN_REFERENCE:program_id=99999 references no programs row',
      ]);
      // PostgreSQL's rows are kept all the same.
      expect(await stgIds(dir, 'offerings')).toEqual([1, 2]);
      const kept = await withLiveSnapshot(dir, (db) =>
        db.all<{ program_id: number }>('select program_id from stg.offerings where id = 1'),
      );
      expect(kept.map((k) => Number(k.program_id))).toEqual([1]);
    });

    it('a drop row that reuses a PostgreSQL id with other content, or a PostgreSQL natural key, is refused in incremental and full runs alike', async () => {
      const drops = await tempDir('etl-clerk-pgdrops-');
      await writeDrops(drops, 'csv', {
        enrollments: {
          header: ['id', 'offering_id', 'employee_id', 'status', 'jp_earned', 'completed_at'],
          rows: [
            ['1', '1', '1', 'dropped', '0', null], // 2 DUPLICATE_CONFLICT: PostgreSQL's enrollment 1
            ['2', '1', '3', 'dropped', '0', null], // 3 same as PostgreSQL's: loaded, not a conflict
            ['10', '2', '1', 'dropped', '0', null], // 4 good, a new id
          ],
        },
        training_budgets: {
          header: ['id', 'agency_id', 'fiscal_year', 'allocated_idr', 'realized_idr'],
          rows: [['9007', '2', '2023', '100000000', '90000000']], // 2 DUPLICATE_CONFLICT (agency 2, 2023)
        },
        employees: {
          header: ['id', 'nip', 'sex', 'birth_date', 'employment_type', 'appointed_on'],
          rows: [['9', '199001012015042002', 'F', '1990-01-01', 'PNS', '2015-04-01']], // 2 NIP of employee 2
        },
      });
      const expected = [
        'employees:2:DUPLICATE_CONFLICT:nip (or ni_pppk) is already held by employees id 2 (the source allows it once)',
        'enrollments:2:DUPLICATE_CONFLICT',
        'training_budgets:2:DUPLICATE_CONFLICT:(agency_id, fiscal_year) = (2, 2023) is already held by training_budgets id 1 (the source allows it once)',
      ];
      const fileRows = async (d: string, runId: string) =>
        (await listQuarantine(d, { runId })).rows
          .filter((r) => r.source !== 'postgres')
          .map(
            (r) => `${r.table}:${r.row_number}:${r.reason}${r.table === 'enrollments' ? '' : `:${r.detail}`}`,
          )
          .sort();

      // Incremental: PostgreSQL first, then the drop over the unchanged stg rows.
      const inc = await tempDir('etl-clerk-inc-');
      const incEnv = readEnv({ WAREHOUSE_DIR: inc, PSEUDONYM_KEY: KEY });
      await runEtl({ env: incEnv, sources: ['postgres'], connection: source.conn(), steps: noMarts });
      const second = await runEtl({
        env: incEnv,
        sources: ['postgres', 'files'],
        connection: source.conn(),
        filesDir: drops,
        steps: noMarts,
      });
      expect(second.mode).toBe('incremental');
      for (const t of second.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
      expect(await fileRows(inc, second.runId)).toEqual(expected);
      const third = await runEtl({
        env: incEnv,
        sources: ['postgres'],
        connection: source.conn(),
        steps: noMarts,
      });
      expect(third.mode).toBe('incremental');

      // Full, PostgreSQL and the drop read together.
      const full = await tempDir('etl-clerk-full-');
      const fullEnv = readEnv({ WAREHOUSE_DIR: full, PSEUDONYM_KEY: KEY });
      const both = await runEtl({
        env: fullEnv,
        sources: ['postgres', 'files'],
        connection: source.conn(),
        filesDir: drops,
        steps: noMarts,
        mode: 'full',
      });
      for (const t of both.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
      expect(await fileRows(full, both.runId)).toEqual(expected);
      // PostgreSQL's rows stay; no budget year doubled, no NIP given two employees.
      const statuses = await withLiveSnapshot(full, (db) =>
        db.all<{ id: number; status: string }>('select id, status from stg.enrollments order by id'),
      );
      expect(statuses.map((s) => `${Number(s.id)}:${s.status}`)).toEqual([
        '1:completed',
        '2:dropped',
        '10:dropped',
      ]);
      expect(await stgIds(full, 'training_budgets')).toEqual([1]);
      expect(await stgIds(full, 'employees')).toEqual([1, 2, 3]);

      // Then a full rebuild of the incremental warehouse (carrying its drop rows forward): the same.
      await runEtl({
        env: incEnv,
        sources: ['postgres'],
        connection: source.conn(),
        steps: noMarts,
        mode: 'full',
      });
      // (A drop row's updated_at is the time its run received it.)
      const content = async (d: string) =>
        Object.fromEntries(
          Object.entries(await stgContent(d)).map(([t, rows]) => [
            t,
            rows.map((r) => {
              const row = JSON.parse(r);
              if (row._source !== 'postgres') delete row.updated_at;
              return JSON.stringify(row);
            }),
          ]),
        );
      expect(await content(inc)).toEqual(await content(full));
    });
  });
}
