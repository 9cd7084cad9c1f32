import { tokenVerdict } from './errors.ts';

/**
 * The bearer token for analyst/planner/admin sections. Kept in sessionStorage, not localStorage:
 * it grants more than public data, so it should not outlive the browser session on a shared
 * office PC.
 */
const KEY = 'asn.token';

export function readToken(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function writeToken(token: string | null): void {
  try {
    if (token) window.sessionStorage.setItem(KEY, token);
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage disabled: the token lasts until reload.
  }
  verdict = null;
  notify();
}

/**
 * - `none`: no token, the caller is anonymous.
 * - `unverified`: a token is stored but no answer to a request carrying it has come back yet.
 * - `accepted` / `rejected`: the server's last word on the stored token (2xx / 401).
 */
export type TokenStatus = 'none' | 'unverified' | 'accepted' | 'rejected';

/** The server's last word, for the token it was about (a later token starts unverified). */
let verdict: { token: string; status: 'accepted' | 'rejected' } | null = null;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** A primitive, so it can be `useSyncExternalStore`'s snapshot. */
export function tokenStatus(): TokenStatus {
  const token = readToken();
  if (token === null) return 'none';
  return verdict?.token === token ? verdict.status : 'unverified';
}

export function subscribeToken(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Records the HTTP status of an answer to a request sent with `token`. An answer for a token that
 * is no longer the stored one (it was changed while the request was in flight) is ignored.
 */
export function noteTokenResponse(token: string, httpStatus: number): void {
  const status = tokenVerdict(httpStatus);
  if (status === null || readToken() !== token) return;
  if (verdict?.token === token && verdict.status === status) return;
  verdict = { token, status };
  notify();
}
