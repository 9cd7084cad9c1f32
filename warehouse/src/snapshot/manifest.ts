import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './durableFs.ts';
import { formatSnapshotInfo, parseSnapshotInfo, type SnapshotInfo } from './snapshotInfo.ts';
import { snapshotLayout } from './snapshotLayout.ts';

/**
 * A manifest (`snapshots/<id>.json`) marks a snapshot that has been live, so it may be rolled back to.
 * It is written only after CURRENT pointed at the snapshot: a file renamed into place by a build that
 * was killed before the pointer swap has no manifest, and cleanup removes it as an orphan (only when
 * it is newer than CURRENT: an older one, or one with no CURRENT, was restored without its manifest
 * and gets it back, `keepRestoredSnapshots`).
 */
export async function writeManifest(dir: string, info: SnapshotInfo): Promise<void> {
  await writeFileAtomic(
    snapshotLayout(dir).manifestFile(info.id),
    formatSnapshotInfo(info),
    'snapshot manifest',
  );
}

export async function readManifest(dir: string, id: string): Promise<SnapshotInfo | null> {
  const path = snapshotLayout(dir).manifestFile(id);
  try {
    return parseSnapshotInfo(await readFile(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
