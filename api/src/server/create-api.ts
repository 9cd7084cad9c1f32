import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { CurrentDamagedError, NoSnapshotError, type SnapshotLease, SnapshotReader } from '@asn/warehouse';
import type { DocumentNode } from 'graphql';
import { AuthenticationFailure, authenticate, type Principal } from '../auth/authenticate.ts';
import { isRole } from '../auth/roles.ts';
import { TokenStore } from '../auth/token-store.ts';
import { CacheWarmer, type ReplayOutcome } from '../cache/cache-warmer.ts';
import { RecentRequests } from '../cache/recent-requests.ts';
import { responseCachePlugin } from '../cache/response-cache.plugin.ts';
import { type CachedRequest, ResponseCache } from '../cache/response-cache.ts';
import type { ApiContext } from '../context.ts';
import { type ApiEnv, childProcessEnv, readApiEnv } from '../env.ts';
import { formatError } from '../errors/format-error.ts';
import { repeatedErrorsPlugin } from '../errors/repeated-errors.plugin.ts';
import { childProcessEtlLauncher, type EtlLauncher } from '../etl/etl-launcher.ts';
import { batchCost, batchTooCostly } from '../limits/batch-cost.ts';
import { costPlugin } from '../limits/cost.plugin.ts';
import { depthLimitRule } from '../limits/depth-limit.rule.ts';
import { deadline, operationTimeoutError } from '../limits/operation-timeout.ts';
import { operationTypeRule } from '../limits/operation-type.rule.ts';
import { Loaders } from '../loaders/loaders.ts';
import type { MetricPort } from '../metrics/metric-port.ts';
import { warehouseMetrics } from '../metrics/warehouse-metrics.ts';
import { apiSchema } from '../schema/build-schema.ts';
import type { ApiServices } from '../services.ts';
import { addressFields, trustedProxies } from './client-address.ts';
import { endCompressible } from './compression.ts';
import { applyCors } from './cors.ts';
import { DOCUMENT_STORE_CHARS, documentChars } from './document-store.ts';
import { EXPLORER_CSP, EXPLORER_HTML } from './explorer.html.ts';
import { sendGraphQLError, sendGraphQLErrors, statusForMediaType } from './graphql-response.ts';
import { jitGateway } from './jit-executor.ts';
import { jsonLogger, type Logger } from './logger.ts';
import { loggingPlugin } from './logging.plugin.ts';
import { operationNames } from './operation-names.ts';
import { PinnedSnapshots, PinRefusal, SNAPSHOT_HEADER } from './pinned-snapshots.ts';
import { BodyIncompleteError, BodyTooLargeError, readBody } from './read-body.ts';
import { RequestLeases } from './request-leases.ts';
import { serveDashboard } from './static-files.ts';
import { isTemplatePath, serveTemplate } from './templates.ts';

/**
 * How deep a request's JSON may nest (objects and arrays). Real variables nest a few levels (a
 * filter's lists); a body of 5,000 nested arrays overflowed the stack while the response cache
 * keyed it and answered 500 (review of 2026-12-05, revApi): a client's malformed request, so 400.
 */
const MAX_JSON_DEPTH = 64;

/**
 * Sent with every response: no content sniffing, never framed (clickjacking), no referrer to other
 * sites, and a Content-Security-Policy that allows nothing (JSON, probes, downloads). The dashboard
 * and the explorer replace the policy with their own (`DASHBOARD_CSP`, `EXPLORER_CSP`).
 */
const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'no-referrer'],
  ['content-security-policy', "default-src 'none'; frame-ancestors 'none'"],
];

/** Whether a parsed JSON value nests objects or arrays deeper than `max` (iterative: no stack). */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

const tooDeep = (what: string) => ({
  message: `${what} nests JSON deeper than ${MAX_JSON_DEPTH} levels.`,
  extensions: { code: 'BAD_REQUEST' },
});

export interface ApiOptions {
  /** Settings; anything missing takes its documented default (never read from process.env here). */
  readonly config?: Partial<ApiEnv>;
  /** Metric functions (default: @asn/warehouse). Tests pass a recording wrapper. */
  readonly metrics?: MetricPort;
  /** Bearer tokens (default: read from config.API_TOKENS_FILE). */
  readonly tokens?: TokenStore;
  readonly etl?: EtlLauncher;
  readonly logger?: Logger;
  /** Called when an operation's execution ends, with the warehouse queries it issued (tests, bench). */
  readonly onOperationDone?: (info: OperationInfo) => void;
}

export interface OperationInfo {
  readonly requestId: string;
  readonly snapshotId: string;
  readonly role: string;
  /** Warehouse queries issued through this request's lease (0 for a cache hit). */
  readonly queries: number;
}

export interface Api {
  readonly config: ApiEnv;
  readonly reader: SnapshotReader;
  readonly cache: ResponseCache;
  /** Recomputes the recent answers after a publish and at start (CACHE_WARM_ENTRIES). */
  readonly warmer: CacheWarmer;
  /** The requests a warm-up replays, kept across restarts in CACHE_WARM_FILE (null when warm-up is off). */
  readonly recentRequests: RecentRequests | null;
  readonly logger: Logger;
  /** The node:http request listener: /graphql, /healthz, /readyz, /templates/, dashboard. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Requests being answered right now (graceful shutdown waits for 0). */
  inFlight(): number;
  /** Stops Apollo, stops a running ETL launch (bounded), closes the snapshot reader. */
  close(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REQUEST_ID = /^[\w.:-]{1,128}$/;
/** How often the list of recent requests is written to CACHE_WARM_FILE (also at shutdown). */
const RECENT_REQUESTS_SAVE_MS = 60_000;
/** The parser's limit on a document's tokens: a huge document is refused before validation starts. */
const MAX_TOKENS = 10_000;

/** `application/json` (parameters aside): a POST Apollo's CSRF prevention lets through as JSON. */
function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/** Builds the API (schema, Apollo, snapshot reader, cache) without listening; `startServer` listens. */
export async function createApi(options: ApiOptions = {}): Promise<Api> {
  const config: ApiEnv = { ...readApiEnv({}), ...options.config } as ApiEnv;
  if (!options.config?.WAREHOUSE_DIR)
    (config as { WAREHOUSE_DIR: string }).WAREHOUSE_DIR = `${config.DATA_DIR}/warehouse`;
  const logger = options.logger ?? jsonLogger(config.LOG_LEVEL);
  const tokens =
    options.tokens ??
    (await TokenStore.fromFile(config.API_TOKENS_FILE, (msg, fields) => logger.log('warn', msg, fields)));
  const cache = new ResponseCache(config.CACHE_MAX_ENTRIES, config.CACHE_MAX_MB * 1024 * 1024);
  const recentRequests =
    config.CACHE_WARM_ENTRIES > 0 && cache.enabled
      ? new RecentRequests(
          config.CACHE_WARM_FILE ?? `${config.WAREHOUSE_DIR}/api/recent-requests.json`,
          config.CACHE_WARM_ENTRIES,
          cache,
          (message, fields) => logger.log('warn', message, fields),
        )
      : null;
  // Read before the first snapshot opens: a server starting with none warms them at the first publish.
  const saved = (await recentRequests?.load()) ?? [];
  /** Set by close(): no new background work (polls, warm-ups, refreshes) starts. */
  let closing = false;
  // Set once Apollo has started; the reader's first switch (at open) has no previous snapshot.
  let warmer: CacheWarmer | undefined;
  // Kept snapshots requests pin with X-Snapshot-Id; those the ETL pruned close at the next switch.
  let pinned: PinnedSnapshots | undefined;
  const reader = await SnapshotReader.open(config.WAREHOUSE_DIR, {
    connections: config.WAREHOUSE_CONNECTIONS,
    onSwitch: (next, previous) => {
      // The previous snapshot's most recent answers, then any saved before a restart not asked since.
      const recent = recentRequests?.recent() ?? [];
      cache.clear();
      logger.log('info', 'snapshot switched', {
        snapshot: next.id,
        previous: previous?.id ?? null,
        warming: recent.length,
      });
      warmer?.start(next.id, recent);
      pinned?.sweep();
    },
    log: (message) => logger.log('warn', message),
  });
  const leases = new RequestLeases(reader);
  pinned = new PinnedSnapshots(config.WAREHOUSE_DIR, leases, {
    log: (message, fields) => logger.log('info', message, fields),
  });
  const services: ApiServices = {
    metrics: options.metrics ?? warehouseMetrics(),
    etl:
      options.etl ??
      childProcessEtlLauncher({
        command: config.ETL_COMMAND,
        cwd: REPO_ROOT,
        // The ETL runs from the repo root: hand it the server's warehouse as absolute paths, so a
        // server configured by options (not env) or started elsewhere refreshes its own snapshots.
        env: childProcessEnv({
          DATA_DIR: resolve(config.DATA_DIR),
          WAREHOUSE_DIR: resolve(config.WAREHOUSE_DIR),
        }),
        warehouseDir: config.WAREHOUSE_DIR,
        log: (l, m, f) => logger.log(l, m, f),
        // A run that published moves the server (and starts the warm-up) now, not at the next poll.
        onExit: () => {
          if (!closing) reader.refresh().catch(() => undefined);
        },
      }),
    warehouseDir: config.WAREHOUSE_DIR,
    limits: { maxList: config.MAX_LIST },
    metricOptions: { minN: config.SUPPRESSION_MIN_N, jpMinutes: config.JP_MINUTES },
  };
  const schema = await apiSchema();
  // Throws on a bad list passed as an option (readApiEnv already refused one from the environment).
  const trusted = trustedProxies(config.TRUST_PROXY);
  /**
   * Each GraphQL request's address fields, for its audit line (the logging plugin). Keyed by the
   * request's own abort signal, which a shallow copy of its context keeps (Apollo's
   * executeOperation clones the context it is given); a warm-up replay (no client) has none.
   */
  const requestAddresses = new WeakMap<AbortSignal, Readonly<Record<string, unknown>>>();
  const apollo = new ApolloServer<ApiContext>({
    // Executes with graphql-jit (compiled per document); parsing, validation, plugins stay Apollo's.
    gateway: jitGateway(schema),
    introspection: config.INTROSPECTION,
    hideSchemaDetailsFromClientErrors: !config.INTROSPECTION,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: true,
    // No automatic persisted queries: the dashboard sends whole documents, answers are no-store (no
    // CDN to key by hash), and a hash-only request would bypass the response cache and the
    // recent-requests list while registered documents take server memory. A client that tries APQ
    // gets PERSISTED_QUERY_NOT_SUPPORTED, on which Apollo Client's link sends the full query.
    persistedQueries: false,
    // A custom header forces a browser's preflight, so X-Snapshot-Id lets a GET through as well.
    csrfPrevention: {
      requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', SNAPSHOT_HEADER],
    },
    formatError,
    // Same text as Apollo's default; a cached result is serialized once for all its hits.
    stringifyResult: (result) => cache.stringify(result),
    // A huge document is refused by the parser before validation even starts.
    parseOptions: { maxTokens: MAX_TOKENS },
    // Validated documents by query hash, sized with the query text each keeps (comments included).
    documentStore: new InMemoryLRUCache<DocumentNode>({
      maxSize: DOCUMENT_STORE_CHARS,
      sizeCalculation: documentChars,
    }),
    // A subscription (no such root type) is the caller's validation error, not a server failure.
    validationRules: [depthLimitRule(config.MAX_DEPTH), operationTypeRule],
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No @cacheControl hints exist, so the default cache-control plugin only computed
      // `cache-control: no-store` — at the price of a hook on every resolved field (it wraps every
      // resolver in the schema: ~half the execution time of a 600-row metric). The header is set
      // below instead.
      ApolloServerPluginCacheControlDisabled(),
      costPlugin(schema, { maxCost: config.MAX_COST, maxList: config.MAX_LIST }),
      responseCachePlugin(cache),
      loggingPlugin(logger, (context) => requestAddresses.get(context.signal)),
      repeatedErrorsPlugin(),
    ],
  });
  await apollo.start();

  /**
   * A request's context (its own DataLoaders over its lease), for HTTP requests and warm-up replays
   * alike. Its warehouse statements stop at `signal` (the operation timeout): once it is aborted none
   * starts, and the one running is interrupted (`Db.withSignal`), so a timed-out operation frees the
   * connections for other requests instead of running its remaining statements to the end.
   */
  const operationContext = (
    requestId: string,
    principal: Principal,
    lease: SnapshotLease,
    signal: AbortSignal,
  ): ApiContext => {
    const bound: SnapshotLease = { ...lease, db: lease.db.withSignal(signal) };
    return {
      requestId,
      principal,
      lease: bound,
      loaders: new Loaders(bound.db, services.metrics, { ...services.metricOptions, signal }),
      services,
      signal,
    };
  };

  /**
   * One cached request recomputed on `snapshotId` through Apollo's pipeline (validation, cost,
   * authorization for its role, the response cache's plugin, which stores a clean answer), under the
   * same operation timeout as a request.
   */
  async function replay(
    request: CachedRequest,
    snapshotId: string,
    stop: AbortSignal,
  ): Promise<ReplayOutcome> {
    if (!isRole(request.role)) return 'failed';
    const lease = await leases.acquire();
    const abort = new AbortController();
    const onStop = () => abort.abort();
    stop.addEventListener('abort', onStop, { once: true });
    try {
      if (lease.snapshot.id !== snapshotId || stop.aborted) return 'stale';
      const context = operationContext(
        `warm-${randomUUID()}`,
        { role: request.role, name: null },
        lease,
        abort.signal,
      );
      const execution = apollo.executeOperation(
        {
          query: request.query,
          variables: request.variables,
          ...(request.operationName === null ? {} : { operationName: request.operationName }),
        },
        { contextValue: context },
      );
      const timer = deadline(config.OPERATION_TIMEOUT_MS);
      const outcome = await Promise.race([execution, timer.promise]);
      timer.clear();
      if (outcome === 'timeout') {
        abort.abort();
        // One replay at a time: the next starts once this one's resolvers have stopped.
        await execution.catch(() => undefined);
        return 'failed';
      }
      if (stop.aborted) return 'stale';
      const body = outcome.body;
      if (body.kind !== 'single' || body.singleResult.errors?.length) return 'failed';
      // The answer keeps its popularity on the new snapshot (the next warm-up's order).
      const key = ResponseCache.key({
        snapshotId,
        role: request.role,
        query: request.query,
        operationName: request.operationName,
        variables: request.variables,
      });
      if (key !== undefined) cache.credit(key, (request.uses ?? 1) - 1);
      return 'cached';
    } finally {
      stop.removeEventListener('abort', onStop);
      lease.release();
    }
  }
  warmer = new CacheWarmer(replay, (report) => logger.log('info', 'cache warmed', { ...report }));
  // A restart starts with an empty cache: warm what users asked for before it.
  const live = reader.current;
  if (live && saved.length > 0) warmer.start(live.id, saved, 'start');
  const saveRecent =
    recentRequests &&
    setInterval(() => {
      if (!closing) void recentRequests.save();
    }, RECENT_REQUESTS_SAVE_MS).unref();
  // A publish is noticed without waiting for a request, so the warm-up runs before users come back.
  const poll =
    config.SNAPSHOT_POLL_MS > 0
      ? setInterval(() => {
          if (!closing) reader.refresh().catch(() => undefined);
        }, config.SNAPSHOT_POLL_MS).unref()
      : undefined;
  const corsOrigins = config.CORS_ORIGINS.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const dashboardDir = config.DASHBOARD_DIR ?? `${REPO_ROOT}dashboard/dist`;
  // A DASHBOARD_DIR without a built dashboard serves the API only: said at start, with the path.
  if (config.DASHBOARD_DIR !== undefined && !existsSync(join(dashboardDir, 'index.html')))
    logger.log('warn', 'DASHBOARD_DIR holds no index.html: serving the API only', { dashboardDir });
  let inFlight = 0;

  async function handleGraphQL(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    requestId: string,
    logFields: Record<string, unknown>,
    addresses: Readonly<Record<string, unknown>>,
  ) {
    const accept = req.headers.accept;
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET' && !url.searchParams.has('query') && accept?.includes('text/html')) {
      res
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': EXPLORER_CSP,
        })
        .end(EXPLORER_HTML);
      return 'explorer';
    }
    let principal: Principal;
    try {
      principal = authenticate(
        // Every Authorization header sent (`headers` keeps the first of several and drops the rest).
        req.headersDistinct.authorization,
        tokens,
        config.ALLOW_ANONYMOUS,
        config.ANONYMOUS_ROLE,
      );
    } catch (error) {
      if (!(error instanceof AuthenticationFailure)) throw error;
      sendGraphQLError(
        res,
        401,
        { message: error.message, extensions: { code: 'UNAUTHENTICATED' } },
        accept,
        {
          'www-authenticate': 'Bearer',
        },
      );
      return 'unauthenticated';
    }
    let body: unknown;
    if (method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, config.MAX_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyIncompleteError) {
          // The client went away (or Node's requestTimeout cut a body that never ended): nobody is
          // left to answer, and it is no server failure. Logged as 499, nginx's "client closed".
          res.statusCode = 499;
          res.end();
          return 'client-aborted';
        }
        if (!(error instanceof BodyTooLargeError)) throw error;
        // The rest of the body is never read: close the connection, so a keep-alive client does
        // not send its next request into a socket that is being torn down (ECONNRESET).
        sendGraphQLError(res, 413, { message: error.message, extensions: { code: 'BAD_REQUEST' } }, accept, {
          connection: 'close',
        });
        return 'too-large';
      }
      if (req.headers['content-type']?.includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          sendGraphQLError(
            res,
            400,
            { message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } },
            accept,
          );
          return 'bad-json';
        }
      } else body = text;
      if (nestedDeeperThan(body, MAX_JSON_DEPTH)) {
        sendGraphQLError(res, 400, tooDeep('Request body'), accept);
        return 'too-deep';
      }
      if (Array.isArray(body) && body.length > config.MAX_BATCH) {
        sendGraphQLError(
          res,
          400,
          {
            message: `A batch of ${body.length} operations exceeds the limit of ${config.MAX_BATCH} (MAX_BATCH).`,
            extensions: { code: 'QUERY_TOO_COMPLEX', maxBatch: config.MAX_BATCH },
          },
          accept,
        );
        return 'batch-too-large';
      }
      if (Array.isArray(body)) {
        const limits = { maxCost: config.MAX_COST, maxList: config.MAX_LIST };
        const cost = batchCost(schema, limits, body, MAX_TOKENS);
        if (cost > config.MAX_COST) {
          sendGraphQLError(res, 400, batchTooCostly(cost, config.MAX_COST), accept);
          return 'batch-too-costly';
        }
      }
    } else if (method === 'GET' && url.searchParams.has('variables')) {
      let variables: unknown;
      try {
        variables = JSON.parse(url.searchParams.get('variables') ?? '');
      } catch {
        variables = undefined; // Apollo words a malformed parameter itself.
      }
      if (nestedDeeperThan(variables, MAX_JSON_DEPTH)) {
        sendGraphQLError(res, 400, tooDeep('The variables parameter'), accept);
        return 'too-deep';
      }
    }
    const operation = operationNames(body, url.searchParams);
    if (operation !== undefined) logFields.operation = operation;
    let lease: SnapshotLease;
    // X-Snapshot-Id: the whole request reads that kept snapshot (analyst or higher), else the live one.
    const pin = req.headers[SNAPSHOT_HEADER];
    try {
      lease = pin === undefined ? await leases.acquire() : await pinned!.acquire(pin, principal.role);
    } catch (error) {
      if (error instanceof PinRefusal) {
        sendGraphQLError(res, error.status, error.error, accept, error.headers);
        return error.note;
      }
      if (error instanceof CurrentDamagedError) {
        // Only before any snapshot was served: once one is, the reader keeps serving it instead.
        sendGraphQLError(
          res,
          503,
          {
            message:
              'The warehouse pointer to its live snapshot (CURRENT) is damaged and no snapshot is being served: an operator rolls back to a kept snapshot (npm run snapshots -- --rollback <id>).',
            extensions: { code: 'SNAPSHOT_UNAVAILABLE', reason: 'CURRENT_DAMAGED' },
          },
          accept,
        );
        return 'current-damaged';
      }
      if (!(error instanceof NoSnapshotError)) throw error;
      sendGraphQLError(
        res,
        503,
        {
          message: 'No warehouse snapshot is published yet. Run the ETL first.',
          extensions: { code: 'SNAPSHOT_UNAVAILABLE' },
        },
        accept,
      );
      return 'no-snapshot';
    }
    if (pin !== undefined) logFields.pinned = lease.snapshot.id;
    // A cached answer to a plain JSON POST is sent without Apollo (parsing, hashing, plugins,
    // serializing: most of a hit's CPU); everything else, including a miss, goes through Apollo.
    if (method === 'POST' && isJsonMediaType(req.headers['content-type'])) {
      const answer = cache.answer({ snapshotId: lease.snapshot.id, role: principal.role, body, accept });
      if (answer) {
        res.statusCode = 200;
        res.setHeader('x-snapshot-id', lease.snapshot.id);
        res.setHeader('content-type', answer.contentType);
        res.setHeader('cache-control', 'no-store');
        res.setHeader('x-cache', 'hit');
        // Compressed for a client that accepts it (kept beside the entry: once per coding).
        const compressing = endCompressible(req, res, answer.text, answer.encoded);
        if (compressing) await compressing;
        options.onOperationDone?.({
          requestId,
          snapshotId: lease.snapshot.id,
          role: principal.role,
          queries: 0,
        });
        lease.release();
        return `${principal.role} cache=hit`;
      }
    }
    const abort = new AbortController();
    const context = operationContext(requestId, principal, lease, abort.signal);
    requestAddresses.set(abort.signal, addresses);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method, headers, search: url.search, body };
    // The lease is released when execution ends, even after a timeout answered the client: the
    // snapshot must stay open while a resolver may still be reading it.
    const execution = apollo
      .executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context })
      .finally(() => {
        options.onOperationDone?.({
          requestId,
          snapshotId: lease.snapshot.id,
          role: principal.role,
          queries: lease.db.queryCount,
        });
        lease.release();
      });
    const timer = deadline(config.OPERATION_TIMEOUT_MS);
    const outcome = await Promise.race([execution, timer.promise]);
    timer.clear();
    if (outcome === 'timeout') {
      abort.abort();
      execution.catch(() => undefined);
      const error = operationTimeoutError(config.OPERATION_TIMEOUT_MS);
      const formatted = { message: error.message, extensions: error.extensions };
      // A batch is answered as a batch (one result per operation, as Apollo answers one), each
      // with the timeout: the deadline is the whole request's.
      if (Array.isArray(body))
        sendGraphQLErrors(
          res,
          504,
          body.map(() => [formatted]),
          accept,
        );
      else sendGraphQLError(res, 504, formatted, accept);
      return 'timeout';
    }
    for (const [key, value] of outcome.headers) res.setHeader(key, value);
    // The snapshot this request read (every field of one response comes from it): a client that sees
    // a new one knows the data it shows from earlier responses is from an older snapshot.
    res.setHeader('x-snapshot-id', lease.snapshot.id);
    const contentType = outcome.headers.get('content-type');
    if (outcome.headers.has('x-cache') && (outcome.status ?? 200) === 200 && contentType)
      cache.learnContentType(accept, contentType);
    // Answers depend on the caller's role and the live snapshot: never stored by HTTP caches (this
    // replaces Apollo's `private, no-cache` on its persisted-query refusals too).
    res.setHeader('cache-control', 'no-store');
    res.statusCode = outcome.status ?? 200;
    if (outcome.body.kind === 'complete') {
      res.statusCode = statusForMediaType(
        res.statusCode,
        outcome.headers.get('content-type'),
        outcome.body.string,
      );
      const text = outcome.body.string;
      // Compressed for a client that accepts it; a miss just cached keeps its compressed text.
      const compressing = endCompressible(req, res, text, () =>
        cache.encodedFor({ snapshotId: lease.snapshot.id, role: principal.role, body, text }),
      );
      if (compressing) await compressing;
    } else {
      for await (const chunk of outcome.body.asyncIterator) res.write(chunk);
      res.end();
    }
    return `${principal.role}${outcome.headers.get('x-cache') ? ` cache=${outcome.headers.get('x-cache')}` : ''}`;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Read now: a socket that closes before the answer is logged no longer has its peer's address.
    const addresses = addressFields(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
    let note = '';
    const logFields: Record<string, unknown> = {};
    try {
      const probe = url.pathname === '/healthz' || url.pathname === '/readyz';
      // Preflights are answered on /graphql only: a probe's OPTIONS gets its 405 with Allow below.
      if (applyCors(corsOrigins, req, res, url.pathname)) note = 'preflight';
      else if (probe && req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'cache-control': 'no-store' }).end();
      } else if (url.pathname === '/healthz') {
        // Probes answer now, never from a cache between the prober and the server.
        res
          .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
          .end(req.method === 'HEAD' ? undefined : '{"status":"ok"}');
      } else if (url.pathname === '/readyz') {
        await reader.refresh().catch(() => undefined);
        const current = reader.current;
        const ready = current !== null && !closing;
        res
          .writeHead(ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
          .end(
            req.method === 'HEAD'
              ? undefined
              : JSON.stringify({
                  status: ready ? 'ready' : 'not ready',
                  snapshot: current?.id ?? null,
                  // CURRENT cannot be parsed (empty, half written): `snapshot` is the one served before,
                  // until a rollback rewrites CURRENT (`rollbackWarehouse`, npm run snapshots).
                  currentDamaged: reader.damagedCurrent !== null,
                  // Answers in the response cache, and a warm-up under way (null when none).
                  cache: {
                    entries: cache.size,
                    // Text held, keys and answers (CACHE_MAX_MB bounds it), in MB to one decimal.
                    mb: Math.round(cache.textLength / 104_857.6) / 10,
                    warming: warmer?.progress() ?? null,
                  },
                }),
          );
      } else if (url.pathname === '/graphql') {
        // Every response is no-store, its refusals (401, 413, 400, 500, 504) and the explorer too:
        // answers depend on the role and the live snapshot (revApi found the refusals without it).
        res.setHeader('cache-control', 'no-store');
        if (req.method === 'GET' || req.method === 'POST') {
          note = await handleGraphQL(req, res, url, requestId, logFields, addresses);
        } else {
          // Any other method (OPTIONS was answered above) is refused alike, before authentication
          // and Apollo: Apollo answered PUT with 405 but DELETE and HEAD with its CSRF 400.
          sendGraphQLError(
            res,
            405,
            {
              message: `${req.method} is not supported: /graphql answers GET and POST only.`,
              extensions: { code: 'BAD_REQUEST' },
            },
            req.headers.accept,
            { allow: 'GET, POST' },
          );
          note = 'method-not-allowed';
        }
      } else if (isTemplatePath(url.pathname)) {
        await serveTemplate(config.WAREHOUSE_DIR, url.pathname, req, res);
      } else if (req.method === 'GET' || req.method === 'HEAD') {
        await serveDashboard(dashboardDir, req, res, config.DASHBOARD_DIR !== undefined);
      } else {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
      }
    } catch (error) {
      logger.log('error', 'request failed', {
        requestId,
        error: (error as Error).message,
        stack: (error as Error).stack,
      });
      if (!res.headersSent) {
        sendGraphQLError(
          res,
          500,
          { message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
          req.headers.accept,
        );
      } else res.end();
    } finally {
      logger.log('info', 'request', {
        requestId,
        ...addresses,
        method: req.method,
        path: url.pathname,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...logFields,
        ...(note ? { note } : {}),
      });
    }
  }

  return {
    config,
    reader,
    cache,
    warmer,
    recentRequests,
    logger,
    handler: (req, res) => {
      inFlight += 1;
      res.on('close', () => {
        inFlight -= 1;
      });
      void route(req, res);
    },
    inFlight: () => inFlight,
    async close() {
      closing = true;
      if (poll) clearInterval(poll);
      if (saveRecent) clearInterval(saveRecent);
      // Before the warm-up stops: what it had not replayed yet stays on the list.
      await recentRequests?.save();
      await warmer?.stop();
      await apollo.stop();
      // A running refresh is stopped (SIGTERM to its process group, SIGKILL after 5 s): the ETL is
      // kill-safe, the live snapshot stays, and its run is marked interrupted.
      await services.etl.stop();
      leases.close();
      await pinned?.close();
      await reader.close();
    },
  };
}
