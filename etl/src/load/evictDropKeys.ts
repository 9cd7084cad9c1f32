import type { Db } from '@asn/warehouse';
import { SOURCE_TABLES, type SourceTableName } from '../source-schema/catalog.ts';
import type { LandingTableName } from '../validate/checkedColumns.ts';
import { NATURAL_KEYS } from '../validate/rules.ts';
import { ident } from '../validate/sql.ts';
import { keepSweptDropRows } from './sweepOrphans.ts';

/**
 * Stored file-drop rows whose natural key (a unique constraint of the source, `NATURAL_KEYS`) a
 * PostgreSQL row in stg now holds under another id: removed, and quarantined by the run as
 * DUPLICATE_CONFLICT with the row as stg held it (`keepSweptDropRows`). The source is the
 * authority on its own keys. A drop row is refused when it arrives while stg or the run's
 * PostgreSQL rows hold its key (`naturalKeyRules`), but a PostgreSQL row quarantined by an earlier
 * run is in neither: a drop row then took its key, and when the source's row was fixed and loaded,
 * stg held both (a review of 2026-12-05, revEtl2: two enrollments of one employee in one offering,
 * JP counted twice, the data tests silent). Runs after every table is loaded, in full and
 * incremental runs alike. Returns the rows removed per table (their children go with the orphan
 * sweeps).
 */
export async function evictDropKeys(db: Db): Promise<Map<SourceTableName, number>> {
  const removed = new Map<SourceTableName, number>();
  for (const table of SOURCE_TABLES) {
    const keys = NATURAL_KEYS[table as LandingTableName] ?? [];
    if (keys.length === 0) continue;
    // Most runs hold no drop rows at all: one cheap look before the joins.
    const drops = await db.all<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM stg.${ident(table)} WHERE _source <> 'postgres') AS any`,
    );
    if (!drops[0]?.any) continue;
    let n = 0;
    for (const key of keys) {
      const cols = key.map(ident);
      const present = cols.map((c) => `${c} IS NOT NULL`).join(' AND ');
      const tuple = `(${cols.join(', ')})`;
      const where = `${present} AND ${tuple} IN (SELECT ${cols.join(', ')} FROM stg.${ident(table)} WHERE _source = 'postgres' AND ${present})`;
      await keepSweptDropRows(db, table, where, {
        reason: 'DUPLICATE_CONFLICT',
        detail: `stored row: its ${key.join(', ')} is now held by a PostgreSQL row with another id (the source allows it once and is kept), so it was removed`,
      });
      n += await db.run(`DELETE FROM stg.${ident(table)} WHERE _source <> 'postgres' AND ${where}`);
    }
    if (n > 0) removed.set(table, n);
  }
  return removed;
}
