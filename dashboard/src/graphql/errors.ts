import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

export type ErrorKind = 'forbidden' | 'badInput' | 'other';

/**
 * Sorts an Apollo error for the UI: a missing role gets "enter a token" rather than a generic
 * failure; the message of a caller mistake (BAD_USER_INPUT) is safe to show as is.
 */
export function classifyError(error: unknown): { kind: ErrorKind; message: string } {
  if (CombinedGraphQLErrors.is(error)) {
    const codes = error.errors.map((e) => e.extensions?.code);
    const message = error.errors.map((e) => e.message).join('; ');
    if (codes.some((c) => c === 'FORBIDDEN' || c === 'UNAUTHENTICATED') || /access denied/i.test(message)) {
      return { kind: 'forbidden', message };
    }
    if (codes.includes('BAD_USER_INPUT')) return { kind: 'badInput', message };
    return { kind: 'other', message };
  }
  if (ServerError.is(error) && (error.statusCode === 401 || error.statusCode === 403)) {
    return { kind: 'forbidden', message: error.message };
  }
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}
