import { join } from 'node:path';
import type { Db } from '@asn/warehouse';
import { idsUnchecked } from '../sources/postgres/extractPostgres.ts';
import type { StagedTable } from '../sources/staged.ts';
import { type LandingTableName, landingColumns, XAPI_TABLE } from '../validate/checkedColumns.ts';
import { duckType, ident, lit } from '../validate/sql.ts';
import { actorKey } from './pseudonyms.ts';
import { csvLine, writeCsv } from './writeCsv.ts';

/**
 * The landing shape, `land.l_<table>`: every data column as trimmed text (blank → NULL), plus
 * `_source`, `_row_number` (file line / statement index; NULL for PostgreSQL, whose rows the id
 * identifies) and `_raw` (the row as the file had it; NULL for PostgreSQL, rebuilt from the columns
 * when quarantined) and `_id_copies`: how many rows of its PostgreSQL file share its id, for a table
 * whose ids the source does not keep unique (`idsUnchecked`; NULL otherwise, and for file-drop and
 * xAPI rows, whose repeats the `dedupe` window judges). xAPI rows also carry their `actor_key`,
 * computed in Node as they are staged.
 */
export async function createLanding(db: Db, table: LandingTableName): Promise<void> {
  const cols = landingColumns(table).map((c) => `${ident(c.name)} VARCHAR`);
  if (table === XAPI_TABLE) cols.push('actor_key VARCHAR');
  await db.exec(
    `CREATE OR REPLACE TABLE land.${ident(`l_${table}`)} (${cols.join(', ')}, _source VARCHAR, _row_number BIGINT, _raw VARCHAR, _id_copies BIGINT)`,
  );
}

/**
 * Landed text: trimmed, blank → NULL, i.e. `NULLIF(trim(x), '')`. DuckDB's trim strips spaces only,
 * and copies every string it returns; most values have no space at either end, so only those that
 * do are trimmed (same result, about a third less CPU on the big tables' landing). A lone `-` is
 * how Indonesian sheets and databases write "none", so it is blank too (not a formula; a required
 * column then has MISSING_REQUIRED), as `cleanValue` does for file drops.
 */
export function landedText(column: string): string {
  const c = ident(column);
  return `NULLIF(CASE WHEN prefix(${c}, ' ') OR suffix(${c}, ' ') THEN NULLIF(trim(${c}), '') ELSE NULLIF(${c}, '') END, '-')`;
}

/**
 * The longest line, in bytes with its line ending, that DuckDB's CSV reader takes from a landing
 * CSV (its `max_line_size`; a longer line can fail the whole statement). DuckDB's default,
 * 2 000 000, is exceeded by one long value (a pasted document, a big xAPI statement, a long
 * PostgreSQL text). Raised with the read buffer pinned at DuckDB's default size
 * ({@link CSV_BUFFER_BYTES}): unpinned, DuckDB sizes its buffers from this limit, which measured
 * more memory and a slower read of a normal extract; pinned, both match the default (README,
 * "Spreadsheet drops"). `landStaged` refuses longer rows before it writes them.
 */
export const MAX_LINE_BYTES = 16_000_000;

/** DuckDB's default CSV read buffer (16 × its default line limit); must exceed {@link MAX_LINE_BYTES}. */
const CSV_BUFFER_BYTES = 32_000_000;

function readCsvSql(file: string, names: readonly string[], types?: readonly string[]): string {
  const columns = `{${names.map((n, i) => `${lit(n)}: ${lit(types?.[i] ?? 'VARCHAR')}`).join(', ')}}`;
  return `read_csv(${lit(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${CSV_BUFFER_BYTES}, columns = ${columns})`;
}

/**
 * `_id_copies` of a PostgreSQL file's rows: NULL, or for a file whose rows may repeat an id (the
 * source has no unique index on it: `idsUnchecked`), the rows of the file with the row's id (one
 * window over the file, which holds the whole table: such a table is not copied in chunks). Ids are
 * compared as PostgreSQL wrote them (canonical integers).
 */
function idCopies(table: LandingTableName, file: string, id: string): string {
  return table !== XAPI_TABLE && idsUnchecked(file)
    ? `count(*) OVER (PARTITION BY ${id})`
    : 'CAST(NULL AS BIGINT)';
}

/**
 * A PostgreSQL CSV export as a SELECT in the landing shape (trimmed text, blank → NULL, `_source`,
 * no row number, no raw text), read by DuckDB's parallel CSV reader. The validation pass reads it
 * directly, so the big tables are never copied as text first.
 */
export function csvLandingSelect(table: LandingTableName, file: string, source: string): string {
  const names = landingColumns(table).map((c) => c.name);
  return `SELECT ${names.map((n) => `${landedText(n)} AS ${ident(n)}`).join(', ')}${table === XAPI_TABLE ? ', CAST(NULL AS VARCHAR) AS actor_key' : ''},
       ${lit(source)} AS _source, CAST(NULL AS BIGINT) AS _row_number, CAST(NULL AS VARCHAR) AS _raw,
       ${idCopies(table, file, landedText('id'))} AS _id_copies
     FROM ${readCsvSql(file, names)}`;
}

/**
 * A PostgreSQL CSV export in the landing shape, but with the non-text columns parsed to their type
 * by DuckDB's CSV reader (text columns trimmed as in `landedText`). PostgreSQL writes typed columns
 * in canonical form, so this parses every value the way `TRY_CAST` would, in the reader's own loop;
 * a value that does not parse makes the statement fail (the caller then takes the text path).
 *
 * Except a date of PostgreSQL's BC era (`0044-03-15 BC`): DuckDB's date parse stops after the day
 * and drops the era, so 44 BC would load as AD 44 (a BC timestamp does fail its parse). Date
 * columns are therefore read as text and cast here (10 M dates measured as fast as the reader's own
 * parse), a BC date failing the statement like a value that does not parse: the text path judges it.
 */
export function typedCsvSelect(table: LandingTableName, file: string, source: string): string {
  const columns = landingColumns(table);
  const names = columns.map((c) => c.name);
  const types = columns.map((c) => (c.type === 'date' ? 'VARCHAR' : duckType(c.type)));
  const value = (c: (typeof columns)[number]): string => {
    const v = ident(c.name);
    if (c.type === 'text') return `${landedText(c.name)} AS ${v}`;
    if (c.type === 'date') {
      const refused = lit(
        `could not convert ${c.name} to DATE here: PostgreSQL's BC era, which DuckDB's date cast drops: `,
      );
      return `CAST(CASE WHEN suffix(${v}, ' BC') THEN error(${refused} || ${v}) ELSE ${v} END AS DATE) AS ${v}`;
    }
    return v;
  };
  return `SELECT ${columns.map(value).join(', ')},
       ${lit(source)} AS _source, CAST(NULL AS BIGINT) AS _row_number, CAST(NULL AS VARCHAR) AS _raw,
       ${idCopies(table, file, 'id')} AS _id_copies
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
    `INSERT INTO land.${ident(`l_${table}`)} (${names.map(ident).join(', ')}, _source, _id_copies)
     SELECT ${names.map(landedText).join(', ')}, ${lit(source)}, ${idCopies(table, file, landedText('id'))}
     FROM ${readCsvSql(file, names)}`,
  );
}

/** How much of an over-long row's raw text its quarantine entry keeps. */
const LONG_ROW_RAW_CHARS = 2000;

/**
 * An upper bound of the bytes `csvLine` writes for `values`, cheap enough for every row: a UTF-16
 * unit is at most 3 bytes of UTF-8, and a quote doubles. Only rows over it are measured exactly.
 */
function lineBytesBound(values: readonly (string | null)[]): number {
  let n = 0;
  for (const v of values) n += v === null ? 1 : v.length * 6 + 3;
  return n;
}

/**
 * Lands a file-drop or xAPI `StagedTable` (already text, already small) by writing it as CSV in
 * the landing shape and reading that back in bulk. Columns are matched by name; catalog columns the
 * warehouse never reads (names, comments) are left behind here.
 *
 * A row whose landing line would be longer than {@link MAX_LINE_BYTES} (a pasted document in a
 * cell, a statement carrying a file) would fail DuckDB's read of the whole file, so it is not
 * written: it moves from `staged.rows` to `staged.rejected` as MALFORMED_ROW, with its row number
 * and the head of its raw text, and the caller quarantines it with the parser's rejects (read =
 * loaded + quarantined still holds). Returns the rows landed, i.e. `staged.rows.length` after.
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
  const rows: (string | null)[][] = [];
  const tooLong: number[] = [];
  staged.rows.forEach((row, i) => {
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
    if (lineBytesBound(values) > MAX_LINE_BYTES && Buffer.byteLength(csvLine(values)) > MAX_LINE_BYTES) {
      tooLong.push(i);
      rejectLongRow(staged, i, values, names);
    } else rows.push(values);
  });
  if (tooLong.length > 0) dropRows(staged, tooLong);
  await writeCsv(file, header, rows);
  return db.run(
    `INSERT INTO land.${ident(`l_${table}`)} (${header.map(ident).join(', ')})
     SELECT ${header.map((h) => (h === '_row_number' ? 'TRY_CAST(_row_number AS BIGINT)' : ident(h))).join(', ')}
     FROM ${readCsvSql(file, header)}`,
  );
}

/** Quarantines staged row `i`, whose landing line `values` is too long for DuckDB's CSV reader. */
function rejectLongRow(
  staged: StagedTable,
  i: number,
  values: readonly (string | null)[],
  names: readonly string[],
): void {
  const raw = staged.rawRows[i] ?? '';
  let longest = { name: '', bytes: -1 };
  names.forEach((name, k) => {
    const bytes = Buffer.byteLength(values[k] ?? '');
    if (bytes > longest.bytes) longest = { name, bytes };
  });
  const rawBytes = Buffer.byteLength(raw);
  // The raw row holds the values again (a file row) or the whole statement (xAPI): name what is big.
  const what =
    longest.bytes * 2 >= rawBytes
      ? `the value of ${longest.name} is ${longest.bytes} bytes`
      : `the raw ${staged.table === XAPI_TABLE ? 'statement' : 'row'} is ${rawBytes} bytes`;
  const cut = raw.length > LONG_ROW_RAW_CHARS;
  staged.rejected.push({
    source: staged.source,
    table: staged.table,
    rowNumber: staged.rowNumbers[i] ?? null,
    raw: cut ? `${raw.slice(0, LONG_ROW_RAW_CHARS)}…` : raw,
    reason: 'MALFORMED_ROW',
    detail:
      `row too long to load: ${Buffer.byteLength(csvLine(values))} bytes with its raw text, over the limit of ${MAX_LINE_BYTES}; ${what}` +
      (cut ? ` (raw text cut to its first ${LONG_ROW_RAW_CHARS} characters here)` : ''),
  });
}

/** Removes rows `drop` (ascending indices) from `staged`, keeping its parallel arrays aligned. */
function dropRows(staged: StagedTable, drop: readonly number[]): void {
  const gone = new Set(drop);
  const keep = (_: unknown, i: number) => !gone.has(i);
  staged.rows = staged.rows.filter(keep);
  staged.rowNumbers = staged.rowNumbers.filter(keep);
  staged.rawRows = staged.rawRows.filter(keep);
}
