import type { QuarantinedRow } from '../validate/reasons.ts';

/**
 * What every non-database extractor hands to the loader: raw text, not typed values.
 *
 * Typing, accepted values, references and the other rules run later in bulk SQL over these
 * rows, so one rule has one implementation whatever the source. The extractor only rejects
 * what it cannot even split into columns (MALFORMED_ROW, bad xAPI shape), and it returns those
 * as data (`rejected`), Evidence-connector style, so a run can reconcile
 * rows read = rows loaded + rows quarantined.
 */
export interface StagedTable {
  /** A source table name, or `xapi_statements`. */
  table: string;
  /** Where the rows came from, e.g. `files:enrollments_2024.xlsx`, `xapi:lrs-export.ndjson`. */
  source: string;
  /** Catalog column order. */
  columns: string[];
  /** Raw text values, trimmed; blank → null. No type coercion here. */
  rows: (string | null)[][];
  /** 1-based line / sheet row / statement index in the source, parallel to `rows`. */
  rowNumbers: number[];
  /** The raw row as JSON text, parallel to `rows`: quarantined as-is if SQL rejects the row. */
  rawRows: string[];
  /** Rows that could not even be parsed. */
  rejected: QuarantinedRow[];
  /**
   * xAPI only: ids of the statements this export voids (its voiding statements, verb `voided`,
   * object a StatementRef). They are applied to this run's statements and to the stored ones.
   */
  voided?: string[];
}

/** An empty staged table with the given identity, for extractors to fill. */
export function emptyStaged(table: string, source: string, columns: readonly string[]): StagedTable {
  return { table, source, columns: [...columns], rows: [], rowNumbers: [], rawRows: [], rejected: [] };
}

/**
 * A CSV drop staged lazily: its header is read and matched (a {@link HeaderError} is thrown at
 * staging), its rows are read batch by batch as the loader lands them, so a big file is never held
 * whole in memory.
 */
export interface StagedDrop {
  /** A source table name. */
  readonly table: string;
  /** Where the rows come from, e.g. `files:service_requests.csv`. */
  readonly source: string;
  /** Catalog column order (the header's). */
  readonly columns: readonly string[];
  /**
   * The rows in batches (at least one, possibly empty), read from the file as they are asked for:
   * the file is opened again (nothing is held open between staging and loading) and must be as it
   * was staged (`DropChangedError`). One pass only.
   */
  batches(): AsyncIterable<StagedTable>;
}

/** What the loader lands: a staged table held whole, or a drop read batch by batch. */
export type StagedInput = StagedTable | StagedDrop;

export function isStagedDrop(input: StagedInput): input is StagedDrop {
  return 'batches' in input;
}

/** The batches of a staged input: a whole table is one batch. */
export async function* stagedBatches(input: StagedInput): AsyncGenerator<StagedTable> {
  if (isStagedDrop(input)) yield* input.batches();
  else yield input;
}

/** Appends the rows and rejects of `batch` to `into` (same table and source). */
export function appendStaged(into: StagedTable, batch: StagedTable): void {
  if (batch.table !== into.table || batch.source !== into.source) {
    throw new Error(`cannot concatenate ${batch.source}/${batch.table} onto ${into.source}/${into.table}`);
  }
  for (let i = 0; i < batch.rows.length; i++) {
    into.rows.push(batch.rows[i]!);
    into.rowNumbers.push(batch.rowNumbers[i]!);
    into.rawRows.push(batch.rawRows[i]!);
  }
  for (const r of batch.rejected) into.rejected.push(r);
}

/** Concatenate batches of one table (from an async generator) into one staged table. */
export function concatStaged(batches: readonly StagedTable[]): StagedTable {
  const first = batches[0];
  if (!first) throw new Error('concatStaged needs at least one batch');
  const out = emptyStaged(first.table, first.source, first.columns);
  for (const b of batches) appendStaged(out, b);
  return out;
}

/** Column names a {@link HeaderError} message lists before it only counts the rest. */
export const HEADER_NAMES_LISTED = 20;

/**
 * Names for a message: each once, the first {@link HEADER_NAMES_LISTED}, then how many more. A
 * header of a million columns made a message of three million characters in the run log (a review
 * of 2026-12-06).
 */
function listNames(names: readonly string[]): string {
  const distinct = [...new Set(names)];
  const shown = distinct.slice(0, HEADER_NAMES_LISTED).join(', ');
  const more = distinct.length - HEADER_NAMES_LISTED;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/**
 * A file whose header does not fit its table: an error-level problem of the whole file, so it
 * throws instead of quarantining every row one by one. Names the columns so the person who
 * filled the spreadsheet can fix it without reading code.
 *
 * Its message goes to the run record, the snapshot's `meta.etl_runs`, `etlRuns.error` and the
 * log, which hold no NIP and no name: a header cell that may be data (row 1 of a file without its
 * header row) is counted, never quoted (`hidden`); see `showableHeaderCell` in match-header.ts.
 */
export class HeaderError extends Error {
  readonly code = 'HEADER_ERROR';
  constructor(
    readonly source: string,
    readonly table: string,
    /** Required catalog columns the file lacks. */
    readonly missing: readonly string[],
    /** File columns the catalog does not know that read as column names (as written in the file). */
    readonly unexpected: readonly string[],
    /** Columns that appear more than once. */
    readonly duplicate: readonly string[] = [],
    /** Further unknown file columns, not named: their cells may be data (a NIP, a name). */
    readonly hidden = 0,
    /** The header's row (line) in the file, for the message about cells not shown. */
    readonly headerRow = 1,
  ) {
    const notShown = `not shown: row ${headerRow} may be data, not a header`;
    const named = listNames(unexpected);
    const unknown =
      unexpected.length && hidden
        ? `unexpected column(s): ${named}${named.endsWith(' more') ? ',' : ''} and ${hidden} more (${notShown})`
        : unexpected.length
          ? `unexpected column(s): ${named}`
          : hidden
            ? `${hidden} unexpected column(s) (${notShown})`
            : '';
    const parts = [
      missing.length ? `missing required column(s): ${missing.join(', ')}` : '',
      unknown,
      duplicate.length ? `duplicate column(s): ${listNames(duplicate)}` : '',
    ].filter(Boolean);
    super(`${source}: header does not match table ${table}: ${parts.join('; ')}`);
    this.name = 'HeaderError';
  }
}
