import { beginBuild } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

interface Kept {
  id: string;
  publishedAt: string;
  mode: string;
  basedOn: string | null;
  runId: string | null;
  live: boolean;
}

let t: TestServer;
let first: string;
let second: string;
beforeAll(async () => {
  t = await startTestServer();
  first = (await gql<{ snapshot: { id: string } }>(t.url, '{ snapshot { id } }')).body.data!.snapshot.id;
  second = (await publishFixture(t.dir, 'second')).id;
});
afterAll(() => t?.close());

const LIST = '{ snapshots { id publishedAt mode basedOn runId live } }';
const rollback = (id: string) =>
  gql<{ rollbackWarehouse: Kept }>(
    t.url,
    `mutation { rollbackWarehouse(snapshotId: "${id}") { id live runId } }`,
    {
      token: TOKENS.admin,
    },
  );
const live = async () =>
  (await gql<{ snapshot: { id: string } }>(t.url, '{ snapshot { id } }')).body.data!.snapshot.id;

describe('kept snapshots and rollback', () => {
  it('lists the kept snapshots newest first, the live one marked', async () => {
    const res = await gql<{ snapshots: Kept[] }>(t.url, LIST, { token: TOKENS.analyst });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.snapshots).toEqual([
      expect.objectContaining({ id: second, live: true, mode: 'full', basedOn: null, runId: 'run-second' }),
      expect.objectContaining({ id: first, live: false, runId: 'run-fixture' }),
    ]);
    expect(await live()).toBe(second);
  });

  it('rolls back to a kept snapshot: the next request is answered from it', async () => {
    const res = await rollback(first);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.rollbackWarehouse).toEqual({ id: first, live: true, runId: 'run-fixture' });
    expect(await live()).toBe(first);
    const list = await gql<{ snapshots: Kept[] }>(t.url, LIST, { token: TOKENS.analyst });
    expect(list.body.data!.snapshots.map((s) => [s.id, s.live])).toEqual([
      [second, false],
      [first, true],
    ]);
    // And forward again.
    expect((await rollback(second)).body.errors).toBeUndefined();
    expect(await live()).toBe(second);
  });

  it('refuses an id that is not kept, or not an id, as BAD_USER_INPUT without server paths', async () => {
    for (const id of ['20200101T000000000Z-0000', '../CURRENT']) {
      const res = await rollback(id);
      const error = res.body.errors?.[0];
      expect(error?.extensions?.code, id).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.field).toBe('snapshotId');
      expect(error?.message).not.toContain(t.dir);
    }
    expect(await live()).toBe(second);
  });

  it('refuses while a refresh it launched is starting, before its run takes the build lock', async () => {
    t.etlRunning.value = true;
    try {
      const res = await rollback(first);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BUILD_IN_PROGRESS');
    } finally {
      t.etlRunning.value = false;
    }
    expect(await live()).toBe(second);
  });

  it('refuses while an ETL run is building, and leaves the live snapshot alone', async () => {
    const build = await beginBuild(t.dir, { mode: 'full', log: () => undefined });
    try {
      const res = await rollback(first);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BUILD_IN_PROGRESS');
      expect(res.body.errors?.[0]?.message).not.toContain(t.dir);
    } finally {
      await build.abort();
    }
    expect(await live()).toBe(second);
  });
});
