import { join } from 'node:path';
import { Db, martsContentHash, readCurrent, STG_TABLES } from '@asn/warehouse';

/** Opens the live snapshot of `dir` read-only for `fn`, and closes it again. */
export async function withLiveSnapshot<T>(dir: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const current = await readCurrent(dir);
  if (!current) throw new Error(`nothing published in ${dir}`);
  const db = await Db.open(join(dir, current.file), { mode: 'read-only', threads: 1 });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Every stg table's rows (lineage `_run_id` left out: it names the run, not the data), sorted. */
export function stgContent(dir: string): Promise<Record<string, string[]>> {
  return withLiveSnapshot(dir, async (db) => {
    const out: Record<string, string[]> = {};
    for (const spec of STG_TABLES) {
      const cols = spec.columns.filter((c) => c.name !== '_run_id').map((c) => `"${c.name}"`);
      const rows = await db.all(`select ${cols.join(', ')} from stg.${spec.name}`);
      out[spec.name] = rows
        .map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v)))
        .sort();
    }
    return out;
  });
}

/** One md5 per mart of the live snapshot (row order ignored): equal hashes = identical marts. */
export function martsHash(dir: string): Promise<Record<string, string>> {
  return withLiveSnapshot(dir, (db) => martsContentHash(db));
}

/** Ids in a stg table of the live snapshot, sorted. */
export function stgIds(dir: string, table: string): Promise<number[]> {
  return withLiveSnapshot(dir, async (db) =>
    (await db.all<{ id: number }>(`select id from stg.${table} order by id`)).map((r) => Number(r.id)),
  );
}
