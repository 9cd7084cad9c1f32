import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  beginBuild,
  listAgencies,
  pairedMedianRatioInterval,
  quantile,
  type SnapshotLease,
} from '@asn/warehouse';
import { parse, print, separateOperations } from 'graphql';
import { tokenEntry } from '../auth/hash-token.ts';
import { TokenStore } from '../auth/token-store.ts';
import type { MetricPort } from '../metrics/metric-port.ts';
import { warehouseMetrics } from '../metrics/warehouse-metrics.ts';
import type { Dimension, TimeGrain } from '../schema/enums.ts';
import { type MetricFilterInput, toMetricQuery } from '../schema/metric-filter.input.ts';
import { type RunningServer, startServer } from '../server/start-server.ts';

export interface ApiBenchOptions {
  /** A warehouse dir with a published snapshot (scale 1 or 10). */
  readonly warehouseDir: string;
  /**
   * Timed rounds per operation for p50/p95 (after 2 warm-ups), at most: each round times the direct
   * call, the bare round trip and the HTTP request once. Default 200.
   */
  readonly iterations?: number;
  /**
   * Time per operation after which its timing stops early, once it has MIN_ROUNDS rounds (or all
   * `iterations`): slow operations get fewer rounds than fast ones. Default 10000 ms.
   */
  readonly operationBudgetMs?: number;
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
  /**
   * The transport floor: p50 of one round trip, same client, to a bare node:http server that only
   * reads the request and sends the operation's own answer bytes, timed right after a direct call
   * returns (the state the API's answer leaves from). What any HTTP server costs here.
   */
  readonly bareHttpP50Ms: number;
  /** httpP50 − directP50 − bareHttpP50: what the API itself adds (GraphQL, leases, resolvers). */
  readonly apiOwnP50Ms: number;
  /** (directP50 + bareHttpP50) / directP50: the best overhead ratio any HTTP server reaches here. */
  readonly floorRatio: number;
  /** Timed rounds behind these figures. */
  readonly rounds: number;
  /**
   * 95 % interval of `overheadRatio` (paired percentile bootstrap over the rounds, see
   * `pairedMedianRatioInterval`): where the ratio would land if the run were repeated on the same
   * machine state. A goal is missed for sure only when `lo` is above it.
   */
  readonly overheadRatioCi95: { readonly lo: number; readonly hi: number };
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
  /** The operation and what its variables ask for, e.g. `participation (grain year)`. */
  readonly name: string;
  /** The dashboard's document (operation and the fragments it uses), its name and variables. */
  readonly query: string;
  readonly operationName: string;
  readonly variables: Record<string, unknown>;
  /** Sent as a bearer token (agencyComparison is for planners); anonymous (public) otherwise. */
  readonly planner?: boolean;
  /** The same metric call the resolver makes for these variables. */
  readonly direct: (metrics: MetricPort, db: Parameters<MetricPort['participation']>[0]) => Promise<unknown>;
}

const OPTS = { minN: 5, jpMinutes: 45 };

/** Where the dashboard keeps its GraphQL documents: the operations the bench times are these. */
const DASHBOARD_OPERATIONS = fileURLToPath(
  new URL('../../../dashboard/src/graphql/operations/', import.meta.url),
);

/**
 * The dashboard's documents by operation name, each with the fragments it uses, printed as the
 * dashboard sends them (dashboard/src/graphql/operations/*.graphql).
 */
export function dashboardDocuments(dir: string = DASHBOARD_OPERATIONS): Map<string, string> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  const document = parse(files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n'));
  return new Map(Object.entries(separateOperations(document)).map(([name, doc]) => [name, print(doc)]));
}

type MetricName = 'participation' | 'resistance' | 'jpCompliance' | 'serviceTimes' | 'satisfaction';

interface MetricVariables {
  readonly filter: MetricFilterInput;
  readonly groupBy: Dimension[] | null;
  readonly grain: TimeGrain | null;
  readonly compare: boolean | null;
}

/**
 * The dashboard's main operations, with the variables its pages send on their default filters
 * (all years, no restriction: `metricFilter` gives `{}`), each also as the metric call its resolver
 * makes: the overview's yearly participation and JP compliance, resistance by tenure band
 * (Partisipasi), service times by service type and IKM by agency (Layanan), and the agency
 * comparison of the latest year (Instansi, a planner's query).
 */
function operations(year: number, docs: Map<string, string>): BenchOperation[] {
  const doc = (name: string) => {
    const text = docs.get(name);
    if (!text) throw new Error(`the dashboard has no operation ${name} (${DASHBOARD_OPERATIONS})`);
    return text;
  };
  const metric = (
    operationName: string,
    metricName: MetricName,
    vars: Partial<MetricVariables>,
    label: string,
  ): BenchOperation => {
    const variables: MetricVariables = { filter: {}, groupBy: null, grain: null, compare: null, ...vars };
    const query = toMetricQuery(variables.filter, variables.groupBy, variables.grain, variables.compare);
    return {
      name: `${metricName} (${label})`,
      query: doc(operationName),
      operationName,
      variables: { ...variables },
      direct: (m, db) => m[metricName](db, query, OPTS),
    };
  };
  return [
    metric('Participation', 'participation', { grain: 'year' as TimeGrain }, 'grain year'),
    metric('Resistance', 'resistance', { groupBy: ['tenureBand' as Dimension] }, 'by tenure band'),
    metric('JpCompliance', 'jpCompliance', { grain: 'year' as TimeGrain }, 'grain year'),
    metric('ServiceTimes', 'serviceTimes', { groupBy: ['serviceType' as Dimension] }, 'by service type'),
    metric('SatisfactionSample', 'satisfaction', { groupBy: ['agency' as Dimension] }, 'by agency'),
    {
      name: `agencyComparison (${year})`,
      query: doc('AgencyComparison'),
      operationName: 'AgencyComparison',
      variables: { year },
      planner: true,
      // The resolver reads the agency list, then scores them all in one batched call (DataLoader).
      direct: async (m, db) => {
        const agencies = (await listAgencies(db)).map((a) => a.code);
        return m.agencyScorecard(db, { agencies, years: [year] }, OPTS);
      },
    },
  ];
}

/** The publish-during-load query: which snapshot answered, and a metric read from it. */
const SNAPSHOT_AND_METRIC = '{ snapshot { id } participation(grain: year) { rows { period n rate } } }';

/** The bench's planner token (a server started by the bench accepts it; nothing else does). */
const PLANNER_TOKEN = 'bench-planner-token-not-a-secret';

/** An operation's POST: the JSON body and its headers. */
interface BenchRequest {
  readonly body: string;
  readonly authorization?: string;
}

function benchRequest(op: BenchOperation): BenchRequest {
  return {
    body: JSON.stringify({ query: op.query, operationName: op.operationName, variables: op.variables }),
    ...(op.planner ? { authorization: `Bearer ${PLANNER_TOKEN}` } : {}),
  };
}

interface Percentiles {
  readonly p50: number;
  readonly p95: number;
}

/** Type-7 quantiles, as everywhere in the project (`quantile` of @asn/warehouse); NaN when empty. */
function percentiles(xs: readonly number[]): Percentiles {
  return { p50: quantile(xs, 0.5) ?? Number.NaN, p95: quantile(xs, 0.95) ?? Number.NaN };
}

/**
 * p50/p95 of the direct call, the HTTP request and the bare round trip, after 2 warm-ups of each.
 * Two arms are timed interleaved (A, B, B, A, …), so that both see the same machine: on a shared
 * machine the load drifts within a run, and timing all of one then all of the other turned that
 * drift into a fake overhead ratio. Arm A is the direct call, then at once the bare round trip
 * (timed apart); arm B is the HTTP request. Up to `iterations` rounds, fewer once `budgetMs` has
 * passed (never fewer than MIN_ROUNDS); the HTTP / direct ratio gets a 95 % interval over the
 * rounds' pairs.
 */
async function timeOperation(
  iterations: number,
  budgetMs: number,
  direct: () => Promise<unknown>,
  http: () => Promise<unknown>,
  bare: () => Promise<unknown>,
): Promise<{
  direct: Percentiles;
  http: Percentiles;
  bare: Percentiles;
  rounds: number;
  ratioCi95: { lo: number; hi: number };
}> {
  for (let i = 0; i < 2; i++) {
    await direct();
    await bare();
    await http();
  }
  const d: number[] = [];
  const h: number[] = [];
  const b: number[] = [];
  const armA = async () => {
    let t0 = performance.now();
    await direct();
    d.push(performance.now() - t0);
    t0 = performance.now();
    await bare();
    b.push(performance.now() - t0);
  };
  const armB = async () => {
    const t0 = performance.now();
    await http();
    h.push(performance.now() - t0);
  };
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    if (i >= MIN_ROUNDS && performance.now() - started > budgetMs) break;
    if (i % 2 === 0) {
      await armA();
      await armB();
    } else {
      await armB();
      await armA();
    }
  }
  // h[i] and d[i] are round i's pair.
  const ci = d.length >= 2 ? pairedMedianRatioInterval(h, d) : { lo: Number.NaN, hi: Number.NaN };
  return {
    direct: percentiles(d),
    http: percentiles(h),
    bare: percentiles(b),
    rounds: d.length,
    ratioCi95: { lo: ci.lo, hi: ci.hi },
  };
}

/** Rounds an operation gets even when it is slower than the budget allows (or all, if fewer). */
const MIN_ROUNDS = 20;

/**
 * The transport floor's server: reads each request's body, answers `answer` (the operation's real
 * response bytes and content type) — HTTP and nothing else, on its own port, keep-alive.
 */
class BareServer {
  answer = { text: '', contentType: 'application/json; charset=utf-8' };
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<BareServer> {
    let self: BareServer | undefined;
    const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
      req.on('data', () => undefined);
      req.on('end', () => {
        const answer = self?.answer;
        res.statusCode = 200;
        res.setHeader('content-type', answer?.contentType ?? 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(answer?.text ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    self = new BareServer(server, `http://127.0.0.1:${port}`);
    return self;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * The bench's HTTP client: node:http with keep-alive sockets (one per connection of the load runs).
 * Not `fetch`: Node's fetch (undici behind WHATWG streams) costs ~1 ms of CPU per request in this
 * process, which the server shares — against a server that answers a constant it tops out near
 * 750 req/s at 50 connections and adds ~1 ms to every HTTP timing, i.e. it measured itself.
 */
const DATA_PREFIX = '{"data":';

function requestHeaders(r: BenchRequest): Record<string, string | number> {
  return {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(r.body),
    ...(r.authorization ? { authorization: r.authorization } : {}),
  };
}

class BenchClient {
  private readonly agent: Agent;
  private readonly target: { host: string; port: string; path: string };
  /** Why the last failed `post` failed: HTTP status and the start of the body, or the socket error. */
  lastFailure = '';

  constructor(baseUrl: string, connections: number) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
    const url = new URL('/graphql', baseUrl);
    this.target = { host: url.hostname, port: url.port, path: url.pathname };
  }

  /**
   * POSTs one operation and reads the whole answer; true when it succeeded: HTTP 200 and a body
   * without errors (Apollo writes `errors` first, so a body that starts with `{"data":` has none).
   * Only that prefix is decoded: decoding or parsing the body is the client's time, not the server's.
   */
  post(r: BenchRequest): Promise<boolean> {
    return new Promise((resolve) => {
      const req = request(
        { ...this.target, agent: this.agent, method: 'POST', headers: requestHeaders(r) },
        (res) => {
          // Only the prefix is kept on success; a failing answer keeps its first 500 bytes for the
          // error message (what went wrong matters more than the time it took).
          let head = '';
          let failing: boolean | undefined;
          res.on('data', (chunk: Buffer) => {
            if (failing === undefined && head.length < DATA_PREFIX.length) {
              head += chunk.toString('latin1', 0, DATA_PREFIX.length);
              if (head.length >= DATA_PREFIX.length) failing = !head.startsWith(DATA_PREFIX);
            } else if (failing && head.length < 500) head += chunk.toString('utf8', 0, 500 - head.length);
          });
          const fail = (why: string) => {
            this.lastFailure = why;
            resolve(false);
          };
          res.on('error', (error) => fail(`response error: ${error.message}`));
          res.on('end', () => {
            if (res.statusCode === 200 && head.startsWith(DATA_PREFIX)) resolve(true);
            else fail(`HTTP ${res.statusCode}: ${head.slice(0, 500)}`);
          });
        },
      );
      req.on('error', (error) => {
        this.lastFailure = `request error: ${error.message}`;
        resolve(false);
      });
      req.end(r.body);
    });
  }

  /** POSTs one operation and returns its whole answer (status, content type, text); not timed. */
  answer(r: BenchRequest): Promise<{ status: number; contentType: string; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        { ...this.target, agent: this.agent, method: 'POST', headers: requestHeaders(r) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(r.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * The load runs' client, run in a worker thread: `concurrency` keep-alive connections, each sending
 * the next of `requests` (round robin) until `durationMs` is over; counts requests, failures (same
 * check as `BenchClient.post`) and the snapshot ids seen (`parse`: bodies are parsed for
 * `data.snapshot.id`). Plain JS, node:http only. In a worker, the client's own CPU (~0.2 ms per
 * request) runs beside the server's event loop instead of on it: in one thread, cached throughput
 * measured the client as much as the server.
 */
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, requests: sent, concurrency, durationMs, parse } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL('/graphql', url);
let next = 0;
let requests = 0;
let errors = 0;
const snapshots = new Set();
function post({ body, authorization }) {
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  if (authorization) headers.authorization = authorization;
  return new Promise((resolve) => {
    const req = http.request(target, { agent, method: 'POST', headers }, (res) => {
      const chunks = [];
      let head = '';
      res.on('data', (c) => {
        if (parse) chunks.push(c);
        else if (head.length < 8) head += c.toString('latin1', 0, 8);
      });
      res.on('error', () => resolve(false));
      res.on('end', () => {
        const text = parse ? Buffer.concat(chunks).toString('utf8') : head;
        const ok = res.statusCode === 200 && text.startsWith('{"data":');
        if (ok && parse) {
          try {
            const id = JSON.parse(text).data?.snapshot?.id;
            if (id) snapshots.add(id);
          } catch {
            return resolve(false);
          }
        }
        resolve(ok);
      });
    });
    req.on('error', () => resolve(false));
    req.end(body);
  });
}
const until = Date.now() + durationMs;
Promise.all(Array.from({ length: concurrency }, async () => {
  while (Date.now() < until) {
    const ok = await post(sent[next++ % sent.length]);
    requests += 1;
    if (!ok) errors += 1;
  }
})).then(() => {
  agent.destroy();
  parentPort.postMessage({ requests, errors, snapshots: [...snapshots] });
});
`;

function load(
  url: string,
  requests: readonly BenchRequest[],
  concurrency: number,
  durationMs: number,
  parse = false,
): Promise<{ requests: number; errors: number; snapshots: Set<string> }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, {
      eval: true,
      workerData: { url, requests, concurrency, durationMs, parse },
    });
    worker.once('message', (r: { requests: number; errors: number; snapshots: string[] }) => {
      resolve({ requests: r.requests, errors: r.errors, snapshots: new Set(r.snapshots) });
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`bench load worker exited with ${code}`));
    });
  });
}

const serverConfig = (dir: string, cache: number) => ({
  PORT: 0,
  HOST: '127.0.0.1',
  WAREHOUSE_DIR: dir,
  LOG_LEVEL: 'silent' as const,
  CACHE_MAX_ENTRIES: cache,
  // The options every direct call passes: the resolvers get the same minN and JP minutes.
  SUPPRESSION_MIN_N: OPTS.minN,
  JP_MINUTES: OPTS.jpMinutes,
});

/**
 * API benchmark for `npm run bench`: uncached p50/p95 over HTTP of the dashboard's main operations
 * against the same metric functions called directly (overhead ratio), cached throughput at
 * `concurrency` connections, and a snapshot published in the middle of a load run (0 failures expected).
 */
export async function runApiBench(options: ApiBenchOptions): Promise<ApiBenchResult> {
  const log = options.log ?? (() => undefined);
  const iterations = options.iterations ?? 200;
  const operationBudgetMs = options.operationBudgetMs ?? 10_000;
  const concurrency = options.concurrency ?? 50;
  const durationMs = options.durationMs ?? 5_000;
  const metrics = warehouseMetrics();
  let uncached: RunningServer | undefined;
  let cachedServer: RunningServer | undefined;
  let uncachedClient: BenchClient | undefined;
  let bare: BareServer | undefined;
  let bareClient: BenchClient | undefined;
  let cachedClient: BenchClient | undefined;
  let lease: SnapshotLease | undefined;
  try {
    // Anonymous requests are public; the bench's planner token unlocks agencyComparison.
    const tokens = () => new TokenStore([tokenEntry('bench', 'planner', PLANNER_TOKEN)]);
    uncached = await startServer({ config: serverConfig(options.warehouseDir, 0), tokens: tokens() });
    // The direct calls read through the uncached server's own snapshot reader: the same DuckDB
    // instance and connection as its requests, so both sides query the same warm database (a second
    // instance of the file has its own buffer pool and threads, and the ratio compared the two).
    lease = await uncached.api.reader.acquire();
    const db = lease.db;
    const [span] = await db.all<{ y: number | null }>('SELECT max(year) AS y FROM marts.fct_headcount');
    const year = Number(span?.y ?? new Date().getUTCFullYear());
    const docs = dashboardDocuments();
    const snapshotId = lease.snapshot.id;
    uncachedClient = new BenchClient(uncached.url, concurrency);
    const timings: OperationTiming[] = [];
    // Same work on both sides: each GraphQL operation asks for exactly the metric call (query, minN,
    // jpMinutes: the server's defaults) that `direct` makes, plus what its resolver reads besides
    // (agencyComparison: the agency list). The HTTP side also pays what only the API does: a
    // snapshot lease per request, parsing, validation, variables and pricing, executing the
    // selection and serializing the answer, HTTP itself.
    bare = await BareServer.start();
    bareClient = new BenchClient(bare.url, 1);
    for (const op of operations(year, docs)) {
      log(`bench api: ${op.name}`);
      const client = uncachedClient;
      const bareServer = bare;
      const bareHttp = bareClient;
      const sent = benchRequest(op);
      // The bare server answers exactly what the API answers to this operation.
      const answer = await client.answer(sent);
      if (answer.status !== 200 || !answer.text.startsWith(DATA_PREFIX))
        throw new Error(`bench operation ${op.name} failed over HTTP: ${answer.text.slice(0, 500)}`);
      bareServer.answer = { text: answer.text, contentType: answer.contentType };
      const t = await timeOperation(
        iterations,
        operationBudgetMs,
        () => op.direct(metrics, db),
        async () => {
          if (!(await client.post(sent)))
            throw new Error(`bench operation ${op.name} failed over HTTP: ${client.lastFailure}`);
        },
        async () => {
          if (!(await bareHttp.post(sent)))
            throw new Error(`bare HTTP round trip failed: ${bareHttp.lastFailure}`);
        },
      );
      timings.push({
        name: op.name,
        httpP50Ms: t.http.p50,
        httpP95Ms: t.http.p95,
        directP50Ms: t.direct.p50,
        directP95Ms: t.direct.p95,
        overheadRatio: t.http.p50 / t.direct.p50,
        bareHttpP50Ms: t.bare.p50,
        apiOwnP50Ms: t.http.p50 - t.direct.p50 - t.bare.p50,
        floorRatio: (t.direct.p50 + t.bare.p50) / t.direct.p50,
        rounds: t.rounds,
        overheadRatioCi95: t.ratioCi95,
      });
    }
    lease.release();
    lease = undefined;

    log('bench api: cached throughput');
    cachedServer = await startServer({ config: serverConfig(options.warehouseDir, 1000), tokens: tokens() });
    cachedClient = new BenchClient(cachedServer.url, concurrency);
    // A server started over a warehouse an earlier server served warms that one's recent requests
    // (CACHE_WARM_FILE): let it finish, so the run measures cache hits alone.
    await cachedServer.api.warmer.idle();
    const sent = operations(year, docs).map((op) => ({ name: op.name, request: benchRequest(op) }));
    // Fill the cache first (one request per operation), then a short unrecorded run so the new
    // server's hit path is JIT-compiled: the run measures answering from the cache in steady state,
    // not the first computation of each answer (that is the uncached timing above) nor warm-up.
    for (const op of sent) {
      if (!(await cachedClient.post(op.request)))
        throw new Error(`bench operation ${op.name} failed: ${cachedClient.lastFailure}`);
    }
    await load(
      cachedServer.url,
      sent.map((op) => op.request),
      concurrency,
      Math.min(1_000, durationMs / 5),
    );
    const cached = await load(
      cachedServer.url,
      sent.map((op) => op.request),
      concurrency,
      durationMs,
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
      const q = { body: JSON.stringify({ query: SNAPSHOT_AND_METRIC }) };
      const run = load(uncached.url, [q], Math.min(concurrency, 20), Math.max(2_000, durationMs), true);
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
    lease?.release();
    uncachedClient?.close();
    bareClient?.close();
    await bare?.close();
    cachedClient?.close();
    await uncached?.close();
    await cachedServer?.close();
  }
}
