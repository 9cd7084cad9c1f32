import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS from CORS_ORIGINS (comma list, `*` = any). Same-origin use (the dashboard served by this
 * server) needs none. Returns true when the request was a preflight and has been answered.
 */
export function applyCors(origins: readonly string[], req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  const allowed = origin && (origins.includes('*') || origins.includes(origin));
  if (allowed) {
    res.setHeader('access-control-allow-origin', origins.includes('*') ? '*' : origin);
    res.setHeader('vary', 'origin');
    res.setHeader('access-control-expose-headers', 'x-request-id, x-cache, x-snapshot-id');
  }
  if (req.method !== 'OPTIONS') return false;
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader(
      'access-control-allow-headers',
      'authorization, content-type, x-request-id, apollo-require-preflight, x-apollo-operation-name',
    );
    res.setHeader('access-control-max-age', '600');
  }
  res.writeHead(204).end();
  return true;
}
