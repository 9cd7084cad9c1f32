import { readFile } from 'node:fs/promises';
import { type Db, pruneSnapshots, type SnapshotInfo, SnapshotReader, snapshotLayout } from '@asn/warehouse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addFixtureKecamatan, fixtureWarehouse, publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';
import { PinnedSnapshots, PinRefusal } from './pinned-snapshots.ts';
import { RequestLeases } from './request-leases.ts';

/** The refusal `promise` rejects with (fails the test when it resolves or throws anything else). */
async function refusal(promise: Promise<unknown>): Promise<PinRefusal> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  if (!(error instanceof PinRefusal)) throw error;
  return error;
}

const label = async (db: Db) =>
  (await db.all<{ label: string }>('SELECT label FROM fixture_label'))[0]?.label;

describe('PinnedSnapshots (real DuckDB)', () => {
  let w: Awaited<ReturnType<typeof fixtureWarehouse>>;
  let reader: SnapshotReader;
  let leases: RequestLeases;
  let pinned: PinnedSnapshots;
  let older: SnapshotInfo[];
  let live: SnapshotInfo;
  beforeAll(async () => {
    w = await fixtureWarehouse();
    older = [w.snapshot, await publishFixture(w.dir, 'second'), await publishFixture(w.dir, 'third')];
    live = await publishFixture(w.dir, 'live');
    reader = await SnapshotReader.open(w.dir);
    leases = new RequestLeases(reader);
  });
  afterEach(async () => {
    await pinned?.close();
  });
  afterAll(async () => {
    leases?.close();
    await reader?.close();
    await w?.cleanup();
  });

  it('reads a kept snapshot read-only, and the live one through the live lease', async () => {
    pinned = new PinnedSnapshots(w.dir, leases);
    const first = older[0]!;
    const lease = await pinned.acquire(first.id, 'analyst');
    expect(lease.snapshot.id).toBe(first.id);
    expect(await label(lease.db)).toBe('fixture');
    expect(lease.db.mode).toBe('read-only');
    await expect(lease.db.exec('CREATE TABLE x (i INTEGER)')).rejects.toThrow();
    // The same handle for the next request on it; the live id comes from the reader itself.
    const again = await pinned.acquire(first.id, 'planner');
    expect(again.snapshot).toBe(lease.snapshot);
    const onLive = await pinned.acquire(live.id, 'admin');
    expect(onLive.snapshot).toBe(reader.current);
    expect(await label(onLive.db)).toBe('live');
    expect(pinned.openCount).toBe(1);
    for (const l of [lease, again, onLive]) l.release();
  });

  it('refuses a role below analyst, a malformed id and an unknown one, with codes', async () => {
    pinned = new PinnedSnapshots(w.dir, leases);
    const forbidden = await refusal(pinned.acquire(older[0]!.id, 'public'));
    expect(forbidden.status).toBe(403);
    expect(forbidden.error.extensions?.code).toBe('FORBIDDEN');
    expect(forbidden.error.message).toContain('analyst or higher');

    const malformed = await refusal(pinned.acquire('latest', 'analyst'));
    expect(malformed.status).toBe(400);
    expect(malformed.error.extensions).toMatchObject({
      code: 'SNAPSHOT_NOT_KEPT',
      reason: 'NOT_A_SNAPSHOT_ID',
    });
    expect(malformed.error.message).toContain('snapshots { id }');

    const unknown = await refusal(pinned.acquire('20200101T000000000Z-abcd', 'analyst'));
    expect(unknown.status).toBe(404);
    expect(unknown.error.extensions).toMatchObject({ code: 'SNAPSHOT_NOT_KEPT', reason: 'NOT_KEPT' });
    expect(unknown.error.extensions?.kept).toEqual(
      [live, ...older]
        .map((s) => s.id)
        .sort()
        .reverse(),
    );
    expect(pinned.openCount).toBe(0);
  });

  it('keeps at most maxOpen kept snapshots open: idle ones make room, busy ones refuse a third', async () => {
    pinned = new PinnedSnapshots(w.dir, leases, { maxOpen: 2 });
    const [a, b, c] = older as [SnapshotInfo, SnapshotInfo, SnapshotInfo];
    const la = await pinned.acquire(a.id, 'analyst');
    const lb = await pinned.acquire(b.id, 'analyst');
    const busy = await refusal(pinned.acquire(c.id, 'analyst'));
    expect(busy.status).toBe(503);
    expect(busy.error.extensions).toMatchObject({ code: 'SNAPSHOT_UNAVAILABLE', maxOpen: 2 });
    expect(busy.headers['retry-after']).toBe('1');
    expect(pinned.openCount).toBe(2);
    // a idle: closed to make room for c; b still reads.
    la.release();
    const lc = await pinned.acquire(c.id, 'analyst');
    expect(await label(lc.db)).toBe('third');
    expect(await label(lb.db)).toBe('second');
    expect(pinned.openCount).toBe(2);
    await expect(la.db.all('SELECT 1')).rejects.toThrow();
    lb.release();
    lc.release();
  });

  it('closes a kept snapshot once idle', async () => {
    pinned = new PinnedSnapshots(w.dir, leases, { idleMs: 20 });
    const lease = await pinned.acquire(older[1]!.id, 'analyst');
    lease.release();
    expect(pinned.openCount).toBe(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(pinned.openCount).toBe(0);
    await expect(lease.db.all('SELECT 1')).rejects.toThrow();
  });

  it('a snapshot pruned while a request reads it: the request finishes, then it closes and is refused', async () => {
    const dir = w.dir;
    pinned = new PinnedSnapshots(dir, leases);
    const doomed = older[0]!;
    const lease = await pinned.acquire(doomed.id, 'analyst');
    const pruned = await pruneSnapshots(dir, 3);
    expect(pruned).toEqual([doomed.id]);
    await expect(readFile(snapshotLayout(dir).manifestFile(doomed.id))).rejects.toThrow();
    pinned.sweep();
    // Still open for the request on it (the unlinked file reads on), counted until it ends.
    expect(await label(lease.db)).toBe('fixture');
    expect(pinned.openCount).toBe(1);
    const after = await refusal(pinned.acquire(doomed.id, 'analyst'));
    expect(after.status).toBe(404);
    expect(after.error.extensions?.code).toBe('SNAPSHOT_NOT_KEPT');
    lease.release();
    expect(pinned.openCount).toBe(0);
    // Other kept snapshots still open as before.
    const other = await pinned.acquire(older[1]!.id, 'analyst');
    expect(await label(other.db)).toBe('second');
    other.release();
  });
});

describe('X-Snapshot-Id over HTTP', () => {
  let t: TestServer;
  let old: string;
  let next: string;
  const q = '{ snapshot { id rowCounts { table rows } } agencies { code name } }';
  type Answer = {
    snapshot: { id: string; rowCounts: { table: string; rows: number }[] };
    agencies: { code: string; name: string }[];
  };
  const agencyRows = (a: Answer) => a.snapshot.rowCounts.find((r) => r.table === 'dim_agency')?.rows;

  beforeAll(async () => {
    t = await startTestServer({ CORS_ORIGINS: 'https://research.example' });
    old = (await gql<Answer>(t.url, q, { token: TOKENS.analyst })).body.data!.snapshot.id;
    // The newer snapshot has one more agency (a kecamatan office) and other names.
    next = (await publishFixture(t.dir, 'next', addFixtureKecamatan)).id;
  });
  afterAll(() => t?.close());

  it('answers a pinned request from the older snapshot after a newer one is published', async () => {
    const live = await gql<Answer>(t.url, q, { token: TOKENS.analyst });
    expect(live.headers.get('x-snapshot-id')).toBe(next);
    expect(live.body.data!.snapshot.id).toBe(next);
    expect(agencyRows(live.body.data!)).toBe(4);

    const pinned = await gql<Answer>(t.url, q, { token: TOKENS.analyst, headers: { 'x-snapshot-id': old } });
    expect(pinned.status).toBe(200);
    expect(pinned.body.errors).toBeUndefined();
    expect(pinned.headers.get('x-snapshot-id')).toBe(old);
    expect(pinned.body.data!.snapshot.id).toBe(old);
    expect(agencyRows(pinned.body.data!)).toBe(3);
    expect(pinned.body.data!.agencies.map((a) => a.name)).toContain('DINKES fixture');
    expect(t.operations.at(-1)).toMatchObject({ snapshotId: old, role: 'analyst' });
    expect(t.logs.some((l) => l.msg === 'request' && l.fields.pinned === old)).toBe(true);
  });

  it('honours the header on GET (no other preflight header needed)', async () => {
    const res = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ snapshot { id } }')}`, {
      headers: { authorization: `Bearer ${TOKENS.planner}`, 'x-snapshot-id': old },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-snapshot-id')).toBe(old);
    expect(((await res.json()) as { data: Answer }).data.snapshot.id).toBe(old);
  });

  it('refuses the public role (anonymous) with FORBIDDEN, naming the role needed', async () => {
    const res = await gql(t.url, '{ snapshot { id } }', { headers: { 'x-snapshot-id': old } });
    expect(res.status).toBe(403);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.body.errors?.[0]?.message).toMatch(/public.*analyst or higher/);
  });

  it('refuses a malformed, an unknown and a pruned id with SNAPSHOT_NOT_KEPT, never a 500', async () => {
    const ask = (id: string) =>
      gql(t.url, '{ snapshot { id } }', { token: TOKENS.admin, headers: { 'x-snapshot-id': id } });
    const malformed = await ask('../../etc/passwd');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors?.[0]?.extensions).toMatchObject({ code: 'SNAPSHOT_NOT_KEPT' });
    const unknown = await ask('20991231T235959999Z-0000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({
      code: 'SNAPSHOT_NOT_KEPT',
      kept: [next, old],
    });
    expect(unknown.body.errors?.[0]?.message).toContain('snapshots { id }');

    // Published twice more with SNAPSHOTS_KEEP 2: `old` is pruned.
    const keep2 = async (l: string) => {
      const info = await publishFixture(t.dir, l);
      await pruneSnapshots(t.dir, 2);
      return info;
    };
    await keep2('n2');
    const newest = await keep2('n3');
    await gql(t.url, '{ snapshot { id } }', { token: TOKENS.admin }); // the server moves (and sweeps)
    const pruned = await ask(old);
    expect(pruned.status).toBe(404);
    expect(pruned.body.errors?.[0]?.extensions).toMatchObject({
      code: 'SNAPSHOT_NOT_KEPT',
      reason: 'NOT_KEPT',
    });
    expect(pruned.body.errors?.[0]?.extensions?.kept).not.toContain(old);
    expect((await ask(newest.id)).body.data).toEqual({ snapshot: { id: newest.id } });
    expect(t.logs.some((l) => l.msg === 'request failed')).toBe(false);
  });

  it('allows the header in CORS preflights', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://research.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-snapshot-id',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toContain('x-snapshot-id');
  });
});

describe('response cache with pinned requests', () => {
  let t: TestServer;
  afterAll(() => t?.close());

  it('never answers a live request with a pinned answer nor the reverse, and warms only live ones', async () => {
    t = await startTestServer({ CACHE_MAX_ENTRIES: 100 });
    const q = '{ snapshot { id } agencies { name } }';
    type A = { snapshot: { id: string }; agencies: { name: string }[] };
    const old = (await gql<A>(t.url, q, { token: TOKENS.analyst })).body.data!.snapshot.id;
    const next = (await publishFixture(t.dir, 'next')).id;
    const asked: { pin?: string; id: string; cache: string | null; names: string[] }[] = [];
    for (const pin of [undefined, old, old, undefined, old]) {
      const res = await gql<A>(t.url, q, {
        token: TOKENS.analyst,
        ...(pin ? { headers: { 'x-snapshot-id': pin } } : {}),
      });
      asked.push({
        ...(pin ? { pin } : {}),
        id: res.body.data!.snapshot.id,
        cache: res.headers.get('x-cache'),
        names: res.body.data!.agencies.map((a) => a.name),
      });
    }
    expect(asked.map((a) => [a.id, a.cache])).toEqual([
      [next, 'miss'],
      [old, 'miss'],
      [old, 'hit'],
      [next, 'hit'],
      [old, 'hit'],
    ]);
    for (const a of asked) expect(a.names.every((n) => n.endsWith(a.pin ? 'fixture' : 'next'))).toBe(true);
    // What a warm-up would replay on the next snapshot: the live request, not the pinned one.
    const recent = t.server.api.cache.recent(10);
    expect(recent).toHaveLength(1);
    expect(recent[0]).toMatchObject({ query: q, role: 'analyst' });
  });
});

it('leaves a request without the header on the live snapshot and opens no kept snapshot', async () => {
  const t = await startTestServer();
  try {
    const before = (await gql<{ snapshot: { id: string } }>(t.url, '{ snapshot { id } }')).body.data!.snapshot
      .id;
    const next = await publishFixture(t.dir, 'next');
    const res = await gql<{ snapshot: { id: string } }>(t.url, '{ snapshot { id } }');
    expect(before).not.toBe(next.id);
    expect(res.headers.get('x-snapshot-id')).toBe(next.id);
    expect(res.body.data!.snapshot.id).toBe(next.id);
    expect(t.logs.some((l) => l.msg === 'kept snapshot opened')).toBe(false);
    expect(t.logs.filter((l) => l.msg === 'request').every((l) => l.fields.pinned === undefined)).toBe(true);
  } finally {
    await t.close();
  }
});
