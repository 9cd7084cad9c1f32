import { copyFile, mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Db } from '../db/index.ts';
import type { EtlRunRecord } from '../runlog/runRecord.ts';
import { writeRunMeta } from '../runlog/writeRunMeta.ts';
import { beginBuild } from './beginBuild.ts';
import { cleanupStale } from './cleanupStale.ts';
import { readCurrent } from './currentPointer.ts';
import { listSnapshots } from './listSnapshots.ts';
import { readManifest, writeManifest } from './manifest.ts';
import { rollbackSnapshot } from './rollbackSnapshot.ts';
import { newSnapshotId } from './snapshotId.ts';
import { snapshotLayout } from './snapshotLayout.ts';
import { publishTestSnapshot, readTestSnapshot } from './testing/publishTestSnapshot.ts';

/** Snapshots restored from a backup that held the `.duckdb` files but not their manifests (or CURRENT). */
describe('a snapshot restored without its manifest', () => {
  let dir: string;
  let logged: string[];
  const log = (message: string) => {
    logged.push(message);
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-restored-'));
    logged = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const snapshotFiles = async () => (await readdir(snapshotLayout(dir).snapshotsDir)).sort();

  it('older than the live one (backup of CURRENT and *.duckdb): kept, its manifest rebuilt, listed and rolled back to', async () => {
    const old = await publishTestSnapshot(dir, 'old');
    const live = await publishTestSnapshot(dir, 'live');
    for (const id of [old.id, live.id]) await rm(snapshotLayout(dir).manifestFile(id));

    // Listed before any cleanup (`npm run snapshots` right after the restore), read from the file.
    expect((await listSnapshots(dir)).map((s) => [s.id, s.live, s.mode])).toEqual([
      [old.id, false, 'full'],
      [live.id, true, 'full'],
    ]);
    expect(await cleanupStale(dir, { log })).toEqual({ skipped: false, removed: [] });
    expect(logged).toEqual([
      `Found snapshot ${old.id} without its manifest (restored from a backup?): kept, manifest rebuilt`,
    ]);
    expect(await snapshotFiles()).toEqual(
      [`${old.id}.duckdb`, `${old.id}.json`, `${live.id}.duckdb`, `${live.id}.json`].sort(),
    );
    expect(await readManifest(dir, old.id)).toMatchObject({
      id: old.id,
      file: old.file,
      mode: 'full',
      basedOn: null,
      meta: { manifestRebuilt: true },
    });
    expect(await readManifest(dir, live.id)).toEqual(live);

    // The next build keeps it too (it used to log it as a killed build's leftover and delete it).
    const next = await beginBuild(dir, { mode: 'incremental', log });
    await next.abort();
    expect(logged.filter((m) => m.startsWith('Removed files'))).toEqual([]);
    expect(await rollbackSnapshot(dir, old.id, log)).toMatchObject({ id: old.id, file: old.file });
    expect((await readCurrent(dir))?.id).toBe(old.id);
    expect(await readTestSnapshot(join(dir, old.file))).toEqual([{ label: 'old', n: 3 }]);
  });

  it('the live file alone (no CURRENT, no manifest): not deleted; the next build is refused until a rollback makes it live', async () => {
    const live = await publishTestSnapshot(dir, 'live');
    await rm(snapshotLayout(dir).current);
    await rm(snapshotLayout(dir).manifestFile(live.id));

    const refused = beginBuild(dir, { mode: 'full', log });
    await expect(refused).rejects.toMatchObject({
      code: 'SNAPSHOT_NOT_LIVE',
      kept: [live.id],
      message: expect.stringContaining(`npm run snapshots -- --rollback ${live.id}`),
    });
    expect(await snapshotFiles()).toEqual([`${live.id}.duckdb`, `${live.id}.json`]);
    expect(logged).toEqual([
      `Found snapshot ${live.id} without its manifest (restored from a backup?): kept, manifest rebuilt`,
    ]);
    await expect(readFile(snapshotLayout(dir).lock)).rejects.toThrow(/ENOENT/);
    expect((await listSnapshots(dir)).map((s) => [s.id, s.live])).toEqual([[live.id, false]]);

    await rollbackSnapshot(dir, live.id, log);
    const build = await beginBuild(dir, { mode: 'incremental', log });
    expect(build.basedOn?.id).toBe(live.id);
    await build.db.appendRows('t', ['label', 'i'], [['next', 1]]);
    const next = await build.publish();
    expect(await readTestSnapshot(join(dir, next.file))).toEqual([
      { label: 'live', n: 3 },
      { label: 'next', n: 1 },
    ]);
  });

  it('rolling back right after the restore keeps the newer restored snapshots too', async () => {
    const a = await publishTestSnapshot(dir, 'a');
    const b = await publishTestSnapshot(dir, 'b');
    await rm(snapshotLayout(dir).current);
    for (const id of [a.id, b.id]) await rm(snapshotLayout(dir).manifestFile(id));

    await rollbackSnapshot(dir, a.id, log);
    expect((await readCurrent(dir))?.id).toBe(a.id);
    // b is newer than CURRENT now: without its manifest it would pass for a killed build's orphan.
    expect(await readManifest(dir, b.id)).toMatchObject({ id: b.id, file: b.file });
    expect(await cleanupStale(dir, { log })).toEqual({ skipped: false, removed: [] });
    expect((await listSnapshots(dir)).map((s) => [s.id, s.live])).toEqual([
      [a.id, true],
      [b.id, false],
    ]);
  });

  it("takes the ETL run's mode, sources, watermarks and finish time from the file's run history", async () => {
    const build = await beginBuild(dir, { mode: 'full', log });
    await build.db.exec('create table t (label varchar, i integer)');
    const record: EtlRunRecord = {
      runId: '20261201T080000000Z-1234',
      mode: 'incremental',
      sources: ['postgres', 'files'],
      status: 'succeeded',
      startedAt: '2026-12-01T08:00:00.000Z',
      finishedAt: '2026-12-01T08:05:00.000Z',
      durationMs: 300_000,
      watermarks: { employees: '2026-12-01 07:59:00+00' },
      tables: [],
      dataTests: null,
      snapshotId: build.id,
      error: null,
      pid: 1,
    };
    await writeRunMeta(build.db, [record], record.watermarks, []);
    const built = await build.publish({ runId: record.runId });
    await publishTestSnapshot(dir, 'later');
    await rm(snapshotLayout(dir).manifestFile(built.id));

    await cleanupStale(dir, { log });
    expect(await readManifest(dir, built.id)).toEqual({
      id: built.id,
      file: built.file,
      publishedAt: '2026-12-01T08:05:00.000Z',
      mode: 'incremental',
      basedOn: null,
      meta: {
        runId: record.runId,
        mode: 'incremental',
        sources: ['postgres', 'files'],
        watermarks: record.watermarks,
        manifestRebuilt: true,
      },
    });
  });

  it('a file that cannot be read as a snapshot is left in place, named in a warning and not listed', async () => {
    const live = await publishTestSnapshot(dir, 'live');
    const junk = '20200101T000000000Z-0bad';
    await writeFile(snapshotLayout(dir).snapshotFile(junk), 'not a DuckDB file');

    expect(await cleanupStale(dir, { log })).toEqual({ skipped: false, removed: [] });
    expect(logged).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Found snapshot file snapshots/${junk}\\.duckdb without its manifest, and it cannot be read as a snapshot: left in place, not listed \\(Snapshot ${junk} cannot be read`,
        ),
      ),
    ]);
    expect(await snapshotFiles()).toEqual([`${junk}.duckdb`, `${live.id}.duckdb`, `${live.id}.json`]);
    expect((await listSnapshots(dir)).map((s) => s.id)).toEqual([live.id]);
  });

  it("still removes a killed build's orphan: a file without a manifest newer than CURRENT", async () => {
    const live = await publishTestSnapshot(dir, 'live');
    // What a build killed between its rename and its pointer swap leaves: a complete file, its id
    // newer than every snapshot there was, no manifest, CURRENT still on the live one.
    const orphan = newSnapshotId(new Date(), live.id);
    await copyFile(snapshotLayout(dir).snapshotFile(live.id), snapshotLayout(dir).snapshotFile(orphan));

    expect((await listSnapshots(dir)).map((s) => s.id)).toEqual([live.id]);
    expect(await cleanupStale(dir, { log })).toEqual({ skipped: false, removed: [`${orphan}.duckdb`] });
    expect(logged).toEqual([]);
    expect(await snapshotFiles()).toEqual([`${live.id}.duckdb`, `${live.id}.json`]);
  });
});

/**
 * The API lists the kept snapshots on every kept-snapshots query, pin and reader switch: a restored
 * file without its manifest is read once while it stays the same file, never held open, and never
 * listed from what an earlier file said.
 */
describe('listing a snapshot restored without its manifest, again and again', () => {
  let dir: string;
  let opened: string[];
  let closed: string[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-restored-list-'));
    opened = [];
    closed = [];
    const open = Db.open.bind(Db);
    vi.spyOn(Db, 'open').mockImplementation(async (path, options) => {
      opened.push(resolve(path));
      return open(path, options);
    });
    const close = Db.prototype.close;
    vi.spyOn(Db.prototype, 'close').mockImplementation(function (this: Db) {
      closed.push(resolve(this.path));
      return close.call(this);
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  /** An older snapshot whose manifest is gone, and the live one. */
  const restoredAndLive = async () => {
    const old = await publishTestSnapshot(dir, 'old');
    const live = await publishTestSnapshot(dir, 'live');
    await rm(snapshotLayout(dir).manifestFile(old.id));
    opened = [];
    closed = [];
    return { old, live, path: resolve(snapshotLayout(dir).snapshotFile(old.id)) };
  };
  const opensOf = (path: string) => opened.filter((p) => p === path).length;
  const listed = async () => (await listSnapshots(dir)).map((s) => [s.id, s.live, s.publishedAt, s.meta]);

  it('opens the file on the first listing only, and closes it each time', async () => {
    const { old, live, path } = await restoredAndLive();
    const first = await listed();
    expect(first).toEqual([
      [old.id, false, expect.any(String), { manifestRebuilt: true }],
      [live.id, true, live.publishedAt, live.meta],
    ]);
    const opens = opensOf(path);
    expect(opens).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect(await listed()).toEqual(first);
    // Concurrent listings (API requests arriving together) share the cached read as well.
    const together = await Promise.all([listed(), listed(), listed()]);
    expect(together).toEqual([first, first, first]);
    expect(opensOf(path)).toBe(opens);
    // Every handle it opened was closed: nothing pins the file between calls.
    expect(closed.filter((p) => p === path)).toHaveLength(opens);
    // So a prune or rollback deletes it, and the next listing notices.
    await rm(path);
    expect((await listSnapshots(dir)).map((s) => s.id)).toEqual([live.id]);
  });

  it('reads a replaced file again: a new file in its place, or the same file written again', async () => {
    const { old, live, path } = await restoredAndLive();
    expect((await listSnapshots(dir))[0]).toMatchObject({ id: old.id, meta: { manifestRebuilt: true } });
    const opens = opensOf(path);

    // Another backup restored over it (a rename: a new inode), modified at a known time. Without a
    // run record in the file, that time is when it was published.
    const restoredAt = new Date('2026-11-30T12:00:00.000Z');
    const incoming = `${path}.incoming`;
    await copyFile(snapshotLayout(dir).snapshotFile(live.id), incoming);
    await utimes(incoming, restoredAt, restoredAt);
    await rename(incoming, path);
    expect((await listSnapshots(dir))[0]).toMatchObject({
      id: old.id,
      publishedAt: restoredAt.toISOString(),
    });
    expect(opensOf(path)).toBeGreaterThan(opens);

    // Written over in place (same inode, other size and time): no longer a snapshot, so not listed.
    await writeFile(path, 'not a DuckDB file');
    expect((await listSnapshots(dir)).map((s) => s.id)).toEqual([live.id]);
  });

  it('a manifest written later wins over what was read from the file, and the file is not opened again', async () => {
    const { old, live, path } = await restoredAndLive();
    expect((await listSnapshots(dir))[0]?.meta).toEqual({ manifestRebuilt: true });
    const opens = opensOf(path);

    await writeManifest(dir, { ...old, meta: { label: 'from the manifest' } });
    expect(await listed()).toEqual([
      [old.id, false, old.publishedAt, { label: 'from the manifest' }],
      [live.id, true, live.publishedAt, live.meta],
    ]);
    expect(opensOf(path)).toBe(opens);
  });
});
