import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, resetAfterTokenChange } from './client.ts';
import { classifyError, tokenVerdict } from './errors.ts';
import { SnapshotQuery } from './operations.ts';
import { readToken, subscribeToken, tokenStatus, writeToken } from './token-store.ts';

const graphQLErrors = (...errors: { message: string; code?: string }[]) =>
  new CombinedGraphQLErrors({
    errors: errors.map(({ message, code }) => ({ message, extensions: code ? { code } : {} })),
  });

const serverError = (status: number, bodyText: string) =>
  new ServerError(`Response not successful: Received status code ${status}`, {
    response: new Response(bodyText, { status }),
    bodyText,
  });

describe('classifyError', () => {
  it('calls an UNAUTHENTICATED error its own kind, not a missing role', () => {
    expect(
      classifyError(graphQLErrors({ message: 'Unknown bearer token.', code: 'UNAUTHENTICATED' })),
    ).toEqual({
      kind: 'unauthenticated',
      message: 'Unknown bearer token.',
    });
  });

  it('keeps FORBIDDEN and "access denied" as forbidden', () => {
    expect(classifyError(graphQLErrors({ message: 'Needs analyst.', code: 'FORBIDDEN' })).kind).toBe(
      'forbidden',
    );
    expect(classifyError(graphQLErrors({ message: 'Access denied: planner only.' })).kind).toBe('forbidden');
  });

  it('puts UNAUTHENTICATED before FORBIDDEN when both come back', () => {
    const error = graphQLErrors(
      { message: 'Needs analyst.', code: 'FORBIDDEN' },
      { message: 'Unknown bearer token.', code: 'UNAUTHENTICATED' },
    );
    expect(classifyError(error)).toEqual({
      kind: 'unauthenticated',
      message: 'Needs analyst.; Unknown bearer token.',
    });
  });

  it('shows the message of a caller mistake and hides others', () => {
    expect(classifyError(graphQLErrors({ message: 'minN must be ≥ 5', code: 'BAD_USER_INPUT' }))).toEqual({
      kind: 'badInput',
      message: 'minN must be ≥ 5',
    });
    expect(classifyError(graphQLErrors({ message: 'boom', code: 'INTERNAL_SERVER_ERROR' })).kind).toBe(
      'other',
    );
  });

  it('reads HTTP 401 as unauthenticated and 403 as forbidden, with the server message', () => {
    const body = JSON.stringify({
      errors: [{ message: 'Unknown bearer token.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(classifyError(serverError(401, body))).toEqual({
      kind: 'unauthenticated',
      message: 'Unknown bearer token.',
    });
    expect(classifyError(serverError(403, '<html>Forbidden</html>'))).toEqual({
      kind: 'forbidden',
      message: 'Response not successful: Received status code 403',
    });
  });

  it('calls other failures other', () => {
    expect(classifyError(serverError(500, '{}')).kind).toBe('other');
    expect(classifyError(new TypeError('Failed to fetch'))).toEqual({
      kind: 'other',
      message: 'Failed to fetch',
    });
    expect(classifyError('weird')).toEqual({ kind: 'other', message: 'weird' });
  });
});

describe('tokenVerdict', () => {
  it('rejects on 401, accepts on 2xx and says nothing otherwise', () => {
    expect(tokenVerdict(401)).toBe('rejected');
    expect(tokenVerdict(200)).toBe('accepted');
    expect(tokenVerdict(204)).toBe('accepted');
    for (const status of [400, 403, 413, 429, 500, 502])
      expect(tokenVerdict(status), String(status)).toBeNull();
  });
});

/**
 * A sessionStorage for the node environment (the token store reads `window.sessionStorage`); with
 * a `window`, Apollo also looks for its devtools (`navigator`).
 */
function fakeSessionStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

const UNAUTHENTICATED_BODY = JSON.stringify({
  errors: [{ message: 'Unknown bearer token.', extensions: { code: 'UNAUTHENTICATED' } }],
});

describe('a token the server does not know', () => {
  beforeEach(() => {
    vi.stubGlobal('window', { sessionStorage: fakeSessionStorage(), navigator: { userAgent: 'node' } });
  });
  afterEach(() => {
    writeToken(null);
    vi.unstubAllGlobals();
  });

  it('is flagged as rejected, and a new token starts unverified', async () => {
    const fetchMock = vi.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response(UNAUTHENTICATED_BODY, {
          status: 401,
          headers: { 'content-type': 'application/graphql-response+json; charset=utf-8' },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const seen: string[] = [];
    const unsubscribe = subscribeToken(() => seen.push(tokenStatus()));
    expect(tokenStatus()).toBe('none');
    writeToken('wrong-token-123');
    expect(readToken()).toBe('wrong-token-123');
    expect(tokenStatus()).toBe('unverified');

    const client = createClient();
    const error = await client.query({ query: SnapshotQuery }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get('authorization')).toBe(
      'Bearer wrong-token-123',
    );
    expect(classifyError(error)).toEqual({ kind: 'unauthenticated', message: 'Unknown bearer token.' });
    expect(tokenStatus()).toBe('rejected');

    writeToken('another-token');
    expect(tokenStatus()).toBe('unverified');
    writeToken(null);
    expect(tokenStatus()).toBe('none');
    expect(seen).toEqual(['unverified', 'rejected', 'unverified', 'none']);
    unsubscribe();
  });

  it('is rejected from a legacy application/json 401 too', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(UNAUTHENTICATED_BODY, {
            status: 401,
            headers: { 'content-type': 'application/json' },
          }),
      ),
    );
    writeToken('wrong-token-123');
    const error = await createClient()
      .query({ query: SnapshotQuery })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(ServerError.is(error)).toBe(true);
    expect(classifyError(error).kind).toBe('unauthenticated');
    expect(tokenStatus()).toBe('rejected');
  });

  it('ignores an answer about a token that was replaced meanwhile', async () => {
    let answer: (r: Response) => void = () => {};
    vi.stubGlobal(
      'fetch',
      vi.fn(
        () =>
          new Promise<Response>((resolve) => {
            answer = resolve;
          }),
      ),
    );
    writeToken('old-token');
    const pending = createClient()
      .query({ query: SnapshotQuery })
      .catch(() => null);
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    writeToken('new-token');
    answer(
      new Response(UNAUTHENTICATED_BODY, { status: 401, headers: { 'content-type': 'application/json' } }),
    );
    await pending;
    expect(tokenStatus()).toBe('unverified');
  });

  it('does not make resetting the store after a token change reject', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(UNAUTHENTICATED_BODY, {
            status: 401,
            headers: { 'content-type': 'application/json' },
          }),
      ),
    );
    writeToken('wrong-token-123');
    const client = createClient();
    const watched = client.watchQuery({ query: SnapshotQuery });
    const results: unknown[] = [];
    const subscription = watched.subscribe({ next: (r) => results.push(r), error: (e) => results.push(e) });
    await vi.waitFor(() => expect(tokenStatus()).toBe('rejected'));
    await expect(resetAfterTokenChange(client)).resolves.toBeUndefined();
    subscription.unsubscribe();
  });
});
