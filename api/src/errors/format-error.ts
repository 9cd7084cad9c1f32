import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { RoleForbiddenError } from '../auth/auth-checker.ts';
import { variableErrorDetail } from './api-errors.ts';

/** Codes whose message is written for the caller and safe to pass through unchanged. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'OPERATION_TIMEOUT',
  'METRIC_UNAVAILABLE',
  'SNAPSHOT_UNAVAILABLE',
  'BUILD_IN_PROGRESS',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export const INTERNAL_MESSAGE =
  'Internal server error. The request id in the response headers identifies it in the server log.';

function codeOf(original: unknown): string | undefined {
  if (!original || typeof original !== 'object') return undefined;
  const o = original as {
    name?: unknown;
    code?: unknown;
    extensions?: { code?: unknown; http?: unknown };
  };
  if (o.name === 'MetricInputError') return 'BAD_USER_INPUT';
  if (o.name === 'MetricUnavailableError') return 'METRIC_UNAVAILABLE';
  if (
    o.name === 'OperationAbortedError' ||
    o.name === 'DisclosureAbortedError' ||
    o.name === 'QueryAbortedError'
  )
    return 'OPERATION_TIMEOUT';
  if (o.name === 'DisclosureTooComplexError') return 'QUERY_TOO_COMPLEX';
  const ext = o.extensions?.code;
  if (typeof ext === 'string') return ext === 'UNAUTHORIZED' ? 'FORBIDDEN' : ext;
  return requestErrorCode(o.extensions);
}

/**
 * Apollo refuses a few malformed requests before parsing with an HTTP 4xx but no code ("provided
 * sha does not match query", "Unsupported persisted query version"): the request is at fault, so
 * BAD_REQUEST, not INTERNAL_SERVER_ERROR (the message is Apollo's, written for the caller).
 */
function requestErrorCode(extensions: { http?: unknown } | undefined): string | undefined {
  const status = (extensions?.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? 'BAD_REQUEST' : undefined;
}

/**
 * The reason and parameters of a caller mistake: a MetricInputError's `detail` (the warehouse
 * cannot raise GraphQL errors), those `badInput` already put in the extensions, or, before
 * execution, graphql-js's variable coercion (see `variableErrorDetail`).
 */
function reasonOf(
  original: unknown,
  extensions: Record<string, unknown>,
  formatted: GraphQLFormattedError,
): Record<string, unknown> {
  const o = original as { name?: unknown; detail?: unknown } | null;
  if (o?.name === 'MetricInputError' && o.detail && typeof o.detail === 'object') {
    const { reason, field: _field, ...params } = o.detail as Record<string, unknown>;
    return { reason, ...params };
  }
  if (typeof extensions.reason === 'string' || formatted.path) return {};
  return variableErrorDetail(formatted.message) ?? {};
}

/** The reason and budget of a limit met during execution (disclosure control's work budget). */
function limitOf(original: unknown): Record<string, unknown> {
  const o = original as { name?: unknown; reason?: unknown; budget?: unknown } | null;
  if (o?.name !== 'DisclosureTooComplexError') return {};
  return { reason: o.reason, maxDisclosureWork: o.budget };
}

/**
 * A value written in the document that its type refuses (`filter: { from: "2024-1-1" }`, an
 * unknown enum value): graphql-js reports it while validating, but it is the same caller mistake as
 * the value passed in a variable, which is BAD_USER_INPUT (`INVALID_VARIABLE`). So it gets that
 * code too, reason `INVALID_LITERAL` and the type (the HTTP status stays 400: refused before
 * execution). Other validation errors (unknown fields, a missing argument) keep theirs.
 */
function literalValueError(formatted: GraphQLFormattedError): Record<string, unknown> | null {
  if (formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED') return null;
  // graphql-js words them four ways: its own check, an enum, a scalar's own error (graphql-scalars
  // "Value is not a valid LocalDate: …", the built-in "Int cannot represent …").
  const m = formatted.message;
  const type =
    /^Expected value of type "([^"]+)", found /.exec(m)?.[1] ??
    /^Value "[^"]*" does not exist in "(\w+)" enum/.exec(m)?.[1] ??
    /^Value is not a valid (\w+)/.exec(m)?.[1] ??
    /^(?:Enum ")?(\w+)"? cannot represent /.exec(m)?.[1];
  return type ? { reason: 'INVALID_LITERAL', type } : null;
}

/**
 * The code a client sees for an error when it is the caller's (a limit, a bad input, a role), or
 * null when it is the server's (INTERNAL_SERVER_ERROR, message withheld). The log uses it to tell a
 * refused request from a failure (`loggingPlugin`); `formatError` decides the same way.
 */
export function clientCodeOf(error: unknown): string | null {
  const original = unwrapResolverError(error);
  const inner = (error as { originalError?: unknown } | null)?.originalError;
  const ext = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  const code = codeOf(inner) ?? codeOf(original) ?? (typeof ext === 'string' ? ext : undefined);
  return code && CLIENT_CODES.has(code) ? code : null;
}

/**
 * The only path errors take to the client. Caller mistakes keep their message and code; anything
 * else becomes INTERNAL_SERVER_ERROR with a fixed message, so stack traces, SQL, file paths and
 * driver messages never leave the server (they are logged with the request id instead).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  // Validation-rule errors (depth limit) arrive wrapped as GRAPHQL_VALIDATION_FAILED: their own code wins.
  const inner = (error as { originalError?: unknown } | null)?.originalError;
  const literal = literalValueError(formatted);
  const code = literal
    ? 'BAD_USER_INPUT'
    : (codeOf(inner) ?? codeOf(original) ?? (formatted.extensions?.code as string | undefined));
  const base = {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  if (code && CLIENT_CODES.has(code)) {
    // The auth checker words its refusals (RoleForbiddenError: "may not read …" / "may not run the
    // mutation …"); type-graphql's default "Access denied!" names nothing, so it gets the path.
    const message =
      code === 'FORBIDDEN' && !(original instanceof RoleForbiddenError)
        ? `Your role may not access ${formatted.path?.join('.') ?? 'this field'}.`
        : original instanceof Error && code !== 'GRAPHQL_VALIDATION_FAILED' && codeOf(original)
          ? original.message
          : formatted.message;
    const {
      stacktrace: _s,
      exception: _e,
      http: _h,
      ...extensions
    } = (formatted.extensions ?? {}) as Record<string, unknown>;
    const field = (original as { field?: unknown } | null)?.field;
    return {
      message,
      ...base,
      extensions: {
        ...extensions,
        code,
        ...(typeof field === 'string' ? { field } : {}),
        ...(code === 'BAD_USER_INPUT' ? (literal ?? reasonOf(original, extensions, formatted)) : {}),
        ...limitOf(original),
      },
    };
  }
  return { message: INTERNAL_MESSAGE, ...base, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
