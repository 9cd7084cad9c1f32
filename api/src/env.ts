import { z } from 'zod';
import { trustProxyProblems } from './server/client-address.ts';

/**
 * The only place the API reads its environment. Everything else takes an `ApiEnv` (or the options
 * derived from it) as a parameter, so tests build servers with explicit settings.
 */
const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const int = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Interface to bind; 0.0.0.0 serves the intranet, 127.0.0.1 only this machine. */
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('data'),
  /** DuckDB snapshots (default $DATA_DIR/warehouse). */
  WAREHOUSE_DIR: z.string().optional(),
  /** JSON `[{ name, role, sha256 }]`; unset → no tokens, everyone is anonymous. */
  API_TOKENS_FILE: z.string().optional(),
  /** Anonymous requests act as `public`; off → they get UNAUTHENTICATED. */
  ALLOW_ANONYMOUS: flag(true),
  /**
   * Role anonymous requests act as (when allowed). `public` in production; `npm start` on the
   * embedded demo world (synthetic people) raises it to `planner` so every page works out of the
   * box, and says so. Never `admin`: quarantine rows are raw input.
   */
  ANONYMOUS_ROLE: z.enum(['public', 'analyst', 'planner']).default('public'),
  SUPPRESSION_MIN_N: int(5),
  JP_MINUTES: z.coerce.number().positive().default(45),
  INTROSPECTION: flag(true),
  /**
   * Comma-separated allowed origins, `*` for any; empty → same-origin only (no CORS headers). Each
   * is compared with the browser's `Origin` header as written (`https://host[:port]`): an entry
   * without a scheme, or with a path or a trailing slash, would never match, so it stops the start.
   */
  CORS_ORIGINS: z
    .string()
    .default('')
    .superRefine((value, ctx) => {
      const bad = value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '' && s !== '*' && !/^https?:\/\/[^/\s?#]+$/i.test(s));
      if (bad.length > 0)
        ctx.addIssue({
          code: 'custom',
          message: `${bad.map((s) => JSON.stringify(s.slice(0, 80))).join(', ')} never match${bad.length === 1 ? 'es' : ''} a browser's Origin: write each as scheme://host[:port], no path or trailing slash (e.g. https://dashboard.palangkaraya.go.id)`,
        });
    }),
  /**
   * The reverse proxies in front of the API whose X-Forwarded-For is believed: a comma list of
   * addresses, CIDRs (IPv4 and IPv6) and the keywords `loopback` (127.0.0.0/8, ::1), `linklocal`
   * and `uniquelocal` (the private ranges). When the socket's peer is one of them, the request and
   * audit log lines add `clientAddress`: X-Forwarded-For read from the right, past the trusted
   * hops. Empty → the header is never read (a client can write any address in it), and log lines
   * carry the peer only. An entry that is none of these stops the start.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .superRefine((value, ctx) => {
      const problems = trustProxyProblems(value);
      if (problems.length > 0)
        ctx.addIssue({
          code: 'custom',
          message: `${problems.join('; ')}: write the proxies as a comma list of addresses, CIDRs or keywords (e.g. loopback, 10.0.0.2, 10.20.0.0/16, fd00::/8), not a flag`,
        });
    }),
  /** Deepest selection nesting allowed (root field = depth 1). */
  MAX_DEPTH: int(10),
  /** Query cost ceiling (per-field costs, lists multiply their children). */
  MAX_COST: int(5000),
  /** Largest page or id list a caller may ask for in one argument. */
  MAX_LIST: int(500),
  /** Wall-clock budget of one operation before it is answered with OPERATION_TIMEOUT. */
  OPERATION_TIMEOUT_MS: int(30_000),
  /** Most operations in one batched (array) POST body. */
  MAX_BATCH: int(10),
  /** Largest request body accepted, in bytes. */
  MAX_BODY_BYTES: int(1_000_000),
  /**
   * Read-only DuckDB connections per open snapshot. Each has its own queue and a query goes to the
   * least busy one, so a short query need not wait behind a long one. Each running query holds one
   * of libuv's threads: keep UV_THREADPOOL_SIZE at least 4 above this.
   */
  WAREHOUSE_CONNECTIONS: int(4),
  /** Responses kept in the per-snapshot response cache (0 disables it). */
  CACHE_MAX_ENTRIES: int(1000, 0),
  /**
   * JSON text the response cache holds at most, in megabytes (of characters): the least recently
   * used answers go first beyond it, and an answer larger than it alone is not cached.
   */
  CACHE_MAX_MB: int(256),
  /**
   * After a publish, the previous snapshot's most recently used cached answers recomputed on the new
   * one in the background, one at a time, before users ask again (0: none).
   */
  CACHE_WARM_ENTRIES: int(50, 0),
  /**
   * Where the server keeps the requests behind its most recently used answers (at most
   * CACHE_WARM_ENTRIES; queries, variables and roles, no answers or tokens), written every minute
   * and at shutdown, and warmed on the current snapshot when the server starts (default
   * $WAREHOUSE_DIR/api/recent-requests.json: the list belongs to the warehouse it was asked of;
   * CACHE_WARM_ENTRIES=0 turns it off).
   */
  CACHE_WARM_FILE: z.string().optional(),
  /**
   * How often (ms) the server looks for a newly published snapshot without waiting for a request,
   * so the warm-up starts right after a publish (0: only when a request arrives).
   */
  SNAPSHOT_POLL_MS: int(2000, 0),
  /** Built dashboard served at `/` (default dashboard/dist next to the api package). */
  DASHBOARD_DIR: z.string().optional(),
  /** Command line that runs one ETL for refreshWarehouse (split on spaces). */
  ETL_COMMAND: z.string().default('npm run etl --'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

/** The variables this package reads (README "Configuration" and `.env.example` list each: `scripts/config-docs.test.ts`). */
export const API_SETTINGS: readonly string[] = Object.keys(schema.shape);

export type ApiEnv = Omit<z.infer<typeof schema>, 'WAREHOUSE_DIR'> & {
  readonly WAREHOUSE_DIR: string;
};

export function readApiEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  // An empty value in .env means "use the default", as for the other packages.
  const cleaned = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid api environment: ${problems}`);
  }
  const env = parsed.data;
  return {
    ...env,
    WAREHOUSE_DIR: env.WAREHOUSE_DIR ?? `${env.DATA_DIR}/warehouse`,
  };
}

/**
 * The environment of a child process the API starts (the ETL): the server's own environment with
 * `overrides` on top, so the child reads and writes the warehouse the server is configured with.
 */
export function childProcessEnv(overrides: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
