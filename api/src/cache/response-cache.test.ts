import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { delayedMetric } from '../testing/recording-metrics.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';
import { responseCachePlugin } from './response-cache.plugin.ts';
import { ResponseCache } from './response-cache.ts';

/** satisfaction is slowed down, so concurrent requests for it overlap for sure. */
const slowSatisfaction = delayedMetric('satisfaction', 300);

const Q = '{ snapshot { id } satisfaction(groupBy: [agency]) { rows { keys { agency } ikm } } }';

describe('response cache', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({}, slowSatisfaction);
  });
  afterAll(() => t?.close());

  const satisfactionCalls = (from: number) => t.calls.slice(from).filter((c) => c.metric === 'satisfaction');

  it('concurrent identical requests run the metric once; all get the same answer', async () => {
    const from = t.calls.length;
    const all = await Promise.all(Array.from({ length: 6 }, () => gql(t.url, Q)));
    expect(all.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(all.every((r) => r.body.errors === undefined)).toBe(true);
    expect(new Set(all.map((r) => r.text)).size).toBe(1);
    expect(all.map((r) => r.headers.get('x-cache')).sort()).toEqual([
      'hit',
      'hit',
      'hit',
      'hit',
      'hit',
      'miss',
    ]);
    expect(satisfactionCalls(from)).toHaveLength(1);
    expect(t.server.api.cache.coalesced).toBeGreaterThanOrEqual(5);
  });

  it('a batch of a hit and a miss stores and releases the miss: the same query alone is answered at once', async () => {
    await gql(t.url, Q); // cached (public)
    const missed = '{ agencies { code } }';
    const batch = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify([{ query: Q }, { query: missed }]),
    });
    expect(batch.status).toBe(200);
    // One operation ran: the batch is a miss.
    expect(batch.headers.get('x-cache')).toBe('miss');
    const answers = (await batch.json()) as { errors?: unknown }[];
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
    // Before the fix the miss read the hit's header, never released its key, and this waited for
    // it until the operation timeout (504).
    const alone = await gql(t.url, missed);
    expect(alone.status).toBe(200);
    expect(alone.headers.get('x-cache')).toBe('hit');
    expect(alone.body).toEqual(answers[1]);
  });

  it('is keyed by role: another role executes on its own, then hits its own entry', async () => {
    await gql(t.url, Q); // public (anonymous): cached by the test above
    const from = t.calls.length;
    const planner = await gql(t.url, Q, { token: TOKENS.planner });
    expect(planner.headers.get('x-cache')).toBe('miss');
    expect(satisfactionCalls(from)).toHaveLength(1);
    const again = await gql(t.url, Q, { token: TOKENS.planner });
    expect(again.headers.get('x-cache')).toBe('hit');
    const analyst = await gql(t.url, Q, { token: TOKENS.analyst });
    expect(analyst.headers.get('x-cache')).toBe('miss');
    expect(satisfactionCalls(from)).toHaveLength(2);
    expect(again.text).toBe(planner.text);
  });

  it('answers a hit with the same bytes and no-store, and serves the new snapshot after a publish', async () => {
    const first = await gql<{ snapshot: { id: string } }>(t.url, Q);
    const hit = await gql(t.url, Q);
    expect(hit.headers.get('x-cache')).toBe('hit');
    expect(hit.text).toBe(first.text);
    expect(hit.headers.get('cache-control')).toBe('no-store');
    const next = await publishFixture(t.dir, 'republished');
    const after = await gql<{ snapshot: { id: string } }>(t.url, Q);
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(after.body.data?.snapshot.id).toBe(next.id);
    expect(after.body.data?.snapshot.id).not.toBe(first.body.data?.snapshot.id);
    // The publish dropped every entry of the old snapshot.
    expect(t.server.api.cache.size).toBe(1);
  });
});

describe('hits answered by the HTTP layer', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  const post = (accept: string | undefined, contentType = 'application/json') =>
    fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(accept ? { accept } : {}) },
      body: JSON.stringify({ query: Q }),
    });

  it('sends the bytes and content type Apollo sends, per Accept header, and counts no warehouse query', async () => {
    const seen: { accept: string | undefined; cache: string | null; type: string | null; text: string }[] =
      [];
    for (const accept of [undefined, 'application/graphql-response+json', 'application/json', '*/*']) {
      for (let i = 0; i < 3; i++) {
        const res = await post(accept);
        expect(res.status).toBe(200);
        seen.push({
          accept,
          cache: res.headers.get('x-cache'),
          type: res.headers.get('content-type'),
          text: await res.text(),
        });
        expect(res.headers.get('cache-control')).toBe('no-store');
        const queries = t.operations.at(-1)?.queries ?? -1;
        if (i === 0 && accept === undefined) expect(queries).toBeGreaterThan(0);
        else expect(queries).toBe(0);
      }
    }
    expect(new Set(seen.map((s) => s.text)).size).toBe(1);
    expect(seen.slice(1).every((s) => s.cache === 'hit')).toBe(true);
    const typeOf = (accept: string | undefined) =>
      new Set(seen.filter((s) => s.accept === accept).map((s) => s.type));
    expect([...typeOf(undefined)]).toEqual(['application/json; charset=utf-8']);
    expect([...typeOf('application/graphql-response+json')]).toEqual([
      'application/graphql-response+json; charset=utf-8',
    ]);
    expect([...typeOf('*/*')]).toEqual(['application/json; charset=utf-8']);
  });

  it('a cached query sent as text/plain is still refused by CSRF prevention', async () => {
    expect((await post(undefined)).headers.get('x-cache')).toBe('hit');
    const res = await post(undefined, 'text/plain');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-cache')).toBeNull();
  });
});

describe('response cache disabled (CACHE_MAX_ENTRIES=0)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ CACHE_MAX_ENTRIES: 0 }, slowSatisfaction);
  });
  afterAll(() => t?.close());

  it('every request executes, concurrent ones too', async () => {
    const from = t.calls.length;
    const all = await Promise.all(Array.from({ length: 3 }, () => gql(t.url, Q)));
    expect(all.map((r) => r.headers.get('x-cache'))).toEqual(['miss', 'miss', 'miss']);
    expect(t.calls.slice(from).filter((c) => c.metric === 'satisfaction')).toHaveLength(3);
    expect(t.operations.slice(-3).every((o) => o.queries > 0)).toBe(true);
  });
});

describe('an operation that fails outside Apollo error handling', () => {
  it('releases its lead, so the requests waiting for it execute on their own', async () => {
    const cache = new ResponseCache(10);
    const plugin = responseCachePlugin(cache);
    const contextValue = {};
    cache.lead('k', contextValue);
    const waiting = cache.inFlight('k');
    expect(waiting).toBeDefined();
    await plugin.unexpectedErrorProcessingRequest?.({
      requestContext: { contextValue } as never,
      error: new Error('boom'),
    });
    await expect(waiting).resolves.toBeUndefined();
    expect(cache.inFlight('k')).toBeUndefined();
  });
});

describe('recent()', () => {
  it('lists the requests behind the most recently used entries, the most used first', () => {
    const cache = new ResponseCache(10);
    const key = (query: string, role = 'public', variables?: Record<string, unknown>) =>
      ResponseCache.key({ snapshotId: 's1', role, query, operationName: null, variables })!;
    cache.set(key('{ a }'), { data: {} });
    cache.set(key('{ b }', 'planner', { x: 1 }), { data: {} });
    cache.set(key('{ c }'), { data: {} });
    cache.get(key('{ a }'));
    cache.get(key('{ c }'));
    cache.get(key('{ b }', 'planner', { x: 1 }));
    cache.get(key('{ c }'));
    // The two most recently used ({ c }, then { b }), the most used first.
    expect(cache.recent(2)).toEqual([
      { role: 'public', operationName: null, query: '{ c }', variables: {}, uses: 3 },
      { role: 'planner', operationName: null, query: '{ b }', variables: { x: 1 }, uses: 2 },
    ]);
    expect(cache.recent(10).map((r) => [r.query, r.role, r.variables, r.uses])).toEqual([
      ['{ c }', 'public', {}, 3],
      ['{ b }', 'planner', { x: 1 }, 2],
      ['{ a }', 'public', {}, 2],
    ]);
  });

  it('counts an entry’s uses (its computation, hits, credits) until it is evicted or cleared', () => {
    const cache = new ResponseCache(2);
    const key = (query: string) =>
      ResponseCache.key({ snapshotId: 's1', role: 'public', query, operationName: null, variables: {} })!;
    cache.set(key('{ a }'), { data: {} });
    cache.credit(key('{ a }'), 4); // a warm-up's replay of an answer asked 5 times before
    cache.credit(key('{ gone }'), 4); // nothing cached under that key: nothing to credit
    cache.set(key('{ b }'), { data: {} });
    expect(cache.recent(5).map((r) => [r.query, r.uses])).toEqual([
      ['{ a }', 5],
      ['{ b }', 1],
    ]);
    cache.set(key('{ c }'), { data: {} }); // evicts { a }
    cache.set(key('{ a }'), { data: {} });
    expect(cache.recent(5).map((r) => [r.query, r.uses])).toEqual([
      ['{ a }', 1],
      ['{ c }', 1],
    ]);
    cache.clear();
    cache.set(key('{ c }'), { data: {} });
    expect(cache.recent(5).map((r) => r.uses)).toEqual([1]);
  });

  it('leaves out answers to requests pinned to a kept snapshot (X-Snapshot-Id): a warm-up replays live ones', () => {
    const cache = new ResponseCache(10);
    const key = (snapshotId: string, query: string) =>
      ResponseCache.key({ snapshotId, role: 'analyst', query, operationName: null, variables: {} })!;
    cache.set(key('live', '{ a }'), { data: { a: 1 } });
    cache.set(key('kept', '{ a }'), { data: { a: 0 } }, { pinned: true });
    cache.set(key('kept', '{ b }'), { data: { b: 0 } }, { pinned: true });
    // Both answers of { a } are kept apart by their snapshot.
    expect(cache.get(key('live', '{ a }'))).toEqual({ data: { a: 1 } });
    expect(cache.get(key('kept', '{ a }'))).toEqual({ data: { a: 0 } });
    expect(cache.size).toBe(3);
    expect(cache.recent(10).map((r) => r.query)).toEqual(['{ a }']);
  });
});

describe('the cache’s size in JSON text (CACHE_MAX_MB)', () => {
  const key = (query: string) =>
    ResponseCache.key({ snapshotId: 's1', role: 'public', query, operationName: null, variables: {} })!;
  /** An answer whose JSON text (`{"data":{"v":"…"}}` and a newline) is `chars` long. */
  const answer = (chars: number) => ({ data: { v: 'x'.repeat(chars - '{"data":{"v":""}}\n'.length) } });

  it('evicts the least recently used beyond maxChars, and keeps no entry longer than it alone', () => {
    // Each entry holds its key and its answer's text: `k` + the answer.
    const k = key('{ a }').length;
    expect(key('{ b }').length).toBe(k);
    const cache = new ResponseCache(100, 2 * k + 100);
    cache.set(key('{ a }'), answer(40));
    cache.set(key('{ b }'), answer(40));
    expect(cache.textLength).toBe(2 * (k + 40));
    cache.get(key('{ a }')); // { b } is now the least recently used
    cache.set(key('{ c }'), answer(40));
    expect(
      cache
        .recent(5)
        .map((r) => r.query)
        .sort(),
    ).toEqual(['{ a }', '{ c }']);
    expect(cache.textLength).toBe(2 * (k + 40));
    // Longer than the whole budget with its key: answered, not kept, and nothing else evicted for it.
    cache.set(key('{ huge }'), answer(2 * k + 101 - key('{ huge }').length));
    expect(cache.get(key('{ huge }'))).toBeUndefined();
    expect(cache.size).toBe(2);
    // Replacing an entry counts its new text only.
    cache.set(key('{ a }'), answer(50));
    expect(cache.textLength).toBe(2 * k + 90);
    cache.clear();
    expect(cache.textLength).toBe(0);
  });

  it('serializes a kept answer once: the response and every hit reuse the text', () => {
    const cache = new ResponseCache(10, 1000);
    const value = answer(60);
    cache.set(key('{ a }'), value);
    const text = cache.stringify(value);
    expect(text).toBe(`${JSON.stringify(value)}\n`);
    // The text kept at set(), reused for a hit (Apollo passes a copy of the result with the same data).
    expect(cache.stringify({ errors: undefined, data: value.data, extensions: undefined })).toBe(text);
  });
});
