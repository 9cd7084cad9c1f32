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
}
