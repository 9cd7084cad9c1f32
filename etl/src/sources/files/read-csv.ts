import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import { MAX_LINE_BYTES } from '../../load/landTable.ts';
import { type SourceTableName, tableSpec } from '../../source-schema/catalog.ts';
import { emptyStaged, HeaderError, type StagedTable } from '../staged.ts';
import { type Delimiter, detectDelimiter } from './detect-delimiter.ts';
import {
  type DetectedEncoding,
  type DropEncoding,
  detectEncoding,
  detectFileEncoding,
  encodingNote,
  fileChunks,
} from './detect-encoding.ts';
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
import { assertSameFile, type FileIdentity, fileIdentity, openRegularFile } from './open-regular-file.ts';
import { type CsvRecord, countLineBreaks, lineBreakAt, PendingRecord, scanCsv } from './scan-csv.ts';
import { type LocalTimestamps, stageRow } from './stage-row.ts';
import { withholdNames } from './withhold-names.ts';

export interface ReadCsvOptions {
  readonly table: SourceTableName;
  /** Defaults to `files:<file name>` (or `files:inline` for bytes). */
  readonly source?: string;
  /** Rows (loaded + rejected) per yielded batch; the default keeps memory flat on big drops. */
  readonly batchSize?: number;
  /** The zone a timestamp written without one is in (default Asia/Jakarta, WIB). */
  readonly timeZone?: string;
  /**
   * Told what the run log should say of the file as a whole: a file read as windows-1252, not
   * UTF-8, or one with a UTF-8 BOM that holds invalid UTF-8 (`encodingNote`), before its first batch.
   */
  readonly onWarning?: (message: string) => void;
  /**
   * The longest record kept, in characters (default {@link MAX_LINE_BYTES}; tests lower it). A
   * character is at least one byte in UTF-8, so a longer record could not land anyway; it is
   * quarantined while reading, not buffered whole (a 2 GiB line ran out of string length).
   */
  readonly maxRowChars?: number;
  /**
   * Told the length of each text handed to the scanner and of each stretch scanned to find the end
   * of a record split across chunks (tests: the total stays linear in the input, each text under
   * `maxRowChars` plus a chunk).
   */
  readonly onScan?: (chars: number) => void;
  /** A path only: told the file's state when it is opened (`stageDrop` records it at staging). */
  readonly onOpen?: (identity: FileIdentity) => void;
  /**
   * A path only: the state the file must be in when it is opened and still be in once its last row
   * is read, else {@link DropChangedError} (a drop rewritten between staging and loading).
   */
  readonly unchangedSince?: FileIdentity;
  /** Told the file's encoding once it is known, before the first batch (`stageDrop` keeps it). */
  readonly onEncoding?: (encoding: DetectedEncoding) => void;
  /**
   * A path with `unchangedSince` only: the encoding detected when the file was in that state
   * (`onEncoding` at staging), taken instead of scanning the file again. Without `unchangedSince`
   * it is ignored: only a file known to be unchanged may skip its detection.
   */
  readonly knownEncoding?: DetectedEncoding;
}

export const DEFAULT_BATCH_SIZE = 50_000;

const CR = 13;
const LF = 10;

/**
 * Where the text after the line break at `eol` starts (CRLF counted as one break), and whether
 * `text` ends on that break's CR, so a LF opening the next chunk still belongs to it (`skipLf`).
 */
function pastLineBreak(text: string, eol: number): { next: number; skipLf: boolean } {
  const next = eol + 1;
  if (text.charCodeAt(eol) !== CR) return { next, skipLf: false };
  if (next >= text.length) return { next, skipLf: true };
  return { next: text.charCodeAt(next) === LF ? next + 1 : next, skipLf: false };
}

/** The head of an over-long record that its quarantine keeps. */
const LONG_RAW_CHARS = 2000;

const cutRaw = (raw: string): string =>
  raw.length > LONG_RAW_CHARS ? `${raw.slice(0, LONG_RAW_CHARS)}…` : raw;

/** Decoded text chunks plus what was detected, so the caller can report it. */
export interface DecodedInput {
  readonly encoding: DetectedEncoding;
  readonly chunks: AsyncIterable<string>;
}

/**
 * A file's text from its start, decoded chunk by chunk, BOM stripped (iconv-lite strips it, so the
 * first header name is never `\uFEFFid`). Left early, it stops reading; it closes the handle at its
 * end only when `close` says so.
 */
async function* decodeHandle(
  handle: FileHandle,
  encoding: DropEncoding,
  close: boolean,
): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding);
  try {
    for await (const bytes of fileChunks(handle)) {
      const text = decoder.write(bytes);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    if (close) await handle.close();
  }
}

/**
 * Detect the encoding of a file (streaming) or bytes and decode to text chunks, BOM stripped. A
 * handle is read from its start and left open; a path is opened as a drop (`openRegularFile`: a
 * regular file only) and closed once its chunks end or are left.
 */
export async function decodeInput(
  input: string | Uint8Array | FileHandle,
  /** A handle only: its encoding as already detected, so the file is not scanned again. */
  known?: DetectedEncoding,
): Promise<DecodedInput> {
  if (input instanceof Uint8Array) {
    const encoding = detectEncoding(input);
    const text = iconv.decode(Buffer.from(input), encoding.encoding);
    return {
      encoding,
      chunks: (async function* () {
        yield text;
      })(),
    };
  }
  const owned = typeof input === 'string';
  const handle = owned ? (await openRegularFile(input, `files:${basename(input)}`)).handle : input;
  try {
    const encoding = known && !owned ? known : await detectFileEncoding(handle);
    return { encoding, chunks: decodeHandle(handle, encoding.encoding, owned) };
  } catch (error) {
    if (owned) await handle.close();
    throw error;
  }
}

/**
 * Read a CSV / tab-separated drop in batches. Encoding and delimiter are detected (see
 * detect-encoding.ts, detect-delimiter.ts); the header is matched to the table or a
 * {@link HeaderError} is thrown before any row is yielded (saying so when a later row of the
 * first five looks like the header: a title row above it). Rows with the wrong number of fields
 * or broken quoting come back in `rejected` as MALFORMED_ROW and the rest still load. So does a
 * record longer than `maxRowChars`, found while reading: a line that long is skipped to its line
 * break; a quote still open that far is a stray one, and only the record up to the end of the
 * quote's line is lost (as when a stray quote meets the end of the file): the lines after it are
 * read again as rows. A path that is no regular file (a symbolic link, a FIFO, a directory) is
 * refused naming it (`openRegularFile`).
 *
 * @param input a file path (streamed) or the file's bytes
 */
export async function* readCsvBatches(
  input: string | Uint8Array,
  options: ReadCsvOptions,
): AsyncGenerator<StagedTable> {
  const source = options.source ?? (typeof input === 'string' ? `files:${basename(input)}` : 'files:inline');
  if (typeof input !== 'string') {
    yield* readBatches(input, source, options);
    return;
  }
  // Opened once, a regular file only, and read through this handle (`openRegularFile`).
  const { handle, stats } = await openRegularFile(input, source);
  try {
    const expected = options.unchangedSince;
    if (expected) assertSameFile(source, input, expected, stats);
    options.onOpen?.(fileIdentity(stats));
    // The encoding found when the file was staged holds while it is that file still.
    yield* readBatches(handle, source, options, expected ? options.knownEncoding : undefined);
    // Rewritten in place while it was read: its rows are a mix of two files, or cut short.
    if (expected) assertSameFile(source, input, expected, await handle.stat());
  } finally {
    await handle.close();
  }
}

async function* readBatches(
  input: Uint8Array | FileHandle,
  source: string,
  options: ReadCsvOptions,
  knownEncoding?: DetectedEncoding,
): AsyncGenerator<StagedTable> {
  const spec = tableSpec(options.table);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const local: LocalTimestamps = {
    columns: spec.columns.map((c) => c.type === 'timestamptz'),
    timeZone: options.timeZone ?? DEFAULT_SOURCE_TIME_ZONE,
  };
  const { encoding, chunks } = await decodeInput(input, knownEncoding);
  options.onEncoding?.(encoding);
  // A file that is not UTF-8 is read whole as windows-1252: say so, and where, so a file that
  // mixes both (its UTF-8 letters then garbled) is seen; it was read without a word until a
  // review of 2026-12-06.
  const note = encodingNote(source, encoding);
  if (note !== null) options.onWarning?.(note);

  let buffer = '';
  let line = 1;
  let delimiter: Delimiter | null = null;
  let header: HeaderMap | null = null;
  // Fields of a row: the header's named ones (`width`), up to its empty trailing cells (`widest`).
  let width = 0;
  let widest = 0;
  let yielded = false;
  let staged = emptyStaged(spec.name, source, []);
  const maxRow = options.maxRowChars ?? MAX_LINE_BYTES;
  // `buffer` holds at most one incomplete record after a scan; `pending` follows it across chunks.
  let pending: PendingRecord | null = null;
  // Dropping the rest of a line too long to keep, up to its line break.
  let skipping = false;
  // The text so far ended on a CR: an LF next is the same line break.
  let skipLf = false;

  /** Scans the incomplete record on; true once it ends. */
  const follow = (record: PendingRecord): boolean => {
    const before = record.scanned;
    const ended = record.ends(buffer);
    options.onScan?.(record.scanned - before);
    return ended;
  };

  /** Scans `buffer` for whole records, leaving an incomplete one (followed by `pending`). */
  const scanBuffer = (final: boolean, into: CsvRecord[]): void => {
    options.onScan?.(buffer.length);
    const scanned = scanCsv(buffer, delimiter!, line, final);
    for (const record of scanned.records) into.push(record);
    buffer = buffer.slice(scanned.consumed);
    line = scanned.nextLine;
    pending = null;
    if (!final && buffer.length > 0) {
      pending = new PendingRecord(delimiter!.charCodeAt(0));
      follow(pending);
    }
  };

  /** Quarantines the incomplete record while it is longer than `maxRow` (see readCsvBatches). */
  const enforceLimit = (into: CsvRecord[]): void => {
    while (pending !== null && buffer.length > maxRow) {
      const quoteAt = pending.quoteAt;
      const opened = quoteAt < 0 ? 0 : line + countLineBreaks(buffer.slice(0, quoteAt));
      const unclosed = `a quoted field opened on line ${opened} is not closed within ${maxRow} characters (the row size limit)`;
      const eol = quoteAt < 0 ? -1 : lineBreakAt(buffer, quoteAt);
      if (eol >= 0) {
        // A stray quote: lose the record up to the end of the quote's line, read the rest again.
        into.push({
          fields: [],
          line,
          raw: cutRaw(buffer.slice(0, eol)),
          error: `${unclosed}; the lines after it are read as rows`,
        });
        line = opened + 1;
        const after = pastLineBreak(buffer, eol);
        if (after.skipLf) skipLf = true;
        buffer = buffer.slice(after.next);
        pending = null;
        scanBuffer(false, into);
        continue;
      }
      // One line over the limit: keep its head, drop the rest of it up to its line break.
      const endsOnCr = quoteAt < 0 && buffer.charCodeAt(buffer.length - 1) === CR;
      const body = endsOnCr ? buffer.slice(0, -1) : buffer;
      into.push({
        fields: [],
        line,
        raw: cutRaw(body),
        error: quoteAt < 0 ? `row too long: over ${maxRow} characters (the row size limit)` : unclosed,
      });
      line += countLineBreaks(body);
      if (endsOnCr) {
        line += 1;
        skipLf = true;
      } else skipping = true;
      buffer = '';
      pending = null;
    }
  };

  /** Adds a chunk of text to `buffer` (dropping what `skipping`/`skipLf` say to drop). */
  const append = (chunk: string): string => {
    let text = chunk;
    if (skipLf && text.length > 0) {
      if (text.charCodeAt(0) === LF) text = text.slice(1);
      skipLf = false;
    }
    if (skipping) {
      const eol = lineBreakAt(text, 0);
      if (eol < 0) return '';
      skipping = false;
      line += 1;
      const after = pastLineBreak(text, eol);
      if (after.skipLf) skipLf = true;
      text = text.slice(after.next);
    }
    buffer += text;
    return text;
  };

  const scan = (final: boolean, fresh: string): CsvRecord[] => {
    if (delimiter === null) {
      // The header line is not complete yet (and not over the limit).
      if (!final && !/[\r\n]/.test(fresh) && buffer.length <= maxRow) return [];
      // Excel's own hint line (`sep=;`) names the delimiter and is not the header.
      const hint = /^sep=([,;\t])(\r\n|\n|\r)/i.exec(buffer);
      if (hint) {
        delimiter = hint[1] as Delimiter;
        buffer = buffer.slice(hint[0].length);
        line = 2;
      } else {
        delimiter = detectDelimiter(buffer.slice(0, maxRow));
      }
    }
    const records: CsvRecord[] = [];
    // An incomplete record is scanned on from where it stood, not from its start, until it ends.
    if (final || pending === null || follow(pending)) scanBuffer(final, records);
    if (!final) enforceLimit(records);
    return records;
  };

  const stage = (record: CsvRecord, into: StagedTable, map: HeaderMap): void => {
    // A row may stop at the header's last name or run on under its empty trailing cells (Excel
    // writes those for formatted cells); a value there is MALFORMED_ROW from stageRow.
    const n = record.fields.length;
    if (record.error !== undefined || n < width || n > widest) {
      const expected = widest > width ? `${width} to ${widest}` : `${width}`;
      const detail = record.error ?? `expected ${expected} fields, found ${n}`;
      // A name column (never read) must not survive in the quarantine through the raw text, nor
      // what was typed under a blank header cell (no column there is read: it may hold a name).
      const unread = [...map.droppedFields, ...map.unnamedFields].sort((a, b) => a - b);
      const safe = withholdNames(
        { droppedFields: unread },
        width,
        record.fields,
        record.raw,
        delimiter ?? ',',
      );
      into.rejected.push({
        source,
        table: spec.name,
        rowNumber: record.line,
        raw: safe.raw,
        reason: 'MALFORMED_ROW',
        detail: safe.withheld ? `${detail}; ${safe.withheld}` : detail,
      });
      return;
    }
    // A row of only delimiters is how spreadsheets export formatted-but-empty rows.
    if (record.fields.every((f) => f.trim() === '')) return;
    stageRow(into, map, record.fields, record.line, local);
  };

  // The first record did not match: the records of the next rows, to tell a title row above the header.
  let refused: { error: HeaderError; first: CsvRecord; below: CsvRecord[] } | null = null;
  const refusal = (r: NonNullable<typeof refused>): HeaderError => {
    // A title row without delimiters made the delimiter a guess: each row is split by its own.
    const fieldsOf = (record: CsvRecord): string[] => {
      const own = detectDelimiter(record.raw);
      return own === delimiter
        ? record.fields
        : (scanCsv(record.raw, own, record.line, true).records[0]?.fields ?? []);
    };
    const above = [{ row: r.first.line, cells: r.first.fields }];
    for (const record of r.below) {
      const fields = fieldsOf(record);
      if (looksLikeHeader(spec, fields)) {
        // Column names in the rows above that this row lacks: a header over two rows (an XLSX
        // with merged cells saved as CSV), not a title.
        const from = splitHeaderStart(spec, above, fields);
        if (from !== null)
          return splitHeaderError(
            source,
            spec,
            r.error,
            { top: r.first.line, from, headerRow: record.line },
            false,
          );
        return titleRowError(
          source,
          spec,
          r.error,
          record.line,
          { row: r.first.line, cells: r.first.fields },
          fields,
        );
      }
      above.push({ row: record.line, cells: fields });
    }
    return r.error;
  };

  async function* drain(records: CsvRecord[]): AsyncGenerator<StagedTable> {
    for (const record of records) {
      if (refused !== null) {
        if (record.line > HEADER_SEARCH_ROWS) throw refusal(refused);
        refused.below.push(record);
        continue;
      }
      if (header === null) {
        // Trailing empty header cells are formatting, not columns (as in an XLSX).
        const names = [...record.fields];
        while (names.length && names[names.length - 1]!.trim() === '') names.pop();
        try {
          header = matchHeader(spec, names, source, record.line);
        } catch (error) {
          if (!(error instanceof HeaderError)) throw error;
          refused = { error, first: record, below: [] };
          continue;
        }
        width = names.length;
        widest = record.fields.length;
        staged = emptyStaged(spec.name, source, header.columns);
        continue;
      }
      stage(record, staged, header);
      if (staged.rows.length + staged.rejected.length >= batchSize) {
        yield staged;
        yielded = true;
        staged = emptyStaged(spec.name, source, header.columns);
      }
    }
  }

  for await (const chunk of chunks) {
    const fresh = append(chunk);
    if (fresh.length > 0) yield* drain(scan(false, fresh));
  }
  yield* drain(scan(true, ''));
  if (refused !== null) throw refusal(refused);
  if (header === null) {
    const required = requiredInDrops(spec);
    throw new HeaderError(
      source,
      spec.name,
      required.map((c) => c.name),
      [],
    );
  }
  // The last batch, or the only (possibly empty) one: callers always see the columns.
  if (staged.rows.length + staged.rejected.length > 0 || !yielded) yield staged;
}
