import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { extractSql, SOURCE_TABLES } from '@asn/etl';
import { Db } from '@asn/warehouse';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

export interface LimitRow {
  readonly table: string;
  readonly rows: number;
  readonly bytes: number;
  readonly copyMs: number;
  readonly readMs: number;
}

/**
 * The physical limit of an extract: PostgreSQL `COPY (select <the ETL's columns>) TO STDOUT` of
 * every source table into a CSV file, one table after another on one connection, then DuckDB
 * `read_csv` of each file (all columns as text, materialised into an in-memory table so every
 * byte is parsed). The ETL does at least this much work; its ratio to this is the figure of merit.
 */
export async function measurePhysicalLimit(url: string, dir: string, threads: number): Promise<LimitRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const files: { table: string; file: string; rows: number; copyMs: number }[] = [];
  try {
    await client.query(`SET TIME ZONE 'UTC'`);
    await client.query(`SET DateStyle = 'ISO, YMD'`);
    for (const table of SOURCE_TABLES) {
      const file = join(dir, `limit_${table}.csv`);
      const started = performance.now();
      const stream = client.query(copyTo(extractSql(table)));
      await pipeline(stream, createWriteStream(file, { highWaterMark: 1 << 20 }));
      files.push({ table, file, rows: stream.rowCount, copyMs: performance.now() - started });
    }
  } finally {
    await client.end();
  }
  const db = await Db.open(':memory:', { mode: 'read-write', threads });
  const rows: LimitRow[] = [];
  try {
    for (const f of files) {
      const started = performance.now();
      await db.exec(
        `CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('${f.file}', header = true, all_varchar = true)`,
      );
      rows.push({
        table: f.table,
        rows: f.rows,
        bytes: (await stat(f.file)).size,
        copyMs: f.copyMs,
        readMs: performance.now() - started,
      });
    }
  } finally {
    await db.close();
  }
  return rows;
}
