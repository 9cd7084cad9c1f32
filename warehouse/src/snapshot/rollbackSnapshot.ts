import { join } from 'node:path';
import { acquireBuildLock } from './buildLock.ts';
import { readCurrent, writeCurrent } from './currentPointer.ts';
import { listSnapshots, publishingMarkers, snapshotFileIdsIn, snapshotsDirNames } from './listSnapshots.ts';
import { readManifest, writeManifest } from './manifest.ts';
import { keepRestoredSnapshots } from './restoredSnapshot.ts';
import {
  CurrentDamagedError,
  SnapshotDamagedError,
  SnapshotNotFoundError,
  SnapshotUnreadableError,
} from './snapshotErrors.ts';
import type { SnapshotInfo } from './snapshotInfo.ts';
import { verifySnapshot } from './verifySnapshot.ts';

/**
 * Re-points CURRENT at a kept snapshot. Takes the build lock for the moment of the swap, so a rollback
 * cannot interleave with a publish (it throws `BuildInProgressError` while a build runs). Readers move
 * to the rolled-back snapshot at their next lease; the next incremental build starts from it.
 *
 * The target is opened read-only and read in full first (the deep check of `npm run snapshots --
 * --verify`: every data block, so a block that fails its checksum is found): a damaged file
 * (truncated, zeroed, a stray write into a table's data) is refused with `SnapshotUnreadableError`
 * (SNAPSHOT_UNREADABLE) and CURRENT stays where it was, since pointing CURRENT at it would leave a
 * server that cannot restart or answer, and an ETL that cannot build (an operator rolled back to a
 * snapshot `--verify` had just called DAMAGED: review of 2026-12-06, operations).
 *
 * A damaged CURRENT (empty, torn: `CurrentDamagedError`) does not stand in the way: the kept snapshots
 * are found by their manifests, and the rollback rewrites CURRENT atomically, as a publish does.
 */
export async function rollbackSnapshot(
  dir: string,
  id: string,
  log: (message: string) => void = console.warn,
): Promise<SnapshotInfo> {
  const lock = await acquireBuildLock(dir, `rollback to ${id}`, log);
  try {
    let damaged = false;
    const current = await readCurrent(dir).catch((error: unknown) => {
      if (!(error instanceof CurrentDamagedError)) throw error;
      damaged = true;
      return null;
    });
    // Snapshots restored from a backup without their manifests get them now: once CURRENT names one
    // of them, a newer one left without would look like a killed build's orphan to the next build.
    // A killed first build's file (its publish marker still there) is not one of them.
    const names = await snapshotsDirNames(dir);
    const publishing = damaged ? new Set<string>() : publishingMarkers(names);
    await keepRestoredSnapshots(dir, snapshotFileIdsIn(names), current, log, publishing);
    const target = (await listSnapshots(dir)).find((snapshot) => snapshot.id === id);
    if (!target) throw new SnapshotNotFoundError(id, dir);
    const path = join(dir, target.file);
    await verifySnapshot(id, path, { deep: true }).catch((error: unknown) => {
      if (!(error instanceof SnapshotDamagedError)) throw error;
      throw new SnapshotUnreadableError(
        id,
        path,
        `reading ${error.tables.join(', ')} failed: ${error.detail}`,
      );
    });
    // A build killed between its pointer swap and its manifest left the live snapshot without one:
    // written now, or the rollback would turn it into an orphan the next build deletes (review of
    // 2026-12-05, revKill; a build repairs it the same way, `removeStaleFiles`).
    if (current && current.id !== id && !(await readManifest(dir, current.id)))
      await writeManifest(dir, current);
    const { live: _live, ...info } = target;
    await writeCurrent(dir, info);
    return info;
  } finally {
    await lock.release();
  }
}
