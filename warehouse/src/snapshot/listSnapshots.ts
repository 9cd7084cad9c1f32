import { readdir } from 'node:fs/promises';
import { readCurrent } from './currentPointer.ts';
import { readManifest } from './manifest.ts';
import { cachedSnapshotInfoFromFile, isUnpublishedOrphan } from './restoredSnapshot.ts';
import { CurrentDamagedError } from './snapshotErrors.ts';
import { isSnapshotId } from './snapshotId.ts';
import type { SnapshotInfo } from './snapshotInfo.ts';
import { snapshotLayout } from './snapshotLayout.ts';

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
 * (`isUnpublishedOrphan`) is never listed.
 */
export async function listSnapshots(
  dir: string,
  options: ListSnapshotsOptions = {},
): Promise<KeptSnapshot[]> {
  const current = await readCurrent(dir).catch((error: unknown) => {
    if (!(error instanceof CurrentDamagedError)) throw error;
    options.onDamagedCurrent?.(error);
    return null;
  });
  const ids = await snapshotFileIds(dir);
  const kept: KeptSnapshot[] = [];
  for (const id of ids) {
    const live = id === current?.id;
    const info = live ? current : await readManifest(dir, id);
    if (info) kept.push({ ...info, live });
    else if (!isUnpublishedOrphan(id, current)) {
      const restored = await cachedSnapshotInfoFromFile(dir, id).catch(() => null);
      if (restored) kept.push({ ...restored, live: false });
    }
  }
  return kept;
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
