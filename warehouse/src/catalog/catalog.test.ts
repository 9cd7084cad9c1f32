import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../db/index.ts';
import { createMartTables, MART_NAMES } from '../models/marts/contract.ts';
import { writeRunMeta } from '../runlog/writeRunMeta.ts';
import { runDataTests } from '../tests/runDataTests.ts';
import { listAgencies, listPrograms } from './reference.ts';
import {
  martRowCounts,
  readDataTests,
  readQuarantineCounts,
  readSnapshotWatermarks,
  snapshotTables,
} from './snapshot-meta.ts';

/** A tiny snapshot: three agency versions (one renamed), two programs, and the ETL's meta tables. */
async function tinySnapshot(withMeta: boolean): Promise<Db> {
  const db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
  await createMartTables((sql) => db.exec(sql));
  await db.exec(`
    INSERT INTO marts.dim_agency VALUES
      (1, 'B01', 'Dinas Lama', 'Dinas Baru', 'dinas', NULL, DATE '2020-01-01', DATE '2022-12-31', FALSE),
      (2, 'B01', 'Dinas Baru', 'Dinas Baru', 'dinas', NULL, DATE '2023-01-01', NULL, TRUE),
      (3, 'A01', 'Kecamatan Satu', 'Kecamatan Satu', 'kecamatan', 'B01', DATE '2020-01-01', NULL, TRUE);
    INSERT INTO marts.dim_program VALUES
      (10, 'P2', 'Pelayanan Prima', 'pelayanan', 'klasikal', 24, NULL),
      (11, 'P1', 'Analisis Data', 'teknis', 'e-learning', 12.5, 'BPSDM');`);
  if (withMeta) {
    await writeRunMeta(db, [], { 'src.enrollments': '2024-06-01', 'src.agencies': '7' }, [
      { runId: 'run-1', source: 'files', table: 'employees', reason: 'bad_nip', rows: 3 },
      { runId: 'run-2', source: 'files', table: 'enrollments', reason: 'unknown_program', rows: 2 },
      { runId: 'run-2', source: 'files', table: 'employees', reason: 'bad_date', rows: 1 },
    ]);
    await runDataTests(
      db,
      [
        {
          name: 'b_pass',
          model: 'dim_program',
          severity: 'error',
          sql: 'SELECT * FROM marts.dim_program WHERE jp < 0',
        },
        {
          name: 'a_fail',
          model: 'dim_agency',
          severity: 'warn',
          sql: 'SELECT agency_code FROM marts.dim_agency WHERE NOT is_current',
        },
      ],
      new Date('2024-07-01T02:03:04.000Z'),
    );
  }
  return db;
}

describe('catalog readers', () => {
  let db: Db;
  let bare: Db;
  beforeAll(async () => {
    db = await tinySnapshot(true);
    bare = await tinySnapshot(false);
  });
  afterAll(async () => {
    await db.close();
    await bare.close();
  });

  it('listAgencies: current versions by code, current name, optional code filter', async () => {
    expect(await listAgencies(db)).toEqual([
      { code: 'A01', name: 'Kecamatan Satu', kind: 'kecamatan', parentCode: 'B01' },
      { code: 'B01', name: 'Dinas Baru', kind: 'dinas', parentCode: null },
    ]);
    expect((await listAgencies(db, ['B01', 'ZZZ'])).map((a) => a.code)).toEqual(['B01']);
    expect(await listAgencies(db, [])).toEqual([]);
  });

  it('listAgencies binds codes as data, never SQL', async () => {
    expect(await listAgencies(db, ["A01' OR '1'='1"])).toEqual([]);
  });

  it('listPrograms: by code, with jp and nullable provider', async () => {
    expect(await listPrograms(db)).toEqual([
      {
        code: 'P1',
        title: 'Analisis Data',
        competencyArea: 'teknis',
        method: 'e-learning',
        jp: 12.5,
        provider: 'BPSDM',
      },
      {
        code: 'P2',
        title: 'Pelayanan Prima',
        competencyArea: 'pelayanan',
        method: 'klasikal',
        jp: 24,
        provider: null,
      },
    ]);
    expect((await listPrograms(db, ['P2'])).map((p) => p.code)).toEqual(['P2']);
    expect(await listPrograms(db, [])).toEqual([]);
  });

  it('martRowCounts: every mart, exact counts, in one UNION query', async () => {
    const counts = await martRowCounts(db);
    expect(counts.map((c) => c.table)).toEqual([...MART_NAMES].sort());
    const byTable = Object.fromEntries(counts.map((c) => [c.table, c.rows]));
    expect(byTable.dim_agency).toBe(3);
    expect(byTable.dim_program).toBe(2);
    expect(
      counts.filter((c) => !['dim_agency', 'dim_program'].includes(c.table)).every((c) => c.rows === 0),
    ).toBe(true);
    const before = db.queryCount;
    await martRowCounts(db);
    expect(db.queryCount - before).toBe(2);
  });

  it('snapshotTables lists meta and marts tables', async () => {
    const tables = await snapshotTables(db);
    expect(tables.has('marts.dim_agency')).toBe(true);
    expect(tables.has('meta.watermarks')).toBe(true);
    expect((await snapshotTables(bare)).has('meta.watermarks')).toBe(false);
  });

  it('readSnapshotWatermarks: by table', async () => {
    expect(await readSnapshotWatermarks(db)).toEqual([
      { table: 'src.agencies', watermark: '7' },
      { table: 'src.enrollments', watermark: '2024-06-01' },
    ]);
  });

  it('readDataTests: failures first, counts as numbers, ISO time, JSON sample', async () => {
    const tests = await readDataTests(db);
    expect(tests.map((t) => [t.name, t.status, t.severity, t.failingRows])).toEqual([
      ['a_fail', 'fail', 'warn', 1],
      ['b_pass', 'pass', 'error', 0],
    ]);
    expect(tests[0]?.checkedAt).toBe('2024-07-01T02:03:04.000Z');
    expect(JSON.parse(tests[0]?.sample ?? '')).toEqual([{ agency_code: 'B01' }]);
    expect(tests[1]?.model).toBe('dim_program');
  });

  it('readQuarantineCounts: newest run first, then table and reason', async () => {
    expect(await readQuarantineCounts(db)).toEqual([
      { runId: 'run-2', source: 'files', table: 'employees', reason: 'bad_date', rows: 1 },
      { runId: 'run-2', source: 'files', table: 'enrollments', reason: 'unknown_program', rows: 2 },
      { runId: 'run-1', source: 'files', table: 'employees', reason: 'bad_nip', rows: 3 },
    ]);
  });

  it('a snapshot without meta tables reads as empty, not as an error', async () => {
    expect(await readSnapshotWatermarks(bare)).toEqual([]);
    expect(await readDataTests(bare)).toEqual([]);
    expect(await readQuarantineCounts(bare)).toEqual([]);
    expect((await martRowCounts(bare)).length).toBe(MART_NAMES.length);
  });
});
