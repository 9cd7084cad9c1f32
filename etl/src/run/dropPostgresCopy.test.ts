import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine, type TableRunCounts } from '@asn/warehouse';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { connectSource, type SourceConnection } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import type { StagedTable } from '../sources/staged.ts';
import { runEtl } from './runEtl.ts';
import { seedSource } from './testing/seedSource.ts';
import { stagedRows } from './testing/stagedRows.ts';
import { stgContent, stgIds, withLiveSnapshot } from './testing/warehouseContent.ts';

/**
 * A file-drop row identical (updated_at aside) to a PostgreSQL row already in stg, loaded by an
 * incremental run (a review of 2026-12-06, drop6): it replaced the PostgreSQL row, which then
 * looked like a drop row to every later run: the key reconcile never deleted it when PostgreSQL
 * did, and a full run carried it forward. A full run reading both keeps the PostgreSQL row and
 * counts the drop copy as collapsed; the incremental run must end the same, and stay so after
 * PostgreSQL deletes the row. Program 3 has no offerings, so PostgreSQL can delete it alone.
 */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const KEY = 'test-key-0123456789';
const PG_AT = '2024-02-01T00:00:00Z';
const PROGRAM_3 = {
  id: '3',
  code: 'KEP-01',
  title: 'Kepemimpinan Pengawas',
  competency_area: 'leadership',
  method: 'classroom',
  jp: '40',
};

const counted = (t: TableRunCounts | undefined) =>
  t ? [t.read, t.loaded, t.quarantined, t.collapsed, t.inserted, t.deleted] : undefined;
const programs = (r: { tables: readonly TableRunCounts[] }) => r.tables.find((t) => t.table === 'programs');

describe('a drop row identical to a PostgreSQL row in stg', () => {
  const conns: SourceConnection[] = [];
  const dirs: string[] = [];
  const newDir = async (name: string) => {
    const d = await mkdtemp(join(tmpdir(), name));
    dirs.push(d);
    return d;
  };
  const env = (dir: string) => readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: KEY });
  /** A full run reading PostgreSQL and `staged` together, into a new warehouse. */
  const fullRun = async (name: string, connection: SourceConnection, staged: StagedTable[]) => {
    const dir = await newDir(name);
    const run = await runEtl({
      env: env(dir),
      sources: ['postgres'],
      connection,
      staged,
      steps: noMarts,
      mode: 'full',
    });
    return { fullDir: dir, full: run };
  };
  /** The seeded source plus program 3 (no offerings), stamped PG_AT. */
  const source = async () => {
    const conn = await connectSource({ embeddedDir: 'memory://' });
    conns.push(conn);
    await migrateSource(conn.knex);
    await seedSource(conn.knex);
    await conn.knex('programs').insert({ ...PROGRAM_3, jp: 40, updated_at: PG_AT });
    return conn;
  };
  const lineage = (dir: string) =>
    withLiveSnapshot(dir, (db) =>
      db.all<{ source: string; at: string }>(
        `SELECT _source AS source, strftime(updated_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') AS at
         FROM stg.programs WHERE id = 3`,
      ),
    );
  const quarantined = async (dir: string, runId: string) =>
    (await listQuarantine(dir, { runId, limit: 1000 })).rows.map((r) => `${r.table}:${r.reason}`);

  afterAll(async () => {
    for (const c of conns) await c.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('stays PostgreSQL’s in an incremental run, as in a full one, and goes when PostgreSQL deletes it', async () => {
    const conn = await source();
    // The drop row leaves updated_at empty: it would get the run's time.
    const drop = () => [stagedRows('programs', [{ ...PROGRAM_3, updated_at: '' }])];
    // Two warehouses take the drop incrementally (`--source files` over a live PostgreSQL snapshot).
    const incremental = async (name: string) => {
      const dir = await newDir(name);
      await runEtl({ env: env(dir), sources: ['postgres'], connection: conn, steps: noMarts, mode: 'full' });
      const run = await runEtl({ env: env(dir), sources: [], staged: drop(), steps: noMarts });
      expect(run.mode).toBe('incremental');
      expect(counted(programs(run)), name).toEqual([1, 1, 0, 1, 0, 0]);
      expect(await quarantined(dir, run.runId)).toEqual([]);
      return dir;
    };
    const incA = await incremental('etl-pgcopy-inc-a-');
    const incB = await incremental('etl-pgcopy-inc-b-');
    // A full run reads PostgreSQL and the drop together: the drop copy collapsed.
    const { fullDir, full } = await fullRun('etl-pgcopy-full-', conn, drop());
    expect(counted(programs(full))).toEqual([4, 4, 0, 1, 3, 0]);
    expect(await quarantined(fullDir, full.runId)).toEqual([]);
    // Row for row, `_source` and `updated_at` included: PostgreSQL's program 3, not the drop's.
    const fullStg = await stgContent(fullDir);
    expect(await stgContent(incA)).toEqual(fullStg);
    expect(await stgContent(incB)).toEqual(fullStg);
    expect(await lineage(incA)).toEqual([{ source: 'postgres', at: '2024-02-01 00:00:00' }]);

    // PostgreSQL deletes program 3: the key reconcile deletes it (incremental), and a full run from
    // PostgreSQL alone has no drop row of it to carry forward.
    await conn.knex('programs').where({ id: 3 }).delete();
    const deletedA = await runEtl({
      env: env(incA),
      sources: ['postgres'],
      connection: conn,
      steps: noMarts,
    });
    expect(deletedA.mode).toBe('incremental');
    expect(programs(deletedA)?.deleted).toBe(1);
    const deletedB = await runEtl({
      env: env(incB),
      sources: ['postgres'],
      connection: conn,
      steps: noMarts,
      mode: 'full',
    });
    expect(deletedB.mode).toBe('full');
    const deletedFull = await runEtl({
      env: env(fullDir),
      sources: ['postgres'],
      connection: conn,
      steps: noMarts,
    });
    expect(deletedFull.mode).toBe('incremental');
    for (const dir of [incA, incB, fullDir]) expect(await stgIds(dir, 'programs')).toEqual([1, 2]);
    const after = await stgContent(incB);
    expect(await stgContent(incA)).toEqual(after);
    expect(await stgContent(fullDir)).toEqual(after);
  });

  it('loads as the drop’s row when PostgreSQL deletes its copy in the same incremental run', async () => {
    const conn = await source();
    const drop = () => [stagedRows('programs', [{ ...PROGRAM_3, updated_at: '2024-03-01 00:00:00+00' }])];
    const incDir = await newDir('etl-pgcopy-same-inc-');
    await runEtl({ env: env(incDir), sources: ['postgres'], connection: conn, steps: noMarts, mode: 'full' });
    await conn.knex('programs').where({ id: 3 }).delete();
    // PostgreSQL and the drop in one incremental run: the PostgreSQL row is gone at the source, so
    // the drop copy is not collapsed onto it, as a full run on that source state reads no copy of it.
    const inc = await runEtl({
      env: env(incDir),
      sources: ['postgres'],
      connection: conn,
      staged: drop(),
      steps: noMarts,
    });
    expect(inc.mode).toBe('incremental');
    expect(counted(programs(inc))).toEqual([1, 1, 0, 0, 1, 1]);
    const { fullDir, full } = await fullRun('etl-pgcopy-same-full-', conn, drop());
    expect(counted(programs(full))).toEqual([3, 3, 0, 0, 3, 0]);
    expect(await quarantined(incDir, inc.runId)).toEqual([]);
    expect(await quarantined(fullDir, full.runId)).toEqual([]);
    expect(await stgContent(incDir)).toEqual(await stgContent(fullDir));
    expect(await lineage(incDir)).toEqual([{ source: 'files:programs.csv', at: '2024-03-01 00:00:00' }]);
  });
});
