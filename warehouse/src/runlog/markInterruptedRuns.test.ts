import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beginBuild } from '../snapshot/beginBuild.ts';
import { listSnapshots } from '../snapshot/listSnapshots.ts';
import { rollbackSnapshot } from '../snapshot/rollbackSnapshot.ts';
import { snapshotLayout } from '../snapshot/snapshotLayout.ts';
import { publishTestSnapshot } from '../snapshot/testing/publishTestSnapshot.ts';
import { listRunRecords, markInterruptedRuns, writeRunRecord } from './runLogStore.ts';
import type { EtlRunRecord } from './runRecord.ts';
import { writeRunMeta } from './writeRunMeta.ts';

/**
 * A run killed after its snapshot went live (between the pointer swap and its final record: the
 * manifest, the prune and the lock's release lie between, review of 2026-12-05, revKill): it
 * published, so it is recorded as succeeded, as its snapshot recorded it, and a rollback in that
 * window does not turn the snapshot into an orphan the next build deletes.
 */
const running = (runId: string): EtlRunRecord => ({
  runId,
  mode: 'incremental',
  sources: ['postgres'],
  status: 'running',
  startedAt: '2026-12-05T10:00:00.000Z',
  finishedAt: null,
  durationMs: null,
  watermarks: {},
  tables: [],
  dataTests: null,
  snapshotId: null,
  error: null,
  pid: 999_999_999,
});

/** Publishes a snapshot as the ETL does (its record in meta.etl_runs, its run id in the meta), then
 * deletes its manifest: the state a kill right after the pointer swap leaves. */
async function publishKilledAfterSwap(dir: string, runId: string) {
  const build = await beginBuild(dir, { mode: 'incremental', log: () => undefined });
  const finished = {
    ...running(runId),
    status: 'succeeded' as const,
    finishedAt: '2026-12-05T10:01:00.000Z',
    durationMs: 60_000,
    tables: [
      {
        table: 'agencies',
        read: 7,
        loaded: 6,
        quarantined: 1,
        collapsed: 0,
        inserted: 6,
        deleted: 0,
        seconds: 0.1,
      },
    ],
    snapshotId: build.id,
  };
  await writeRunMeta(build.db, [finished], {}, []);
  const info = await build.publish({ runId });
  await rm(snapshotLayout(dir).manifestFile(info.id));
  return { info, finished };
}

describe('markInterruptedRuns', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-interrupted-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a run whose snapshot is live is recorded succeeded (its own record); one that never published, failed', async () => {
    await publishTestSnapshot(dir, 'before');
    await writeRunRecord(dir, running('run-dead'));
    await writeRunRecord(dir, running('run-published'));
    const { info, finished } = await publishKilledAfterSwap(dir, 'run-published');
    const told: string[] = [];
    const failed = await markInterruptedRuns(dir, 'run-now', (runId, snapshotId) =>
      told.push(`${runId} ${snapshotId}`),
    );
    expect(failed).toEqual(['run-dead']);
    expect(told).toEqual([`run-published ${info.id}`]);
    const records = Object.fromEntries((await listRunRecords(dir)).map((r) => [r.runId, r]));
    expect(records['run-published']).toEqual({ ...finished, snapshotId: info.id });
    expect(records['run-dead']).toMatchObject({
      status: 'failed',
      snapshotId: null,
      error: expect.stringMatching(/^interrupted: process 999999999 ended/),
    });
  });

  it('a rollback in that window writes the live snapshot’s manifest first: it stays kept, and its run is still found', async () => {
    const before = await publishTestSnapshot(dir, 'before');
    await writeRunRecord(dir, running('run-published'));
    const { info } = await publishKilledAfterSwap(dir, 'run-published');
    await rollbackSnapshot(dir, before.id, () => undefined);
    const kept = await listSnapshots(dir);
    expect(kept.map((s) => [s.id, s.live])).toEqual([
      [before.id, true],
      [info.id, false],
    ]);
    // The next build's cleanup no longer takes it for an orphan of a killed build.
    const next = await beginBuild(dir, { mode: 'full', log: () => undefined });
    await next.abort();
    expect((await listSnapshots(dir)).map((s) => s.id)).toContain(info.id);
    expect(await markInterruptedRuns(dir, '')).toEqual([]);
    expect((await listRunRecords(dir)).find((r) => r.runId === 'run-published')).toMatchObject({
      status: 'succeeded',
      snapshotId: info.id,
    });
  });
});
