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
 * its key lost it, and its dependants with it. A good drop row replaces any row by key, except the
 * copy of a PostgreSQL row in stg (`collapseOntoStored`): collapsed, it removes nothing.
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
  // xAPI ids land lower-case (UUIDs); one stored in capitals before 2026-12-06 is the same statement.
  const storedKey = table === XAPI_TABLE ? `lower(${key})` : key;
  const replaced = emptyTarget
    ? 0
    : await db.run(
        `DELETE FROM ${target}
         WHERE ${storedKey} IN (SELECT ${key} FROM ${checked}
                          WHERE ${key} IS NOT NULL AND (_source = 'postgres' OR (_reason IS NULL AND NOT _collapsed)))${refusedReplace}`,
      );
  const inserted = await db.run(
    insertStgSql(table, runId, `(SELECT * FROM ${checked} WHERE _reason IS NULL AND NOT _collapsed)`),
  );
  return { replaced, inserted };
}

/** The ids of this run's drop rows collapsed onto a PostgreSQL row in stg (temp: ids only). */
const ontoStored = (table: LandingTableName) => `temp.main.${ident(`s_${table}`)}`;

/**
 * Incremental runs: a good file-drop row whose id is a PostgreSQL row in stg that this run did not
 * read is an identical copy of it (one with other content is `DUPLICATE_CONFLICT`, the PostgreSQL
 * row kept). A full run reads that PostgreSQL row again, keeps it (`_source`, `updated_at` and
 * all) and counts the drop copy as collapsed (`checkSql`: the PostgreSQL copy comes first). So
 * here: marked `_collapsed` in the checked rows before they are counted, it neither replaces the
 * stored row nor is inserted, and the row stays PostgreSQL's, so the key reconcile deletes it when
 * PostgreSQL does (as a drop row it survived that, and a full run carried it forward). Until
 * 2026-12-06 it replaced the PostgreSQL row. Returns the rows marked; `restoreOntoStored` puts
 * back those whose PostgreSQL row the key reconcile then finds gone at the source.
 */
export async function collapseOntoStored(db: Db, table: LandingTableName, checked: string): Promise<number> {
  const key = ident(keyColumn(table));
  const copies = `_reason IS NULL AND NOT _collapsed AND _source <> 'postgres' AND ${key} IN (
       SELECT ${key} FROM stg.${ident(table)} WHERE _source = 'postgres')`;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${ident(`s_${table}`)} AS SELECT DISTINCT ${key} FROM ${checked} WHERE ${copies}`,
  );
  return db.run(`UPDATE ${checked} SET _collapsed = true WHERE ${copies}`);
}

/**
 * After the key reconcile: the drop copies `collapseOntoStored` marked whose PostgreSQL row is now
 * gone from stg, deleted at the source, are inserted (the first copy of each id), as a full run on
 * that source state loads them (no PostgreSQL copy is read). `readAgain` (ids) leaves out the rows
 * the reconcile reads again (taken out of stg by a sweep, still at the source): a full run reads
 * those from PostgreSQL too, and the drop copy stays collapsed. Returns the rows inserted, and
 * drops the ids table.
 */
export async function restoreOntoStored(
  db: Db,
  table: LandingTableName,
  runId: string,
  checked: string,
  readAgain: string | null,
): Promise<number> {
  const key = ident(keyColumn(table));
  const target = `stg.${ident(table)}`;
  try {
    return await db.run(
      insertStgSql(
        table,
        runId,
        // The first copy of each id by a join on min(_rid), not QUALIFY row_number() = 1: DuckDB
        // 1.5's TopN window elimination fails on that here ("Failed to cast expression to type").
        `(SELECT c.* FROM ${checked} AS c
          JOIN (SELECT ${key} AS k, min(_rid) AS first FROM ${checked}
                WHERE _reason IS NULL AND _collapsed AND _source <> 'postgres'
                  AND ${key} IN (SELECT ${key} FROM ${ontoStored(table)})
                  AND ${key} NOT IN (SELECT ${key} FROM ${target})
                  ${readAgain ? `AND ${key} NOT IN (SELECT ${key} FROM ${readAgain} WHERE ${key} IS NOT NULL)` : ''}
                GROUP BY ${key}) AS f ON c.${key} = f.k AND c._rid = f.first)`,
      ),
    );
  } finally {
    await dropOntoStored(db, table);
  }
}

/** Drops the ids table of `collapseOntoStored` (a table without a key reconcile needs it no longer). */
export async function dropOntoStored(db: Db, table: LandingTableName): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${ontoStored(table)}`);
}

/** `INSERT INTO stg.<table>` of every row of `from` (a relation in the checked rows' shape). */
export function insertStgSql(table: LandingTableName, runId: string, from: string): string {
  const columns = stgSpec(table).columns.map((c) => c.name);
  return `INSERT INTO stg.${ident(table)} (${columns.map(ident).join(', ')})
     SELECT ${columns.map((c) => expression(table, c, runId)).join(', ')}
     FROM ${from} AS c`;
}
