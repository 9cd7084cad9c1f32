import { basename, extname } from 'node:path';
import type { SourceTableName } from '../../source-schema/catalog.ts';
import { concatStaged, type StagedTable } from '../staged.ts';
import { tableFromFileName, UnknownTableError } from './infer-table.ts';
import { readCsvBatches } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';

export interface ReadDropOptions {
  /** Target table; else inferred from the file name (`<table>.csv`, `<table>_<anything>.xlsx`) or, for XLSX, the sheet name. */
  readonly table?: SourceTableName;
  /** CSV only: rows per batch from {@link readDropBatches}. */
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
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') {
    yield await readXlsx(path, {
      ...(options.table ? { table: options.table } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    });
    return;
  }
  if (!TEXT_EXTENSIONS.has(ext)) throw new UnsupportedDropError(path);
  const table = options.table ?? tableFromFileName(path);
  if (!table) throw new UnknownTableError(`files:${basename(path)}`);
  yield* readCsvBatches(path, {
    table,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
}

/** A whole drop as one staged table (convenient for small files and tests). */
export async function readDrop(path: string, options: ReadDropOptions = {}): Promise<StagedTable> {
  const batches: StagedTable[] = [];
  for await (const b of readDropBatches(path, options)) batches.push(b);
  return concatStaged(batches);
}
