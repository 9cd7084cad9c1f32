import type { Db } from '@asn/warehouse';
import type { StagedTable } from '../sources/staged.ts';
import { XAPI_TABLE } from '../validate/checkedColumns.ts';
import { lit } from '../validate/sql.ts';

/**
 * A statement id as it is compared: trimmed and lower-case. A UUID's hex digits are read
 * case-insensitively (RFC 4122 §3), so a StatementRef in capitals names the statement stored in
 * lower case. The xAPI parser stages both already so (statement-row.ts); this holds for staged
 * tables handed in by other callers too.
 */
const statementKey = (id: string): string => id.trim().toLowerCase();

/**
 * xAPI voiding (1.0.3 §2.3.2) within this run's exports: every statement a voiding statement of any
 * of them names leaves the staged rows, as if it had never been sent. Returns the staged tables
 * without them (the others as they were), the voided ids, lower-case (to apply to the stored
 * statements as well) and how many staged statements left.
 */
export function applyVoidsToStaged(staged: readonly StagedTable[]): {
  staged: StagedTable[];
  ids: string[];
  removed: number;
} {
  const ids = [
    ...new Set(staged.flatMap((s) => (s.table === XAPI_TABLE ? (s.voided ?? []).map(statementKey) : []))),
  ].sort();
  if (ids.length === 0) return { staged: [...staged], ids, removed: 0 };
  const voided = new Set(ids);
  let removed = 0;
  const out = staged.map((s) => {
    if (s.table !== XAPI_TABLE) return s;
    const at = s.columns.indexOf('statement_id');
    const keep = s.rows.map((r) => !voided.has(statementKey(r[at] ?? '')));
    removed += keep.filter((k) => !k).length;
    return {
      ...s,
      rows: s.rows.filter((_, i) => keep[i]),
      rowNumbers: s.rowNumbers.filter((_, i) => keep[i]),
      rawRows: s.rawRows.filter((_, i) => keep[i]),
    };
  });
  return { staged: out, ids, removed };
}

/**
 * Removes the voided statements an earlier run stored; returns how many. Compared lower-case on
 * both sides: a statement stored before ids were staged lower-case may be held in capitals.
 */
export async function deleteVoidedStatements(db: Db, ids: readonly string[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    deleted += await db.run(
      `DELETE FROM stg.xapi_statements WHERE lower(statement_id) IN (${chunk.map((id) => lit(statementKey(id))).join(', ')})`,
    );
  }
  return deleted;
}
