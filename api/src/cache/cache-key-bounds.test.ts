import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { MAX_RECENT_BYTES, RecentRequests } from './recent-requests.ts';
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
    cache.set(key(query)!, ANSWER);
    expect(cache.textLength).toBe(key(query)!.length + `${JSON.stringify(ANSWER)}\n`.length);
    expect(cache.textLength).toBeGreaterThan(10_000);
  });

  it('comment-padded keys are evicted within maxChars, however small their answers', () => {
    const cache = new ResponseCache(1000, 200_000);
    for (let i = 0; i < 100; i++) cache.set(key(padded(i, 30_000))!, ANSWER);
    expect(cache.textLength).toBeLessThanOrEqual(200_000);
    expect(cache.size).toBe(6); // 6 × (30,000 + key and answer) ≤ 200,000 < 7 × …
  });

  it('a request whose key would pass MAX_KEY_CHARS (query or unused variables) has none: never cached nor led', () => {
    const cache = new ResponseCache(100);
    expect(key(padded(0, MAX_KEY_CHARS + 1))).toBeUndefined();
    expect(key('{ snapshot { id } }', { unused: 'v'.repeat(MAX_KEY_CHARS) })).toBeUndefined();
    // Each part under the cap, the key over it.
    expect(key(padded(2, MAX_KEY_CHARS / 2), { unused: 'v'.repeat(MAX_KEY_CHARS / 2) })).toBeUndefined();
    // The cap is the key's length, to the character.
    const base = key('{ snapshot { id } }', { v: '' })!.length;
    expect(key('{ snapshot { id } }', { v: 'v'.repeat(MAX_KEY_CHARS - base) })).toHaveLength(MAX_KEY_CHARS);
    expect(key('{ snapshot { id } }', { v: 'v'.repeat(MAX_KEY_CHARS - base + 1) })).toBeUndefined();
    // Just under the cap: cached and led.
    const fits = key(padded(1, MAX_KEY_CHARS - 100));
    expect(fits).toBeDefined();
    cache.set(fits!, ANSWER);
    expect(cache.size).toBe(1);
    cache.lead(key(padded(3, MAX_KEY_CHARS - 100))!, {});
    expect(cache.inFlight(key(padded(3, MAX_KEY_CHARS - 100))!)).toBeDefined();
  });

  it('a key is the JSON of its parts, whatever the variables', () => {
    const parts = { snapshotId: 's"1', role: 'public', query: '{ a }\n', operationName: 'Op' };
    for (const variables of [{ x: [1, 'é', null], y: { z: '中' } }, {}, undefined, null]) {
      expect(ResponseCache.key({ ...parts, variables })).toBe(
        JSON.stringify([parts.snapshotId, parts.role, parts.operationName, parts.query, variables ?? {}]),
      );
    }
    expect(ResponseCache.key({ ...parts, operationName: undefined, variables: { a: 1 } })).toBe(
      JSON.stringify([parts.snapshotId, parts.role, null, parts.query, { a: 1 }]),
    );
  });

  it('stops early: a long query text is not serialized, 1 MB of variables is serialized once', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const query = padded(0, MAX_KEY_CHARS + 1);
      expect(
        ResponseCache.key({
          snapshotId: 's1',
          role: 'public',
          query,
          operationName: null,
          variables: { a: 1 },
        }),
      ).toBeUndefined();
      expect(stringify).not.toHaveBeenCalled();
      const variables = { unused: 'v'.repeat(1024 * 1024) };
      expect(key('{ snapshot { id } }', variables)).toBeUndefined();
      expect(stringify).toHaveBeenCalledTimes(1);
      expect(stringify.mock.calls[0]?.[0]).toBe(variables);
    } finally {
      stringify.mockRestore();
    }
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
    expect(t.server.api.cache.size).toBe(before.size);
    expect(t.server.api.cache.textLength).toBe(before.chars);
  });

  it('200 KB of unused variables are not part of the key: cached under the declared ones alone', async () => {
    const query = 'query Unused($id: Boolean!) { snapshot { id @include(if: $id) } }';
    const before = t.server.api.cache.textLength;
    const res = await gql(t.url, query, { variables: { id: true, unused: 'v'.repeat(200_000) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cache')).toBe('miss');
    expect(t.server.api.cache.textLength - before).toBeLessThan(1000);
    // Any other undeclared variables, or none: the same answer, the same entry.
    const again = await gql(t.url, query, { variables: { id: true, other: 'x' } });
    expect(again.headers.get('x-cache')).toBe('hit');
    expect((await gql(t.url, query, { variables: { id: true } })).headers.get('x-cache')).toBe('hit');
    expect((await gql(t.url, query, { variables: { id: false } })).headers.get('x-cache')).toBe('miss');
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

  it('lists no request longer than a cache key may be, and at most MAX_RECENT_BYTES of them', async () => {
    const path = join(dir, 'recent.json');
    const list = [
      request(padded(0, MAX_KEY_CHARS + 1)), // never cached, so never listed (an old file's, say)
      ...Array.from({ length: 200 }, (_, i) => request(padded(i + 1, 60_000))),
    ];
    const { recent } = store(path, list, 1000);
    const listed = recent.recent();
    expect(listed.some((r) => r.query.length > MAX_KEY_CHARS)).toBe(false);
    const each = ResponseCache.key({ ...request(padded(1, 60_000)), snapshotId: '' })!.length;
    expect(listed.length).toBe(Math.floor(MAX_RECENT_BYTES / each));
    await recent.save();
    const { size } = await stat(path);
    expect(size).toBeLessThanOrEqual(MAX_RECENT_BYTES + 100 * listed.length);
    expect(size).toBeGreaterThan(MAX_RECENT_BYTES - 60_100);
  });

  it('counts the list in UTF-8 bytes: multi-byte keys never write a file the next start refuses', async () => {
    const path = join(dir, 'wide.json');
    // 50 queries of ~64,000 '中' (3 bytes each): 3.2 M characters, 9.6 MB of UTF-8.
    const wide = (i: number) => `#${i} ${'中'.repeat(64_000)}\n{ snapshot { id } }`;
    const list = Array.from({ length: 50 }, (_, i) => request(wide(i)));
    const each = Buffer.byteLength(ResponseCache.key({ ...list[0]!, snapshotId: '' })!);
    expect(each).toBeGreaterThan(3 * 64_000);
    const { recent, warnings } = store(path, list, 50);
    const listed = recent.recent();
    expect(listed.length).toBe(Math.floor(MAX_RECENT_BYTES / each));
    await recent.save();
    const { size } = await stat(path);
    expect(size).toBeLessThanOrEqual(MAX_RECENT_BYTES + 100 * listed.length);
    // The next start reads it back whole.
    const next = store(path, [], 50);
    expect((await next.recent.load()).map((r) => r.query).sort()).toEqual(listed.map((r) => r.query).sort());
    expect([...warnings, ...next.warnings]).toEqual([]);
  });

  it('writes nested variables without indentation (3,000 deep took 9 MB indented)', async () => {
    const path = join(dir, 'nested.json');
    const deep = JSON.parse(`${'['.repeat(3000)}${']'.repeat(3000)}`) as unknown;
    // Declared (the list keeps no other), though no validation would accept it: the file does not check.
    const list = [{ ...request('query Deep($deep: [Int]) { snapshot { id } }'), variables: { deep } }];
    const { recent } = store(path, list, 50);
    await recent.save();
    expect((await stat(path)).size).toBeLessThan(10_000);
    const next = store(path, [], 50);
    // Compared as JSON: vitest's recursive toEqual overflowed the stack on the 3,000 levels in some
    // runs (CI of 2026-12-06), while JSON.stringify, which the store itself uses, does not.
    expect(JSON.stringify(await next.recent.load())).toBe(JSON.stringify(list));
    expect(next.warnings).toEqual([]);
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
    expect((await readFile(huge, 'utf8')).length).toBeGreaterThan(2 * MAX_RECENT_BYTES);
  });
});
