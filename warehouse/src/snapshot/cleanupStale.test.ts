import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readCurrent } from './currentPointer.ts';
import { removeSnapshotFiles } from './removeSnapshotFiles.ts';
import { rollbackSnapshot } from './rollbackSnapshot.ts';
import { CurrentDamagedError } from './snapshotErrors.ts';
import { snapshotLayout } from './snapshotLayout.ts';
import { publishTestSnapshot } from './testing/publishTestSnapshot.ts';

// The real manifest reads, counted (every build runs this cleanup under its lock).
vi.mock('./manifest.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./manifest.ts')>();
  return { ...actual, readManifest: vi.fn(actual.readManifest) };
});
// The warehouse tests share one module registry per worker (vitest.config.ts: isolate false), where
// another file may have loaded the real modules already: these two are loaded afresh, so that the
// cleanup and its callees read manifests through the counted mock.
vi.resetModules();
const { cleanupStale } = await import('./cleanupStale.ts');
const { readManifest } = await import('./manifest.ts');

describe('cleanupStale', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-cleanup-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the live snapshot's missing manifest again, as CURRENT names it, and keeps an older one", async () => {
    const old = await publishTestSnapshot(dir, 'old');
    const live = await publishTestSnapshot(dir, 'live');
    expect(await readManifest(dir, live.id)).toEqual(live);
    // A build killed between the pointer swap and the manifest leaves no manifest.
    await rm(snapshotLayout(dir).manifestFile(live.id));
    expect(await readManifest(dir, live.id)).toBeNull();

    expect(await cleanupStale(dir)).toEqual({ skipped: false, removed: [] });
    expect(await readManifest(dir, live.id)).toEqual(live);
    expect(await readManifest(dir, old.id)).toEqual(old);
    expect(await readCurrent(dir)).toEqual(live);
    expect((await readdir(snapshotLayout(dir).snapshotsDir)).sort()).toEqual(
      [`${old.id}.duckdb`, `${old.id}.json`, `${live.id}.duckdb`, `${live.id}.json`].sort(),
    );
  });

  it('touches nothing while the build lock is created but not yet written (its holder may be filling it in)', async () => {
    const layout = snapshotLayout(dir);
    await mkdir(layout.snapshotsDir, { recursive: true });
    await writeFile(layout.lock, '');
    const building = '.building-20260101T000000000Z-beef.duckdb';
    await writeFile(join(layout.snapshotsDir, building), 'a build in progress');

    expect(await cleanupStale(dir)).toEqual({ skipped: true, removed: [] });
    expect(await readdir(layout.snapshotsDir)).toEqual([building]);
  });

  it("removes the temp files of interrupted atomic writes: a manifest's and CURRENT's", async () => {
    const live = await publishTestSnapshot(dir, 'live');
    const layout = snapshotLayout(dir);
    // writeFileAtomic's temp names: `.<name>.tmp-<pid>-<ms>` beside the target.
    const manifestTemp = `.${live.id}.json.tmp-1-2`;
    await writeFile(join(layout.snapshotsDir, manifestTemp), '{"id": "half');
    await writeFile(join(layout.dir, '.CURRENT.tmp-1-2'), '{"id": "half');

    expect(await cleanupStale(dir)).toEqual({ skipped: false, removed: [manifestTemp] });
    expect((await readdir(layout.snapshotsDir)).sort()).toEqual([`${live.id}.duckdb`, `${live.id}.json`]);
    expect((await readdir(layout.dir)).sort()).toEqual(['CURRENT', 'snapshots']);
    expect(await readCurrent(dir)).toEqual(live);
  });

  it("empties a build's spill directory only when its name holds a snapshot id", async () => {
    const layout = snapshotLayout(dir);
    await mkdir(layout.snapshotsDir, { recursive: true });
    const spill = '.building-20260101T000000000Z-dead.duckdb.tmp';
    const notOurs = '.building-notes.duckdb.tmp';
    for (const name of [spill, notOurs]) {
      await mkdir(join(layout.snapshotsDir, name));
      await writeFile(join(layout.snapshotsDir, name, 'duckdb_temp_storage_S32K-0.tmp'), 'spilled');
    }

    expect(await cleanupStale(dir)).toEqual({ skipped: false, removed: [spill] });
    expect(await readdir(layout.snapshotsDir)).toEqual([notOurs]);
    expect(await readdir(join(layout.snapshotsDir, notOurs))).toEqual(['duckdb_temp_storage_S32K-0.tmp']);
  });

  // Code review of 2026-12-06: with the manifest deleted first, a prune stopped midway left a file
  // without its manifest, which now reads as a snapshot restored from a backup: the pruned snapshot
  // came back, and an API listing the snapshots during a prune could open and pin it.
  it('a prune deletes the file before the manifest, and a manifest left without its file is removed', async () => {
    const old = await publishTestSnapshot(dir, 'old');
    const live = await publishTestSnapshot(dir, 'live');
    const layout = snapshotLayout(dir);
    // The manifest cannot be deleted (a directory in its place): the prune stops between the two.
    await rm(layout.manifestFile(old.id));
    await mkdir(join(layout.manifestFile(old.id), 'x'), { recursive: true });
    await expect(removeSnapshotFiles(dir, old.id)).rejects.toThrow();
    expect((await readdir(layout.snapshotsDir)).sort()).toEqual(
      [`${old.id}.json`, `${live.id}.duckdb`, `${live.id}.json`].sort(),
    );
    // A manifest without its file, as the prune leaves it when stopped, is the next cleanup's.
    await rm(layout.manifestFile(old.id), { recursive: true });
    await writeFile(layout.manifestFile(old.id), JSON.stringify(old));
    expect(await cleanupStale(dir, { log: () => undefined })).toEqual({
      skipped: false,
      removed: [`${old.id}.json`],
    });
    expect((await readdir(layout.snapshotsDir)).sort()).toEqual(
      [`${live.id}.duckdb`, `${live.id}.json`].sort(),
    );
    expect(await readCurrent(dir)).toEqual(live);
  });

  it('a damaged CURRENT offers a snapshot file without its manifest for a rollback, which rebuilds it', async () => {
    const only = await publishTestSnapshot(dir, 'only');
    const layout = snapshotLayout(dir);
    await rm(layout.manifestFile(only.id));
    await writeFile(layout.current, '{torn');
    const damaged = await readCurrent(dir).catch((e: unknown) => e);
    expect(damaged).toBeInstanceOf(CurrentDamagedError);
    expect((damaged as CurrentDamagedError).kept).toEqual([only.id]);
    expect((damaged as Error).message).toContain(
      `npm run snapshots -- --rollback <id> (kept, newest first: ${only.id};`,
    );
    const live = await rollbackSnapshot(dir, only.id, () => undefined);
    expect(live.id).toBe(only.id);
    expect((await readCurrent(dir))?.id).toBe(only.id);
    expect((await readManifest(dir, only.id))?.id).toBe(only.id);
  });

  it("reads each kept snapshot's manifest once", async () => {
    const kept: string[] = [];
    for (const label of ['a', 'b', 'c']) kept.push((await publishTestSnapshot(dir, label)).id);
    vi.mocked(readManifest).mockClear();

    expect(await cleanupStale(dir)).toEqual({ skipped: false, removed: [] });
    const read = vi.mocked(readManifest).mock.calls.map(([, id]) => id);
    expect(read.sort()).toEqual(kept);
  });
});
