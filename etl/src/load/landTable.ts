import { join } from 'node:path';
import type { Db } from '@asn/warehouse';
import type { StagedTable } from '../sources/staged.ts';
import { type LandingTableName, landingColumns, XAPI_TABLE } from '../validate/checkedColumns.ts';
import { duckType, ident, lit } from '../validate/sql.ts';
import { actorKey } from './pseudonyms.ts';
import { writeCsv } from './writeCsv.ts';

/**
 * The landing shape, `land.l_<table>`: every data column as trimmed text (blank → NULL), plus
 * `_source`, `_row_number` (file line / statement index; NULL for PostgreSQL, whose rows the id
 * identifies) and `_raw` (the row as the file had it; NULL for PostgreSQL, rebuilt from the columns
 * when quarantined). xAPI rows also carry their `actor_key`, computed in Node as they are staged.
 */
export async function createLanding(db: Db, table: LandingTableName): Promise<void> {
  const cols = landingColumns(table).map((c) => `${ident(c.name)} VARCHAR`);
  if (table === XAPI_TABLE) cols.push('actor_key VARCHAR');
  await db.exec(
    `CREATE OR REPLACE TABLE land.${ident(`l_${table}`)} (${cols.join(', ')}, _source VARCHAR, _row_number BIGINT, _raw VARCHAR)`,
  );
}

/**
 * Landed text: trimmed, blank → NULL, i.e. `NULLIF(trim(x), '')`. DuckDB's trim strips spaces only,
 * and copies every string it returns; most values have no space at either end, so only those that
 * do are trimmed (same result, about a third less CPU on the big tables' landing).
 */
export function landedText(column: string): string {
  const c = ident(column);
  return `CASE WHEN prefix(${c}, ' ') OR suffix(${c}, ' ') THEN NULLIF(trim(${c}), '') ELSE NULLIF(${c}, '') END`;
}

function readCsvSql(file: string, names: readonly string[], types?: readonly string[]): string {
  const columns = `{${names.map((n, i) => `${lit(n)}: ${lit(types?.[i] ?? 'VARCHAR')}`).join(', ')}}`;
  return `read_csv(${lit(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns})`;
}

/**
 * A PostgreSQL CSV export as a SELECT in the landing shape (trimmed text, blank → NULL, `_source`,
 * no row number, no raw text), read by DuckDB's parallel CSV reader. The validation pass reads it
 * directly, so the big tables are never copied as text first.
 */
export function csvLandingSelect(table: LandingTableName, file: string, source: string): string {
  const names = landingColumns(table).map((c) => c.name);
  return `SELECT ${names.map((n) => `${landedText(n)} AS ${ident(n)}`).join(', ')}${table === XAPI_TABLE ? ', CAST(NULL AS VARCHAR) AS actor_key' : ''},
       ${lit(source)} AS _source, CAST(NULL AS BIGINT) AS _row_number, CAST(NULL AS VARCHAR) AS _raw
     FROM ${readCsvSql(file, names)}`;
}

/**
 * A PostgreSQL CSV export in the landing shape, but with the non-text columns parsed to their type
 * by DuckDB's CSV reader (text columns trimmed as in `landedText`). PostgreSQL writes typed columns
 * in canonical form, so this parses every value the way `TRY_CAST` would, in the reader's own loop;
 * a value that does not parse makes the statement fail (the caller then takes the text path).
 */
export function typedCsvSelect(table: LandingTableName, file: string, source: string): string {
  const columns = landingColumns(table);
  const names = columns.map((c) => c.name);
  const types = columns.map((c) => duckType(c.type));
  return `SELECT ${columns.map((c) => (c.type === 'text' ? `${landedText(c.name)} AS ${ident(c.name)}` : ident(c.name))).join(', ')},
       ${lit(source)} AS _source, CAST(NULL AS BIGINT) AS _row_number, CAST(NULL AS VARCHAR) AS _raw
     FROM ${readCsvSql(file, names, types)}`;
}

/** Lands a PostgreSQL CSV export in bulk (DuckDB's parallel CSV reader); returns the rows landed. */
export async function landCsv(
  db: Db,
  table: LandingTableName,
  file: string,
  source: string,
): Promise<number> {
  const names = landingColumns(table).map((c) => c.name);
  return db.run(
    `INSERT INTO land.${ident(`l_${table}`)} (${names.map(ident).join(', ')}, _source)
     SELECT ${names.map(landedText).join(', ')}, ${lit(source)}
     FROM ${readCsvSql(file, names)}`,
  );
}

/**
 * Lands a file-drop or xAPI `StagedTable` (already text, already small) by writing it as CSV in
 * the landing shape and reading that back in bulk. Columns are matched by name; catalog columns the
 * warehouse never reads (names, comments) are left behind here.
 */
export async function landStaged(
  db: Db,
  staged: StagedTable,
  scratchDir: string,
  secret: string,
  index: number,
): Promise<number> {
  const table = staged.table as LandingTableName;
  const names = landingColumns(table).map((c) => c.name);
  const positions = names.map((n) => staged.columns.indexOf(n));
  const isXapi = table === XAPI_TABLE;
  const header = [...names, ...(isXapi ? ['actor_key'] : []), '_source', '_row_number', '_raw'];
  const file = join(scratchDir, `staged_${index}_${table}.csv`);
  const at = (row: readonly (string | null)[], name: string) => {
    const i = staged.columns.indexOf(name);
    return i < 0 ? null : (row[i] ?? null);
  };
  const rows = staged.rows.map((row, i) => {
    const values = positions.map((p) => (p < 0 ? null : (row[p] ?? null)));
    if (isXapi) {
      values.push(
        actorKey(secret, {
          mbox: at(row, 'actor_mbox'),
          mboxSha1: at(row, 'actor_mbox_sha1sum'),
          homepage: at(row, 'actor_account_homepage'),
          name: at(row, 'actor_account_name'),
        }),
      );
    }
    values.push(staged.source, String(staged.rowNumbers[i] ?? ''), staged.rawRows[i] ?? null);
    return values;
  });
  await writeCsv(file, header, rows);
  return db.run(
    `INSERT INTO land.${ident(`l_${table}`)} (${header.map(ident).join(', ')})
     SELECT ${header.map((h) => (h === '_row_number' ? 'TRY_CAST(_row_number AS BIGINT)' : ident(h))).join(', ')}
     FROM ${readCsvSql(file, header)}`,
  );
}
