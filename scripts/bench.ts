/**
 * `npm run bench -- [--scales 1,10] [--quick] [--etl-rounds N] [--iterations N] [--api-rounds N] [--skip-api] [--skip-dashboard] [--out dir]`
 *
 * One process, side by side, every figure next to its baseline measured in the same run (the
 * machine is noisy; ratios are the point):
 * - ETL per scale: demo world generate + load; the physical limit (PostgreSQL COPY TO STDOUT of the
 *   ETL's columns into CSV + DuckDB read_csv of those files); the full ETL per stage; ETL / limit
 *   (goal ≤ 1.5 at scale 10); rows/s per table; an incremental run after 1 % of rows changed (plus a
 *   few deletes) vs the full run (goal < 10 %); the CPU of the limit and of both runs (this process's
 *   user and system time, and the whole machine's from /proc/stat, PostgreSQL's included), and from
 *   it the least ETL / limit ratio the full run's CPU work allows on these cores. All of it is
 *   repeated `--etl-rounds` times (default 3; 1 with --quick), each round side by side (the limit
 *   measured twice per round, the faster kept: it is a lower bound and noise only slows it): the report
 *   gives both ratios' median and range over the rounds, judges the goals round by round, and
 *   details the median round.
 * - Metric latency (benchMetrics from @asn/warehouse) on the built snapshot: p50/p95 (goal < 150 ms).
 * - API (runApiBench from @asn/api): HTTP vs direct, overhead ratio (≤ 1.2) with its 95 % interval
 *   (up to --api-rounds interleaved rounds per operation, default 200, about 10 s each at most),
 *   cached req/s at 50 connections, publish during load.
 * - Dashboard (unless --skip-dashboard): built with Vite, then the initial JS gzip against the 300 KB
 *   budget (lazy chunks apart), and per scale the time from navigation to first chart drawn on every
 *   page at 360 and 1920 px in Chromium, against the API serving that scale's snapshot.
 *
 * Source: a scratch database on BENCH_DATABASE_URL or TEST_DATABASE_URL (created, dropped after),
 * else the embedded PGlite; both loaded by the demo loader (`loadDemoWorld`). Scale 10 into PGlite
 * is slow (single-threaded WASM, unnest batches, ~10 M rows): use a real server for scale 10.
 * Writes bench-results/bench.json and bench-results/bench.md, and prints the Markdown.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runApiBench } from '@asn/api';
import { connectSource, loadDemoWorld, migrateSource, readEnv, type SourceConnection } from '@asn/etl';
import { benchMetrics, Db, readCurrent, snapshotLayout } from '@asn/warehouse';
import pg from 'pg';
import { build } from 'vite';
import { CHROMIUM_PATH, measureFirstChart } from '../dashboard/e2e/browser.ts';
import { startE2eServer } from '../dashboard/e2e/server.ts';
import { bundleSize } from '../dashboard/scripts/bundle-size.ts';
import { type CpuSpan, withCpu } from './bench/cpuMeter.ts';
import { type EtlRound, medianRoundIndex, summarizeRound } from './bench/etlRounds.ts';
import { type LimitRow, measurePhysicalLimit } from './bench/physicalLimit.ts';
import { type BenchBundle, type DashboardTimings, markdown, type ScaleResult } from './bench/report.ts';
import { type EtlTiming, incrementalChanges, timeEtl } from './bench/timeEtl.ts';
import { measureWriteFloor, type WriteFloor } from './bench/writeFloor.ts';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '1,10' },
    quick: { type: 'boolean' },
    iterations: { type: 'string', default: '15' },
    'api-rounds': { type: 'string', default: '200' },
    'etl-rounds': { type: 'string', default: '3' },
    'skip-api': { type: 'boolean' },
    'skip-dashboard': { type: 'boolean' },
    out: { type: 'string', default: 'bench-results' },
  },
});
const scales = values.quick ? [0.1] : values.scales.split(',').map(Number);
const iterations = Number(values.iterations);
const etlRounds = values.quick ? 1 : Math.max(1, Math.floor(Number(values['etl-rounds'])));
/** Physical-limit measurements per round, the faster one kept (see the round loop). */
const limitAttempts = values.quick ? 1 : 2;
const limitTotalMs = (rows: readonly LimitRow[]) => rows.reduce((a, l) => a + l.copyMs + l.readMs, 0);
if (!Number.isFinite(etlRounds))
  throw new Error(`--etl-rounds must be a number, got ${values['etl-rounds']}`);
const apiRounds = values.quick ? Math.min(20, Number(values['api-rounds'])) : Number(values['api-rounds']);
const baseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || '';
const threads = cpus().length;
const log = (m: string) => console.error(`[bench] ${m}`);
const DASHBOARD_DIST = join('dashboard', 'dist');
const withDashboard = !values['skip-dashboard'];

async function scratchDatabase(scale: number): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_s${String(scale).replace('.', '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function benchScale(scale: number): Promise<ScaleResult> {
  const work = await mkdtemp(join(tmpdir(), `asn-bench-${scale}-`));
  const real = baseUrl !== '';
  const scratch = real ? await scratchDatabase(scale) : null;
  let conn: SourceConnection | undefined;
  try {
    conn = await connectSource({ url: scratch?.url, embeddedDir: join(work, 'source') });
    await migrateSource(conn.knex);
    log(`scale ${scale}: generating and loading the demo world into ${real ? 'PostgreSQL' : 'PGlite'}`);
    const t0 = performance.now();
    const loaded = await loadDemoWorld(conn, { scale, seed: 20250101 });
    const load = {
      method: real ? 'demo loader: COPY FROM STDIN' : 'demo loader: unnest batches into PGlite',
      rows: Object.values(loaded.counts).reduce((a, b) => a + b, 0),
      generateMs: loaded.generateMs,
      loadMs: loaded.loadMs,
      totalMs: performance.now() - t0,
    };
    log(`scale ${scale}: ${load.rows} rows in ${(load.totalMs / 1000).toFixed(1)} s`);
    // A source in service, not one bulk-loaded a second ago: the first scan after a bulk load writes
    // every page back (hint bits) and autovacuum then works beside the first round, which made
    // round 1's physical limit up to half again slower than the next ones. Settled first.
    await conn.knex.raw('VACUUM (FREEZE, ANALYZE)');
    const sourceUrl = conn.url;
    // A generated demo world in a scratch database: the demo key may stay (etl/src/env.ts).
    const env = readEnv({
      ALLOW_DEMO_PSEUDONYM_KEY: 'true',
      ...process.env,
      DATA_DIR: work,
      WAREHOUSE_DIR: join(work, 'warehouse'),
    });
    const rounds: EtlRound[] = [];
    for (let i = 1; i <= etlRounds; i++) {
      const tag = `scale ${scale}, ETL round ${i}/${etlRounds}`;
      // The limit is a lower bound, and on this machine the same measurement swings between about
      // 14 and 26 s at scale 10 (its system time with it) while the ETL's stays within a few percent:
      // the faster of LIMIT_ATTEMPTS measurements stands, so a slow moment cannot flatter the ratio.
      let best: { result: LimitRow[]; cpu: CpuSpan } | null = null;
      for (let attempt = 1; attempt <= limitAttempts; attempt++) {
        log(`${tag}: physical limit (${attempt}/${limitAttempts})`);
        const limitDir = join(work, 'limit');
        await mkdir(limitDir);
        const measured = await withCpu(
          (): Promise<LimitRow[]> => measurePhysicalLimit(sourceUrl, limitDir, threads),
        );
        await rm(limitDir, { recursive: true, force: true });
        if (best === null || limitTotalMs(measured.result) < limitTotalMs(best.result)) best = measured;
      }
      const { result: limit, cpu: limitCpu } = best as { result: LimitRow[]; cpu: CpuSpan };
      log(`${tag}: full ETL`);
      const full: EtlTiming = await timeEtl(env, conn, 'full', threads);
      log(`${tag}: full ETL ${(full.totalMs / 1000).toFixed(1)} s; write floor`);
      const built = await readCurrent(env.WAREHOUSE_DIR);
      if (!built) throw new Error('the full ETL published no snapshot');
      const floor = await withCpu(
        (): Promise<WriteFloor> =>
          measureWriteFloor(snapshotLayout(env.WAREHOUSE_DIR).snapshotFile(built.id), work, threads),
      );
      const writeFloor = { ...floor.result, cpu: floor.cpu };
      log(`${tag}: write floor ${(writeFloor.ms / 1000).toFixed(1)} s; changing 1 % at the source`);
      const changes = await incrementalChanges(conn);
      const incremental = await timeEtl(env, conn, 'incremental', threads);
      log(`${tag}: incremental ${(incremental.totalMs / 1000).toFixed(1)} s`);
      rounds.push({ limit, limitCpu, full, writeFloor, changes, incremental });
    }
    const summaries = rounds.map(summarizeRound);
    const detailRound = medianRoundIndex(summaries);
    const detail = rounds[detailRound] as EtlRound;
    log(`scale ${scale}: metrics`);
    const current = await readCurrent(env.WAREHOUSE_DIR);
    if (!current) throw new Error('no snapshot published');
    let metrics: ScaleResult['metrics'] = null;
    try {
      const db = await Db.open(snapshotLayout(env.WAREHOUSE_DIR).snapshotFile(current.id), {
        mode: 'read-only',
      });
      try {
        metrics = await benchMetrics(db, { iterations });
      } finally {
        await db.close();
      }
    } catch (error) {
      log(`metrics bench failed: ${(error as Error).message}`);
    }
    let api: ScaleResult['api'] = null;
    if (!values['skip-api']) {
      log(`scale ${scale}: API`);
      try {
        api = await runApiBench({
          warehouseDir: env.WAREHOUSE_DIR,
          iterations: apiRounds,
          durationMs: 5000,
          log,
        });
      } catch (error) {
        log(`API bench failed: ${(error as Error).message}`);
      }
    }
    const dashboard = withDashboard ? await firstChartTimings(scale, env.WAREHOUSE_DIR) : null;
    return {
      scale,
      source: real ? 'PostgreSQL' : 'PGlite',
      threads,
      load,
      ...detail,
      etlRounds: summaries,
      detailRound,
      metrics,
      api,
      dashboard,
    };
  } finally {
    await conn?.close().catch(() => undefined);
    await scratch?.drop().catch((e: unknown) => log(`drop scratch database: ${(e as Error).message}`));
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Navigation → first chart drawn, every page at 360 and 1920 px, in Debian's Chromium against the
 * real API serving the built dashboard and this scale's snapshot (the 360 px pass meets a cold
 * response cache). Null, with the reason logged, when Chromium is missing.
 */
async function firstChartTimings(scale: number, warehouseDir: string): Promise<DashboardTimings | null> {
  if (!existsSync(CHROMIUM_PATH)) {
    log(`dashboard timings skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
    return null;
  }
  log(`scale ${scale}: dashboard first-chart timings`);
  const { server, plannerToken } = await startE2eServer(warehouseDir, DASHBOARD_DIST);
  try {
    return await measureFirstChart(server.url, plannerToken);
  } catch (error) {
    log(`dashboard timings failed: ${(error as Error).message}`);
    return null;
  } finally {
    await server.close();
  }
}

const started = performance.now();
let bundle: BenchBundle = null;
if (withDashboard) {
  // Measure the dashboard as the sources stand now: build first, then read the Vite manifest.
  log('building the dashboard (vite build)');
  await build({ root: 'dashboard', logLevel: 'warn' });
  bundle = await bundleSize(DASHBOARD_DIST);
}
const results: ScaleResult[] = [];
for (const scale of scales) results.push(await benchScale(scale));
const report = {
  date: new Date().toISOString(),
  cores: threads,
  totalSeconds: (performance.now() - started) / 1000,
  results,
  bundle,
};
await mkdir(values.out, { recursive: true });
await writeFile(join(values.out, 'bench.json'), JSON.stringify(report, null, 2));
const md = markdown(report);
await writeFile(join(values.out, 'bench.md'), md);
console.log(md);
process.exit(0);
