import { basename, extname } from 'node:path';
import type { SourceTableName } from '../../source-schema/catalog.ts';
import {
  appendStaged,
  concatStaged,
  emptyStaged,
  type StagedDrop,
  type StagedInput,
  type StagedTable,
} from '../staged.ts';
import { tableFromFileName, UnknownTableError } from './infer-table.ts';
import { DEFAULT_BATCH_SIZE, readCsvBatches } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';

export interface ReadDropOptions {
  /** Target table; else inferred from the file name (`<table>.csv`, `<table>_<anything>.xlsx`) or, for XLSX, the sheet name. */
  readonly table?: SourceTableName;
  /** CSV only: rows (loaded + rejected) per batch from {@link readDropBatches} and {@link stageDrop}. */
  readonly batchSize?: number;
  /** The zone of timestamps written without one (default Asia/Jakarta, WIB): `SOURCE_TIME_ZONE`. */
  readonly timeZone?: string;
  /** CSV only: what the run log should say of the file (read as windows-1252: `encodingNote`). */
  readonly onWarning?: (message: string) => void;
}

/** Thrown for a file that is neither CSV/TSV nor XLSX (e.g. legacy .xls): a file-level problem. */
export class UnsupportedDropError extends Error {
  readonly code = 'UNSUPPORTED_DROP';
  constructor(readonly path: string) {
    super(
      `files:${basename(path)}: unsupported drop format ${extname(path) || '(none)'}; use .csv, .tsv, .txt or .xlsx`,
    );
    this.name = 'UnsupportedDropError';
  }
}

const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

/**
 * A drop in batches: CSV streams in batches of `batchSize`, XLSX comes as one batch.
 * Throws only for file-level problems (unreadable file, HeaderError, unknown table or format);
 * bad rows come back in each batch's `rejected`.
 */
export async function* readDropBatches(
  path: string,
  options: ReadDropOptions = {},
): AsyncGenerator<StagedTable> {
  if (extname(path).toLowerCase() === '.xlsx') {
    yield await readXlsx(path, {
      ...(options.table ? { table: options.table } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    });
    return;
  }
  yield* readCsvBatches(path, csvOptions(path, options, options.batchSize));
}

/** The CSV reader's options for a text drop, or the file-level error of its name. */
function csvOptions(path: string, options: ReadDropOptions, batchSize: number | undefined) {
  if (!TEXT_EXTENSIONS.has(extname(path).toLowerCase())) throw new UnsupportedDropError(path);
  const table = options.table ?? tableFromFileName(path);
  if (!table) throw new UnknownTableError(`files:${basename(path)}`);
  return {
    table,
    ...(batchSize ? { batchSize } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  };
}

/**
 * A drop staged for the loader. An XLSX is read whole (one batch). A CSV is read up to its first
 * row: its encoding note goes to `onWarning` and a header that does not fit throws here, as when
 * the file was read whole, before anything lands; its rows are read batch by batch when the loader
 * asks ({@link StagedDrop}), so memory holds a batch, not the file.
 *
 * The reader opened here goes on at loading (batches of one row, gathered into batches of
 * `batchSize`) rather than a second reader starting over, which would detect the encoding again
 * (a pass over the whole file) and read the header again.
 */
export async function stageDrop(path: string, options: ReadDropOptions = {}): Promise<StagedInput> {
  if (extname(path).toLowerCase() === '.xlsx') return readDrop(path, options);
  const reader = readCsvBatches(path, csvOptions(path, options, 1));
  const head = await reader.next();
  // The reader yields at least one batch, or throws.
  if (head.done) throw new Error(`files:${basename(path)}: the CSV reader yielded no batch`);
  const first = head.value;
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let started = false;
  const drop: StagedDrop = {
    table: first.table,
    source: first.source,
    columns: first.columns,
    async *batches() {
      if (started) throw new Error(`${first.source}: its batches are read once`);
      started = true;
      let batch = emptyStaged(first.table, first.source, first.columns);
      let yielded = false;
      for (let next: IteratorResult<StagedTable> = head; !next.done; next = await reader.next()) {
        appendStaged(batch, next.value);
        if (batch.rows.length + batch.rejected.length >= size) {
          yield batch;
          yielded = true;
          batch = emptyStaged(first.table, first.source, first.columns);
        }
      }
      if (batch.rows.length + batch.rejected.length > 0 || !yielded) yield batch;
    },
    async close() {
      started = true;
      await reader.return(undefined);
    },
  };
  return drop;
}

/** A whole drop as one staged table (convenient for small files and tests). */
export async function readDrop(path: string, options: ReadDropOptions = {}): Promise<StagedTable> {
  const batches: StagedTable[] = [];
  for await (const b of readDropBatches(path, options)) batches.push(b);
  return concatStaged(batches);
}
