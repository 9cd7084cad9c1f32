import type { ServerResponse } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** q of one media type in an Accept header (0 when absent or refused); wildcards are not counted. */
function qualityOf(accept: string, type: string): number {
  let best = 0;
  for (const range of accept.split(',')) {
    const [media, ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    if (media !== type) continue;
    const q = params.find((p) => p.startsWith('q='));
    best = Math.max(best, q ? Number(q.slice(2)) || 0 : 1);
  }
  return best;
}

/**
 * True when the client asked for `application/graphql-response+json` (GraphQL over HTTP): named
 * with q > 0 and not ranked below `application/json`. Otherwise the legacy `application/json`.
 */
export function prefersGraphQLResponse(accept: string | undefined): boolean {
  if (!accept) return false;
  const gr = qualityOf(accept, GRAPHQL_RESPONSE);
  return gr > 0 && gr >= qualityOf(accept, 'application/json');
}

/** Answers with a GraphQL error body outside Apollo (auth, limits on the HTTP layer, timeouts). */
export function sendGraphQLError(
  res: ServerResponse,
  status: number,
  error: GraphQLFormattedError,
  accept: string | undefined,
  headers: Record<string, string> = {},
): void {
  const type = prefersGraphQLResponse(accept)
    ? `${GRAPHQL_RESPONSE}; charset=utf-8`
    : 'application/json; charset=utf-8';
  res.writeHead(status, { 'content-type': type, ...headers }).end(JSON.stringify({ errors: [error] }));
}

/** Answers a batch outside Apollo: one `{ errors }` result per operation, in order. */
export function sendGraphQLErrors(
  res: ServerResponse,
  status: number,
  perOperation: readonly (readonly GraphQLFormattedError[])[],
  accept: string | undefined,
): void {
  const type = prefersGraphQLResponse(accept)
    ? `${GRAPHQL_RESPONSE}; charset=utf-8`
    : 'application/json; charset=utf-8';
  res
    .writeHead(status, { 'content-type': type })
    .end(JSON.stringify(perOperation.map((errors) => ({ errors }))));
}

/** Errors of a well-formed request that failed as GraphQL (parse, validation, variables, limits). */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'QUERY_TOO_COMPLEX',
]);

/**
 * The status for Apollo's answer under the negotiated media type. GraphQL over HTTP: with the
 * legacy `application/json`, a well-formed request gets 200 even when the GraphQL request failed
 * (parse or validation errors, bad variables); with `application/graphql-response+json` such a
 * request gets 4xx (Apollo's 400, kept). A non-well-formed request (no query, bad body: BAD_REQUEST)
 * and server errors keep their status under both.
 */
export function statusForMediaType(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400 || !contentType?.startsWith('application/json')) return status;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return status;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || 'data' in parsed) return status;
  const errors = (parsed as { errors?: { extensions?: { code?: unknown } }[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return status;
  const wellFormed = errors.every((e) => REQUEST_ERROR_CODES.has(String(e?.extensions?.code)));
  return wellFormed ? 200 : status;
}
