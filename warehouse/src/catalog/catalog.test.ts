import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../db/index.ts';
import { createMartTables, MART_NAMES } from '../models/marts/contract.ts';
import type { EtlRunRecord } from '../runlog/runRecord.ts';
import { type QuarantineCountRow, writeRunMeta } from '../runlog/writeRunMeta.ts';
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

  it('readQuarantineCounts: the newest run only (no run records), by table and reason', async () => {
    expect(await readQuarantineCounts(db)).toEqual([
      { runId: 'run-2', source: 'files', table: 'employees', reason: 'bad_date', rows: 1 },
      { runId: 'run-2', source: 'files', table: 'enrollments', reason: 'unknown_program', rows: 2 },
    ]);
  });

  it('a snapshot without meta tables reads as empty, not as an error', async () => {
    expect(await readSnapshotWatermarks(bare)).toEqual([]);
    expect(await readDataTests(bare)).toEqual([]);
    expect(await readQuarantineCounts(bare)).toEqual([]);
    expect((await martRowCounts(bare)).length).toBe(MART_NAMES.length);
  });
});

/**
 * `meta.quarantine_counts` keeps each run's counts: an incremental run appends to the copy of the
 * previous snapshot, a full run starts afresh. The quality page summed them over every run kept: a
 * review saw n = 19 (NOT_ACCEPTED_VALUE = 4) after runs of 17 bad rows, none, and one bad row twice,
 * while the source held one bad row and the latest run quarantined 1.
 */
describe('readQuarantineCounts: the counts of the run that built the snapshot', () => {
  const run = (n: number, mode: EtlRunRecord['mode']): EtlRunRecord => ({
    runId: `20261205T10000${n}000Z-abcd`,
    mode,
    sources: ['files'],
    status: 'succeeded',
    startedAt: `2026-12-05T10:00:0${n}.000Z`,
    finishedAt: `2026-12-05T10:00:0${n}.500Z`,
    durationMs: 500,
    watermarks: {},
    tables: [],
    dataTests: null,
    snapshotId: `snap-${n}`,
    error: null,
    pid: 1,
  });
  const counts = (r: EtlRunRecord, rows: [string, string, number][]): QuarantineCountRow[] =>
    rows.map(([table, reason, n]) => ({ runId: r.runId, source: 'files', table, reason, rows: n }));
  const seventeen = (r: EtlRunRecord) =>
    counts(r, [
      ['employees', 'NOT_ACCEPTED_VALUE', 3],
      ['employees', 'INVALID_DATE', 6],
      ['enrollments', 'UNKNOWN_REFERENCE', 8],
    ]);
  const one = (r: EtlRunRecord) => counts(r, [['employees', 'NOT_ACCEPTED_VALUE', 1]]);
  const expected = (r: EtlRunRecord) => [
    { runId: r.runId, source: 'files', table: 'employees', reason: 'NOT_ACCEPTED_VALUE', rows: 1 },
  ];

  /** Runs written into one snapshot as incremental runs do (each onto a copy of the previous). */
  async function snapshotOf(runs: [EtlRunRecord, QuarantineCountRow[]][]): Promise<Db> {
    const db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
    const history: EtlRunRecord[] = [];
    for (const [record, quarantine] of runs) {
      await writeRunMeta(db, [record, ...history], {}, quarantine);
      history.unshift(record);
    }
    return db;
  }

  it('after incremental runs of 17 bad rows, none, then one bad row twice: 1', async () => {
    const [r1, r2, r3, r4] = [
      run(1, 'full'),
      run(2, 'incremental'),
      run(3, 'incremental'),
      run(4, 'incremental'),
    ];
    const db = await snapshotOf([
      [r1, seventeen(r1)],
      [r2, []],
      [r3, one(r3)],
      [r4, one(r4)],
    ]);
    try {
      expect(await readQuarantineCounts(db)).toEqual(expected(r4));
    } finally {
      await db.close();
    }
  });

  it('17 bad rows, then 1: 1; then none: nothing, even though older runs’ counts stay', async () => {
    const [r1, r2, r3] = [run(1, 'incremental'), run(2, 'incremental'), run(3, 'incremental')];
    const db = await snapshotOf([
      [r1, seventeen(r1)],
      [r2, one(r2)],
    ]);
    try {
      expect(await readQuarantineCounts(db)).toEqual(expected(r2));
      await writeRunMeta(db, [r3, r2, r1], {}, []);
      expect(await readQuarantineCounts(db)).toEqual([]);
      expect(await db.all('SELECT count(DISTINCT run_id) AS n FROM meta.quarantine_counts')).toEqual([
        { n: 2 },
      ]);
    } finally {
      await db.close();
    }
  });

  it('a full and an incremental run of the same source give the same counts', async () => {
    const [r1, r2] = [run(1, 'full'), run(2, 'incremental')];
    const incremental = await snapshotOf([
      [r1, seventeen(r1)],
      [r2, one(r2)],
    ]);
    // A full run starts from an empty snapshot: only its own counts, its history all the same.
    const full = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
    const rFull = { ...run(2, 'full'), runId: r2.runId };
    await writeRunMeta(full, [rFull, r1], {}, one(rFull));
    try {
      expect(await readQuarantineCounts(incremental)).toEqual(await readQuarantineCounts(full));
      expect(await readQuarantineCounts(full)).toEqual(expected(r2));
    } finally {
      await incremental.close();
      await full.close();
    }
  });
});
