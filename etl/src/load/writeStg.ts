import { type Db, stgSpec } from '@asn/warehouse';
import { keyColumn, type LandingTableName, XAPI_TABLE } from '../validate/checkedColumns.ts';
import { verbName } from '../validate/rules.ts';
import { ident, lit } from '../validate/sql.ts';

export interface StgWrite {
  /** stg rows removed because their key arrived again (replaced, or now quarantined). */
  readonly replaced: number;
  /** Rows inserted (good rows minus collapsed identical copies). */
  readonly inserted: number;
}

/** How a stg column is filled from the checked rows, where it is not a same-named column. */
function expression(table: LandingTableName, column: string, runId: string): string {
  if (column === '_run_id') return lit(runId);
  if (column === 'birth_year') return 'CAST(year(birth_date) AS INTEGER)';
  if (table === XAPI_TABLE && column === 'verb') return verbName('verb');
  return ident(column);
}

/**
 * Upsert by key as delete + insert, set-based. Every key that arrived in this run is deleted first,
 * good or bad: a row that is quarantined now must not survive as its older version, or an
 * incremental run would keep what a full run on the same source state would not. One exception: a
 * quarantined file-drop row never removes a PostgreSQL row. A drop row whose id is a PostgreSQL row
 * is refused ("the PostgreSQL row is kept": DUPLICATE_CONFLICT, or a fault of its own checked
 * first), and a run without PostgreSQL (`--source files`) would not read that row again: deleting
 * its key lost it, and its dependants with it. A good drop row still replaces any row by key.
 * A refused xAPI statement never removes the one stored under its id (statements are immutable).
 * With `emptyTarget` (full build) the delete is skipped.
 */
export async function writeStg(
  db: Db,
  table: LandingTableName,
  runId: string,
  emptyTarget: boolean,
  checked = `land.${ident(`c_${table}`)}`,
): Promise<StgWrite> {
  const key = ident(keyColumn(table));
  const target = `stg.${ident(table)}`;
  // xAPI statements are immutable: a refused statement never removes the one stored under its id
  // (a different one is DUPLICATE_CONFLICT; one that no longer maps is the stored statement's
  // business: kept, quarantined on every run while it does not count, `storedStatementRejects`).
  const refusedReplace =
    table === XAPI_TABLE
      ? ''
      : `
            OR (_source <> 'postgres' AND ${key} IN (SELECT ${key} FROM ${checked}
                          WHERE ${key} IS NOT NULL AND _source <> 'postgres' AND _reason IS NOT NULL))`;
  const replaced = emptyTarget
    ? 0
    : await db.run(
        `DELETE FROM ${target}
         WHERE ${key} IN (SELECT ${key} FROM ${checked}
                          WHERE ${key} IS NOT NULL AND (_source = 'postgres' OR _reason IS NULL))${refusedReplace}`,
      );
  const inserted = await db.run(
    insertStgSql(table, runId, `(SELECT * FROM ${checked} WHERE _reason IS NULL AND NOT _collapsed)`),
  );
  return { replaced, inserted };
}

/** `INSERT INTO stg.<table>` of every row of `from` (a relation in the checked rows' shape). */
export function insertStgSql(table: LandingTableName, runId: string, from: string): string {
  const columns = stgSpec(table).columns.map((c) => c.name);
  return `INSERT INTO stg.${ident(table)} (${columns.map(ident).join(', ')})
     SELECT ${columns.map((c) => expression(table, c, runId)).join(', ')}
     FROM ${from} AS c`;
}
