import type { Db, ReasonCode } from '@asn/warehouse';
import { SOURCE_TABLES, type SourceTableName, tableSpec } from '../source-schema/catalog.ts';
import { NATURAL_REFERENCES, naturalOrphanSql } from '../validate/naturalReferences.ts';
import { LOCAL_TIME_ZONE } from '../validate/rules.ts';
import { ident, lit } from '../validate/sql.ts';

/** An enrollment's jp_earned above its program's jp, over stg (the OUT_OF_RANGE rule of `tableRules`). */
const JP_ABOVE_PROGRAM = `jp_earned > (SELECT p.jp FROM stg.offerings AS o JOIN stg.programs AS p ON p.id = o.program_id WHERE o.id = offering_id)`;

/**
 * The rules by which a child row depends on a parent's columns other than its id (`tableRules`):
 * an update of the parent, which loses no id, can still make its children fail. Per child table,
 * the parent and the stg predicate of a child that now fails. When such a parent has rows replaced,
 * the children are swept (`sweepTable`) and read again by the key reconcile, which quarantines them
 * as a full run would (or loads them when the update made them valid).
 */
const PARENT_COLUMN_RULES: Partial<
  Record<SourceTableName, readonly { parent: SourceTableName; fails: string }[]>
> = {
  // DATES_OUT_OF_ORDER: completed before the offering starts (local midnight of starts_on).
  // OUT_OF_RANGE: more JP than the offering's program is worth (the program's jp lowered, or the
  // offering moved to another program).
  enrollments: [
    {
      parent: 'offerings',
      fails: `completed_at < (SELECT CAST(o.starts_on AS TIMESTAMP) AT TIME ZONE '${LOCAL_TIME_ZONE}' FROM stg.offerings AS o WHERE o.id = offering_id)`,
    },
    { parent: 'offerings', fails: JP_ABOVE_PROGRAM },
    { parent: 'programs', fails: JP_ABOVE_PROGRAM },
  ],
};
// UNKNOWN_REFERENCE by natural key (NATURAL_REFERENCES): a service level's service_type, an
// agency's code may change.
for (const ref of NATURAL_REFERENCES) {
  PARENT_COLUMN_RULES[ref.table] = [
    ...(PARENT_COLUMN_RULES[ref.table] ?? []),
    { parent: ref.parent, fails: naturalOrphanSql(ref) },
  ];
}

/** Tables whose replaced rows can make their children fail (`PARENT_COLUMN_RULES`). */
export const COLUMN_RULE_PARENTS: ReadonlySet<string> = new Set<string>(
  Object.values(PARENT_COLUMN_RULES).flatMap((rules) => (rules ?? []).map((r) => r.parent)),
);

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
    // Rows whose parent in the same table is gone (agencies.parent_id), as the key reconcile does
    // for PostgreSQL's: a drop agency under a drop agency this run quarantined.
    const n = (await sweepTable(db, table, lost)) + (lost.has(table) ? await sweepSelf(db, table) : 0);
    if (n > 0) {
      removed.set(table, n);
      lost.add(table);
    }
  }
  return removed;
}

/**
 * One table's part of the sweep: removes its stg rows that point at a parent of `lost` (a table
 * that lost keys, or replaced rows a rule reads: `PARENT_COLUMN_RULES`) that stg no longer holds,
 * or whose parent's columns now make them fail. Returns the rows removed (their ids added to
 * `record` when given: `sweptIdsTable`).
 */
export async function sweepTable(
  db: Db,
  table: SourceTableName,
  lost: ReadonlySet<SourceTableName>,
  record?: string,
): Promise<number> {
  const refs = tableSpec(table).columns.filter((c) => c.references && c.references !== table);
  const conditions = refs
    .filter((c) => lost.has(c.references as SourceTableName))
    .map(
      (c) =>
        `(${ident(c.name)} IS NOT NULL AND ${ident(c.name)} NOT IN (SELECT id FROM stg.${ident(c.references as string)}))`,
    );
  for (const rule of PARENT_COLUMN_RULES[table] ?? [])
    if (lost.has(rule.parent)) conditions.push(`(${rule.fails})`);
  if (conditions.length === 0) return 0;
  return removeRows(db, table, conditions.join(' OR '), record);
}

/**
 * `DELETE FROM stg.<table> WHERE <where>`; with `record` (a table with an `id` column), the ids of
 * the removed rows are added to it first (see `sweptIdsTable`). File-drop rows among them are kept
 * for the quarantine first (`keepSweptDropRows`).
 */
async function removeRows(db: Db, table: SourceTableName, where: string, record?: string): Promise<number> {
  if (record) await db.run(`INSERT INTO ${record} (id) SELECT id FROM stg.${ident(table)} WHERE ${where}`);
  await keepSweptDropRows(db, table, where);
  return db.run(`DELETE FROM stg.${ident(table)} WHERE ${where}`);
}

/** Where the sweeps keep the file-drop rows they remove, until the run quarantines them. */
const SWEPT_DROP_ROWS = 'temp.main.swept_drop_rows';

/**
 * Copies the rows of stg.<table> matching `where` that came from a file drop (or any source but
 * PostgreSQL) to `SWEPT_DROP_ROWS`, as their stg JSON. PostgreSQL's children of a removed parent
 * are read again by the key reconcile and quarantined there; nothing reads a drop row again (the
 * warehouse keeps no drop file), so removing it silently would lose it (a review of 2026-12-05: a
 * drop agency under a PostgreSQL agency quarantined for a formula left stg without a trace, and did
 * not come back with its parent). The run quarantines them (`takeSweptDropRows`).
 */
export async function keepSweptDropRows(
  db: Db,
  table: SourceTableName,
  where: string,
  why: { readonly reason: ReasonCode; readonly detail: string } = PARENT_GONE,
): Promise<void> {
  await db.exec(
    `CREATE TEMP TABLE IF NOT EXISTS swept_drop_rows ("table" VARCHAR, source VARCHAR, id BIGINT, raw VARCHAR, reason VARCHAR, detail VARCHAR)`,
  );
  await db.run(
    `INSERT INTO ${SWEPT_DROP_ROWS} SELECT ${lit(table)}, t._source, t.id, CAST(to_json(t) AS VARCHAR), ${lit(why.reason)}, ${lit(why.detail)}
     FROM stg.${ident(table)} AS t WHERE t._source <> 'postgres' AND (${where})`,
  );
}

/** Why the sweeps remove a row: a row it references is gone. */
const PARENT_GONE = {
  reason: 'UNKNOWN_REFERENCE',
  detail:
    'stored row: a row it references is no longer in the warehouse (deleted at the source, or quarantined in this run), so it was removed; send it again once that row loads',
} as const;

/** A file-drop row a sweep removed: its table, source, stg row as JSON, and why. */
export interface SweptDropRow {
  readonly table: SourceTableName;
  readonly source: string;
  readonly raw: string;
  readonly reason: ReasonCode;
  readonly detail: string;
}

/**
 * The file-drop rows the sweeps removed since the last call (`keepSweptDropRows`), in table and id
 * order; the store is emptied. A row removed twice (swept, then swept again after a reload) once.
 */
export async function takeSweptDropRows(db: Db): Promise<SweptDropRow[]> {
  const exists = await db.all<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE temporary AND table_name = 'swept_drop_rows'`,
  );
  if ((exists[0]?.n ?? 0) === 0) return [];
  const rows = await db.all<SweptDropRow>(
    `SELECT "table", source, any_value(raw) AS raw, any_value(reason) AS reason, any_value(detail) AS detail
     FROM ${SWEPT_DROP_ROWS} GROUP BY "table", source, id ORDER BY "table", id`,
  );
  await db.exec(`DROP TABLE ${SWEPT_DROP_ROWS}`);
  return rows;
}

/**
 * An empty temp table for the ids a table's sweeps remove (`sweepTable`, `sweepSelf` with
 * `record`): the key reconcile tells from it which of them are gone from the source (deleted) and
 * which it reads again (inserted or quarantined, not deleted). Returns its name.
 */
export async function sweptIdsTable(db: Db, table: SourceTableName): Promise<string> {
  const name = ident(`swept_${table}`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE ${name} (id BIGINT)`);
  return `temp.main.${name}`;
}

/**
 * A table's rows whose parent in the same table (`agencies.parent_id`) stg no longer holds, removed
 * until none is left (a removed parent's children, then theirs). A full run quarantines them as
 * UNKNOWN_REFERENCE; the key reconcile reads them again so that this run does too. Returns the rows
 * removed (their ids added to `record` when given: `sweptIdsTable`).
 */
export async function sweepSelf(db: Db, table: SourceTableName, record?: string): Promise<number> {
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
    const n = await removeRows(db, table, orphan, record);
    if (n === 0) return removed;
    removed += n;
  }
}
