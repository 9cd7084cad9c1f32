import { readdir } from 'node:fs/promises';
import { readCurrent } from './currentPointer.ts';
import { readManifest } from './manifest.ts';
import { cachedSnapshotInfoFromFile, isUnpublishedOrphan } from './restoredSnapshot.ts';
import { CurrentDamagedError } from './snapshotErrors.ts';
import { isSnapshotId } from './snapshotId.ts';
import type { SnapshotInfo } from './snapshotInfo.ts';
import { PUBLISHING_PREFIX, snapshotLayout } from './snapshotLayout.ts';

export interface KeptSnapshot extends SnapshotInfo {
  readonly live: boolean;
}

export interface ListSnapshotsOptions {
  /**
   * Told when CURRENT is damaged (`CurrentDamagedError`): the kept snapshots are still listed (from
   * their manifests), none marked live, so the way out (a rollback, which rewrites CURRENT) stays open.
   */
  readonly onDamagedCurrent?: (error: CurrentDamagedError) => void;
}

/**
 * Snapshots that can be rolled back to, oldest first: every `<id>.duckdb` with a manifest, plus the
 * live one (its info comes from CURRENT if its manifest was never written), plus one restored from a
 * backup without its manifest (its info read from the file, `cachedSnapshotInfoFromFile`: once per
 * file as long as it is unchanged, until a build or rollback writes the manifest, which is read first
 * on every call and wins; one that cannot be read is left out). A killed build's orphan
 * (`isUnpublishedOrphan`, with the publish markers unless CURRENT is damaged) is never listed.
 */
export async function listSnapshots(
  dir: string,
  options: ListSnapshotsOptions = {},
): Promise<KeptSnapshot[]> {
  let damaged = false;
  const current = await readCurrent(dir).catch((error: unknown) => {
    if (!(error instanceof CurrentDamagedError)) throw error;
    options.onDamagedCurrent?.(error);
    damaged = true;
    return null;
  });
  // One read of the directory for both: the files and their publish markers as they stood together.
  const names = await snapshotsDirNames(dir);
  const ids = snapshotFileIdsIn(names);
  const publishing = damaged ? new Set<string>() : publishingMarkers(names);
  const kept: KeptSnapshot[] = [];
  for (const id of ids) {
    const live = id === current?.id;
    const info = live ? current : await readManifest(dir, id);
    if (info) kept.push({ ...info, live });
    else if (!isUnpublishedOrphan(id, current, publishing)) {
      const restored = await cachedSnapshotInfoFromFile(dir, id).catch(() => null);
      if (restored) kept.push({ ...restored, live: false });
    }
  }
  return kept;
}

/** The names in `<dir>/snapshots`, none when it does not exist yet. */
export async function snapshotsDirNames(dir: string): Promise<string[]> {
  try {
    return await readdir(snapshotLayout(dir).snapshotsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * The ids of the publish markers (`.publishing-<id>`) among the snapshots directory's names: a
 * publish that began and has not finished, or was killed before it removed its marker
 * (`isUnpublishedOrphan`).
 */
export function publishingMarkers(names: readonly string[]): Set<string> {
  return new Set(
    names
      .filter((name) => name.startsWith(PUBLISHING_PREFIX))
      .map((name) => name.slice(PUBLISHING_PREFIX.length))
      .filter(isSnapshotId),
  );
}

/** Ids of published-looking snapshot files (`<id>.duckdb`), sorted oldest first. */
export async function snapshotFileIds(dir: string): Promise<string[]> {
  return snapshotFileIdsIn(await snapshotsDirNames(dir));
}

/** `snapshotFileIds` among names already read from the snapshots directory. */
export function snapshotFileIdsIn(names: readonly string[]): string[] {
  return names
    .filter((name) => name.endsWith('.duckdb'))
    .map((name) => name.slice(0, -'.duckdb'.length))
    .filter(isSnapshotId)
    .sort();
}
