import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db, readCurrent } from '@asn/warehouse';
import { loadDemoWorld } from '../demo/load.ts';
import type { DemoManifest } from '../demo/manifest.ts';
import { readEnv } from '../env.ts';
import { runEtl } from '../run/runEtl.ts';
import type { WarehouseSteps } from '../run/warehouseSteps.ts';
import { connectSource } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';

export interface DemoSnapshot {
  /** The published warehouse snapshot, read-only. */
  readonly db: Db;
  readonly manifest: DemoManifest;
  readonly timingsMs: { readonly demo: number; readonly etl: number };
  close(): Promise<void>;
}

/**
 * The whole pipeline at a small scale, as a user would run it: demo world → embedded PGlite source →
 * full ETL (extract, validate, stg, marts, data tests) → published DuckDB snapshot in a temp dir.
 */
export async function buildDemoSnapshot(options: {
  scale: number;
  seed: number;
  /** Override the warehouse steps (default: the ETL's, i.e. the warehouse package's exports). */
  steps?: Partial<WarehouseSteps>;
}): Promise<DemoSnapshot> {
  const dir = await mkdtemp(join(tmpdir(), 'recovery-'));
  const conn = await connectSource({ embeddedDir: 'memory://' });
  let db: Db | undefined;
  try {
    await migrateSource(conn.knex);
    const t0 = performance.now();
    const { manifest } = await loadDemoWorld(conn, { scale: options.scale, seed: options.seed });
    const t1 = performance.now();
    const env = readEnv({ WAREHOUSE_DIR: dir, DATA_DIR: dir, PSEUDONYM_KEY: 'recovery-test-key-0123456789' });
    await runEtl({
      env,
      connection: conn,
      sources: ['postgres'],
      mode: 'full',
      threads: 2,
      ...(options.steps ? { steps: options.steps } : {}),
    });
    const t2 = performance.now();
    const current = await readCurrent(dir);
    if (!current) throw new Error('the ETL run published no snapshot');
    const opened = await Db.open(join(dir, current.file), { mode: 'read-only', threads: 2 });
    db = opened;
    return {
      db: opened,
      manifest,
      timingsMs: { demo: Math.round(t1 - t0), etl: Math.round(t2 - t1) },
      async close() {
        await opened.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await conn.close();
  }
}
