import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './durableFs.ts';
import { formatSnapshotInfo, parseSnapshotInfo, type SnapshotInfo } from './snapshotInfo.ts';
import { snapshotLayout } from './snapshotLayout.ts';

/** The live snapshot according to `<dir>/CURRENT`, or null before the first publish. */
export async function readCurrent(dir: string): Promise<SnapshotInfo | null> {
  const path = snapshotLayout(dir).current;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseSnapshotInfo(text, path);
}

/**
 * Points CURRENT at `info`. This rename is the moment of publication: readers see either the old
 * pointer or the new one, and a crash on either side of it leaves a consistent warehouse.
 */
export async function writeCurrent(dir: string, info: SnapshotInfo): Promise<void> {
  await writeFileAtomic(snapshotLayout(dir).current, formatSnapshotInfo(info), 'snapshot pointer');
}
