import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStgTables, Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { carryForward } from '../load/carryForward.ts';
import { connectSource, type SourceConnection } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import { runEtl } from './runEtl.ts';
import { writeDrops } from './testing/dropFiles.ts';
import { seedSource } from './testing/seedSource.ts';
import { stgContent, stgIds, withLiveSnapshot } from './testing/warehouseContent.ts';

const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const KEY = 'test-key-0123456789';

/**
 * A spreadsheet drop or an xAPI export is read once; afterwards the warehouse holds the only copy
 * of its rows. A full run from PostgreSQL alone must not lose them: it carries them forward from
 * the live snapshot, and ends where an incremental run on the same source state ends.
 */
describe('a full run carries file-drop and xAPI rows forward', () => {
  let conn: SourceConnection;
  let drops: string;
  let xapi: string;
  const dirs: string[] = [];
  const newDir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'etl-carry-'));
    dirs.push(d);
    return d;
  };
  let logs: string[] = [];
  const run = (dir: string, options: { mode?: 'full'; withDrops?: boolean; carryDrops?: boolean } = {}) => {
    logs = [];
    return runEtl({
      env: readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY }),
      sources: options.withDrops ? ['postgres', 'files', 'xapi'] : ['postgres'],
      connection: conn,
      steps: noMarts,
      ...(options.withDrops ? { filesDir: drops, xapiPaths: [xapi] } : {}),
      ...(options.mode ? { mode: options.mode } : {}),
      ...(options.carryDrops === false ? { carryDrops: false } : {}),
      onProgress: (e) => {
        if (e.kind === 'log') logs.push(e.message);
      },
    });
  };
  const xapiRows = (dir: string) =>
    withLiveSnapshot(
      dir,
      async (db) =>
        (
          await db.all<{ n: number }>(
            `select (select count(*) from stg.xapi_statements) + 1000 * (select count(*) from stg.xapi_enrollments) as n`,
          )
        )[0]?.n,
    );

  beforeAll(async () => {
    conn = await connectSource({ embeddedDir: 'memory://' });
    await migrateSource(conn.knex);
    await seedSource(conn.knex);
    drops = await newDir();
    // Two enrollments only a spreadsheet knows (employees 2 and 3), and one xAPI completion of
    // employee 2 (lms_accounts 1) in the course of offering 2 (lms_activities 1).
    await writeDrops(drops, 'csv', {
      enrollments: {
        header: ['id', 'offering_id', 'employee_id', 'status', 'jp_earned', 'completed_at', 'updated_at'],
        rows: [
          ['100', '1', '2', 'completed', '24', '2023-03-03T10:00:00Z', '2024-02-01T00:00:00Z'],
          ['101', '2', '3', 'completed', '12', '2023-06-01T10:00:00Z', '2024-02-01T00:00:00Z'],
        ],
      },
    });
    xapi = join(drops, 'lrs-export.ndjson');
    await writeFile(
      xapi,
      `${JSON.stringify({
        id: '7ccd3322-e1a5-411a-a67d-6a735c76f119',
        timestamp: '2023-06-10T03:00:00+00:00',
        actor: { mbox: 'mailto:sari@example.go.id' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
        object: { id: 'https://lms.example.go.id/course/dig-01', objectType: 'Activity' },
        result: { completion: true, duration: 'PT1H30M' },
      })}\n`,
    );
  });
  afterAll(async () => {
    await conn?.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('keeps them through a full run from PostgreSQL alone, and sweeps those whose parent is gone, as incremental', async () => {
    const a = await newDir();
    const b = await newDir();
    for (const dir of [a, b]) {
      const first = await run(dir, { withDrops: true });
      expect(first.mode).toBe('full');
      expect(first.tables.find((t) => t.table === 'enrollments')).toMatchObject({ quarantined: 0 });
      expect(await stgIds(dir, 'enrollments')).toEqual([1, 2, 100, 101]);
      expect(await xapiRows(dir)).toBe(1001);
    }
    const before = await stgContent(a);

    // A full run from PostgreSQL alone: the same stg.
    const full = await run(a, { mode: 'full' });
    expect(full.mode).toBe('full');
    expect(logs.join('\n')).toMatch(
      /^Carried forward from snapshot \S+ \(file-drop and xAPI rows\): enrollments 2, xapi_statements 1$/m,
    );
    expect(await stgContent(a)).toEqual(before);
    expect(await xapiRows(a)).toBe(1001);

    // Employee 3 leaves the source (its PostgreSQL rows cascade): the dropped enrollment 101 points
    // at nobody. Incremental (b) and full (a) both remove it, and agree on everything else.
    await conn.knex('employees').where({ id: 3 }).del();
    expect((await run(b)).mode).toBe('incremental');
    expect((await run(a, { mode: 'full' })).mode).toBe('full');
    expect(logs.join('\n')).toMatch(
      /^enrollments: removed 1 carried rows whose parent the sources no longer hold$/m,
    );
    expect(await stgIds(a, 'enrollments')).toEqual([1, 100]);
    expect(await stgContent(a)).toEqual(await stgContent(b));
    expect(await xapiRows(a)).toBe(1001);

    // Asked to, a full run builds from its sources alone.
    await run(a, { mode: 'full', carryDrops: false });
    expect(await stgIds(a, 'enrollments')).toEqual([1]);
    expect(await xapiRows(a)).toBe(0);
  });

  it('lets this run’s rows replace carried rows with the same key', async () => {
    const dir = await newDir();
    await run(dir, { withDrops: true });
    // The same enrollment id now also arrives from PostgreSQL: the full run's own row wins.
    await conn.knex('enrollments').insert({
      id: 100,
      offering_id: 1,
      employee_id: 2,
      status: 'dropped',
      jp_earned: 0,
    });
    await run(dir, { mode: 'full' });
    const rows = await withLiveSnapshot(dir, (db) =>
      db.all<{ id: number; status: string; src: string }>(
        `select id, status, _source as src from stg.enrollments where id = 100`,
      ),
    );
    expect(rows).toEqual([{ id: 100, status: 'dropped', src: 'postgres' }]);
  });

  it('carries nothing from a snapshot without stg tables (built another way), and NULL for a column it lacks', async () => {
    const dir = await newDir();
    const bare = await Db.open(join(dir, 'bare.duckdb'), { mode: 'read-write' });
    await bare.exec('CREATE SCHEMA marts; CREATE TABLE marts.x (a INTEGER)');
    await bare.close();
    const old = await Db.open(join(dir, 'old.duckdb'), { mode: 'read-write' });
    // Before programs had a provider column.
    await old.exec(`CREATE SCHEMA stg; CREATE TABLE stg.programs (id BIGINT, code VARCHAR, title VARCHAR,
      competency_area VARCHAR, method VARCHAR, jp DOUBLE, updated_at TIMESTAMPTZ, _source VARCHAR, _run_id VARCHAR);
      INSERT INTO stg.programs VALUES
        (9, 'P9', 'Lama', 'digital', 'workshop', 12, '2024-01-01', 'files:programs.csv', 'r1'),
        (8, 'P8', 'Dari PG', 'digital', 'workshop', 12, '2024-01-01', 'postgres', 'r1')`);
    await old.close();
    const build = await Db.open(join(dir, 'build.duckdb'), { mode: 'read-write' });
    try {
      await createStgTables((sql) => build.exec(sql));
      expect(await carryForward(build, join(dir, 'bare.duckdb'))).toEqual(new Map());
      expect(await carryForward(build, join(dir, 'old.duckdb'))).toEqual(new Map([['programs', 1]]));
      const rows = await build.all<{ id: number; code: string; provider: string | null }>(
        'SELECT id, code, provider FROM stg.programs',
      );
      expect(rows.map((r) => ({ ...r, id: Number(r.id) }))).toEqual([{ id: 9, code: 'P9', provider: null }]);
    } finally {
      await build.close();
    }
  });
});
