/**
 * A demo warehouse for the e2e run, built the way `npm start` builds one (scripts/start.ts): the
 * demo world into an embedded PGlite, then a full ETL into a DuckDB snapshot. Kept in
 * `E2E_DATA_DIR` (default: a fresh temp dir); a directory that already holds a live snapshot is
 * reused, so a developer re-running the e2e waits for the browser only.
 */
import 'reflect-metadata';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectSource, loadDemoWorld, migrateSource, publishTemplates, readEnv, runEtl } from '@asn/etl';
import { readCurrent } from '@asn/warehouse';

export interface DemoData {
  readonly dataDir: string;
  readonly warehouseDir: string;
  readonly reused: boolean;
}

export async function demoSnapshot(options: {
  dataDir?: string;
  scale: number;
  log: (m: string) => void;
  /** Run the ETL again even when a snapshot is live (after warehouse changes); the source is kept. */
  rebuild?: boolean;
}): Promise<DemoData> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'asn-e2e-')));
  await mkdir(dataDir, { recursive: true });
  const warehouseDir = join(dataDir, 'warehouse');
  if (!options.rebuild && (await readCurrent(warehouseDir))) {
    await publishTemplates(warehouseDir);
    return { dataDir, warehouseDir, reused: true };
  }

  const env = readEnv({
    ...process.env,
    DATA_DIR: dataDir,
    WAREHOUSE_DIR: warehouseDir,
    SOURCE_DATABASE_URL: '',
  });
  const conn = await connectSource({ url: undefined, embeddedDir: join(dataDir, 'source') });
  try {
    await migrateSource(conn.knex);
    const started = performance.now();
    // Loading the demo world into a source that already holds it would duplicate keys; reuse it.
    const { rows } = await conn.knex.raw('select count(*)::int as n from employees');
    if (rows[0].n === 0) {
      options.log(`demo world (scale ${options.scale}) → ${dataDir}`);
      await loadDemoWorld(conn, {
        scale: options.scale,
        seed: 20250101,
        manifestPath: join(dataDir, 'demo-manifest.json'),
      });
      options.log(`demo world loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    options.log('running a full ETL');
    const result = await runEtl({ mode: 'full', sources: ['postgres'], env, connection: conn });
    await publishTemplates(warehouseDir);
    options.log(
      `snapshot ${result.snapshotId} published in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await conn.close();
  }
  return { dataDir, warehouseDir, reused: false };
}

// `tsx dashboard/e2e/demo-snapshot.ts <dir> [scale] [--rebuild]` (from the repo root) builds one by
// hand, e.g. to serve it with e2e/server.ts for `npm run dev`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const [dir, scale] = args.filter((a) => !a.startsWith('--'));
  await demoSnapshot({
    dataDir: dir,
    scale: Number(scale ?? '0.25'),
    log: console.log,
    rebuild: args.includes('--rebuild'),
  });
}
