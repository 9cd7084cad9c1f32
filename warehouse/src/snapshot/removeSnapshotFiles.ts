import { rm } from 'node:fs/promises';
import { snapshotLayout } from './snapshotLayout.ts';

/**
 * Deletes a snapshot's file, its WAL and its manifest. An API process that still has the file open
 * keeps reading it: on POSIX an unlinked file lives until its last descriptor closes.
 */
export async function removeSnapshotFiles(dir: string, id: string): Promise<void> {
  const layout = snapshotLayout(dir);
  const file = layout.snapshotFile(id);
  // Manifest first: a crash midway leaves an orphan file (cleaned up later), never a dangling manifest.
  await rm(layout.manifestFile(id), { force: true });
  await rm(file, { force: true });
  await rm(`${file}.wal`, { force: true });
}
