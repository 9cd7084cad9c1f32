import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCurrent, snapshotLayout } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';
import { type RunningServer, startServer } from './start-server.ts';

interface Ready {
  status: string;
  snapshot: string | null;
  currentDamaged: boolean;
}

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as Ready };
};

/**
 * CURRENT damaged (half written) under a running server: it keeps serving the snapshot it has, says
 * so on /readyz, and the `snapshots` query and `rollbackWarehouse` still work, so an admin repairs it
 * from the dashboard (a review found every request answering a generic 500, rollback included).
 */
describe('a damaged CURRENT under a running server', () => {
  let t: TestServer;
  let first: string;
  let second: string;
  const LIVE = '{ snapshot { id } }';
  const CACHED = '{ agencies { code } }';

  beforeAll(async () => {
    t = await startTestServer();
    first = (await gql<{ snapshot: { id: string } }>(t.url, LIVE)).body.data!.snapshot.id;
    second = (await publishFixture(t.dir, 'second')).id;
    expect((await gql<{ snapshot: { id: string } }>(t.url, LIVE)).body.data!.snapshot.id).toBe(second);
    expect((await gql(t.url, CACHED)).headers.get('x-cache')).toBe('miss');
    expect((await readyz(t.url)).body.currentDamaged).toBe(false);
    // Half written, in place (as `head -c 40 good > CURRENT` leaves it).
    const current = snapshotLayout(t.dir).current;
    await writeFile(current, (await readFile(current, 'utf8')).slice(0, 40));
    await expect(readCurrent(t.dir)).rejects.toMatchObject({ code: 'CURRENT_DAMAGED' });
  });
  afterAll(() => t?.close());

  it('answers queries from the snapshot it served, cached answers too, and warns once', async () => {
    for (let i = 0; i < 3; i += 1) {
      const res = await gql<{ snapshot: { id: string } }>(t.url, LIVE);
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.snapshot.id).toBe(second);
      expect(res.headers.get('x-snapshot-id')).toBe(second);
    }
    const cached = await gql<{ agencies: { code: string }[] }>(t.url, CACHED);
    expect(cached.status).toBe(200);
    expect(cached.headers.get('x-cache')).toBe('hit');
    expect(cached.body.data!.agencies.length).toBeGreaterThan(0);
    // A pinned request still reads the kept snapshot it names.
    const pinned = await gql<{ snapshot: { id: string } }>(t.url, LIVE, {
      token: TOKENS.analyst,
      headers: { 'x-snapshot-id': first },
    });
    expect(pinned.status).toBe(200);
    expect(pinned.body.data!.snapshot.id).toBe(first);
    const warnings = t.logs.filter((l) => l.level === 'warn' && l.msg.includes('CURRENT is damaged'));
    expect(warnings.map((l) => l.msg.slice(0, 'Still serving snapshot '.length + second.length))).toEqual([
      `Still serving snapshot ${second}`,
    ]);
    expect(t.logs.some((l) => l.msg === 'request failed')).toBe(false);
  });

  it('is ready on /readyz (a snapshot is served) and says CURRENT is damaged', async () => {
    expect(await readyz(t.url)).toMatchObject({
      status: 200,
      body: { status: 'ready', snapshot: second, currentDamaged: true },
    });
  });

  it('lists the kept snapshots, none live, and rollbackWarehouse repairs CURRENT', async () => {
    const LIST = '{ snapshots { id live } }';
    const list = await gql<{ snapshots: { id: string; live: boolean }[] }>(t.url, LIST, {
      token: TOKENS.analyst,
    });
    expect(list.status).toBe(200);
    expect(list.body.data!.snapshots).toEqual([
      { id: second, live: false },
      { id: first, live: false },
    ]);

    const rollback = await gql<{ rollbackWarehouse: { id: string; live: boolean } }>(
      t.url,
      `mutation { rollbackWarehouse(snapshotId: "${first}") { id live } }`,
      { token: TOKENS.admin },
    );
    expect(rollback.status).toBe(200);
    expect(rollback.body.errors).toBeUndefined();
    expect(rollback.body.data!.rollbackWarehouse).toEqual({ id: first, live: true });
    expect((await readCurrent(t.dir))?.id).toBe(first);

    const next = await gql<{ snapshot: { id: string } }>(t.url, LIVE);
    expect(next.body.data!.snapshot.id).toBe(first);
    expect(await readyz(t.url)).toMatchObject({
      status: 200,
      body: { status: 'ready', snapshot: first, currentDamaged: false },
    });
  });
});

describe('a damaged CURRENT before a server served any snapshot', () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asn-api-'));
    server = await startServer({
      config: {
        PORT: 0,
        HOST: '127.0.0.1',
        WAREHOUSE_DIR: dir,
        LOG_LEVEL: 'silent',
        DASHBOARD_DIR: `${dir}/no-dashboard`,
        SNAPSHOT_POLL_MS: 0,
        CACHE_WARM_ENTRIES: 0,
      },
    });
    // Published, then damaged before the server looked: it has nothing to keep serving.
    await publishFixture(dir);
    await writeFile(snapshotLayout(dir).current, '{"id": "2026');
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 SNAPSHOT_UNAVAILABLE with reason CURRENT_DAMAGED, and /readyz is not ready', async () => {
    const res = await gql(server.url, '{ snapshot { id } }');
    expect(res.status).toBe(503);
    expect(res.body.errors?.[0]?.extensions).toEqual({
      code: 'SNAPSHOT_UNAVAILABLE',
      reason: 'CURRENT_DAMAGED',
    });
    expect(res.body.errors?.[0]?.message).not.toContain(dir);
    expect(await readyz(server.url)).toMatchObject({
      status: 503,
      body: { status: 'not ready', snapshot: null, currentDamaged: true },
    });
  });
});
