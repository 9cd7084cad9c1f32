import { readdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from './durableFs.ts';
import { CurrentDamagedError } from './snapshotErrors.ts';
import { isSnapshotId } from './snapshotId.ts';
import { formatSnapshotInfo, parseSnapshotInfo, type SnapshotInfo } from './snapshotInfo.ts';
import { snapshotLayout } from './snapshotLayout.ts';

/**
 * The live snapshot according to `<dir>/CURRENT`, or null before the first publish. A CURRENT that
 * cannot be parsed (empty, torn) throws `CurrentDamagedError` (CURRENT_DAMAGED), whose message names
 * the rollback that repairs it and the kept snapshots.
 */
export async function readCurrent(dir: string): Promise<SnapshotInfo | null> {
  const path = snapshotLayout(dir).current;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return parseSnapshotInfo(text, path);
  } catch (error) {
    throw new CurrentDamagedError(path, (error as Error).message, await rollbackTargets(dir));
  }
}

/**
 * Ids with a snapshot file (what a rollback can make live), newest first. With or without its
 * manifest: a rollback rebuilds a missing one from the file (`keepRestoredSnapshots`), and with
 * CURRENT damaged none of them is a build's orphan. Listing only those with a manifest said "no
 * snapshot is kept: delete CURRENT" where a rollback worked, and the build that advice led to was
 * refused (SNAPSHOT_NOT_LIVE; code review of 2026-12-06).
 */
async function rollbackTargets(dir: string): Promise<string[]> {
  const names = await readdir(snapshotLayout(dir).snapshotsDir).catch(() => [] as string[]);
  return names
    .filter((name) => name.endsWith('.duckdb'))
    .map((name) => name.slice(0, -'.duckdb'.length))
    .filter((id) => isSnapshotId(id))
    .sort()
    .reverse();
}

/**
 * Points CURRENT at `info`. This rename is the moment of publication: readers see either the old
 * pointer or the new one, and a crash on either side of it leaves a consistent warehouse.
 */
export async function writeCurrent(dir: string, info: SnapshotInfo): Promise<void> {
  await writeFileAtomic(snapshotLayout(dir).current, formatSnapshotInfo(info), 'snapshot pointer');
}
