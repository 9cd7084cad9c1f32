import { join } from 'node:path';
import pg from 'pg';
import type { SourceTableName } from '../../source-schema/catalog.ts';
import { copyToFile } from './copyToFile.ts';
import { type CtidRange, extractSql } from './extractSql.ts';
import { type KeyBucket, keyBucketsSql, keysInBucketsSql } from './keyBuckets.ts';
import { checkSourceSchema } from './sourceSchema.ts';

export interface PostgresExtractOptions {
  /** A `pg` connection string (`SourceConnection.url`). */
  readonly url: string;
  /** The embedded PGlite socket runs one query at a time: extract with a single connection. */
  readonly embedded: boolean;
  readonly tables: readonly SourceTableName[];
  /**
   * Per table: export only rows with `updated_at` after this (incremental); absent → all rows. A
   * table whose ids the source does not keep unique is read in full whatever its watermark.
   */
  readonly watermarks: Readonly<Partial<Record<SourceTableName, string>>>;
  /**
   * The previous extract's `snapshotXmin`: rows written since are read whatever their
   * `updated_at` (incremental runs; absent → the watermark alone).
   */
  readonly sinceXmin?: string | null;
  /** Also summarise every table's keys per bucket (incremental runs: detects deleted rows). */
  readonly withKeys: boolean;
  /** Scratch directory for the CSV files. */
  readonly dir: string;
  /** A full extract of a table with more rows than this (planner estimate) is copied in chunks. */
  readonly chunkRows?: number;
  readonly onProgress?: (table: SourceTableName, rows: number, estimate: number) => void;
}

/** One CSV file of a table's extract and the rows PostgreSQL reported for its COPY. */
export interface ExtractedPart {
  readonly file: string;
  readonly rows: number;
}

export interface TableExtract {
  readonly table: SourceTableName;
  /** The table's CSV parts, in order; each resolves when its COPY has finished. */
  readonly parts: readonly Promise<ExtractedPart>[];
  /** Per-bucket summary of every key at the source (only with `withKeys`). */
  readonly keyBuckets: Promise<KeyBucket[]> | null;
}

/**
 * The file-name ending of a CSV whose rows may repeat an id: from a table whose ids the source does
 * not keep unique (no primary key or unique index on `id`). Such a table is read in full on every
 * run (its watermark ignored) in one part, identical rows once (`select distinct`), so landing
 * counts each id's copies exactly (`idsUnchecked`): the validation quarantines every copy of a
 * repeated id (DUPLICATE_CONFLICT), in incremental runs as in full ones.
 */
const IDS_UNCHECKED = '.ids-unchecked.csv';

/**
 * Whether an extract file comes from a table whose ids the source does not keep unique: landing
 * then counts each id's copies in the file (`landTable.ts`), which the validation reads.
 */
export function idsUnchecked(file: string): boolean {
  return file.endsWith(IDS_UNCHECKED);
}

/** A running extract: parts arrive while the caller already lands the earlier ones. */
export interface PostgresExtract {
  readonly tables: ReadonlyMap<SourceTableName, TableExtract>;
  /**
   * The extract snapshot's oldest running transaction (64-bit id, text): every transaction before
   * it had finished, so the next incremental extract reads the rows written from it on.
   */
  readonly snapshotXmin: string;
  /**
   * Copies the source keys of `table` in the given buckets (same snapshot as the rows) into a CSV
   * file with an `id` column and `us`, the row's `updated_at` in microseconds. Runs before any COPY still queued.
   */
  keysInBuckets(table: SourceTableName, buckets: readonly number[]): Promise<string>;
  /**
   * Copies the rows of `table` with the given ids (same snapshot, same columns and CSV as the
   * table's extract). Runs before any COPY still queued.
   */
  rowsById(table: SourceTableName, ids: readonly string[]): Promise<ExtractedPart>;
  /** Waits for every queued COPY, then ends the snapshot and the connections. Rejects on an error. */
  finish(): Promise<void>;
  /** Stops a failed run's extract: closes the connections and waits for the workers. Never rejects. */
  abort(): Promise<void>;
}

/** Default chunk size: big enough that per-statement costs vanish, small enough to pipeline. */
const CHUNK_ROWS = 1_000_000;
/** Tables whose key summary is queued before every COPY. */
const BIG_SUMMARY_ROWS = 1_000_000;

interface Task {
  readonly run: (client: pg.Client) => Promise<void>;
  readonly fail: (error: unknown) => void;
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Marked handled: a run that fails early never awaits the later parts.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Bulk export of the operational database: `COPY (select …) TO STDOUT (FORMAT csv)` per table —
 * per ctid chunk for a big table on a full extract — streamed to CSV files. All tables are read
 * from ONE database snapshot (REPEATABLE READ; parallel workers import the leader's exported
 * snapshot), so a child row never references a parent that the extract did not see. Against a real
 * server several COPYs stream in parallel; the embedded PGlite serialises queries anyway, so there
 * one connection does everything.
 *
 * It returns as soon as the work is queued: every part is a promise, so the loader lands (and
 * validates) a table — or a chunk of the big one — while PostgreSQL, in its own process, is still
 * copying the next. The snapshot stays open until `finish()` so that the deletion reconcile can
 * fetch keys from the same snapshot as the rows.
 */
export async function startExtract(options: PostgresExtractOptions): Promise<PostgresExtract> {
  const workers = options.embedded ? 1 : Math.min(2, options.tables.length);
  const leader = await openClient(options.url);
  const clients: pg.Client[] = [leader];
  // Tables whose ids the source does not keep unique (no primary key or unique index on id).
  let unkeyed = new Set<SourceTableName>();
  try {
    await leader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Before any COPY: a renamed column, a type read with another meaning (a zone-less timestamp)
    // or a view where xmin is read fails here, naming the table (SourceSchemaError, SourceNotATableError).
    unkeyed = await checkSourceSchema(leader, options.tables, (table) =>
      Boolean(options.watermarks[table] && options.sinceXmin),
    );
    if (workers > 1) {
      const snapshot = (await leader.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]?.s;
      for (let i = 1; i < workers; i += 1) {
        const client = await openClient(options.url);
        clients.push(client);
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
      }
    }
  } catch (error) {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    throw error;
  }
  const estimates = await estimateRows(leader, options.tables);
  const snapshotXmin = (
    await leader.query<{ x: string }>('select pg_snapshot_xmin(pg_current_snapshot())::text as x')
  ).rows[0]?.x as string;

  const queue: Task[] = [];
  const first: Task[] = [];
  const later: Task[] = [];
  const tables = new Map<SourceTableName, TableExtract>();
  const copied = new Map<SourceTableName, number[]>();
  const progress = (table: SourceTableName) => (rows: number) =>
    options.onProgress?.(table, rows, estimates.get(table) ?? 0);
  for (const table of options.tables) {
    const estimate = estimates.get(table) ?? 0;
    const chunkRows = options.chunkRows ?? CHUNK_ROWS;
    const uniqueId = !unkeyed.has(table);
    // A table that may repeat an id is read in full, watermark or not, and copied whole: one file
    // holds every copy of an id, so each id's copies are counted exactly (`IDS_UNCHECKED`). Its rows
    // the source no longer has are deleted by the key reconcile, as for any incremental read.
    const watermark = uniqueId ? options.watermarks[table] : undefined;
    // Chunk only full extracts: an incremental one reads few rows through the updated_at index.
    const ranges: (CtidRange | undefined)[] =
      uniqueId && !watermark && estimate > chunkRows * 1.5
        ? await ctidRanges(leader, table, Math.ceil(estimate / chunkRows))
        : [undefined];
    const parts = ranges.map((range, i) => {
      const part = deferred<ExtractedPart>();
      const file = join(
        options.dir,
        `pg_${table}${ranges.length > 1 ? `_${i}` : ''}${uniqueId ? '.csv' : IDS_UNCHECKED}`,
      );
      const sql = extractSql(table, watermark, range, undefined, options.sinceXmin, !uniqueId);
      (ranges.length > 1 ? later : queue).push({
        fail: part.reject,
        run: async (client) => {
          // Chunks of one table may be copied at once: progress is the sum over its parts.
          const counts = copied.get(table) ?? [];
          copied.set(table, counts);
          const report = (n: number) => {
            counts[i] = n;
            progress(table)(counts.reduce((a, b) => a + (b ?? 0), 0));
          };
          const rows = await copyToFile(client, sql, file, (lines) => report(Math.max(0, lines - 1)));
          report(rows);
          part.resolve({ file, rows });
        },
      });
      return part.promise;
    });
    let keyBuckets: Promise<KeyBucket[]> | null = null;
    if (options.withKeys) {
      const buckets = deferred<KeyBucket[]>();
      keyBuckets = buckets.promise;
      // A big table's summary scans it all: started first, it is ready when the loader gets there.
      (estimate > BIG_SUMMARY_ROWS ? first : queue).push({
        fail: buckets.reject,
        run: async (client) => {
          const { rows } = await client.query<{ b: string; n: string; s: string; h: string }>(
            keyBucketsSql(table),
          );
          buckets.resolve(rows.map((r) => ({ b: Number(r.b), n: Number(r.n), s: r.s, h: r.h })));
        },
      });
    }
    tables.set(table, { table, parts, keyBuckets });
    progress(table)(0);
  }
  // Big tables' key summaries, then small tables (the loader needs them, parents first), then the
  // chunks of the big ones.
  queue.unshift(...first);
  queue.push(...later);

  let closing = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const failAll = (error: unknown) => {
    failure ??= error;
    for (const task of queue.splice(0)) task.fail(failure);
    signal();
  };
  const loops = clients.map(async (client) => {
    for (;;) {
      if (failure !== null) return;
      const task = queue.shift();
      if (!task) {
        if (closing) return;
        await new Promise<void>((resolve) => {
          const previous = wake;
          wake = () => {
            previous?.();
            resolve();
          };
        });
        continue;
      }
      try {
        await task.run(client);
      } catch (error) {
        task.fail(error);
        failAll(error);
        return;
      }
    }
  });
  const allDone = Promise.all(loops);
  allDone.catch(() => undefined);
  const endAll = () => Promise.all(clients.map((c) => c.end().catch(() => undefined)));

  /** A COPY the loader is waiting for: to the front of the queue. */
  const urgent = (file: string, sql: string): Promise<ExtractedPart> => {
    const done = deferred<ExtractedPart>();
    if (failure !== null) {
      done.reject(failure);
      return done.promise;
    }
    queue.unshift({
      fail: done.reject,
      run: async (client) => {
        const rows = await copyToFile(client, sql, file);
        done.resolve({ file, rows });
      },
    });
    signal();
    return done.promise;
  };

  return {
    tables,
    snapshotXmin,
    keysInBuckets(table, buckets) {
      return urgent(join(options.dir, `pg_${table}_keys.csv`), keysInBucketsSql(table, buckets)).then(
        (part) => part.file,
      );
    },
    rowsById(table, ids) {
      const unique = !unkeyed.has(table);
      return urgent(
        join(options.dir, `pg_${table}_late${unique ? '.csv' : IDS_UNCHECKED}`),
        extractSql(table, null, undefined, ids, null, !unique),
      );
    },
    async finish() {
      closing = true;
      signal();
      await allDone;
      if (failure !== null) {
        await endAll();
        throw failure;
      }
      try {
        for (const client of clients) await client.query('COMMIT');
      } finally {
        await endAll();
      }
    },
    async abort() {
      closing = true;
      failAll(new Error('extract aborted'));
      await endAll();
      // A COPY cut off by the closed connection ends its worker; never wait forever on one.
      await Promise.race([allDone.catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  };
}

/**
 * `n` ctid ranges that together cover every page of `table` (the last one is open-ended, so rows on
 * pages added after the size was read are still copied). Read in the extract's snapshot.
 */
async function ctidRanges(client: pg.Client, table: SourceTableName, n: number): Promise<CtidRange[]> {
  const { rows } = await client.query<{ pages: string }>(
    `select (pg_relation_size($1::regclass) / current_setting('block_size')::int)::bigint as pages`,
    [`public."${table}"`],
  );
  const pages = Number(rows[0]?.pages ?? 0);
  if (pages < n * 2) return [{ from: 0, to: null }];
  const ranges: CtidRange[] = [];
  for (let i = 0; i < n; i += 1) {
    ranges.push({
      from: Math.floor((pages * i) / n),
      to: i === n - 1 ? null : Math.floor((pages * (i + 1)) / n),
    });
  }
  return ranges;
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

/** Planner row estimates, for progress bars and chunking only (never for counts). */
async function estimateRows(client: pg.Client, tables: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await client.query<{ relname: string; n: string }>(
    `select relname, greatest(reltuples, 0)::bigint as n from pg_class
     where relkind = 'r' and relname = any($1) and relnamespace = 'public'::regnamespace`,
    [tables],
  );
  return new Map(rows.map((r) => [r.relname, Number(r.n)]));
}
