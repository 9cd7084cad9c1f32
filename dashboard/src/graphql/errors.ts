import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

/**
 * - `unauthenticated`: the server did not accept who the caller says it is (HTTP 401 /
 *   UNAUTHENTICATED): an unknown or malformed token, or no token where one is required. Every
 *   request fails, public data included, so the fix is the token, not a role.
 * - `forbidden`: the caller is known but its role may not see this section (FORBIDDEN / 403).
 * - `badInput`: a caller mistake (BAD_USER_INPUT) whose message is safe to show as is.
 */
export type ErrorKind = 'unauthenticated' | 'forbidden' | 'badInput' | 'other';

/**
 * Sorts an Apollo error for the UI: a missing role gets "enter a token", a rejected token gets
 * "check or remove the token", rather than a generic failure.
 */
export function classifyError(error: unknown): { kind: ErrorKind; message: string } {
  if (CombinedGraphQLErrors.is(error)) {
    const codes = error.errors.map((e) => e.extensions?.code);
    const message = error.errors.map((e) => e.message).join('; ');
    if (codes.includes('UNAUTHENTICATED')) return { kind: 'unauthenticated', message };
    if (codes.includes('FORBIDDEN') || /access denied/i.test(message)) return { kind: 'forbidden', message };
    if (codes.includes('BAD_USER_INPUT')) return { kind: 'badInput', message };
    return { kind: 'other', message };
  }
  if (ServerError.is(error)) {
    if (error.statusCode === 401) return { kind: 'unauthenticated', message: serverMessage(error) };
    if (error.statusCode === 403) return { kind: 'forbidden', message: serverMessage(error) };
  }
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** The GraphQL error message in a non-2xx `application/json` body, else Apollo's generic one. */
function serverMessage(error: ServerError): string {
  try {
    const body: unknown = JSON.parse(error.bodyText);
    const errors = (body as { errors?: unknown } | null)?.errors;
    if (Array.isArray(errors)) {
      const messages = errors
        .map((e: unknown) => (e as { message?: unknown } | null)?.message)
        .filter((m): m is string => typeof m === 'string' && m !== '');
      if (messages.length > 0) return messages.join('; ');
    }
  } catch {
    // Not JSON (a proxy's HTML page): keep Apollo's message.
  }
  return error.message;
}

/**
 * What one HTTP answer to a request that carried a token says about that token: 401 means the
 * server does not know it; a 2xx means it was accepted (authentication comes before anything
 * else the server checks). Anything else (a 5xx, a proxy's 4xx) says nothing about the token.
 */
export function tokenVerdict(httpStatus: number): 'accepted' | 'rejected' | null {
  if (httpStatus === 401) return 'rejected';
  if (httpStatus >= 200 && httpStatus < 300) return 'accepted';
  return null;
}
