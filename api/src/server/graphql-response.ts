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

/**
 * Errors of a well-formed request that failed as GraphQL: parse, validation, operation resolution
 * (several operations and no `operationName`, or an unknown one: the spec's "operation cannot be
 * determined"), variables, limits.
 */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_USER_INPUT',
  'QUERY_TOO_COMPLEX',
]);

type Result = { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };

/** A result that failed before execution with request errors only (no `data` key). */
function isRequestFailure(result: Result): boolean {
  if ('data' in result) return false;
  const errors = result.errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((e) => REQUEST_ERROR_CODES.has(String(e?.extensions?.code)))
  );
}

const isResult = (value: unknown): value is Result =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The status for Apollo's 400 answer under the negotiated media type (GraphQL over HTTP, "Status
 * Codes"). With the legacy `application/json`, a well-formed request gets 200 even when the GraphQL
 * request failed (parse or validation errors, an operation that cannot be determined, bad
 * variables, limits); with `application/graphql-response+json` such a request keeps Apollo's 400.
 * A non-well-formed request (no query, bad body: BAD_REQUEST) and server errors keep their status
 * under both.
 *
 * A batch (outside the spec) is judged per operation, as each would be alone: Apollo answers 400
 * for the whole array when any operation failed before execution, even beside another's data.
 * Under `application/json` it is 200 when every operation either ran or failed with request
 * errors only; under `application/graphql-response+json` it is 200 when any operation has data
 * (the spec's MUST for a response with data: its result is in the array), else the 400 stays.
 */
export function statusForMediaType(status: number, contentType: string | undefined, body: string): number {
  if (status !== 400) return status;
  const json = contentType?.startsWith('application/json') ?? false;
  const graphqlResponse = contentType?.startsWith(GRAPHQL_RESPONSE) ?? false;
  if (!json && !graphqlResponse) return status;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return status;
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0 || !parsed.every(isResult)) return status;
    if (json) return parsed.every((r) => 'data' in r || isRequestFailure(r)) ? 200 : status;
    return parsed.some((r) => r.data != null) ? 200 : status;
  }
  if (!json || !isResult(parsed)) return status;
  return isRequestFailure(parsed) ? 200 : status;
}
