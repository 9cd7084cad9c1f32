import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isHolderAlive, readBuildLock } from './buildLock.ts';
import { readCurrent } from './currentPointer.ts';
import { publishingMarkers, snapshotFileIdsIn } from './listSnapshots.ts';
import { readManifest, writeManifest } from './manifest.ts';
import { removeSnapshotFiles } from './removeSnapshotFiles.ts';
import { isUnpublishedOrphan, keepRestoredSnapshots } from './restoredSnapshot.ts';
import { isSnapshotId } from './snapshotId.ts';
import { BUILDING_PREFIX, PUBLISHING_PREFIX, snapshotLayout } from './snapshotLayout.ts';

export interface CleanupResult {
  /** True when a live build holds the lock, so nothing was touched. */
  readonly skipped: boolean;
  /** File names removed from `<dir>/snapshots`. */
  readonly removed: readonly string[];
}

/**
 * Removes what killed builds leave behind: `.building-*` files (and their WALs and DuckDB spill
 * directories), temp files of interrupted atomic writes, and orphans (a snapshot renamed into place
 * by a build killed before the pointer swap, so it never went live: newer than CURRENT, or still
 * marked as being published, `isUnpublishedOrphan`), then the publish markers. Also writes the live
 * snapshot's manifest if a build died between the pointer swap and the manifest, and rebuilds from
 * the file the manifest of any other snapshot without one (restored from a backup), which is kept,
 * said through `log`. Does nothing while a live process holds the build lock, since those files may
 * be its work in progress.
 */
export async function cleanupStale(
  dir: string,
  options: { readonly log?: (message: string) => void } = {},
): Promise<CleanupResult> {
  const holder = await readBuildLock(dir);
  if (holder === 'unwritten' || (holder !== 'gone' && isHolderAlive(holder))) {
    return { skipped: true, removed: [] };
  }
  return { skipped: false, removed: await removeStaleFiles(dir, options.log ?? console.warn) };
}

/** The cleanup itself, for callers that already hold the build lock. */
export async function removeStaleFiles(dir: string, log: (message: string) => void): Promise<string[]> {
  const layout = snapshotLayout(dir);
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(layout.snapshotsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const publishing = publishingMarkers(names);
  for (const name of names) {
    if (!name.startsWith(BUILDING_PREFIX) && !name.includes('.tmp-')) continue;
    const path = join(layout.snapshotsDir, name);
    // lstat, not stat: a symlink is removed as a link, never followed out of the snapshots dir.
    const stats = await lstat(path).catch(() => null);
    if (stats === null) continue;
    if (stats.isDirectory()) {
      // Only a build's spill directory is ours to empty; another directory is left as it is (a bare
      // rm of a directory fails, and a leftover spill directory failed every later run: review of
      // 2026-12-06, diskfull).
      if (!isBuildSpillDir(name)) continue;
      await rm(path, { recursive: true, force: true });
    } else {
      await rm(path, { force: true });
    }
    removed.push(name);
  }
  const current = await readCurrent(dir);
  // From the names read above: what the loop removed are builds' and temp files, never `<id>.duckdb`.
  const ids = snapshotFileIdsIn(names);
  // Only the files found without a manifest go on to `keepRestoredSnapshots`: passing every id read
  // each manifest a second time.
  const withoutManifest: string[] = [];
  for (const id of ids) {
    if (await readManifest(dir, id)) continue;
    if (id === current?.id) {
      await writeManifest(dir, current);
    } else if (isUnpublishedOrphan(id, current, publishing)) {
      await removeSnapshotFiles(dir, id);
      removed.push(`${id}.duckdb`);
    } else {
      withoutManifest.push(id);
    }
  }
  await keepRestoredSnapshots(dir, withoutManifest, current, log, publishing);
  // Only now: removed before its orphan, a kill in between left the orphan looking restored.
  for (const id of publishing) {
    await rm(layout.publishingMarker(id), { force: true });
    removed.push(`${PUBLISHING_PREFIX}${id}`);
  }
  // A manifest whose file is gone: a prune stopped between its two deletes (`removeSnapshotFiles`).
  // Kept while CURRENT names it: a live snapshot without its file is for the operator to see.
  const files = new Set(ids);
  for (const name of names) {
    const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
    if (!isSnapshotId(id) || files.has(id) || id === current?.id) continue;
    await rm(join(layout.snapshotsDir, name), { force: true });
    removed.push(name);
  }
  const topLevel = await readdir(layout.dir);
  for (const name of topLevel.filter((n) => n.startsWith('.CURRENT.tmp-'))) {
    await rm(join(layout.dir, name), { force: true });
  }
  // A run record's interrupted atomic write (a kill, or a full disk at the run's start: review of
  // 2026-12-05, revKill): `runs/.<runId>.json.tmp-…`, never read (listRunRecords skips dotfiles).
  const runs = join(layout.dir, 'runs');
  for (const name of (await readdir(runs).catch(() => [] as string[])).filter(
    (n) => n.startsWith('.') && n.includes('.tmp-'),
  )) {
    await rm(join(runs, name), { force: true });
  }
  return removed;
}

/**
 * `.building-<id>.duckdb.tmp`: DuckDB's temp directory for a build that spills to disk (its default,
 * the database file's name with `.tmp`). DuckDB removes it on close; a SIGKILLed or OOM-killed build
 * leaves it, with up to the whole spill in it.
 */
function isBuildSpillDir(name: string): boolean {
  const suffix = '.duckdb.tmp';
  return (
    name.startsWith(BUILDING_PREFIX) &&
    name.endsWith(suffix) &&
    isSnapshotId(name.slice(BUILDING_PREFIX.length, -suffix.length))
  );
}
