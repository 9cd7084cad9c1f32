import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { appUrl } from './app-url.ts';
import { RequestTimeoutError } from './errors.ts';
import introspection from './possible-types.generated.ts';
import { ServedSnapshots } from './served-snapshots.ts';
import { snapshotRecoveryLink } from './snapshot-recovery.ts';
import { noteTokenResponse, readToken } from './token-store.ts';

/**
 * How long one request may go unanswered before the client gives up: past it nothing will come (a
 * stalled connection or proxy), and the cards show a service failure with "Coba lagi semua" instead
 * of "Memuat data…" for good (slow-link review). The clock starts when the page issues the request,
 * not when the server gets it: over HTTP/1.1 a browser sends six at a time to one host, so a page's
 * 13 queries go in up to three waves, each of which the server may take its OPERATION_TIMEOUT_MS
 * (30 s) to answer, with a 504 of its own. Three of those and a margin: no request the server would
 * still answer is given up on.
 */
export const REQUEST_TIMEOUT_MS = 100_000;

/**
 * Timeouts the browser checks shorten (`window.__dashboardTimeouts = { requestMs: 2000 }` in an
 * init script) so that they need not wait 100 s; unset in production.
 */
export interface TimeoutOverrides {
  readonly requestMs?: number;
  readonly slowNoteMs?: number;
}

/** The timeout `key` in ms: its override when one is set (a positive number), else `fallback`. */
export function timeoutMs(key: keyof TimeoutOverrides, fallback: number): number {
  const overrides = (globalThis as { __dashboardTimeouts?: TimeoutOverrides }).__dashboardTimeouts;
  const ms = overrides?.[key];
  return typeof ms === 'number' && ms > 0 ? ms : fallback;
}

/** Statuses a `Response` may not be built with a body for. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * `fetch` that gives up after `ms` with a `RequestTimeoutError`, the body read included (a stall
 * after the headers hangs as surely as one before). The caller's signal (Apollo's, aborted when the
 * query is no longer watched) still cancels it; a controller of its own rather than
 * `AbortSignal.any` (Safari 17.4+, Firefox 124+), which older supported browsers lack. The wait ends
 * at the abort even where a fetch or a body ignores its signal.
 */
export async function fetchWithTimeout(
  input: RequestInfo | URL,
  init: RequestInit | undefined,
  ms: number,
  fetcher: typeof fetch = fetch,
): Promise<Response> {
  const controller = new AbortController();
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  // Raced below, so its rejection is always handled; never left unhandled when nothing waits on it.
  aborted.catch(() => undefined);
  const outer = init?.signal;
  const cancel = () => controller.abort(outer?.reason);
  if (outer?.aborted) cancel();
  else outer?.addEventListener('abort', cancel, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new RequestTimeoutError(ms));
  }, ms);
  try {
    const response = await Promise.race([fetcher(input, { ...init, signal: controller.signal }), aborted]);
    const { status, statusText, headers } = response;
    const body = NULL_BODY_STATUSES.has(status) ? null : await Promise.race([response.text(), aborted]);
    return new Response(body, { status, statusText, headers });
  } catch (error) {
    throw timedOut ? new RequestTimeoutError(ms) : error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', cancel);
  }
}

/**
 * Same-origin `graphql` beside the page (`/graphql` at the root; the API serves the dashboard). Results are immutable per snapshot, so
 * `cache-first` is right; metric rows have no ids and are stored inside their query results.
 */
export function createClient(): ApolloClient {
  // After a publish or a rollback the page refetches what it shows, so every card cites one snapshot.
  let client: ApolloClient | undefined;
  const served = new ServedSnapshots(() => {
    const current = client;
    if (current) setTimeout(() => void resetAndRefetch(current), 0);
  });
  const link = new HttpLink({
    uri: appUrl('graphql'),
    fetch: async (input, init) => {
      const token = readToken();
      const ticket = served.send();
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      const response = await fetchWithTimeout(
        input,
        { ...init, headers },
        timeoutMs('requestMs', REQUEST_TIMEOUT_MS),
      );
      // A 401 to a request that carried a token means the server does not know it: the header's
      // token button says so (every query fails then, public ones included).
      if (token) noteTokenResponse(token, response.status);
      served.note(response.headers.get('x-snapshot-id'), ticket);
      return response;
    },
  });
  client = new ApolloClient({
    // A snapshot query left in error is asked again once another query succeeds (the API is back).
    link: ApolloLink.from([snapshotRecoveryLink(() => client), link]),
    cache: createCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-first' } },
  });
  return client;
}

/**
 * Drops every cached result and refetches the queries on screen: after the token changed (results
 * read under the old token) and after the API answered from a newer snapshot (results from the older
 * one; the header's snapshot is refetched too). A refetch that fails (an unknown token, a role that
 * may not see a section) reaches its own card through that query's error, so the rejection of the
 * whole reset is settled here rather than left as an uncaught promise rejection.
 */
export async function resetAndRefetch(client: ApolloClient): Promise<void> {
  try {
    await client.resetStore();
  } catch {
    // Shown per query (see above).
  }
}

/**
 * `possibleTypes` (generated from schema.graphql) lets the cache match fragments on interfaces: the
 * metric queries select rows through `fragment MetricRowFields on MetricRow`, and without it every
 * row would come back from the cache without keys, n or its suppression flags.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: introspection.possibleTypes,
    typePolicies: {
      // Singletons per snapshot: merge rather than warn when a second query selects more fields.
      Snapshot: { keyFields: ['id'] },
      DataQuality: { keyFields: ['snapshotId'] },
      Agency: { keyFields: ['code'] },
      Program: { keyFields: ['code'] },
      // One object per filter without an id, whose levels separate queries select (Partisipasi's
      // L1 and L2 cards): merge them instead of one query's result replacing the other's.
      Kirkpatrick: { merge: true },
    },
  });
}
