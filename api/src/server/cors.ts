import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The paths a cross-origin page may call with a preflight: the GraphQL endpoint (README, "GraphQL
 * over HTTP": its POST with `content-type: application/json` or its GET with
 * `apollo-require-preflight` is preflighted). Probes, templates and the dashboard answer GET and HEAD
 * only, which need no preflight; an OPTIONS there gets their own 405 with `Allow`.
 */
const PREFLIGHT_PATHS: ReadonlySet<string> = new Set(['/graphql']);

/**
 * CORS from CORS_ORIGINS (comma list, `*` = any). Same-origin use (the dashboard served by this
 * server) needs none. An allowed origin gets its response headers on every path; an OPTIONS is
 * answered here (204, with the allowed methods and headers for an allowed origin) only on a path
 * that takes preflights (`PREFLIGHT_PATHS`). Returns true when the request was such an OPTIONS and
 * has been answered.
 */
export function applyCors(
  origins: readonly string[],
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): boolean {
  const origin = req.headers.origin;
  const allowed = origin && (origins.includes('*') || origins.includes(origin));
  if (allowed) {
    res.setHeader('access-control-allow-origin', origins.includes('*') ? '*' : origin);
    res.setHeader('vary', 'origin');
    res.setHeader('access-control-expose-headers', 'x-request-id, x-cache, x-snapshot-id');
  }
  if (req.method !== 'OPTIONS' || !PREFLIGHT_PATHS.has(pathname)) return false;
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader(
      'access-control-allow-headers',
      'authorization, content-type, x-request-id, apollo-require-preflight, x-apollo-operation-name, x-snapshot-id',
    );
    res.setHeader('access-control-max-age', '600');
  }
  res.writeHead(204, { allow: 'GET, POST, OPTIONS' }).end();
  return true;
}
