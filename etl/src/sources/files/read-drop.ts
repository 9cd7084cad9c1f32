import { basename, extname } from 'node:path';
import type { SourceTableName } from '../../source-schema/catalog.ts';
import { concatStaged, type StagedDrop, type StagedInput, type StagedTable } from '../staged.ts';
import type { DetectedEncoding } from './detect-encoding.ts';
import { tableFromFileName, UnknownTableError } from './infer-table.ts';
import type { FileIdentity } from './open-regular-file.ts';
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
 * row and closed: its encoding note goes to `onWarning` and a header that does not fit throws here,
 * as when the file was read whole, before anything lands. Its rows are read again from the start,
 * batch by batch, when the loader asks ({@link StagedDrop}), so memory holds a batch, not the file,
 * and a run with thousands of drops holds one open at a time (keeping each open from staging to
 * its table's load failed a run of 2 000 drops under a limit of 1 024 open files, EMFILE; review of
 * 2026-12-06). The file must be in the state it was staged in when it is opened again and when its
 * last row is read (`unchangedSince`): rewritten in place meanwhile, it loaded a mix of two files
 * without a word; now the run fails naming it (DROP_CHANGED).
 */
export async function stageDrop(path: string, options: ReadDropOptions = {}): Promise<StagedInput> {
  if (extname(path).toLowerCase() === '.xlsx') return readDrop(path, options);
  let identity: FileIdentity | undefined;
  let encoding: DetectedEncoding | undefined;
  const header = readCsvBatches(path, {
    ...csvOptions(path, options, 1),
    onOpen: (id) => {
      identity = id;
    },
    onEncoding: (found) => {
      encoding = found;
    },
  });
  let first: StagedTable;
  try {
    const head = await header.next();
    // The reader yields at least one batch, or throws.
    if (head.done) throw new Error(`files:${basename(path)}: the CSV reader yielded no batch`);
    first = head.value;
  } finally {
    await header.return(undefined);
  }
  const staged = identity;
  if (!staged) throw new Error(`files:${basename(path)}: the CSV reader did not open the file`);
  // The encoding note was given at staging: not again.
  const { onWarning: _note, ...rest } = options;
  let started = false;
  return {
    table: first.table,
    source: first.source,
    columns: first.columns,
    async *batches() {
      if (started) throw new Error(`${first.source}: its batches are read once`);
      started = true;
      yield* readCsvBatches(path, {
        ...csvOptions(path, rest, options.batchSize ?? DEFAULT_BATCH_SIZE),
        unchangedSince: staged,
        // Detected at staging (a pass over the whole file): not again while the file is unchanged.
        ...(encoding ? { knownEncoding: encoding } : {}),
      });
    },
  } satisfies StagedDrop;
}

/** A whole drop as one staged table (convenient for small files and tests). */
export async function readDrop(path: string, options: ReadDropOptions = {}): Promise<StagedTable> {
  const batches: StagedTable[] = [];
  for await (const b of readDropBatches(path, options)) batches.push(b);
  return concatStaged(batches);
}
