import type { Db } from '@asn/warehouse';
import { SOURCE_TABLES, type SourceTableName, tableSpec } from '../source-schema/catalog.ts';
import { ident } from '../validate/sql.ts';

/**
 * After an incremental run removed parent rows (deleted at the source, or replaced by a version
 * that is now quarantined), children that were not re-read may point at nothing. A full run on the
 * same source state would quarantine them as UNKNOWN_REFERENCE. A table PostgreSQL feeds is swept
 * table by table during the run (`sweepTable`, just before its key reconcile, which then reads the
 * swept rows again and quarantines them as a full run would); this sweep after the last table
 * catches the rest (file-drop and xAPI rows). Runs parents first and cascades. Only tables with a
 * shrunk parent are scanned. Returns the rows removed per table.
 */
export async function sweepOrphans(
  db: Db,
  shrunk: ReadonlySet<SourceTableName>,
): Promise<Map<SourceTableName, number>> {
  const removed = new Map<SourceTableName, number>();
  const lost = new Set(shrunk);
  for (const table of SOURCE_TABLES) {
    const n = await sweepTable(db, table, lost);
    if (n > 0) {
      removed.set(table, n);
      lost.add(table);
    }
  }
  return removed;
}

/**
 * One table's part of the sweep: removes its stg rows that point at a parent of `lost` (a table
 * that lost keys) that stg no longer holds. Returns the rows removed.
 */
export async function sweepTable(
  db: Db,
  table: SourceTableName,
  lost: ReadonlySet<SourceTableName>,
): Promise<number> {
  const refs = tableSpec(table).columns.filter((c) => c.references && c.references !== table);
  const conditions = refs
    .filter((c) => lost.has(c.references as SourceTableName))
    .map(
      (c) =>
        `(${ident(c.name)} IS NOT NULL AND ${ident(c.name)} NOT IN (SELECT id FROM stg.${ident(c.references as string)}))`,
    );
  if (table === 'service_requests' && lost.has('service_levels')) {
    conditions.push('service_type NOT IN (SELECT service_type FROM stg.service_levels)');
  }
  if (conditions.length === 0) return 0;
  return db.run(`DELETE FROM stg.${ident(table)} WHERE ${conditions.join(' OR ')}`);
}

/**
 * A table's rows whose parent in the same table (`agencies.parent_id`) stg no longer holds, removed
 * until none is left (a removed parent's children, then theirs). A full run quarantines them as
 * UNKNOWN_REFERENCE; the key reconcile reads them again so that this run does too. Returns the rows
 * removed.
 */
export async function sweepSelf(db: Db, table: SourceTableName): Promise<number> {
  const refs = tableSpec(table).columns.filter((c) => c.references === table);
  if (refs.length === 0) return 0;
  const orphan = refs
    .map(
      (c) =>
        `(${ident(c.name)} IS NOT NULL AND ${ident(c.name)} NOT IN (SELECT id FROM stg.${ident(table)}))`,
    )
    .join(' OR ');
  let removed = 0;
  for (;;) {
    const n = await db.run(`DELETE FROM stg.${ident(table)} WHERE ${orphan}`);
    if (n === 0) return removed;
    removed += n;
  }
}
