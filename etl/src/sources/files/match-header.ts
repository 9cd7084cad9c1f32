import { CATALOG, type ColumnSpec, neverRead, type TableSpec } from '../../source-schema/catalog.ts';
import { HEADER_NAMES_LISTED, HeaderError } from '../staged.ts';

/**
 * Columns that a drop may leave out even though the source requires them: `updated_at` is
 * stamped by the system of record, and a person filling a spreadsheet cannot know it.
 */
export const OPTIONAL_IN_DROPS: ReadonlySet<string> = new Set(['updated_at']);

/** The columns a template of `spec` carries: all but `updated_at` and the columns never read. */
export function templateSpecColumns(spec: TableSpec): ColumnSpec[] {
  return spec.columns.filter((c) => !OPTIONAL_IN_DROPS.has(c.name) && !neverRead(spec.name, c.name));
}

/**
 * The columns a drop of `spec` must carry: the required ones, less `updated_at` and the personal
 * columns the ETL never reads (`NEVER_READ`: a name, a free-text comment).
 */
export function requiredInDrops(spec: TableSpec): ColumnSpec[] {
  return spec.columns.filter(
    (c) => c.required && !OPTIONAL_IN_DROPS.has(c.name) && !neverRead(spec.name, c.name),
  );
}

export interface HeaderMap {
  /** Catalog column names, in catalog order. */
  readonly columns: string[];
  /** For each catalog column, the index of its field in the file, or -1 when the file lacks it. */
  readonly fieldIndex: number[];
  /** The file's header names as written (trimmed), for raw-row JSON. */
  readonly fileNames: string[];
  /** File fields without a header name: tolerated only while they stay empty. */
  readonly unnamedFields: number[];
  /** Fields under a column the ETL never reads (`NEVER_READ`): neither staged nor kept in the raw row. */
  readonly droppedFields: number[];
}

/** Spaces a header cell may carry around its name: whitespace (NBSP, BOM included) and zero-width characters. */
const EDGE_SPACE = /^[\s\u200b-\u200d\u2060]+|[\s\u200b-\u200d\u2060]+$/g;

/** A header name as written, without the spaces around it. */
export function headerName(name: string): string {
  return name.replace(EDGE_SPACE, '');
}

/** What a header name is compared by: trimmed and case-folded, otherwise exact. */
export function headerKey(name: string): string {
  return headerName(name).toLowerCase();
}

/** A name with its separators gone (`employee id`, `EmployeeID` → `employeeid`): for suggestions only. */
const looseKey = (name: string) => headerKey(name).replace(/[\s_\-.]+/g, '');

/** Every column name of every source table, without separators (`employee id` → `employeeid`). */
const CATALOG_LOOSE: ReadonlySet<string> = new Set(
  CATALOG.flatMap((t) => t.columns.map((c) => looseKey(c.name))),
);

/** How a template writes a column: lower-case snake case (`catatan`, `nilai_akhir`). */
const IDENTIFIER = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/**
 * Whether an unexpected header cell may be quoted in the error. The error reaches the run record,
 * the snapshot's `meta.etl_runs`, analysts (`etlRuns.error`) and the log, which hold no NIP and no
 * name, and row 1 of a file without its header row is data. A name can look like a header
 * ("Bambang Pamungkas", "Sukarno"), so a letters-only rule is not enough: a cell is quoted only when
 * it is a column of some source table, also written with spaces, hyphens or another case
 * (`offering id`, `Employee ID`: the rename hint needs it), or a lower-case snake-case identifier of
 * at most 40 characters without a run of 4 digits (`catatan`), as a column is written and a person's
 * name is not. Every other cell is counted, not quoted.
 */
export function showableHeaderCell(cell: string): boolean {
  const written = headerName(cell);
  if (CATALOG_LOOSE.has(looseKey(written))) return true;
  return written.length <= 40 && IDENTIFIER.test(written) && !/\d{4}/.test(written);
}

/** A value rather than a column name: a number, a date or time, a NIP (digits and separators only). */
function looksLikeValue(cell: string): boolean {
  return /^[-+]?[\d\s.,:/-]*\d[\d\s.,:/-]*$/.test(cell) || /^\d{4}-\d{2}-\d{2}T/.test(cell);
}

/**
 * A first row that is data, not a header (the file lacks its header row): it holds values (an id, a
 * NIP, a date) and names no column of the table, loosely compared.
 */
export function looksLikeData(spec: TableSpec, fields: readonly (string | null)[]): boolean {
  const cells = fields.map((f) => headerName(f ?? '')).filter(Boolean);
  const own = new Set(spec.columns.map((c) => looseKey(c.name)));
  return cells.some(looksLikeValue) && !cells.some((c) => own.has(looseKey(c)));
}

/**
 * The fix for unexpected names that are a catalog column written with spaces, hyphens or no
 * separator (`employee id`, `Valid-From`): `rename "employee id" to employee_id, …`. They are not
 * matched silently; the person renames them once, in the template's spelling. Each name once, the
 * first {@link HEADER_NAMES_LISTED}, then how many more, as the HeaderError lists names: a header of
 * a million copies of `employee id` made a hint of a million renames.
 */
function renameHint(
  spec: TableSpec,
  unexpected: readonly string[],
  taken: ReadonlySet<string>,
): string | null {
  const byLoose = new Map<string, string[]>();
  for (const c of spec.columns) {
    if (taken.has(c.name)) continue;
    const key = looseKey(c.name);
    byLoose.set(key, [...(byLoose.get(key) ?? []), c.name]);
  }
  const renames: string[] = [];
  for (const name of new Set(unexpected)) {
    const fits = byLoose.get(looseKey(name));
    if (fits?.length === 1) renames.push(`"${name}" to ${fits[0]!}`);
  }
  if (!renames.length) return null;
  const more = renames.length - HEADER_NAMES_LISTED;
  const shown = renames.slice(0, HEADER_NAMES_LISTED).join(', ');
  return `rename ${shown}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * A HeaderError whose message ends with what to do. Unexpected cells that may be data are counted,
 * not quoted (`showableHeaderCell`); a first row that reads as data says the header row is missing
 * and lists the template's columns, quoting nothing of the row.
 */
function headerError(
  source: string,
  spec: TableSpec,
  missing: readonly string[],
  unexpected: readonly string[],
  duplicate: readonly string[],
  fix: string | null,
  header: { readonly row: number; readonly cells: readonly string[] },
): HeaderError {
  if (unexpected.length && looksLikeData(spec, header.cells)) {
    const error = new HeaderError(source, spec.name, missing, [], duplicate, unexpected.length, header.row);
    error.message =
      `${source}: header does not match table ${spec.name}: the file seems to have no header row ` +
      `(row ${header.row} holds values, not column names); the first row must be the header: ` +
      templateSpecColumns(spec)
        .map((c) => c.name)
        .join(', ');
    return error;
  }
  const shown = unexpected.filter(showableHeaderCell);
  const error = new HeaderError(
    source,
    spec.name,
    missing,
    shown,
    duplicate,
    unexpected.length - shown.length,
    header.row,
  );
  if (fix) error.message = `${error.message}; ${fix}`;
  return error;
}

/** Rows at the top of a sheet searched for a header under a title row: rows 2 to this one. */
export const HEADER_SEARCH_ROWS = 5;

/**
 * A row that reads like a header of `spec` rather than a title or data: at least two of its cells
 * (one, for a table with one required column) name catalog columns, and they are at least half
 * of its filled cells.
 */
export function looksLikeHeader(spec: TableSpec, fields: readonly (string | null)[]): boolean {
  const known = new Set(spec.columns.map((c) => c.name));
  const keys = fields.map((f) => headerKey(f ?? '')).filter((k) => k !== '');
  const hits = new Set(keys.filter((k) => known.has(k))).size;
  return hits >= Math.max(1, Math.min(2, requiredInDrops(spec).length)) && hits * 2 >= keys.length;
}

/** The required columns (`requiredInDrops`) a header row does not name. */
function missingFrom(spec: TableSpec, cells: readonly (string | null)[]): string[] {
  const named = new Set(cells.map((c) => headerKey(c ?? '')));
  return requiredInDrops(spec)
    .filter((c) => !named.has(c.name))
    .map((c) => c.name);
}

/**
 * The first row above a row that looks like the header (`cells`) that names a required column the
 * row lacks, or null: then the header is split over rows, not under a title. A two-row header
 * with merged cells reads so: `id` … `surveyed_on` each merged over rows 1–2 (the name sits in row
 * 1) and a group title "Unsur Pelayanan" merged over row 1 above u1 … u9 in row 2. Deleting row 1,
 * as a title, lost id … surveyed_on (a review of 2026-12-06).
 */
export function splitHeaderStart(
  spec: TableSpec,
  above: readonly { readonly row: number; readonly cells: readonly (string | null)[] }[],
  cells: readonly (string | null)[],
): number | null {
  const missing = new Set(missingFrom(spec, cells));
  if (missing.size === 0) return null;
  const from = above.find((a) => a.cells.some((c) => missing.has(headerKey(c ?? ''))));
  return from ? from.row : null;
}

/** A copy of `first` (its missing, unexpected, duplicate and hidden columns) to reword. */
function sameProblems(source: string, spec: TableSpec, first: HeaderError): HeaderError {
  return new HeaderError(
    source,
    spec.name,
    first.missing,
    first.unexpected,
    first.duplicate,
    first.hidden,
    first.headerRow,
  );
}

/**
 * The error for a header split over rows `from` … `headerRow` (`splitHeaderStart`; `top` is the
 * sheet's first row): one row must hold every column name, and the rows above it go. Quotes no
 * cell (a row above a header may be data).
 */
export function splitHeaderError(
  source: string,
  spec: TableSpec,
  first: HeaderError,
  split: { readonly top: number; readonly from: number; readonly headerRow: number },
  merged: boolean,
): HeaderError {
  const { top, from, headerRow } = split;
  const error = sameProblems(source, spec, first);
  const above = headerRow - 1 > top ? `rows ${top}–${headerRow - 1}` : `row ${top}`;
  error.message =
    `${source}: header does not match table ${spec.name}: the header spans rows ${from}–${headerRow}` +
    `${merged ? ' (merged cells)' : ''}: put every column name in one row, row ${headerRow}` +
    `${merged ? ' (unmerge the cells first)' : ''}, and delete ${above}`;
  return error;
}

/**
 * The error for a sheet whose header sits on `headerRow` under title rows ("Data Peserta Diklat
 * 2025"): it says which rows to delete. Not skipped silently: a person checks what is above it.
 * The title is not quoted: the row above a header may also be a data row sorted above it. Given
 * the header row's cells, it also names the required columns that row lacks, so deleting the
 * title is not followed by another refusal.
 */
export function titleRowError(
  source: string,
  spec: TableSpec,
  first: HeaderError,
  headerRow: number,
  title: { readonly row: number; readonly cells: readonly (string | null)[] },
  headerCells?: readonly (string | null)[],
): HeaderError {
  const filled = title.cells.some((t) => headerName(t ?? '') !== '');
  const rows = headerRow - 1 > title.row ? `rows ${title.row}–${headerRow - 1}` : `row ${title.row}`;
  const lacking = headerCells ? missingFrom(spec, headerCells) : [];
  const error = sameProblems(source, spec, first);
  error.message =
    `${source}: header does not match table ${spec.name}: row ${headerRow} looks like the header: ` +
    `delete the title row(s) above it${filled ? ` (${rows})` : ''}` +
    (lacking.length ? `, and add the missing required column(s): ${lacking.join(', ')}` : '');
  return error;
}

/**
 * Match a file's header to a catalog table: compared trimmed (spaces, NBSP, zero-width) and
 * case-folded, otherwise exactly; any order. Throws {@link HeaderError} naming every missing
 * required, unknown and duplicated column at once, so one round trip with the agency fixes the
 * file, and how to rename a column written with spaces for underscores (`employee id`). An
 * unknown cell that may be data is counted, not quoted (see `headerError`).
 *
 * @param row the header's row (line) in the file, for the message
 */
export function matchHeader(spec: TableSpec, header: readonly string[], source: string, row = 1): HeaderMap {
  const fileNames = header.map(headerName);
  const byName = new Map<string, number>();
  const unexpected: string[] = [];
  const duplicate: string[] = [];
  const unnamedFields: number[] = [];
  const known = new Set(spec.columns.map((c) => c.name));
  fileNames.forEach((name, i) => {
    if (name === '') {
      unnamedFields.push(i);
      return;
    }
    const key = headerKey(name);
    if (!known.has(key)) unexpected.push(name);
    else if (byName.has(key)) duplicate.push(name);
    else byName.set(key, i);
  });
  const missing = requiredInDrops(spec)
    .filter((c) => !byName.has(c.name))
    .map((c) => c.name);
  if (missing.length || unexpected.length || duplicate.length) {
    const hint = renameHint(spec, unexpected, new Set(byName.keys()));
    throw headerError(source, spec, missing, unexpected, duplicate, hint, { row, cells: fileNames });
  }
  // A column the ETL never reads (a name) is accepted in the file and dropped here: not staged, and
  // not kept in the raw row a quarantine entry shows.
  const dropped = new Set<number>();
  for (const c of spec.columns) {
    const at = byName.get(c.name);
    if (at !== undefined && neverRead(spec.name, c.name)) dropped.add(at);
  }
  return {
    columns: spec.columns.map((c) => c.name),
    fieldIndex: spec.columns.map((c) => (neverRead(spec.name, c.name) ? -1 : (byName.get(c.name) ?? -1))),
    fileNames,
    unnamedFields,
    droppedFields: [...dropped].sort((a, b) => a - b),
  };
}
