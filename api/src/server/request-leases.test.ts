import { SnapshotReader } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureWarehouse, publishFixture } from '../testing/fixture-snapshot.ts';
import { RequestLeases } from './request-leases.ts';

let w: Awaited<ReturnType<typeof fixtureWarehouse>>;
let reader: SnapshotReader;
let switches: string[];
beforeAll(async () => {
  w = await fixtureWarehouse();
  switches = [];
  reader = await SnapshotReader.open(w.dir, { onSwitch: (next) => switches.push(next.id) });
});
afterAll(async () => {
  await reader?.close();
  await w?.cleanup();
});

describe('RequestLeases', () => {
  it('shares one snapshot while CURRENT is unchanged, moves on at the next request after a publish', async () => {
    const leases = new RequestLeases(reader);
    const a = await leases.acquire();
    const b = await leases.acquire();
    expect(b.snapshot.id).toBe(a.snapshot.id);
    // Each request counts its own queries.
    await a.db.all('SELECT 1');
    await a.db.all('SELECT 2');
    await b.db.all('SELECT 1');
    expect([a.db.queryCount, b.db.queryCount]).toEqual([2, 1]);

    const next = await publishFixture(w.dir, 'next');
    const c = await leases.acquire();
    expect(c.snapshot.id).toBe(next.id);
    expect(switches.at(-1)).toBe(next.id);
    // Requests that started before the publish finish on their snapshot.
    expect(await a.db.all<{ x: number }>('SELECT 42 AS x')).toEqual([{ x: 42 }]);
    a.release();
    b.release();
    b.release(); // idempotent
    const d = await leases.acquire();
    expect(d.snapshot.id).toBe(next.id);
    await d.db.all('SELECT 1');
    c.release();
    d.release();
    leases.close();
    // Closed: leases come straight from the reader.
    const e = await leases.acquire();
    expect(e.snapshot.id).toBe(next.id);
    e.release();
  });
});
