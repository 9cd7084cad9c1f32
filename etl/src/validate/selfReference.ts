import type { Db } from '@asn/warehouse';
import { type LandingTableName, landingColumns } from './checkedColumns.ts';
import { ident, lit } from './sql.ts';

/**
 * A self-reference (an agency's `parent_id`) must name a *valid* row: one of this run's rows that
 * passed every rule, or a row already in stg that this run does not replace. The rules pass a parent
 * that was landed in the same run (`tableRules`: any landed key), since one pass cannot know which
 * of them fail; this quarantines, `UNKNOWN_REFERENCE`, the rows whose parent did fail or is missing,
 * repeated to a fixpoint (a chain of descendants goes with its root). Without it a full run kept
 * the children of a quarantined agency while an incremental run, which reads them without the
 * parent, quarantined them. Returns the rows it quarantined.
 */
export async function quarantineSelfOrphans(
  db: Db,
  table: LandingTableName,
  checked: string,
  landed: string,
): Promise<number> {
  const columns = landingColumns(table);
  const selfRefs = columns.filter((c) => c.references === table);
  if (selfRefs.length === 0) return 0;
  const stg = `stg.${ident(table)}`;
  const raw = `CAST(to_json(struct_pack(${columns.map((c) => `${ident(c.name)} := l.${ident(c.name)}`).join(', ')})) AS VARCHAR)`;
  let total = 0;
  for (;;) {
    let changed = 0;
    for (const c of selfRefs) {
      const ref = ident(c.name);
      changed += await db.run(
        `UPDATE ${checked} AS c SET
           _reason = 'UNKNOWN_REFERENCE',
           _collapsed = false,
           _detail = ${lit(`${c.name} `)} || CAST(c.${ref} AS VARCHAR) || ${lit(` references no valid ${table} row`)},
           _raw = coalesce((SELECT coalesce(l._raw, ${raw}) FROM ${landed} AS l WHERE l.rowid = c._rid), c._raw)
         WHERE c._reason IS NULL AND c.${ref} IS NOT NULL
           AND c.${ref} NOT IN (
             SELECT id FROM ${checked} WHERE _reason IS NULL
             UNION ALL
             SELECT id FROM ${stg} WHERE id NOT IN (SELECT id FROM ${checked} WHERE id IS NOT NULL))`,
      );
    }
    total += changed;
    if (changed === 0) return total;
  }
}
