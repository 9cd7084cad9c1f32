import { rm } from 'node:fs/promises';
import { snapshotLayout } from './snapshotLayout.ts';

/**
 * Deletes a snapshot's file, its WAL and its manifest. An API process that still has the file open
 * keeps reading it: on POSIX an unlinked file lives until its last descriptor closes.
 */
export async function removeSnapshotFiles(dir: string, id: string): Promise<void> {
  const layout = snapshotLayout(dir);
  const file = layout.snapshotFile(id);
  // The file first, the manifest last: a crash midway leaves a manifest without its file, which
  // nothing lists and the next build removes (`removeStaleFiles`). The other order left a file
  // without its manifest, which reads as a snapshot restored from a backup (kept, its manifest
  // rebuilt: the pruned snapshot came back), and which an API listing the snapshots during the
  // prune could open and pin (code review of 2026-12-06).
  await rm(file, { force: true });
  await rm(`${file}.wal`, { force: true });
  await rm(layout.manifestFile(id), { force: true });
}
