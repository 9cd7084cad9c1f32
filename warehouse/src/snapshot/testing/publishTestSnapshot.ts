import { Db } from '../../db/index.ts';
import { beginBuild } from '../beginBuild.ts';
import type { SnapshotInfo } from '../snapshotInfo.ts';

/**
 * Test helper: publishes a full snapshot whose table `t(label, i)` holds `rows` rows labelled `label`,
 * so a test can tell snapshots apart by reading `select distinct label from t`.
 */
export async function publishTestSnapshot(
  dir: string,
  label: string,
  options: { rows?: number; keep?: number; log?: (message: string) => void } = {},
): Promise<SnapshotInfo> {
  const build = await beginBuild(dir, {
    mode: 'full',
    log: options.log ?? (() => undefined),
    ...(options.keep ? { keep: options.keep } : {}),
  });
  try {
    await build.db.exec('create table t (label varchar, i integer)');
    const rows = Array.from({ length: options.rows ?? 3 }, (_, i) => [label, i]);
    await build.db.appendRows('t', ['label', 'i'], rows);
    return await build.publish({ label });
  } catch (error) {
    await build.abort();
    throw error;
  }
}

/** Reads `{ label, n }` from a snapshot file, opening it read-only the way the API does. */
export async function readTestSnapshot(path: string): Promise<{ label: string; n: number }[]> {
  const db = await Db.open(path, { mode: 'read-only' });
  try {
    return await db.all('select label, count(*) as n from t group by label order by label');
  } finally {
    await db.close();
  }
}
