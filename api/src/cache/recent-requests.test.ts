import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../server/start-server.ts';
import { publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, TOKENS } from '../testing/test-server.ts';
import { RecentRequests } from './recent-requests.ts';
import type { CachedRequest } from './response-cache.ts';

const request = (query: string, role: CachedRequest['role'] = 'public'): CachedRequest => ({
  role,
  operationName: null,
  query,
  variables: {},
});

/** A request for the root field `name` (the list keeps only requests whose operation it can tell). */
const named = (name: string, role: CachedRequest['role'] = 'public') => request(`{ ${name} }`, role);
/** The root field `named` asked for. */
const field = (r: CachedRequest) => r.query.slice(2, -2);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asn-recent-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function store(path: string, cacheList: CachedRequest[], limit = 3) {
  const warnings: { message: string; fields: Record<string, unknown> }[] = [];
  const recent = new RecentRequests(
    path,
    limit,
    { recent: (n) => cacheList.slice(0, n) },
    (message, fields) => warnings.push({ message, fields }),
  );
  return { recent, warnings };
}

describe('RecentRequests', () => {
  it('writes the cache’s most recent requests atomically and reads them back in order', async () => {
    const path = join(dir, 'nested', 'recent.json');
    const { recent, warnings } = store(path, [named('a'), named('b', 'planner'), named('c'), named('d')]);
    expect(await recent.load()).toEqual([]); // no file yet: nothing to warm, no warning
    await recent.save();
    const body = JSON.parse(await readFile(path, 'utf8'));
    expect(body.version).toBe(1);
    expect(body.requests.map((r: CachedRequest) => `${r.role}:${field(r)}`)).toEqual([
      'public:a',
      'planner:b',
      'public:c',
    ]);
    const again = store(path, []);
    expect((await again.recent.load()).map(field)).toEqual(['a', 'b', 'c']);
    expect(warnings).toEqual([]);
  });

  it('lists the cache first, then saved requests not asked since, each once, up to the limit', async () => {
    const path = join(dir, 'recent.json');
    await store(path, [named('x'), named('y'), named('z')]).recent.save();
    const cacheList = [named('y'), named('n')];
    const { recent } = store(path, cacheList, 4);
    await recent.load();
    expect(recent.recent().map(field)).toEqual(['y', 'n', 'x', 'z']);
    // Keyed like the cache: the same query for another role is another request.
    cacheList.unshift(named('x', 'analyst'));
    expect(recent.recent().map((r) => `${r.role}:${field(r)}`)).toEqual([
      'analyst:x',
      'public:y',
      'public:n',
      'public:x',
    ]);
  });

  it('orders the list by uses, counts read from the file included', async () => {
    const path = join(dir, 'recent.json');
    await store(path, [{ ...named('x'), uses: 5 }, named('z')]).recent.save();
    const { recent } = store(path, [named('a'), { ...named('b'), uses: 2 }], 4);
    expect((await recent.load()).map((r) => [field(r), r.uses])).toEqual([
      ['x', 5],
      ['z', undefined],
    ]);
    expect(recent.recent().map(field)).toEqual(['x', 'b', 'a', 'z']);
  });

  it('does not rewrite an unchanged list', async () => {
    const path = join(dir, 'recent.json');
    const cacheList = [named('a')];
    const { recent } = store(path, cacheList);
    await recent.save();
    const first = (await stat(path)).mtimeMs;
    await new Promise((done) => setTimeout(done, 20));
    await recent.save();
    expect((await stat(path)).mtimeMs).toBe(first);
    cacheList.push(named('b'));
    await recent.save();
    expect((await stat(path)).mtimeMs).toBeGreaterThan(first);
  });

  it('ignores a malformed file, and a file naming an unknown role, with one warning each', async () => {
    const path = join(dir, 'recent.json');
    for (const content of [
      '{ not json',
      JSON.stringify({ version: 1, savedAt: 'x', requests: [{ ...named('a'), role: 'root' }] }),
      JSON.stringify({ version: 2, savedAt: 'x', requests: [] }),
    ]) {
      await writeFile(path, content);
      const { recent, warnings } = store(path, []);
      expect(await recent.load()).toEqual([]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.message).toBe('cache warm file: cannot read it');
      expect(warnings[0]?.fields.path).toBe(path);
    }
  });

  it('lists and writes only the variables each operation declares, and no request whose operation is unknown', async () => {
    const path = join(dir, 'recent.json');
    const nip = 'Fajar Nugroho 199001012015031003';
    const { recent } = store(
      path,
      [
        { ...request('query Q5 { agencies { code } }'), variables: { unused: nip } },
        {
          ...request('query A($x: Int) { a(x: $x) } query B($y: Int) { b(y: $y) }'),
          operationName: 'B',
          variables: { x: nip, y: 2 },
        },
        { ...request('query A { a } query B { b }'), variables: { leak: nip } }, // no operation named
        { ...request('query A($x: Int) { a }'), operationName: 'C', variables: { x: nip } },
        { ...request('{ not graphql'), variables: { leak: nip } },
      ],
      10,
    );
    expect(recent.recent().map((r) => [r.query.slice(0, 12), r.variables])).toEqual([
      ['query Q5 { a', {}],
      ['query A($x: ', { y: 2 }],
    ]);
    await recent.save();
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('Fajar');
    expect(JSON.parse(text).requests.map((r: CachedRequest) => r.variables)).toEqual([{}, { y: 2 }]);
  });

  it('rewrites a file an earlier version wrote with undeclared variables, or readable by others, 0600', async () => {
    const path = join(dir, 'recent.json');
    const nip = 'Fajar Nugroho 199001012015031003';
    const old = [{ ...request('query Q5 { agencies { code } }'), variables: { unused: nip } }];
    await writeFile(path, JSON.stringify({ version: 1, savedAt: 'x', requests: old }), { mode: 0o600 });
    const { recent } = store(path, []);
    expect((await recent.load()).map((r) => r.variables)).toEqual([{}]);
    await recent.save(); // nothing asked since the start: the list is the file's, less the variable
    expect(await readFile(path, 'utf8')).not.toContain('Fajar');
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    // A file of this version, unchanged, is left alone; the same one readable by others is rewritten.
    const first = (await stat(path)).mtimeMs;
    await new Promise((done) => setTimeout(done, 20));
    const same = store(path, []);
    await same.recent.load();
    await same.recent.save();
    expect((await stat(path)).mtimeMs).toBe(first);
    await chmod(path, 0o644);
    const loose = store(path, []);
    await loose.recent.load();
    await loose.recent.save();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('writes the file 0600 in directories it creates 0700', async () => {
    const path = join(dir, 'warehouse', 'api', 'recent-requests.json');
    const { recent, warnings } = store(path, [request('{ a }')]);
    await recent.save();
    expect(warnings).toEqual([]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'warehouse', 'api'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'warehouse'))).mode & 0o777).toBe(0o700);
  });

  it('reports a failed write once and keeps running (a read-only data directory)', async () => {
    if (process.getuid?.() === 0) {
      // root writes through file modes: a path under a regular file cannot be created by anyone.
      await writeFile(join(dir, 'file'), '');
    } else await chmod(dir, 0o500);
    const path = process.getuid?.() === 0 ? join(dir, 'file', 'recent.json') : join(dir, 'recent.json');
    const cacheList = [request('a')];
    const { recent, warnings } = store(path, cacheList);
    await recent.save();
    cacheList.push(request('b'));
    await recent.save();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toBe('cache warm file: cannot write it');
    await chmod(dir, 0o700);
  });
});

const SATISFACTION = '{ snapshot { id } satisfaction(groupBy: [agency]) { rows { keys { agency } ikm } } }';
const PARTICIPATION = `query Participation($agencies: [String!]) {
  snapshot { id }
  participation(filter: { agencies: $agencies }) { rows { n } }
}`;

describe('warm-up at start (CACHE_WARM_FILE)', () => {
  it('a restarted server recomputes what users asked before the restart, per role, before they ask again', async () => {
    const path = join(dir, 'recent-requests.json');
    const first = await startTestServer({ CACHE_WARM_ENTRIES: 5, CACHE_WARM_FILE: path });
    await gql(first.url, SATISFACTION);
    await gql(first.url, PARTICIPATION, { variables: { agencies: ['DINKES'] }, token: TOKENS.planner });
    await first.close(); // graceful shutdown writes the list
    const saved = JSON.parse(await readFile(path, 'utf8'));
    expect(saved.requests).toHaveLength(2);
    expect(JSON.stringify(saved)).not.toContain(TOKENS.planner);

    const second = await startTestServer({ CACHE_WARM_ENTRIES: 5, CACHE_WARM_FILE: path });
    try {
      await second.server.api.warmer.idle();
      expect(second.server.api.warmer.last).toMatchObject({
        reason: 'start',
        snapshotId: second.server.api.reader.current?.id,
        requests: 2,
        cached: 2,
        failed: 0,
      });
      expect(second.logs.find((l) => l.msg === 'cache warmed')?.fields).toMatchObject({ reason: 'start' });
      const computed = second.calls.length;
      expect(computed).toBeGreaterThan(0);
      const hit = await gql(second.url, PARTICIPATION, {
        variables: { agencies: ['DINKES'] },
        token: TOKENS.planner,
      });
      expect(hit.headers.get('x-cache')).toBe('hit');
      expect((await gql(second.url, SATISFACTION)).headers.get('x-cache')).toBe('hit');
      expect(second.calls.length).toBe(computed);
      // Warmed for the role that asked: the public role's participation still computes.
      const other = await gql(second.url, PARTICIPATION, { variables: { agencies: ['DINKES'] } });
      expect(other.headers.get('x-cache')).toBe('miss');
    } finally {
      await second.close();
    }
  });

  it('a server that starts before the first publish warms the saved list on the first snapshot', async () => {
    const path = join(dir, 'recent-requests.json');
    await writeFile(
      path,
      JSON.stringify({ version: 1, savedAt: 'x', requests: [{ ...request(SATISFACTION), uses: 3 }] }),
    );
    const warehouse = join(dir, 'warehouse');
    const server = await startServer({
      config: {
        PORT: 0,
        HOST: '127.0.0.1',
        WAREHOUSE_DIR: warehouse,
        LOG_LEVEL: 'silent',
        DASHBOARD_DIR: join(dir, 'no-dashboard'),
        CACHE_WARM_ENTRIES: 5,
        CACHE_WARM_FILE: path,
        SNAPSHOT_POLL_MS: 25,
      },
    });
    try {
      expect(server.api.reader.current).toBeNull();
      expect(server.api.warmer.last).toBeUndefined();
      const first = await publishFixture(warehouse, 'first');
      const until = Date.now() + 5000;
      while (server.api.warmer.last === undefined && Date.now() < until)
        await new Promise((done) => setTimeout(done, 10));
      await server.api.warmer.idle();
      expect(server.api.warmer.last).toMatchObject({
        snapshotId: first.id,
        reason: 'publish',
        requests: 1,
        cached: 1,
      });
      expect((await gql(server.url, SATISFACTION)).headers.get('x-cache')).toBe('hit');
      // The count read from the file carries over to the warmed answer (plus this hit).
      expect(server.api.cache.recent(5)[0]?.uses).toBe(4);
    } finally {
      await server.close();
    }
  });

  it('keeps no undeclared variable (privacy review): a replay of the list answers requests that send one', async () => {
    const path = join(dir, 'recent-requests.json');
    const nip = 'Fajar Nugroho 199001012015031003';
    const AGENCIES = 'query Q5 { agencies { code } }';
    const first = await startTestServer({ CACHE_WARM_ENTRIES: 5, CACHE_WARM_FILE: path });
    const sent = await gql(first.url, AGENCIES, { variables: { unused: nip } });
    expect(sent.status).toBe(200);
    expect(sent.headers.get('x-cache')).toBe('miss');
    await gql(first.url, PARTICIPATION, { variables: { agencies: ['DINKES'], unused: nip } });
    // Variables that fail validation: answered with an error, neither cached nor listed.
    const refused = await gql(first.url, PARTICIPATION, { variables: { agencies: [{ name: nip }] } });
    expect(refused.body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(first.server.api.cache.recent(5))).not.toContain('Fajar');
    expect(JSON.stringify(first.server.api.recentRequests?.recent())).not.toContain('Fajar');
    await first.close();
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('Fajar');
    expect(JSON.parse(text).requests.map((r: CachedRequest) => [r.query, r.variables])).toEqual([
      [PARTICIPATION, { agencies: ['DINKES'] }],
      [AGENCIES, {}],
    ]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const second = await startTestServer({ CACHE_WARM_ENTRIES: 5, CACHE_WARM_FILE: path });
    try {
      await second.server.api.warmer.idle();
      expect(second.server.api.warmer.last).toMatchObject({ reason: 'start', requests: 2, cached: 2 });
      // The warmed answers are found under the key users hit, whatever undeclared variables they send.
      const hits = [
        await gql(second.url, AGENCIES, { variables: { unused: nip } }),
        await gql(second.url, AGENCIES),
        await gql(second.url, PARTICIPATION, { variables: { agencies: ['DINKES'], unused: nip } }),
        await gql(second.url, PARTICIPATION, { variables: { agencies: ['DINKES'] } }),
      ];
      expect(hits.map((r) => r.headers.get('x-cache'))).toEqual(['hit', 'hit', 'hit', 'hit']);
    } finally {
      await second.close();
    }
  });

  it('writes nothing and warms nothing when the warm-up is off', async () => {
    const path = join(dir, 'recent-requests.json');
    const t = await startTestServer({ CACHE_WARM_ENTRIES: 0, CACHE_WARM_FILE: path });
    expect(t.server.api.recentRequests).toBeNull();
    await gql(t.url, SATISFACTION);
    await t.close();
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
  });
});
