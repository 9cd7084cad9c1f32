import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beginBuild } from './beginBuild.ts';
import { readCurrent } from './currentPointer.ts';
import type { SnapshotInfo } from './snapshotInfo.ts';
import { snapshotLayout } from './snapshotLayout.ts';
import { SnapshotReader } from './snapshotReader.ts';
import { publishTestSnapshot } from './testing/publishTestSnapshot.ts';

const labels = (lease: { db: { all: (sql: string) => Promise<unknown[]> } }) =>
  lease.db.all('select distinct label from t order by label');

describe('SnapshotReader', () => {
  let dir: string;
  let reader: SnapshotReader | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-reader-'));
  });
  afterEach(async () => {
    await reader?.close();
    reader = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('says clearly when nothing is published yet, then picks up the first publish', async () => {
    reader = await SnapshotReader.open(dir);
    await expect(reader.acquire()).rejects.toMatchObject({ code: 'NO_SNAPSHOT' });
    await publishTestSnapshot(dir, 'first');
    const lease = await reader.acquire();
    expect(await labels(lease)).toEqual([{ label: 'first' }]);
    lease.release();
  });

  it('switches to a new snapshot between leases while an in-flight lease keeps reading the old one', async () => {
    const a = await publishTestSnapshot(dir, 'a');
    const switches: [string, string | undefined][] = [];
    reader = await SnapshotReader.open(dir, {
      onSwitch: (next, previous) => switches.push([next.id, previous?.id]),
    });
    const inFlight = await reader.acquire();
    expect(inFlight.snapshot.id).toBe(a.id);

    const b = await publishTestSnapshot(dir, 'b');
    const fresh = await reader.acquire();
    expect(fresh.snapshot.id).toBe(b.id);
    expect(await labels(fresh)).toEqual([{ label: 'b' }]);
    // The old lease still reads its own snapshot, even after more publishes pruned the file away.
    await publishTestSnapshot(dir, 'c', { keep: 1 });
    expect(await labels(inFlight)).toEqual([{ label: 'a' }]);
    expect(switches).toEqual([
      [a.id, undefined],
      [b.id, a.id],
    ]);

    // Releasing the last lease on a retired snapshot closes it.
    expect(inFlight.db.closed).toBe(false);
    inFlight.release();
    inFlight.release();
    await waitFor(() => inFlight.db.closed);
    fresh.release();
    expect((await reader.acquire()).snapshot.meta).toEqual({ label: 'c' });
  });

  it('opens a new snapshot once however many requests race to acquire', async () => {
    await publishTestSnapshot(dir, 'a');
    const switched: SnapshotInfo[] = [];
    reader = await SnapshotReader.open(dir, { onSwitch: (next) => switched.push(next) });
    await publishTestSnapshot(dir, 'b');
    const leases = await Promise.all(Array.from({ length: 10 }, () => reader!.acquire()));
    expect(new Set(leases.map((l) => l.snapshot.meta.label))).toEqual(new Set(['b']));
    expect(switched.map((s) => s.meta.label)).toEqual(['a', 'b']);
    for (const lease of leases) lease.release();
  });

  it('counts queries per lease, so a request can assert its own query count', async () => {
    await publishTestSnapshot(dir, 'a');
    let total = 0;
    reader = await SnapshotReader.open(dir, { onQuery: () => (total += 1) });
    const one = await reader.acquire();
    const two = await reader.acquire();
    await Promise.all([labels(one), labels(one), labels(two)]);
    expect([one.db.queryCount, two.db.queryCount, total]).toEqual([2, 1, 3]);
    one.release();
    two.release();
  });

  it('lists kept snapshots and rolls back to one', async () => {
    const a = await publishTestSnapshot(dir, 'a');
    const b = await publishTestSnapshot(dir, 'b');
    reader = await SnapshotReader.open(dir);
    expect((await reader.list()).map((s) => [s.id, s.live])).toEqual([
      [a.id, false],
      [b.id, true],
    ]);
    expect((await reader.rollback(a.id)).id).toBe(a.id);
    expect(reader.current?.id).toBe(a.id);
    const lease = await reader.acquire();
    expect(await labels(lease)).toEqual([{ label: 'a' }]);
    lease.release();
  });

  it('keeps serving its snapshot when CURRENT is damaged under it, warns once, and a rollback repairs CURRENT', async () => {
    const a = await publishTestSnapshot(dir, 'a');
    const b = await publishTestSnapshot(dir, 'b');
    const logs: string[] = [];
    reader = await SnapshotReader.open(dir, { log: (message) => logs.push(message) });
    expect(reader.damagedCurrent).toBeNull();
    // Half written, in place (as `head -c 40 good > CURRENT` leaves it).
    const current = snapshotLayout(dir).current;
    await writeFile(current, (await readFile(current, 'utf8')).slice(0, 40));
    await expect(readCurrent(dir)).rejects.toMatchObject({ code: 'CURRENT_DAMAGED' });

    for (let i = 0; i < 3; i += 1) {
      const lease = await reader.acquire();
      expect(lease.snapshot.id).toBe(b.id);
      expect(await labels(lease)).toEqual([{ label: 'b' }]);
      lease.release();
    }
    expect(reader.current?.id).toBe(b.id);
    expect(reader.damagedCurrent).toMatchObject({ code: 'CURRENT_DAMAGED', kept: [b.id, a.id] });
    // Once per damaged version of CURRENT, not per acquire.
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain(`Still serving snapshot ${b.id}: CURRENT is damaged`);
    expect((await reader.list()).map((s) => [s.id, s.live])).toEqual([
      [a.id, false],
      [b.id, false],
    ]);

    expect((await reader.rollback(a.id)).id).toBe(a.id);
    expect((await readCurrent(dir))?.id).toBe(a.id);
    expect(reader.damagedCurrent).toBeNull();
    const lease = await reader.acquire();
    expect(await labels(lease)).toEqual([{ label: 'a' }]);
    lease.release();
    expect(logs).toHaveLength(1);
  });

  it('says CURRENT_DAMAGED when CURRENT is damaged before any snapshot was served', async () => {
    reader = await SnapshotReader.open(dir);
    await publishTestSnapshot(dir, 'a');
    await writeFile(snapshotLayout(dir).current, '{"id": "2026');
    await expect(reader.acquire()).rejects.toMatchObject({ code: 'CURRENT_DAMAGED' });
    expect(reader.current).toBeNull();
    expect(reader.damagedCurrent).toMatchObject({ code: 'CURRENT_DAMAGED' });
  });

  it('refuses a rollback while a build is running', async () => {
    const a = await publishTestSnapshot(dir, 'a');
    await publishTestSnapshot(dir, 'b');
    reader = await SnapshotReader.open(dir);
    const build = await beginBuild(dir, { mode: 'incremental', log: () => undefined });
    await expect(reader.rollback(a.id)).rejects.toMatchObject({ code: 'BUILD_IN_PROGRESS' });
    await build.abort();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
