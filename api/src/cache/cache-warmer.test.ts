import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { delayedMetric } from '../testing/recording-metrics.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';
import { CacheWarmer, type ReplayOutcome, type WarmReport } from './cache-warmer.ts';
import type { CachedRequest } from './response-cache.ts';

const request = (query: string): CachedRequest => ({
  role: 'public',
  operationName: null,
  query,
  variables: {},
});

describe('CacheWarmer', () => {
  it('replays one request at a time, in the order given, and reports what each did', async () => {
    const log: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const outcomes: Record<string, ReplayOutcome> = { a: 'cached', b: 'failed', c: 'cached' };
    const warmer = new CacheWarmer(async (r, snapshotId) => {
      running += 1;
      // Counted, not asserted here: the warmer catches a replay's errors (it would count a failure).
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((done) => setTimeout(done, 5));
      log.push(`${snapshotId}:${r.query}`);
      running -= 1;
      if (r.query === 'boom') throw new Error('replay failed');
      return outcomes[r.query] ?? 'cached';
    });
    warmer.start('s2', ['a', 'b', 'boom', 'c'].map(request));
    await warmer.idle();
    expect(log).toEqual(['s2:a', 's2:b', 's2:boom', 's2:c']);
    expect(mostAtOnce).toBe(1);
    expect(warmer.last).toMatchObject({ snapshotId: 's2', requests: 4, cached: 2, failed: 2, skipped: 0 });
  });

  it('stops when the snapshot is no longer live, and when a newer warm-up starts', async () => {
    const log: string[] = [];
    const reports: WarmReport[] = [];
    const warmer = new CacheWarmer(
      async (r, snapshotId) => {
        log.push(`${snapshotId}:${r.query}`);
        await new Promise((done) => setTimeout(done, 20));
        return r.query === 'gone' ? 'stale' : 'cached';
      },
      (report) => reports.push(report),
    );
    warmer.start('s2', ['a', 'gone', 'b'].map(request));
    await warmer.idle();
    expect(warmer.last).toMatchObject({ snapshotId: 's2', cached: 1, skipped: 2 });
    log.length = 0;
    warmer.start('s3', ['a', 'b', 'c'].map(request));
    await new Promise((done) => setTimeout(done, 5));
    warmer.start('s4', ['x'].map(request));
    await warmer.idle();
    // s3's replay in hand is aborted; s3 is skipped for s4.
    expect(log).toEqual(['s3:a', 's4:x']);
    expect(reports.find((r) => r.snapshotId === 's3')).toMatchObject({ requests: 3, cached: 0, skipped: 3 });
    expect(warmer.last).toMatchObject({ snapshotId: 's4', requests: 1, cached: 1, skipped: 0 });
  });

  it('stop() aborts the replay in hand (a server shutting down does not wait for it)', async () => {
    let seen: AbortSignal | undefined;
    const warmer = new CacheWarmer(
      (_r, _s, signal) =>
        new Promise<ReplayOutcome>((done) => {
          seen = signal;
          signal.addEventListener('abort', () => done('stale'));
        }),
    );
    warmer.start('s2', ['a', 'b'].map(request));
    await new Promise((done) => setTimeout(done, 5));
    expect(seen?.aborted).toBe(false);
    await warmer.stop();
    expect(seen?.aborted).toBe(true);
    expect(warmer.last).toMatchObject({ requests: 2, cached: 0, failed: 0, skipped: 2 });
  });

  it('starts nothing once stopped', async () => {
    let replays = 0;
    const warmer = new CacheWarmer(async () => {
      replays += 1;
      return 'cached';
    });
    await warmer.stop();
    warmer.start('s2', [request('a')]);
    await warmer.idle();
    expect(replays).toBe(0);
    expect(warmer.last).toBeUndefined();
  });
});

/** satisfaction is slowed down, so concurrent requests for it overlap for sure. */
const slowSatisfaction = delayedMetric('satisfaction', 300);

const SATISFACTION = '{ snapshot { id } satisfaction(groupBy: [agency]) { rows { keys { agency } ikm } } }';
const PARTICIPATION = `query Participation($agencies: [String!]) {
  snapshot { id }
  participation(filter: { agencies: $agencies }) { rows { n } }
}`;
const SERVICE = '{ snapshot { id } serviceTimes(groupBy: [agency]) { rows { n } } }';

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('warm-up after a publish (CACHE_WARM_ENTRIES, SNAPSHOT_POLL_MS)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ CACHE_WARM_ENTRIES: 3, SNAPSHOT_POLL_MS: 25 }, slowSatisfaction);
  });
  afterAll(() => t?.close());

  const callsOf = (from: number, metric: string) => t.calls.slice(from).filter((c) => c.metric === metric);

  it('notices the publish without a request and recomputes the most recent answers, per role, before they are asked', async () => {
    const api = t.server.api;
    const first = await gql<{ snapshot: { id: string } }>(t.url, SERVICE); // oldest: not warmed (3 kept)
    await gql(t.url, PARTICIPATION, { variables: { agencies: ['DINKES'] }, token: TOKENS.planner });
    await gql(t.url, SATISFACTION);
    await gql(t.url, PARTICIPATION, { variables: { agencies: ['DINKES'] } });
    await gql(t.url, SATISFACTION);
    await gql(t.url, SATISFACTION); // asked three times: replayed first
    expect(api.cache.size).toBe(4);
    const from = t.calls.length;
    const next = await publishFixture(t.dir, 'warmed');
    await waitFor(() => api.reader.current?.id === next.id);
    await api.warmer.idle();
    expect(api.warmer.last).toMatchObject({
      snapshotId: next.id,
      requests: 3,
      cached: 3,
      failed: 0,
      skipped: 0,
    });
    // The most used first, and each keeps its count on the new snapshot (the next warm-up's order).
    expect(api.cache.recent(3).map((r) => [r.query, r.uses])).toEqual([
      [SATISFACTION, 3],
      [PARTICIPATION, 1],
      [PARTICIPATION, 1],
    ]);
    expect(callsOf(from, 'satisfaction')[0]).toBe(t.calls[from]);
    const warmed = t.logs.find((l) => l.msg === 'cache warmed' && l.fields.snapshotId === next.id);
    expect(warmed?.fields).toMatchObject({ requests: 3, cached: 3 });
    // Recomputed on the new snapshot: the three most recent, each once, with its variables.
    expect(callsOf(from, 'satisfaction')).toHaveLength(1);
    expect(callsOf(from, 'participation').length).toBeGreaterThan(0);
    expect(callsOf(from, 'serviceTimes')).toHaveLength(0);
    const warmCalls = t.calls.length;
    for (const [query, options] of [
      [SATISFACTION, {}],
      [PARTICIPATION, { variables: { agencies: ['DINKES'] } }],
      [PARTICIPATION, { variables: { agencies: ['DINKES'] }, token: TOKENS.planner }],
    ] as const) {
      const res = await gql<{ snapshot: { id: string } }>(t.url, query, options);
      expect(res.headers.get('x-cache')).toBe('hit');
      expect(res.body.data?.snapshot.id).toBe(next.id);
    }
    expect(t.calls.length).toBe(warmCalls);
    // Keyed by role as before: the analyst never asked, so its request computes.
    const analyst = await gql(t.url, PARTICIPATION, {
      variables: { agencies: ['DINKES'] },
      token: TOKENS.analyst,
    });
    expect(analyst.headers.get('x-cache')).toBe('miss');
    // The oldest entry was not replayed: it computes when asked, on the new snapshot.
    const service = await gql<{ snapshot: { id: string } }>(t.url, SERVICE);
    expect(service.headers.get('x-cache')).toBe('miss');
    expect(service.body.data?.snapshot.id).not.toBe(first.body.data?.snapshot.id);
  });

  it('a request for the answer being recomputed waits for it rather than computing it again', async () => {
    const api = t.server.api;
    await gql(t.url, SATISFACTION);
    const from = t.calls.length;
    const next = await publishFixture(t.dir, 'warmed-again');
    await waitFor(() => callsOf(from, 'satisfaction').length === 1);
    // /readyz says a warm-up is under way (operators can wait for it before sending traffic).
    const during = await (await fetch(`${t.url}/readyz`)).json();
    expect(during).toMatchObject({
      status: 'ready',
      snapshot: next.id,
      cache: { warming: { snapshotId: next.id, reason: 'publish', requests: 3, done: 0 } },
    });
    const res = await gql<{ snapshot: { id: string } }>(t.url, SATISFACTION);
    expect(res.headers.get('x-cache')).toBe('hit');
    expect(res.body.data?.snapshot.id).toBe(next.id);
    await api.warmer.idle();
    expect(callsOf(from, 'satisfaction')).toHaveLength(1);
    const after = (await (await fetch(`${t.url}/readyz`)).json()) as { cache: { mb: number } };
    expect(after.cache).toEqual({ entries: 3, mb: expect.any(Number), warming: null });
    // The cache's JSON text in MB to one decimal (three small fixture answers: 0.0).
    expect(api.cache.textLength).toBeGreaterThan(0);
    expect(after.cache.mb).toBe(Math.round(api.cache.textLength / 104_857.6) / 10);
  });
});

describe('warm-up off (CACHE_WARM_ENTRIES=0)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ CACHE_WARM_ENTRIES: 0, SNAPSHOT_POLL_MS: 25 });
  });
  afterAll(() => t?.close());

  it('moves to the new snapshot and recomputes nothing until asked', async () => {
    await gql(t.url, SATISFACTION);
    const from = t.calls.length;
    const next = await publishFixture(t.dir, 'not-warmed');
    await waitFor(() => t.server.api.reader.current?.id === next.id);
    await t.server.api.warmer.idle();
    expect(t.calls.length).toBe(from);
    expect(t.server.api.cache.size).toBe(0);
    expect((await gql(t.url, SATISFACTION)).headers.get('x-cache')).toBe('miss');
  });
});
