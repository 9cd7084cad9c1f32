import { truncate } from 'node:fs/promises';
import { readCurrent, snapshotLayout } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

let t: TestServer;
let first: string;
let second: string;
beforeAll(async () => {
  t = await startTestServer();
  first = (await gql<{ snapshot: { id: string } }>(t.url, '{ snapshot { id } }')).body.data!.snapshot.id;
  second = (await publishFixture(t.dir, 'second')).id;
});
afterAll(() => t?.close());

describe('rollbackWarehouse to a damaged snapshot', () => {
  it('is refused with SNAPSHOT_UNAVAILABLE, and CURRENT, snapshots and snapshot stay on the live one', async () => {
    await truncate(snapshotLayout(t.dir).snapshotFile(first), 4096);
    const res = await gql<{ rollbackWarehouse: unknown }>(
      t.url,
      `mutation { rollbackWarehouse(snapshotId: "${first}") { id live } }`,
      { token: TOKENS.admin },
    );
    expect(res.body.data).toBeNull();
    const error = res.body.errors?.[0];
    expect(error?.extensions?.code).toBe('SNAPSHOT_UNAVAILABLE');
    expect(error?.extensions?.reason).toBe('SNAPSHOT_UNREADABLE');
    expect(error?.message).toContain(`Snapshot ${first} cannot be read`);
    expect(error?.message).not.toContain(t.dir);
    expect((await readCurrent(t.dir))?.id).toBe(second);
    const after = await gql<{ snapshots: { id: string; live: boolean }[]; snapshot: { id: string } }>(
      t.url,
      '{ snapshots { id live } snapshot { id } }',
      { token: TOKENS.analyst },
    );
    expect(after.body.data!.snapshot.id).toBe(second);
    expect(after.body.data!.snapshots.filter((s) => s.live).map((s) => s.id)).toEqual([second]);
  });
});
