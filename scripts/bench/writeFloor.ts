import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Db } from '@asn/warehouse';

/** What writing a snapshot's tables once costs: the least a build that stores them pays on top of reading. */
export interface WriteFloor {
  /** Tables written (every stg and marts table of the snapshot). */
  readonly tables: number;
  readonly rows: number;
  /** Wall time of the copies and the checkpoint that stores them. */
  readonly ms: number;
}

/**
 * The write floor of a built snapshot: every `stg` and `marts` table copied as it is
 * (`CREATE TABLE … AS SELECT *`, no computation) from the snapshot, attached read-only, into a new
 * DuckDB file, then checkpointed. The physical limit reads the source and parses it but stores
 * nothing; the ETL must also store the staged tables (for the next incremental run) and the marts
 * (for the metrics), and this is what DuckDB's storage alone asks for that (compression and blocks
 * included). `full ETL / (limit + write floor)` is then the share of the run that is the ETL's own
 * work. Measured right after the round's full ETL, so its blocks are warm as the ETL's were.
 */
export async function measureWriteFloor(
  snapshotFile: string,
  dir: string,
  threads: number,
): Promise<WriteFloor> {
  const file = join(dir, 'write-floor.duckdb');
  await rm(file, { force: true });
  const db = await Db.open(file, { mode: 'read-write', threads });
  try {
    await db.exec(`ATTACH '${snapshotFile.replaceAll("'", "''")}' AS snap (READ_ONLY)`);
    const tables = await db.all<{ schema_name: string; table_name: string }>(
      `SELECT schema_name, table_name FROM duckdb_tables()
       WHERE database_name = 'snap' AND schema_name IN ('stg', 'marts') ORDER BY ALL`,
    );
    const started = performance.now();
    for (const t of tables) {
      const copy = `"${t.schema_name}__${t.table_name.replaceAll('"', '""')}"`;
      await db.exec(
        `CREATE TABLE main.${copy} AS SELECT * FROM snap."${t.schema_name}"."${t.table_name.replaceAll('"', '""')}"`,
      );
    }
    await db.exec('CHECKPOINT');
    const ms = performance.now() - started;
    // Counted after the clock: CREATE TABLE AS reports no row count.
    const [counted] = await db.all<{ n: number | bigint | null }>(
      `SELECT sum(estimated_size) AS n FROM duckdb_tables() WHERE database_name = current_database()`,
    );
    return { tables: tables.length, rows: Number(counted?.n ?? 0), ms };
  } finally {
    await db.close();
    await rm(file, { force: true });
    await rm(`${file}.wal`, { force: true });
  }
}
