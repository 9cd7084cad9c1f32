import { stat } from 'node:fs/promises';
import { Db } from '../db/index.ts';
import { SnapshotDamagedError, SnapshotError, SnapshotUnreadableError } from './snapshotErrors.ts';

/** DuckDB's file header: three 4 KiB blocks before the first data block. */
const FILE_HEADER_BYTES = 3 * 4096;

/** What the deep check read: tables, rows and how long it took. */
export interface SnapshotDataCheck {
  readonly tables: number;
  readonly rows: number;
  readonly ms: number;
}

/**
 * Opens a snapshot file read-only, as the API does, checks that the file is as long as its header says
 * (DuckDB opens a truncated file and reads its catalog when that lies early in the file: only queries
 * fail, `Could not read enough bytes`), and reads its catalog and every table's row count (row-group
 * metadata, not the data), so a truncated file or a damaged catalog is caught before CURRENT points
 * at it, and before a reader serves it. Throws `SnapshotUnreadableError` with the reason on a single
 * line. A damaged data block reads back only when its table's data is read: that is `deep`.
 *
 * With `deep`, it then reads every data block as well (`checkSnapshotData`, seconds at province
 * scale), returns what it read, and throws `SnapshotDamagedError` naming the tables that do not read
 * back (`npm run snapshots -- --verify`).
 */
export async function verifySnapshot(
  id: string,
  path: string,
  options: { readonly deep?: boolean } = {},
): Promise<SnapshotDataCheck | undefined> {
  let db: Db | undefined;
  try {
    const bytes = (await stat(path)).size;
    db = await Db.open(path, { mode: 'read-only' });
    // The blocks in use, not total_blocks: DuckDB trims free blocks off the end of the file at a
    // checkpoint but still counts them in total_blocks, so an intact snapshot whose tail was freed
    // (every second incremental build on a demo world: 91 blocks, 83 used, the file 83 long) was
    // refused as truncated, by the API on its switch and start and by rollback (review of
    // 2026-12-05, revOps). A file cut short of its used blocks is still caught; one cut only into
    // free blocks it keeps in the middle is not, and the table reads below are the rest of the check.
    const [size] = await db.all<{ block_size: number | bigint; used_blocks: number | bigint }>(
      'select block_size, used_blocks from pragma_database_size()',
    );
    const expected = FILE_HEADER_BYTES + Number(size?.block_size ?? 0) * Number(size?.used_blocks ?? 0);
    if (bytes < expected)
      throw new Error(`the file is ${bytes} bytes, its header says ${expected}: it was truncated`);
    const tables = await db.all<{ schema_name: string; table_name: string }>(
      `select schema_name, table_name from duckdb_tables() where database_name = current_database()`,
    );
    for (const t of tables) {
      await db.all(`select count(*) as n from ${quoteIdent(t.schema_name)}.${quoteIdent(t.table_name)}`);
    }
    return options.deep ? await checkSnapshotData(db, id) : undefined;
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotUnreadableError(id, path, oneLine((error as Error).message));
  } finally {
    await db?.close().catch(() => undefined);
  }
}

/**
 * The deep check: reads every data block of every table of `db`, so that a block that fails DuckDB's
 * checksum (bit rot, a stray write into the file) is found now rather than copied on. `count(*)` and
 * the catalog come from metadata, and an incremental build keeps unchanged tables (marts whose inputs
 * did not change, the stored data-test results, the untouched row groups of the service-request
 * facts) by pointing at their old blocks without ever reading them, so a damaged block would be
 * published again and again, and pruning would remove every good snapshot in turn (chaos review of
 * 2026-12-06). Per table, an aggregate over a hash of every column (DuckDB cannot answer it from
 * statistics: the plan is a full scan of every column), all tables in one statement. When that fails,
 * each table is read alone to name the damaged ones. Throws `SnapshotDamagedError`.
 *
 * Cost: about 0.5–0.6 s of CPU on the scale-1 world (62 tables, 73 MiB), over half of it the two
 * service-request tables (stg.service_requests, marts.fct_service_requests), which an incremental run
 * reads only in part (keys, changed rows), so they are checked too.
 */
export async function checkSnapshotData(db: Db, id: string): Promise<SnapshotDataCheck> {
  const started = performance.now();
  const columns = await db.all<{ schema_name: string; table_name: string; column_name: string }>(
    `select schema_name, table_name, column_name from duckdb_columns()
     where database_name = current_database() order by schema_name, table_name, column_index`,
  );
  // `schema.table` → the table's scan: a hash of every column, so every column's blocks are read.
  const tables = new Map<string, { from: string; columns: string[] }>();
  for (const c of columns) {
    const name = `${c.schema_name}.${c.table_name}`;
    const table = tables.get(name) ?? {
      from: `${quoteIdent(c.schema_name)}.${quoteIdent(c.table_name)}`,
      columns: [],
    };
    table.columns.push(quoteIdent(c.column_name));
    tables.set(name, table);
  }
  const read = (t: { from: string; columns: readonly string[] }) =>
    `select count(*) as n, bit_xor(hash(${t.columns.join(', ')})) as h from ${t.from}`;
  if (tables.size === 0) return { tables: 0, rows: 0, ms: performance.now() - started };
  try {
    // The outer query must use the hashes: one that did not would let DuckDB drop them, and the
    // scans would read nothing but row counts.
    const [row] = await db.all<{ n: number | bigint }>(
      `select sum(n) as n, bit_xor(h) as h from (${[...tables.values()].map(read).join('\nunion all\n')})`,
    );
    return { tables: tables.size, rows: Number(row?.n ?? 0), ms: performance.now() - started };
  } catch (error) {
    const damaged: string[] = [];
    let detail = oneLine((error as Error).message);
    for (const [name, table] of tables) {
      try {
        await db.all(read(table));
      } catch (tableError) {
        if (damaged.length === 0) detail = oneLine((tableError as Error).message);
        damaged.push(name);
      }
    }
    if (damaged.length === 0) throw error;
    throw new SnapshotDamagedError(id, db.path, damaged, detail);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
