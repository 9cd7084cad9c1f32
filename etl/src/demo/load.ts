import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SourceConnection } from '../source/connect.ts';
import { CATALOG, type SourceTableName } from '../source-schema/catalog.ts';
import { bulkInserter } from './bulk-insert.ts';
import { copyTextEncoder } from './copy-text.ts';
import { DEFAULT_CHUNK_ROWS, type DemoOptions, type DemoTable, generateDemoWorld } from './generate.ts';
import { type DemoManifest, writeManifest } from './manifest.ts';

/**
 * Replaces the source's contents with the demo world, in one transaction: truncate every
 * table, bulk-insert table by table (parents first), reset the id sequences, verify. A re-run
 * replaces everything; a failed run leaves the previous contents in place.
 *
 * Foreign keys: checking them row by row (PostgreSQL's RI triggers) is about two thirds of
 * the load time. When the session may (superuser), it sets `session_replication_role =
 * replica` for the transaction, which skips those triggers (CHECK constraints still apply),
 * and then verifies every foreign key with one set-based anti-join per key before commit.
 * Without the privilege the triggers simply run.
 */
export interface LoadProgress {
  readonly table: SourceTableName;
  readonly rows: number;
  /** Rows this table will have, when known up front. */
  readonly total: number | null;
}

export interface LoadOptions extends DemoOptions {
  /** Where to write the manifest (JSON); omitted → not written. */
  readonly manifestPath?: string;
  readonly chunkRows?: number;
  readonly onProgress?: (p: LoadProgress) => void;
}

export interface LoadResult {
  readonly counts: Record<string, number>;
  readonly manifest: DemoManifest;
  readonly generateMs: number;
  readonly loadMs: number;
  /** Per table, plus '(indexes)' (rebuilds) and '(foreign keys)' (the bulk check). */
  readonly tableMs: Record<string, number>;
  readonly foreignKeysDeferredToBulkCheck: boolean;
}

export async function loadDemoWorld(conn: SourceConnection, options: LoadOptions): Promise<LoadResult> {
  const t0 = performance.now();
  const world = await generateDemoWorld(options);
  const generateMs = performance.now() - t0;
  const counts: Record<string, number> = {};
  const tableMs: Record<string, number> = {};
  let bulkChecked = false;
  const body = async (session: Session) => {
    const superuser = await session.query("select current_setting('is_superuser') as su");
    bulkChecked = superuser[0]?.su === 'on';
    if (bulkChecked) await session.query('set local session_replication_role = replica');
    // Nothing here needs to survive a crash before commit is acknowledged: a lost commit
    // just means "run the demo again". Saves one WAL flush wait per statement/commit.
    await session.query('set local synchronous_commit = off');
    await session.query("set local maintenance_work_mem = '256MB'");
    const names = world.tables.map((t) => t.name);
    await session.query(`truncate table ${names.join(', ')} restart identity cascade`);
    const indexes = await dropSecondaryIndexes(session, names, conn.supportsCopyFrom);
    for (const table of world.tables) {
      const started = performance.now();
      const rows = await session.load(table, options.chunkRows ?? DEFAULT_CHUNK_ROWS, (n) =>
        options.onProgress?.({ table: table.name, rows: n, total: table.count }),
      );
      counts[table.name] = rows;
      await resetSequence(session, table.name);
      tableMs[table.name] = Math.round(performance.now() - started);
    }
    const started = performance.now();
    for (const def of indexes) await session.query(def);
    tableMs['(indexes)'] = Math.round(performance.now() - started);
    if (bulkChecked) {
      const checked = performance.now();
      await session.query('set local session_replication_role = origin');
      await verifyForeignKeys(session);
      tableMs['(foreign keys)'] = Math.round(performance.now() - checked);
    }
  };
  if (conn.supportsCopyFrom) await withCopySession(conn.url, body);
  else await conn.knex.transaction((trx) => body(insertSession(trx)));
  const manifest = world.manifest();
  if (options.manifestPath) await writeManifest(options.manifestPath, manifest);
  return {
    counts,
    manifest,
    generateMs: Math.round(generateMs),
    loadMs: Math.round(performance.now() - t0 - generateMs),
    tableMs,
    foreignKeysDeferredToBulkCheck: bulkChecked,
  };
}

/** One transaction's worth of access to the source: plain SQL, and bulk-loading a table. */
interface Session {
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Loads every chunk of the table; resolves to the row count. */
  load(table: DemoTable, chunkRows: number, progress: (rows: number) => void): Promise<number>;
}

/** The shared path (PGlite's socket included): `insert … select from unnest(…)` per chunk. */
function insertSession(trx: Knex.Transaction): Session {
  return {
    query: async (sql) => (await trx.raw(sql)).rows ?? [],
    async load(table, chunkRows, progress) {
      const inserter = bulkInserter(table.name, table.columns);
      let rows = 0;
      for (const chunk of table.chunks(chunkRows)) {
        await inserter.insert(trx, chunk);
        rows += chunk.length;
        progress(rows);
      }
      return rows;
    },
  };
}

/**
 * A real server: a dedicated `pg` client runs the whole load as one transaction and streams
 * each table through `COPY … FROM STDIN` in text format — no per-batch statement, no array
 * parameters to parse, and (since every table was truncated in this transaction) `FREEZE`,
 * so the rows are written already frozen and the first reader does not rewrite every page
 * to set hint bits. The client is separate from knex's pool only because knex cannot stream
 * COPY; all-or-nothing holds because everything happens in this client's transaction.
 */
async function withCopySession(url: string, body: (s: Session) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const session: Session = {
    query: async (sql) => (await client.query(sql)).rows,
    async load(table, chunkRows, progress) {
      const encode = copyTextEncoder(table.name, table.columns);
      const sink = client.query(
        copyFrom(`copy ${table.name} (${table.columns.join(', ')}) from stdin with (freeze)`),
      );
      let rows = 0;
      const source = Readable.from(
        (function* () {
          for (const chunk of table.chunks(chunkRows)) {
            const text = encode(chunk);
            rows += chunk.length;
            progress(rows);
            yield text;
          }
        })(),
      );
      await pipeline(source, sink);
      return rows;
    },
  };
  try {
    await client.query('begin');
    await body(session);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

/**
 * Drops what the load would otherwise maintain row by row and returns the statements that
 * rebuild it afterwards: every index that backs no constraint (the `updated_at` indexes, the
 * plain foreign-key lookups), and the primary-key/unique constraints of tables no foreign key
 * points at (service_requests above all). One sorted build per index is far cheaper than
 * maintaining it per row — on PGlite the per-row btree work is a quarter of the insert time —
 * and re-adding a constraint re-checks it over the whole table, so nothing goes unchecked.
 * It all happens inside the load's transaction: a failure leaves the schema as it was.
 *
 * PGlite keeps its constraints: at scale 1 re-adding them there (WASM sorts, plus the
 * NOT NULL rescan of ALTER TABLE) took 45 s, more than maintaining them row by row cost.
 * Dropping the plain indexes still pays there (service_requests 25 % faster incl. rebuild).
 */
async function dropSecondaryIndexes(
  session: Session,
  tables: readonly string[],
  withConstraints: boolean,
): Promise<string[]> {
  const names = tables.map((t) => `'${t}'`).join(', ');
  const indexes = await session.query(`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class t on t.oid = i.indrelid
    where t.relnamespace = current_schema()::regnamespace and t.relname in (${names})
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by 1`);
  const constraints = await session.query(`
    select k.conrelid::regclass::text as tbl, k.conname as name, pg_get_constraintdef(k.oid) as def
    from pg_constraint k join pg_class t on t.oid = k.conrelid
    where t.relnamespace = current_schema()::regnamespace and t.relname in (${names})
      and ${withConstraints} and k.contype in ('p', 'u')
      and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = k.conrelid)
    order by 1, 2`);
  for (const r of indexes) await session.query(`drop index ${r.name as string}`);
  for (const r of constraints)
    await session.query(`alter table ${r.tbl as string} drop constraint ${r.name as string}`);
  return [
    ...constraints.map(
      (r) => `alter table ${r.tbl as string} add constraint ${r.name as string} ${r.def as string}`,
    ),
    ...indexes.map((r) => r.def as string),
  ];
}

async function resetSequence(session: Session, table: string): Promise<void> {
  await session.query(
    `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 1), (select count(*) > 0 from ${table}))`,
  );
}

/** Every foreign key of the catalog (plus service_requests.service_type), as one anti-join each. */
async function verifyForeignKeys(session: Session): Promise<void> {
  const keys: [string, string, string, string][] = [
    ['service_requests', 'service_type', 'service_levels', 'service_type'],
  ];
  for (const t of CATALOG)
    for (const c of t.columns) if (c.references) keys.push([t.name, c.name, c.references, 'id']);
  for (const [table, column, parent, key] of keys) {
    const res = await session.query(
      `select count(*)::int as n from ${table} c where c.${column} is not null and not exists (select 1 from ${parent} p where p.${key} = c.${column})`,
    );
    const n = Number(res[0]?.n ?? 0);
    if (n > 0) throw new Error(`demo load: ${n} ${table}.${column} rows reference no ${parent}.${key}`);
  }
}
