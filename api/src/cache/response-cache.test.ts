import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricPort } from '../metrics/metric-port.ts';
import { publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

const SLOW_MS = 300;

/** satisfaction is slowed down, so concurrent requests for it overlap for sure. */
const slowSatisfaction = (m: MetricPort): MetricPort => ({
  ...m,
  satisfaction: async (db, q, o) => {
    await new Promise((r) => setTimeout(r, SLOW_MS));
    return m.satisfaction(db, q, o);
  },
});

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
