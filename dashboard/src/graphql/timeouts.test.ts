import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, fetchWithTimeout, REQUEST_TIMEOUT_MS, timeoutMs } from './client.ts';
import { classifyError, isOperationTimeout, operationTimeoutMs, RequestTimeoutError } from './errors.ts';
import { ParticipationQuery } from './operations.ts';
import { isServiceUnreachable, ServiceFailures, serviceFailureOf } from './service-failures.ts';

/** The API's answer at its deadline (api/src/limits/operation-timeout.ts), as it sends it. */
const TIMEOUT_ERROR = {
  message: 'The operation took longer than 30000 ms and was stopped. Narrow the filter or ask for less.',
  extensions: { code: 'OPERATION_TIMEOUT', timeoutMs: 30_000 },
};
const timeoutBody = JSON.stringify({ errors: [TIMEOUT_ERROR] });

const serverError = (status: number, bodyText: string) =>
  new ServerError(`Response not successful: Received status code ${status}`, {
    response: new Response(bodyText, { status }),
    bodyText,
  });

/** A fetch that is accepted and never answered (a hung proxy), rejecting only when aborted, as fetch does. */
const hangingFetch = vi.fn(
  (_input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((_, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    }),
);

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  hangingFetch.mockClear();
  delete (globalThis as { __dashboardTimeouts?: unknown }).__dashboardTimeouts;
});

describe('a server timeout (HTTP 504, OPERATION_TIMEOUT) is its own kind', () => {
  it('classifies the GraphQL answer and a plain-JSON 504 as timeout, with the deadline it names', () => {
    const graphQL = new CombinedGraphQLErrors({ errors: [TIMEOUT_ERROR] });
    expect(classifyError(graphQL)).toEqual({ kind: 'timeout', message: TIMEOUT_ERROR.message });
    expect(classifyError(serverError(504, timeoutBody))).toEqual({
      kind: 'timeout',
      message: TIMEOUT_ERROR.message,
    });
    expect(operationTimeoutMs(graphQL)).toBe(30_000);
    expect(isOperationTimeout(serverError(504, timeoutBody))).toBe(true);
    // A proxy's 504 page says nothing about the query: the service is unreachable, not a timeout.
    expect(isOperationTimeout(serverError(504, '<html>Gateway Timeout</html>'))).toBe(false);
    expect(classifyError(serverError(504, '<html>Gateway Timeout</html>')).kind).toBe('other');
    expect(operationTimeoutMs(new TypeError('Failed to fetch'))).toBeNull();
  });

  it('is a service failure of its own ("timeout"); a network failure, a 5xx and a client timeout are "unreachable"', () => {
    expect(serviceFailureOf(new CombinedGraphQLErrors({ errors: [TIMEOUT_ERROR] }))).toBe('timeout');
    expect(serviceFailureOf(serverError(504, timeoutBody))).toBe('timeout');
    expect(serviceFailureOf(serverError(504, '<html>Gateway Timeout</html>'))).toBe('unreachable');
    expect(serviceFailureOf(new TypeError('Failed to fetch'))).toBe('unreachable');
    expect(serviceFailureOf(new RequestTimeoutError(100_000))).toBe('unreachable');
    expect(isServiceUnreachable(new RequestTimeoutError(100_000))).toBe(true);
    const coded = new CombinedGraphQLErrors({
      errors: [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect(serviceFailureOf(coded)).toBeNull();
    expect(serviceFailureOf(undefined)).toBeNull();
  });

  it("the dashboard's client reads the API's 504 answer as a timeout (a service failure), not a card's own error", async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(timeoutBody, {
          status: 504,
          headers: { 'content-type': 'application/graphql-response+json; charset=utf-8' },
        }),
    );
    const client = createClient();
    const error = await client.query({ query: ParticipationQuery, variables: {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(serviceFailureOf(error)).toBe('timeout');
    expect(classifyError(error).kind).toBe('timeout');
  });

  it('counts the failing cards by how they failed; the page speaks for two or more of any kind', () => {
    const failures = new ServiceFailures();
    const first = failures.add('timeout');
    expect(failures.pageLevel()).toBe(false);
    failures.add('timeout');
    failures.add('unreachable');
    expect([failures.count(), failures.timedOut(), failures.unreachable(), failures.pageLevel()]).toEqual([
      3,
      2,
      1,
      true,
    ]);
    first();
    expect([failures.timedOut(), failures.unreachable()]).toEqual([1, 1]);
  });
});

describe('a request that is never answered gives up after the client timeout', () => {
  it('rejects a hung request with RequestTimeoutError after 100 s, not before', async () => {
    vi.useFakeTimers();
    const result = fetchWithTimeout('/graphql', {}, REQUEST_TIMEOUT_MS, hangingFetch).then(
      () => 'answered',
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
    let settled = false;
    void result.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await result;
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).timeoutMs).toBe(100_000);
    // The request itself was cancelled (its signal aborted), not left open.
    expect(hangingFetch.mock.calls[0]?.[1]?.signal?.aborted).toBe(true);
  });

  it('gives up on a body that stalls after the headers too', async () => {
    vi.useFakeTimers();
    const stalled = async () => new Response(new ReadableStream({ start: () => undefined }), { status: 200 });
    const result = fetchWithTimeout('/graphql', {}, 1_000, stalled).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await result).toBeInstanceOf(RequestTimeoutError);
  });

  it("still cancels when Apollo's own signal aborts, and leaves no timer behind an answer", async () => {
    vi.useFakeTimers();
    const apollo = new AbortController();
    const result = fetchWithTimeout('/graphql', { signal: apollo.signal }, 1_000, hangingFetch).catch(
      (e: unknown) => e,
    );
    apollo.abort(new DOMException('unsubscribed', 'AbortError'));
    const error = await result;
    expect(error).not.toBeInstanceOf(RequestTimeoutError);
    expect((error as DOMException).name).toBe('AbortError');
    expect(vi.getTimerCount()).toBe(0);

    const answered = await fetchWithTimeout('/graphql', {}, 1_000, async () =>
      Response.json({ data: { ok: true } }, { status: 200, headers: { 'x-snapshot-id': 's1' } }),
    );
    expect(await answered.json()).toEqual({ data: { ok: true } });
    expect(answered.headers.get('x-snapshot-id')).toBe('s1');
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the dashboard's client fails a hung query as a service failure after its timeout", async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', hangingFetch);
    const client = createClient();
    const result = client.query({ query: ParticipationQuery, variables: {} }).then(
      () => 'answered',
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS);
    const error = await result;
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(serviceFailureOf(error)).toBe('unreachable');
  });

  it('takes a shorter timeout from the page (the browser checks set one), else the default', () => {
    expect(timeoutMs('requestMs', REQUEST_TIMEOUT_MS)).toBe(100_000);
    (globalThis as { __dashboardTimeouts?: unknown }).__dashboardTimeouts = {
      requestMs: 1_500,
      slowNoteMs: 0,
    };
    expect(timeoutMs('requestMs', REQUEST_TIMEOUT_MS)).toBe(1_500);
    // Not a positive number: the default.
    expect(timeoutMs('slowNoteMs', 10_000)).toBe(10_000);
  });
});
