import type { Db } from '@asn/warehouse';
import { SOURCE_TABLES, type SourceTableName, tableSpec } from '../source-schema/catalog.ts';
import { ident } from '../validate/sql.ts';

/**
 * After an incremental run removed parent rows (deleted at the source, or replaced by a version
 * that is now quarantined), children that were not re-read may point at nothing. A full run on the
 * same source state would quarantine them as UNKNOWN_REFERENCE; here they are removed from stg, so
 * incremental = full for stg and marts. Runs parents first and cascades. Only tables with a shrunk
 * parent are scanned. Returns the rows removed per table.
 */
export async function sweepOrphans(
  db: Db,
  shrunk: ReadonlySet<SourceTableName>,
): Promise<Map<SourceTableName, number>> {
  const removed = new Map<SourceTableName, number>();
  const lost = new Set(shrunk);
  for (const table of SOURCE_TABLES) {
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
    if (conditions.length === 0) continue;
    const n = await db.run(`DELETE FROM stg.${ident(table)} WHERE ${conditions.join(' OR ')}`);
    if (n > 0) {
      removed.set(table, n);
      lost.add(table);
    }
  }
  return removed;
}
