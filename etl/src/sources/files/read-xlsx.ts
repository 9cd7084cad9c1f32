import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { type ColumnSpec, type SourceTableName, tableSpec } from '../../source-schema/catalog.ts';
import { emptyStaged, HeaderError, type StagedTable } from '../staged.ts';
import { cellText } from './cell-text.ts';
import { tableFromFileName, tableFromName, UnknownTableError } from './infer-table.ts';
import { DEFAULT_SOURCE_TIME_ZONE } from './local-time.ts';
import {
  HEADER_SEARCH_ROWS,
  type HeaderMap,
  looksLikeHeader,
  matchHeader,
  requiredInDrops,
  splitHeaderError,
  splitHeaderStart,
  titleRowError,
} from './match-header.ts';
import { openRegularFile } from './open-regular-file.ts';
import { cleanValue, type LocalTimestamps, stageRow, withheldFields } from './stage-row.ts';
import { WITHHELD } from './withhold-names.ts';
import { fileSizeRefusal, UnreadableWorkbookError, zipRefusal } from './zip-guard.ts';

/**
 * Whether a column holds an identifier typed as digits: a text column the catalog marks personal
 * and the ETL reads (a NIP, an NI PPPK, an LMS login or mbox; `ColumnSpec.personal`), so a new
 * table's NIP column is covered once declared. An Excel number keeps 15 significant digits (an
 * 18-digit NIP 199301012017031001 is stored as 199301012017031000) and drops leading zeros, so a
 * numeric cell there cannot be trusted whatever it shows.
 */
export function digitIdentifier(column: ColumnSpec): boolean {
  return column.type === 'text' && column.personal !== undefined && column.personal !== 'never_read';
}

/**
 * Why a row's numeric cell cannot be read as the identifier it stands for, or null: a number in a
 * digit-identifier column (`digitIdentifier`), or beyond 2^53 (digits already lost) in an id,
 * integer or any text column, whatever the catalog says of it: a NIP in a column nobody marked
 * personal is refused too. Refused, never rounded: two employees whose NIPs differ in the last
 * digits got the same pseudonym. A small number in a text column (a code 12) reads as its digits.
 */
function lossyIdentifier(row: ExcelJS.Row, columnAt: ReadonlyMap<number, ColumnSpec>): string | null {
  for (const [at, column] of columnAt) {
    const cell = row.getCell(at + 1);
    if (coveredByMerge(cell)) continue;
    const value = cell.value;
    if (typeof value !== 'number') continue;
    const unsafe =
      (column.type === 'bigint' || column.type === 'int' || column.type === 'text') &&
      Math.abs(value) > Number.MAX_SAFE_INTEGER;
    if (!digitIdentifier(column) && !unsafe) continue;
    return (
      `${column.name} is stored as a number (${value}), which keeps only 15 digits and no leading ` +
      `zeros: format the ${column.name} column as Text in Excel and type the values again (the template's column is text already)`
    );
  }
  return null;
}

/** The instructions sheet our templates carry; never data. */
export const INSTRUCTIONS_SHEET = 'Petunjuk';

export interface ReadXlsxOptions {
  /** Target table; else inferred from the file name, else from a sheet name. */
  readonly table?: SourceTableName;
  readonly source?: string;
  /** The zone a date/time cell (Excel's carry none) or zone-less text is in (default Asia/Jakarta, WIB). */
  readonly timeZone?: string;
}

type Sheet = ExcelJS.Worksheet;

/**
 * A workbook with rows in several sheets and no way to tell which one to load: none named after
 * its table (`table` given), or, when neither the file name nor the options name a table, two or
 * more sheets named after tables (`table` null). A file-level problem: reading the first lost the
 * others' rows without a word.
 */
export class AmbiguousSheetsError extends Error {
  readonly code = 'AMBIGUOUS_SHEETS';
  constructor(
    readonly source: string,
    readonly table: SourceTableName | null,
    readonly sheets: readonly string[],
    /**
     * The sheet named after `table` that holds no rows (the template's, left empty) while `sheets`
     * hold rows under the table's header: reading it loaded nothing and the run succeeded. Not
     * quoted in the message (a sheet `programs_Bambang` is named by a person): the table is.
     */
    readonly emptySheet: string | null = null,
  ) {
    super(
      emptySheet && table
        ? `${source}: the sheet named after ${table} holds no rows, but ${sheets.length} other sheet(s) hold rows under its header (${sheets.join(', ')}): copy the rows into it, or delete it and name the sheet to load "${table}"`
        : table
          ? `${source}: ${sheets.length} sheets hold rows (${sheets.join(', ')}) and none is named ${table}: put the rows in one sheet, or name the sheet to load "${table}"`
          : `${source}: ${sheets.length} sheets named after tables hold rows (${sheets.join(', ')}): a workbook loads one table; put each table in its own file named after it (${sheets
              .map((s) => `${tableFromName(s)}.xlsx`)
              .join(', ')})`,
    );
    this.name = 'AmbiguousSheetsError';
  }
}

/** A sheet with a row below its header. */
const holdsRows = (s: Sheet): boolean => s.actualRowCount > 1;

/**
 * A cell a merge covers other than its top-left one. exceljs hands such a cell the merge's value,
 * but Excel keeps the value in the top-left cell only (unmerging leaves the others empty), so it
 * reads as empty: once, as a person sees it, not once per cell the merge spans.
 */
function coveredByMerge(cell: ExcelJS.Cell): boolean {
  return cell.isMerged && cell.master !== cell;
}

/** A cell's text as `cellText` reads it, empty (null) where a merge covers it (`coveredByMerge`). */
function ownText(cell: ExcelJS.Cell): string | null {
  return coveredByMerge(cell) ? null : cellText(cell);
}

/**
 * Calls `visit` with each cell of a row that holds a value and its column, left to right (as
 * `eachCell` does, skipping the empty ones a style alone made). `row.eachCell` walks exceljs's array of cells with `forEach`, which in V8 visits every
 * index of an array with holes: 16 384 per row with a cell in column XFD, 11 s for 20 000 such rows
 * (a review of 2026-12-06). The array's own keys are its cells only. `_cells` is exceljs's own
 * (4.x): without it, `eachCell` as before.
 */
function eachHeldCell(row: ExcelJS.Row, visit: (cell: ExcelJS.Cell, column: number) => void): void {
  const cells = (row as unknown as { _cells?: (ExcelJS.Cell | undefined)[] })._cells;
  if (!Array.isArray(cells)) {
    row.eachCell({ includeEmpty: false }, visit);
    return;
  }
  for (const key of Object.keys(cells)) {
    const cell = cells[Number(key)];
    if (cell && cell.type !== ExcelJS.ValueType.Null) visit(cell, Number(key) + 1);
  }
}

/**
 * Row `r`'s cells as text, up to its last cell; a merged cell reads once (`coveredByMerge`). Only
 * the cells the file holds are visited (`eachHeldCell`): `row.getCell(c)` for every column up to
 * `row.cellCount` created a cell per column, 16 384 per row for a row with a cell in column XFD,
 * and a 213 KB workbook of such rows took the ETL out of memory (a review of 2026-12-06).
 */
function rowCells(sheet: Sheet | undefined, r: number): string[] {
  const row = sheet?.getRow(r);
  const cells: string[] = [];
  if (!row) return cells;
  eachHeldCell(row, (cell, c) => {
    while (cells.length < c - 1) cells.push('');
    cells.push(ownText(cell) ?? '');
  });
  return cells;
}

/**
 * Cells right of the header whose column numbers a quarantined row's raw text lists at most (the
 * detail names the first): a row with a cell in every column up to XFD would list 16 384.
 */
const STRAY_CELLS_SHOWN = 10;

/**
 * What a quarantined row says of the cells right of its header (column numbers, 1-based): their
 * values are withheld, blanked as the CSV reader blanks the fields that may hold a never-read
 * column (`withholdNames`). No column there is read, so any may hold a name ("Yulianti Rahayu
 * (pindahan)" typed beside the row); the raw row kept it until a privacy review of 2026-12-06.
 */
function withheldStray(columns: readonly number[]): { cells: Record<number, string>; note: string } {
  const shown = columns.slice(0, STRAY_CELLS_SHOWN);
  const more = columns.length - shown.length;
  return {
    cells: Object.fromEntries(shown.map((c) => [c, WITHHELD])),
    note:
      `column${columns.length > 1 ? 's' : ''} ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''} ` +
      'right of the header blanked: may hold a name (a column never read)',
  };
}

/** Whether a sheet's rows read as `table`'s: one of its first rows looks like that table's header. */
function carriesHeaderOf(sheet: Sheet, table: SourceTableName): boolean {
  const spec = tableSpec(table);
  for (let r = 1; r <= HEADER_SEARCH_ROWS; r++) if (looksLikeHeader(spec, rowCells(sheet, r))) return true;
  return false;
}

/**
 * `empty`, a sheet named after `table` that holds no rows, unless other sheets hold rows under
 * `table`'s header: then AmbiguousSheetsError naming them. The template's sheet left empty with the
 * rows pasted into a new Sheet1 read as nothing, and the run succeeded (a review of 2026-12-06).
 */
function unlessRowsElsewhere(
  empty: Sheet,
  table: SourceTableName,
  dataSheets: readonly Sheet[],
  source: string,
): Sheet {
  const elsewhere = dataSheets.filter((s) => s !== empty && holdsRows(s) && carriesHeaderOf(s, table));
  if (elsewhere.length)
    throw new AmbiguousSheetsError(
      source,
      table,
      elsewhere.map((s) => s.name),
      empty.name,
    );
  return empty;
}

function pickSheet(
  book: ExcelJS.Workbook,
  path: string | null,
  table: SourceTableName | undefined,
  source: string,
): { sheet: Sheet | undefined; table: SourceTableName } {
  const dataSheets = book.worksheets.filter((s) => s.name.toLowerCase() !== INSTRUCTIONS_SHEET.toLowerCase());
  const named = (t: SourceTableName) => dataSheets.find((s) => tableFromName(s.name) === t);
  const resolved = table ?? (path ? tableFromFileName(path) : null);
  if (resolved) {
    const exact = named(resolved);
    if (exact)
      return {
        sheet: holdsRows(exact) ? exact : unlessRowsElsewhere(exact, resolved, dataSheets, source),
        table: resolved,
      };
    // No sheet named after the table: the one sheet that holds rows. Two or more would each be a
    // guess, and reading only the first lost the others without a word.
    const filled = dataSheets.filter(holdsRows);
    if (filled.length > 1)
      throw new AmbiguousSheetsError(
        source,
        resolved,
        filled.map((s) => s.name),
      );
    return { sheet: filled[0] ?? dataSheets[0], table: resolved };
  }
  // The table from the sheet names: the one table-named sheet that holds rows (else the first
  // table-named one, empty, unless another sheet holds rows under its header). Two or more holding
  // rows fail the run naming them, as above.
  const tableSheets = dataSheets.filter((s) => tableFromName(s.name) !== null);
  const filled = tableSheets.filter(holdsRows);
  if (filled.length > 1)
    throw new AmbiguousSheetsError(
      source,
      null,
      filled.map((s) => s.name),
    );
  const sheet = filled[0] ?? tableSheets[0];
  const t = sheet ? tableFromName(sheet.name) : null;
  if (!sheet || !t) throw new UnknownTableError(source);
  if (!filled.length)
    for (const s of tableSheets) unlessRowsElsewhere(s, tableFromName(s.name)!, dataSheets, source);
  return { sheet, table: t };
}

/**
 * A workbook file's bytes, read through one handle of a regular file (`openRegularFile`: no
 * symbolic link, FIFO or directory); one too large (`fileSizeRefusal`) is refused before it is read.
 */
async function readWorkbookFile(path: string, source: string): Promise<Buffer> {
  const { handle, stats } = await openRegularFile(path, source);
  try {
    const tooLarge = fileSizeRefusal(stats.size);
    if (tooLarge) throw new UnreadableWorkbookError(source, tooLarge);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Read an XLSX drop: the sheet named after the table, else the one sheet holding rows (several:
 * AmbiguousSheetsError); with no table from the options or the file name, the one sheet named
 * after a table that holds rows (several: AmbiguousSheetsError). A sheet named after the table
 * that holds no rows while other sheets hold rows under its header: AmbiguousSheetsError naming
 * them. First row = header (a title row above it fails with a HeaderError naming the header's row,
 * a header over two rows with one saying so). The whole workbook is loaded in memory (exceljs), at
 * some 10 bytes of heap per inflated byte: a million-row sheet inflating to 438 MiB took the ETL out
 * of its 4 GiB heap. So a file that is no zip, or whose parts would inflate past what the heap can
 * hold (`xlsxInflatedLimit`: a twelfth of it, at most `MAX_XLSX_INFLATED_BYTES`) or at a zip bomb's
 * ratio (zip-guard.ts), fails with an UnreadableWorkbookError naming it before exceljs inflates
 * anything; big exports should come as CSV, which streams. A path that is no regular
 * file (a symbolic link, a FIFO, a directory) is refused naming it.
 *
 * @param input a file path or the workbook's bytes
 */
export async function readXlsx(
  input: string | Uint8Array,
  options: ReadXlsxOptions = {},
): Promise<StagedTable> {
  const path = typeof input === 'string' ? input : null;
  const source = options.source ?? (path ? `files:${basename(path)}` : 'files:inline.xlsx');
  const bytes = path ? await readWorkbookFile(path, source) : Buffer.from(input as Uint8Array);
  // exceljs inflates every part whole and holds the workbook as objects: a zip bomb, or a workbook
  // too large for the heap, is refused from its zip directory first, and a file that is no zip at
  // all is named (jszip's own error named no file; running out of heap named nothing).
  const refusal = await zipRefusal(bytes);
  if (refusal) throw new UnreadableWorkbookError(source, refusal);
  const book = new ExcelJS.Workbook();
  // exceljs's Buffer type predates Node's generic Buffer; the bytes are what it wants.
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const { sheet, table } = pickSheet(book, path, options.table, source);
  const spec = tableSpec(table);

  const cellsOf = (r: number): string[] => rowCells(sheet, r);
  const headerCells = cellsOf(1);
  // A header that does not fit: if a row below it within the first few looks like the header, the
  // sheet has a title row above it, or a header split over rows (merged cells), and the error says so.
  const refuse = (error: HeaderError): HeaderError => {
    for (let r = 2; r <= HEADER_SEARCH_ROWS; r++) {
      const cells = cellsOf(r);
      if (!looksLikeHeader(spec, cells)) continue;
      const above = Array.from({ length: r - 1 }, (_, i) => ({ row: i + 1, cells: cellsOf(i + 1) }));
      const from = splitHeaderStart(spec, above, cells);
      if (from !== null) {
        let merged = false;
        for (let m = from; m <= r && !merged; m++)
          sheet?.getRow(m).eachCell((cell) => {
            if (cell.isMerged) merged = true;
          });
        return splitHeaderError(source, spec, error, { top: 1, from, headerRow: r }, merged);
      }
      return titleRowError(source, spec, error, r, { row: 1, cells: headerCells }, cells);
    }
    return error;
  };
  if (!sheet || headerCells.every((h) => h.trim() === '')) {
    const required = requiredInDrops(spec);
    throw refuse(
      new HeaderError(
        source,
        spec.name,
        required.map((c) => c.name),
        [],
      ),
    );
  }
  // Trailing blank header cells are formatting, not columns.
  while (headerCells.length && headerCells[headerCells.length - 1]!.trim() === '') headerCells.pop();
  let header: HeaderMap;
  try {
    header = matchHeader(spec, headerCells, source);
  } catch (error) {
    throw error instanceof HeaderError ? refuse(error) : error;
  }
  const staged = emptyStaged(spec.name, source, header.columns);
  const local: LocalTimestamps = {
    columns: spec.columns.map((c) => c.type === 'timestamptz'),
    timeZone: options.timeZone ?? DEFAULT_SOURCE_TIME_ZONE,
  };

  // File column (0-based) → catalog column, for the identifier check below.
  const columnAt = new Map<number, ColumnSpec>();
  spec.columns.forEach((c, i) => {
    const at = header.fieldIndex[i]!;
    if (at >= 0) columnAt.set(at, c);
  });
  const width = headerCells.length;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    // The header's columns, plus the cells right of it that hold a value (column → text). Only the
    // cells the file holds are visited (`eachHeldCell`), so a cell in column XFD costs one cell, not
    // 16 384, and the raw row does not grow with the empty columns before it.
    const fields: (string | null)[] = new Array<string | null>(width).fill(null);
    // Columns right of the header holding text; `stray` the first whose value is one (not `-`).
    const beyond: number[] = [];
    let stray: number | undefined;
    // A merge over data cells (F6:G6, C7:C8) holds one value, its top-left cell's: the cells it
    // covers are empty, as in Excel (exceljs repeated the value into each, a review of 2026-12-06).
    eachHeldCell(row, (cell, c) => {
      const text = ownText(cell);
      if (c <= width) fields[c - 1] = text;
      else if (text !== null && text.trim() !== '') {
        beyond.push(c);
        if (stray === undefined && cleanValue(text) !== null) stray = c;
      }
    });
    if (!beyond.length && fields.every((f) => f === null || f.trim() === '')) return;
    // Never-read columns (a name) are blanked: not even a quarantined row holds one, nor a value
    // under a blank header cell (`withheldFields`). Cells right of the header follow as
    // {column: ""}, their values withheld (`withheldStray`), and the detail says which were blanked.
    const unnamed = (): ReturnType<typeof withheldFields> => withheldFields(header, fields);
    const withheld = beyond.length ? withheldStray(beyond) : undefined;
    const raw = (): string => JSON.stringify([...unnamed().fields, ...(withheld ? [withheld.cells] : [])]);
    const withNote = (detail: string): string =>
      [detail, unnamed().note, withheld?.note].filter((n) => n).join('; ');
    const lossy = lossyIdentifier(row, columnAt);
    if (lossy) {
      staged.rejected.push({
        source,
        table: spec.name,
        rowNumber,
        raw: raw(),
        reason: 'IDENTIFIER_AS_NUMBER',
        detail: withNote(lossy),
      });
      return;
    }
    if (stray !== undefined) {
      // As stageRow words it, naming the first column without a header that holds a value: one
      // under a blank header cell within the header, else the first right of it.
      const under = fields.findIndex(
        (f, i) => !header.droppedFields.includes(i) && !header.fileNames[i] && cleanValue(f) !== null,
      );
      staged.rejected.push({
        source,
        table: spec.name,
        rowNumber,
        raw: raw(),
        reason: 'MALFORMED_ROW',
        detail: withNote(`value in column ${under >= 0 ? under + 1 : stray}, which has no header`),
      });
      return;
    }
    stageRow(staged, header, fields, rowNumber, local);
  });
  return staged;
}
