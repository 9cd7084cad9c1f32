import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { MAX_RECENT_CHARS, RecentRequests } from './recent-requests.ts';
import { type CachedRequest, MAX_KEY_CHARS, ResponseCache } from './response-cache.ts';

const key = (query: string, variables: Record<string, unknown> = {}) =>
  ResponseCache.key({ snapshotId: 's1', role: 'public', query, operationName: null, variables });
/** `{ snapshot { id } }` behind a comment: `chars` long, its own text per `i`. */
const padded = (i: number, chars: number) => {
  const head = `#${i} `;
  const tail = '\n{ snapshot { id } }';
  return `${head}${'x'.repeat(chars - head.length - tail.length)}${tail}`;
};
const ANSWER = { data: { snapshot: { id: 's1' } } };

describe('the response cache counts its keys (CACHE_MAX_MB: keys and answers)', () => {
  it('an entry holds its key and its answer', () => {
    const cache = new ResponseCache(100);
    const query = padded(0, 10_000);
    cache.set(key(query), ANSWER);
    expect(cache.textLength).toBe(key(query).length + `${JSON.stringify(ANSWER)}\n`.length);
    expect(cache.textLength).toBeGreaterThan(10_000);
  });

  it('comment-padded keys are evicted within maxChars, however small their answers', () => {
    const cache = new ResponseCache(1000, 200_000);
    for (let i = 0; i < 100; i++) cache.set(key(padded(i, 30_000)), ANSWER);
    expect(cache.textLength).toBeLessThanOrEqual(200_000);
    expect(cache.size).toBe(6); // 6 × (30,000 + key and answer) ≤ 200,000 < 7 × …
  });

  it('a key over MAX_KEY_CHARS (query or unused variables) is neither cached nor led', () => {
    const cache = new ResponseCache(100);
    const long = key(padded(0, MAX_KEY_CHARS + 1));
    cache.set(long, ANSWER);
    const bigVariables = key('{ snapshot { id } }', { unused: 'v'.repeat(MAX_KEY_CHARS) });
    cache.set(bigVariables, ANSWER);
    expect(cache.size).toBe(0);
    expect(cache.textLength).toBe(0);
    cache.lead(long, {});
    expect(cache.inFlight(long)).toBeUndefined();
    // Just under the cap: cached.
    const fits = key(padded(1, MAX_KEY_CHARS - 100));
    expect(ResponseCache.fits(fits)).toBe(true);
    cache.set(fits, ANSWER);
    expect(cache.size).toBe(1);
  });
});

describe('comment-padded requests over HTTP (review of 2026-12-06)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ CACHE_MAX_MB: 1 });
  });
  afterAll(() => t?.close());

  const readyMb = async () =>
    ((await (await fetch(`${t.url}/readyz`)).json()) as { cache: { mb: number } }).cache.mb;

  it('a 900 KB comment is answered but not cached: nothing held, no x-cache', async () => {
    const before = { size: t.server.api.cache.size, chars: t.server.api.cache.textLength };
    for (let i = 0; i < 5; i++) {
      const res = await gql(t.url, padded(i, 900_000));
      expect(res.status).toBe(200);
      expect((res.body.data as { snapshot: { id: string } }).snapshot.id).toMatch(/\S/);
      expect(res.headers.get('x-cache')).toBeNull();
    }
    // Unused variables: the same.
    const res = await gql(t.url, '{ snapshot { id } }', { variables: { unused: 'v'.repeat(200_000) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cache')).toBeNull();
    expect(t.server.api.cache.size).toBe(before.size);
    expect(t.server.api.cache.textLength).toBe(before.chars);
  });

  it('60 KB comments are cached within CACHE_MAX_MB, and /readyz counts them', async () => {
    for (let i = 0; i < 40; i++) {
      const res = await gql(t.url, padded(1000 + i, 60_000));
      expect(res.headers.get('x-cache')).toBe('miss');
    }
    const cache = t.server.api.cache;
    // 40 × 60 KB = 2.4 MB of keys asked; at most 1 MB kept (16 of them), and reported.
    expect(cache.textLength).toBeLessThanOrEqual(1024 * 1024);
    expect(cache.textLength).toBeGreaterThan(15 * 60_000);
    expect(cache.size).toBeLessThanOrEqual(17);
    expect(await readyMb()).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the recent-requests file stays bounded', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asn-recent-bounds-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const request = (query: string): CachedRequest => ({
    role: 'public',
    operationName: null,
    query,
    variables: {},
  });
  const store = (path: string, list: CachedRequest[], limit: number) => {
    const warnings: string[] = [];
    const recent = new RecentRequests(path, limit, { recent: (n) => list.slice(0, n) }, (m, f) =>
      warnings.push(`${m} ${String(f.error)}`),
    );
    return { recent, warnings };
  };

  it('lists no request longer than a cache key may be, and at most MAX_RECENT_CHARS of them', async () => {
    const path = join(dir, 'recent.json');
    const list = [
      request(padded(0, MAX_KEY_CHARS + 1)), // never cached, so never listed (an old file's, say)
      ...Array.from({ length: 200 }, (_, i) => request(padded(i + 1, 60_000))),
    ];
    const { recent } = store(path, list, 1000);
    const listed = recent.recent();
    expect(listed.some((r) => r.query.length > MAX_KEY_CHARS)).toBe(false);
    const each = ResponseCache.key({ ...request(padded(1, 60_000)), snapshotId: '' }).length;
    expect(listed.length).toBe(Math.floor(MAX_RECENT_CHARS / each));
    await recent.save();
    const { size } = await stat(path);
    expect(size).toBeLessThanOrEqual(MAX_RECENT_CHARS + 100 * listed.length);
    expect(size).toBeGreaterThan(MAX_RECENT_CHARS - 60_100);
  });

  it('reads back no oversized request, and no file far beyond the bound (45 MB in the review)', async () => {
    const path = join(dir, 'old.json');
    const requests = [request(padded(0, MAX_KEY_CHARS + 10)), request('{ snapshot { id } }')];
    await writeFile(path, JSON.stringify({ version: 1, savedAt: new Date().toISOString(), requests }));
    const a = store(path, [], 50);
    expect((await a.recent.load()).map((r) => r.query)).toEqual(['{ snapshot { id } }']);

    const huge = join(dir, 'huge.json');
    const many = Array.from({ length: 200 }, (_, i) => request(padded(i, 60_000)));
    await writeFile(huge, JSON.stringify({ version: 1, savedAt: new Date().toISOString(), requests: many }));
    const b = store(huge, [], 50);
    expect(await b.recent.load()).toEqual([]);
    expect(b.warnings).toHaveLength(1);
    expect(b.warnings[0]).toMatch(/cannot read it .*bytes, more than/);
    expect((await readFile(huge, 'utf8')).length).toBeGreaterThan(2 * MAX_RECENT_CHARS);
  });
});
