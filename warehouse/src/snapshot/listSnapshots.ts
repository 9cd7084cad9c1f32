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
  const ids = await snapshotFileIds(dir);
  const publishing = damaged ? new Set<string>() : await readPublishingMarkers(dir);
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

/**
 * Ids with a publish marker (`.publishing-<id>`): a publish that began and has not finished, or was
 * killed before it removed its marker (`isUnpublishedOrphan`).
 */
export async function readPublishingMarkers(dir: string): Promise<Set<string>> {
  const names = await readdir(snapshotLayout(dir).snapshotsDir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [] as string[];
    throw error;
  });
  return publishingMarkers(names);
}

/** The ids of the publish markers among the names of the snapshots directory's entries. */
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
  let names: string[];
  try {
    names = await readdir(snapshotLayout(dir).snapshotsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith('.duckdb'))
    .map((name) => name.slice(0, -'.duckdb'.length))
    .filter(isSnapshotId)
    .sort();
}
