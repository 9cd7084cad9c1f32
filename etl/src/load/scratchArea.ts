import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '@asn/warehouse';

/**
 * Per-run scratch space OUTSIDE the snapshot: the extracted CSVs and a DuckDB file attached to the
 * build as catalog `land`, which holds the landed text (raw NIPs, birth dates, LMS identities) and
 * the checked rows. Dropping a table inside the snapshot would leave its bytes in free blocks of
 * the published file; a separate file that is deleted keeps raw personal data out entirely.
 */
export interface ScratchArea {
  readonly dir: string;
  /** Detaches `land` and deletes the directory. Idempotent. */
  dispose(): Promise<void>;
}

export function scratchRoot(warehouseDir: string): string {
  return join(warehouseDir, 'scratch');
}

/** Creates `<warehouseDir>/scratch/<runId>/` and attaches its `land.duckdb` to the build Db. */
export async function openScratch(db: Db, warehouseDir: string, runId: string): Promise<ScratchArea> {
  const dir = join(scratchRoot(warehouseDir), runId);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await db.exec(`ATTACH '${join(dir, 'land.duckdb').replaceAll("'", "''")}' AS land`);
  let disposed = false;
  return {
    dir,
    async dispose() {
      if (disposed) return;
      disposed = true;
      if (!db.closed) await db.exec('DETACH DATABASE IF EXISTS land').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Removes scratch directories of runs that died (SIGKILL leaves them). Call only while holding the
 * build lock, so no live run's scratch is touched.
 */
export async function removeStaleScratch(warehouseDir: string, keepRunId: string): Promise<string[]> {
  const root = scratchRoot(warehouseDir);
  const names = await readdir(root).catch(() => [] as string[]);
  const stale = names.filter((n) => n !== keepRunId);
  for (const name of stale) await rm(join(root, name), { recursive: true, force: true });
  return stale;
}
