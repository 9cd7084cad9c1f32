import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanupStale } from './cleanupStale.ts';
import { readCurrent } from './currentPointer.ts';
import { readManifest } from './manifest.ts';
import { snapshotLayout } from './snapshotLayout.ts';
import { publishTestSnapshot } from './testing/publishTestSnapshot.ts';

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
});
