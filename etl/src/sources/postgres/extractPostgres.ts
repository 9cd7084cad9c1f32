import { join } from 'node:path';
import pg from 'pg';
import type { SourceTableName } from '../../source-schema/catalog.ts';
import { copyToFile } from './copyToFile.ts';
import { extractSql, keysSql } from './extractSql.ts';

export interface PostgresExtractOptions {
  /** A `pg` connection string (`SourceConnection.url`). */
  readonly url: string;
  /** The embedded PGlite socket runs one query at a time: extract with a single connection. */
  readonly embedded: boolean;
  readonly tables: readonly SourceTableName[];
  /** Per table: export only rows with `updated_at` after this (incremental); absent → all rows. */
  readonly watermarks: Readonly<Partial<Record<SourceTableName, string>>>;
  /** Also export every table's full key set (incremental runs: detects deleted rows). */
  readonly withKeys: boolean;
  /** Scratch directory for the CSV files. */
  readonly dir: string;
  readonly onProgress?: (table: SourceTableName, rows: number, estimate: number) => void;
}

export interface ExtractedTable {
  readonly table: SourceTableName;
  readonly file: string;
  /** Rows PostgreSQL says it copied. */
  readonly rows: number;
  /** CSV of every id at the source (only when `withKeys`). */
  readonly keysFile: string | null;
  readonly seconds: number;
}

/**
 * Bulk export of the operational database: one `COPY (select …) TO STDOUT (FORMAT csv)` per table,
 * streamed to a CSV file. All tables are read from ONE database snapshot (REPEATABLE READ; parallel
 * workers import the leader's exported snapshot), so a child row never references a parent that the
 * extract did not see. Against a real server several tables stream in parallel; the embedded PGlite
 * serialises queries anyway, so there one connection does everything.
 */
export async function extractPostgres(options: PostgresExtractOptions): Promise<ExtractedTable[]> {
  const workers = options.embedded ? 1 : Math.min(3, options.tables.length);
  const leader = await openClient(options.url);
  const clients: pg.Client[] = [leader];
  try {
    await leader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    let snapshot: string | null = null;
    if (workers > 1) {
      snapshot = (await leader.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]?.s ?? null;
      for (let i = 1; i < workers; i += 1) {
        const client = await openClient(options.url);
        clients.push(client);
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
      }
    }
    const estimates = await estimateRows(leader, options.tables);
    // Biggest first so parallel workers finish together.
    const queue = [...options.tables].sort((a, b) => (estimates.get(b) ?? 0) - (estimates.get(a) ?? 0));
    const results: ExtractedTable[] = [];
    await Promise.all(
      clients.map(async (client) => {
        for (let table = queue.shift(); table; table = queue.shift()) {
          results.push(await extractOne(client, table, options, estimates.get(table) ?? 0));
        }
      }),
    );
    for (const client of clients) await client.query('COMMIT');
    const order = new Map(options.tables.map((t, i) => [t, i]));
    return results.sort((a, b) => (order.get(a.table) ?? 0) - (order.get(b.table) ?? 0));
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

async function extractOne(
  client: pg.Client,
  table: SourceTableName,
  options: PostgresExtractOptions,
  estimate: number,
): Promise<ExtractedTable> {
  const started = performance.now();
  const file = join(options.dir, `pg_${table}.csv`);
  options.onProgress?.(table, 0, estimate);
  const rows = await copyToFile(client, extractSql(table, options.watermarks[table]), file, (lines) =>
    options.onProgress?.(table, Math.max(0, lines - 1), estimate),
  );
  let keysFile: string | null = null;
  if (options.withKeys) {
    keysFile = join(options.dir, `pg_${table}_keys.csv`);
    await copyToFile(client, keysSql(table), keysFile);
  }
  options.onProgress?.(table, rows, estimate);
  return { table, file, rows, keysFile, seconds: (performance.now() - started) / 1000 };
}

/**
 * Connects and fixes the session settings the CSV depends on: UTC timestamps in ISO style, so the
 * text is the same whatever the server's defaults, and DuckDB parses it without guessing.
 */
async function openClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET TIME ZONE 'UTC'`);
  await client.query(`SET DateStyle = 'ISO, YMD'`);
  return client;
}

/** Planner row estimates, for progress bars only (never for counts). */
async function estimateRows(client: pg.Client, tables: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await client.query<{ relname: string; n: string }>(
    `select relname, greatest(reltuples, 0)::bigint as n from pg_class
     where relkind = 'r' and relname = any($1) and relnamespace = 'public'::regnamespace`,
    [tables],
  );
  return new Map(rows.map((r) => [r.relname, Number(r.n)]));
}
