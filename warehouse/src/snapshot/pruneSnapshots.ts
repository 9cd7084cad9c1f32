import { readCurrent } from './currentPointer.ts';
import { listSnapshots } from './listSnapshots.ts';
import { removeSnapshotFiles } from './removeSnapshotFiles.ts';

export const DEFAULT_KEEP = 5;

/**
 * Keeps the newest `keep` snapshots (by id, i.e. build time) and deletes the rest, except the live
 * one, which is never deleted even when a rollback made it older than the kept window. Returns the
 * deleted ids. Call it while holding the build lock so two publishers never prune at once.
 */
export async function pruneSnapshots(dir: string, keep: number = DEFAULT_KEEP): Promise<string[]> {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`pruneSnapshots: keep must be ≥ 1, got ${keep}`);
  const liveId = (await readCurrent(dir))?.id;
  const kept = await listSnapshots(dir);
  const doomed = kept
    .slice(0, Math.max(0, kept.length - keep))
    .map((snapshot) => snapshot.id)
    .filter((id) => id !== liveId);
  for (const id of doomed) await removeSnapshotFiles(dir, id);
  return doomed;
}
