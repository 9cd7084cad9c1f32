import { beginBuild, type MetricQuery, SnapshotReader } from '@asn/warehouse';
import type { MetricPort } from '../metrics/metric-port.ts';
import { warehouseMetrics } from '../metrics/warehouse-metrics.ts';
import { type RunningServer, startServer } from '../server/start-server.ts';

export interface ApiBenchOptions {
  /** A warehouse dir with a published snapshot (scale 1 or 10). */
  readonly warehouseDir: string;
  /** Timed runs per operation for p50/p95 (after 2 warm-ups). Default 20. */
  readonly iterations?: number;
  /** Connections for the cached-throughput and publish runs. Default 50. */
  readonly concurrency?: number;
  /** Length of the cached-throughput run. Default 5000 ms. */
  readonly durationMs?: number;
  /**
   * Publishes a new snapshot during the load run. Default: an incremental build that copies the live
   * snapshot unchanged and publishes it (a new snapshot id, same data). Pass `null` to skip.
   */
  readonly publish?: (() => Promise<unknown>) | null;
  readonly log?: (message: string) => void;
}

export interface OperationTiming {
  readonly name: string;
  readonly httpP50Ms: number;
  readonly httpP95Ms: number;
  readonly directP50Ms: number;
  readonly directP95Ms: number;
  /** httpP50 / directP50 (uncached): what GraphQL over HTTP adds. Target ≤ 1.2. */
  readonly overheadRatio: number;
}

export interface ApiBenchResult {
  readonly snapshotId: string;
  readonly operations: readonly OperationTiming[];
  readonly cached: {
    concurrency: number;
    durationMs: number;
    requests: number;
    reqPerSec: number;
    errors: number;
  };
  readonly publishDuringLoad: { requests: number; failures: number; snapshotsSeen: number } | null;
}

interface BenchOperation {
  readonly name: string;
  readonly query: string;
  readonly direct: (metrics: MetricPort, db: Parameters<MetricPort['participation']>[0]) => Promise<unknown>;
}

const OPTS = { minN: 5, jpMinutes: 45 };

/** The dashboard's main operations, each as GraphQL and as the same metric call made directly. */
function operations(year: number, agencies: readonly string[]): BenchOperation[] {
  const f = { from: `${year}-01-01`, to: `${year}-12-31` };
  const gqlFilter = `{ from: "${f.from}", to: "${f.to}" }`;
  const metric = (name: keyof MetricPort, q: MetricQuery, fields: string, args: string): BenchOperation => ({
    name,
    query: `{ ${name}(${args}) { rows { keys { agency tenureBand serviceType } period n suppressed ${fields} } } }`,
    direct: (m, db) =>
      (m[name] as (d: typeof db, q: MetricQuery, o: typeof OPTS) => Promise<unknown>)(db, q, OPTS),
  });
  return [
    metric(
      'participation',
      { filter: f, groupBy: ['agency'], grain: 'month' },
      'rate',
      `filter: ${gqlFilter}, groupBy: [agency], grain: month`,
    ),
    metric(
      'resistance',
      { filter: f, groupBy: ['tenureBand'], grain: 'quarter' },
      'rate',
      `filter: ${gqlFilter}, groupBy: [tenureBand], grain: quarter`,
    ),
    metric(
      'serviceTimes',
      { filter: f, groupBy: ['serviceType'], grain: 'month' },
      'medianDays p90Days slaMetRate',
      `filter: ${gqlFilter}, groupBy: [serviceType], grain: month`,
    ),
    metric(
      'satisfaction',
      { filter: f, groupBy: ['agency'] },
      'ikm mutu',
      `filter: ${gqlFilter}, groupBy: [agency]`,
    ),
    {
      name: 'agencyScorecards',
      query: `{ agencies { code scorecard(year: ${year}) { headcount participationRate ikm slaMetRate costPerParticipantIdr roiPct } } }`,
      direct: (m, db) => m.agencyScorecard(db, { agencies, years: [year] }, OPTS),
    },
  ];
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

async function time(iterations: number, run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 2; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

async function post(url: string, query: string): Promise<{ ok: boolean; snapshot?: string }> {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { errors?: unknown[]; data?: { snapshot?: { id: string } } };
    return {
      ok: res.status === 200 && !body.errors,
      ...(body.data?.snapshot ? { snapshot: body.data.snapshot.id } : {}),
    };
  } catch {
    return { ok: false };
  }
}

async function load(
  concurrency: number,
  durationMs: number,
  next: () => Promise<{ ok: boolean; snapshot?: string }>,
) {
  const until = Date.now() + durationMs;
  let requests = 0;
  let errors = 0;
  const snapshots = new Set<string>();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const r = await next();
        requests += 1;
        if (!r.ok) errors += 1;
        if (r.snapshot) snapshots.add(r.snapshot);
      }
    }),
  );
  return { requests, errors, snapshots };
}

const serverConfig = (dir: string, cache: number) => ({
  PORT: 0,
  HOST: '127.0.0.1',
  WAREHOUSE_DIR: dir,
  LOG_LEVEL: 'silent' as const,
  CACHE_MAX_ENTRIES: cache,
});

/**
 * API benchmark for `npm run bench`: uncached p50/p95 over HTTP of the dashboard's main operations
 * against the same metric functions called directly (overhead ratio), cached throughput at
 * `concurrency` connections, and a snapshot published in the middle of a load run (0 failures expected).
 */
export async function runApiBench(options: ApiBenchOptions): Promise<ApiBenchResult> {
  const log = options.log ?? (() => undefined);
  const iterations = options.iterations ?? 20;
  const concurrency = options.concurrency ?? 50;
  const durationMs = options.durationMs ?? 5_000;
  const metrics = warehouseMetrics();
  const reader = await SnapshotReader.open(options.warehouseDir);
  let uncached: RunningServer | undefined;
  let cachedServer: RunningServer | undefined;
  try {
    const lease = await reader.acquire();
    const [span] = await lease.db.all<{ y: number | null }>('SELECT max(year) AS y FROM marts.fct_headcount');
    const year = Number(span?.y ?? new Date().getUTCFullYear());
    const agencies = (
      await lease.db.all<{ c: string }>('SELECT DISTINCT agency_code AS c FROM marts.dim_agency ORDER BY 1')
    ).map((r) => r.c);
    const snapshotId = lease.snapshot.id;
    uncached = await startServer({ config: serverConfig(options.warehouseDir, 0) });
    const timings: OperationTiming[] = [];
    for (const op of operations(year, agencies)) {
      log(`bench api: ${op.name}`);
      const direct = await time(iterations, () => op.direct(metrics, lease.db));
      const http = await time(iterations, async () => {
        const r = await post(uncached!.url, op.query);
        if (!r.ok) throw new Error(`bench operation ${op.name} failed over HTTP`);
      });
      timings.push({
        name: op.name,
        httpP50Ms: http.p50,
        httpP95Ms: http.p95,
        directP50Ms: direct.p50,
        directP95Ms: direct.p95,
        overheadRatio: http.p50 / direct.p50,
      });
    }
    lease.release();

    log('bench api: cached throughput');
    cachedServer = await startServer({ config: serverConfig(options.warehouseDir, 1000) });
    const ops = operations(year, agencies);
    let i = 0;
    const cached = await load(concurrency, durationMs, () =>
      post(cachedServer!.url, ops[i++ % ops.length]!.query),
    );

    let publishDuringLoad: ApiBenchResult['publishDuringLoad'] = null;
    if (options.publish !== null) {
      log('bench api: publish during load');
      const publish =
        options.publish ??
        (async () => {
          const build = await beginBuild(options.warehouseDir, { mode: 'incremental', log: () => undefined });
          await build.publish({ bench: 'republished unchanged' });
        });
      const q = `{ snapshot { id } ${ops[0]!.query.slice(1, -1)} }`;
      const run = load(Math.min(concurrency, 20), Math.max(2_000, durationMs), () => post(uncached!.url, q));
      await new Promise((r) => setTimeout(r, Math.max(500, durationMs / 4)));
      await publish();
      const r = await run;
      publishDuringLoad = { requests: r.requests, failures: r.errors, snapshotsSeen: r.snapshots.size };
    }
    return {
      snapshotId,
      operations: timings,
      cached: {
        concurrency,
        durationMs,
        requests: cached.requests,
        reqPerSec: cached.requests / (durationMs / 1000),
        errors: cached.errors,
      },
      publishDuringLoad,
    };
  } finally {
    await uncached?.close();
    await cachedServer?.close();
    await reader.close();
  }
}
