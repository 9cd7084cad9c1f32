import type { Knex } from 'knex';
import type { SourceConnection } from '../source/connect.ts';
import { CATALOG, type SourceTableName } from '../source-schema/catalog.ts';
import { bulkInserter } from './bulk-insert.ts';
import { DEFAULT_CHUNK_ROWS, type DemoOptions, generateDemoWorld } from './generate.ts';
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
  await conn.knex.transaction(async (trx) => {
    const superuser = await trx.raw("select current_setting('is_superuser') as su");
    bulkChecked = superuser.rows?.[0]?.su === 'on';
    if (bulkChecked) await trx.raw('set local session_replication_role = replica');
    await trx.raw(`truncate table ${world.tables.map((t) => t.name).join(', ')} restart identity cascade`);
    for (const table of world.tables) {
      const started = performance.now();
      const inserter = bulkInserter(table.name, table.columns);
      let rows = 0;
      for (const chunk of table.chunks(options.chunkRows ?? DEFAULT_CHUNK_ROWS)) {
        await inserter.insert(trx, chunk);
        rows += chunk.length;
        options.onProgress?.({ table: table.name, rows, total: table.count });
      }
      counts[table.name] = rows;
      await resetSequence(trx, table.name);
      tableMs[table.name] = Math.round(performance.now() - started);
    }
    if (bulkChecked) {
      await trx.raw('set local session_replication_role = origin');
      await verifyForeignKeys(trx);
    }
  });
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

async function resetSequence(db: Knex.Transaction, table: string): Promise<void> {
  await db.raw(
    `select setval(pg_get_serial_sequence(?, 'id'), coalesce((select max(id) from ${table}), 1), (select count(*) > 0 from ${table}))`,
    [table],
  );
}

/** Every foreign key of the catalog (plus service_requests.service_type), as one anti-join each. */
async function verifyForeignKeys(db: Knex.Transaction): Promise<void> {
  const keys: [string, string, string, string][] = [
    ['service_requests', 'service_type', 'service_levels', 'service_type'],
  ];
  for (const t of CATALOG)
    for (const c of t.columns) if (c.references) keys.push([t.name, c.name, c.references, 'id']);
  for (const [table, column, parent, key] of keys) {
    const res = await db.raw(
      `select count(*)::int as n from ${table} c where c.${column} is not null and not exists (select 1 from ${parent} p where p.${key} = c.${column})`,
    );
    const n = res.rows?.[0]?.n ?? 0;
    if (n > 0) throw new Error(`demo load: ${n} ${table}.${column} rows reference no ${parent}.${key}`);
  }
}
