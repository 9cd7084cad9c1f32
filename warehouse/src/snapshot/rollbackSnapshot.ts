import { acquireBuildLock } from './buildLock.ts';
import { writeCurrent } from './currentPointer.ts';
import { listSnapshots } from './listSnapshots.ts';
import { SnapshotNotFoundError } from './snapshotErrors.ts';
import type { SnapshotInfo } from './snapshotInfo.ts';

/**
 * Re-points CURRENT at a kept snapshot. Takes the build lock for the moment of the swap, so a rollback
 * cannot interleave with a publish (it throws `BuildInProgressError` while a build runs). Readers move
 * to the rolled-back snapshot at their next lease; the next incremental build starts from it.
 */
export async function rollbackSnapshot(
  dir: string,
  id: string,
  log: (message: string) => void = console.warn,
): Promise<SnapshotInfo> {
  const lock = await acquireBuildLock(dir, `rollback to ${id}`, log);
  try {
    const target = (await listSnapshots(dir)).find((snapshot) => snapshot.id === id);
    if (!target) throw new SnapshotNotFoundError(id, dir);
    const { live: _live, ...info } = target;
    await writeCurrent(dir, info);
    return info;
  } finally {
    await lock.release();
  }
}
