import { Db } from '../db/index.ts';
import { SnapshotUnreadableError } from './snapshotErrors.ts';

/**
 * Opens a snapshot file read-only, as the API does, and reads its catalog and every table's row count
 * (row-group metadata, not the data), so a truncated or damaged file is caught before CURRENT points
 * at it. Throws `SnapshotUnreadableError` with DuckDB's reason on a single line.
 */
export async function verifySnapshot(id: string, path: string): Promise<void> {
  let db: Db | undefined;
  try {
    db = await Db.open(path, { mode: 'read-only' });
    const tables = await db.all<{ schema_name: string; table_name: string }>(
      `select schema_name, table_name from duckdb_tables() where database_name = current_database()`,
    );
    for (const t of tables) {
      await db.all(`select count(*) as n from ${quoteIdent(t.schema_name)}.${quoteIdent(t.table_name)}`);
    }
  } catch (error) {
    throw new SnapshotUnreadableError(id, path, oneLine((error as Error).message));
  } finally {
    await db?.close().catch(() => undefined);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
