import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import { type SourceTableName, tableSpec } from '../../source-schema/catalog.ts';
import { emptyStaged, HeaderError, type StagedTable } from '../staged.ts';
import { type Delimiter, detectDelimiter } from './detect-delimiter.ts';
import {
  type DetectedEncoding,
  detectEncoding,
  detectFileEncoding,
  encodingNote,
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
import { type CsvRecord, scanCsv } from './scan-csv.ts';
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
   * UTF-8 (`encodingNote`), before its first batch.
   */
  readonly onWarning?: (message: string) => void;
}

export const DEFAULT_BATCH_SIZE = 50_000;

/** Decoded text chunks plus what was detected, so the caller can report it. */
export interface DecodedInput {
  readonly encoding: DetectedEncoding;
  readonly chunks: AsyncIterable<string>;
}

/** Detect the encoding of a path (streaming) or bytes and decode to text chunks, BOM stripped. */
export async function decodeInput(input: string | Uint8Array): Promise<DecodedInput> {
  if (typeof input !== 'string') {
    const encoding = detectEncoding(input);
    const text = iconv.decode(Buffer.from(input), encoding.encoding);
    return {
      encoding,
      chunks: (async function* () {
        yield text;
      })(),
    };
  }
  const encoding = await detectFileEncoding(input);
  // iconv-lite strips the BOM, so the first header name is never `\uFEFFid`.
  const stream = createReadStream(input, { highWaterMark: 1 << 20 }).pipe(
    iconv.decodeStream(encoding.encoding),
  );
  return { encoding, chunks: stream as AsyncIterable<string> };
}

/**
 * Read a CSV / tab-separated drop in batches. Encoding and delimiter are detected (see
 * detect-encoding.ts, detect-delimiter.ts); the header is matched to the table or a
 * {@link HeaderError} is thrown before any row is yielded (saying so when a later row of the
 * first five looks like the header: a title row above it). Rows with the wrong number of fields
 * or broken quoting come back in `rejected` as MALFORMED_ROW and the rest still load.
 *
 * @param input a file path (streamed) or the file's bytes
 */
export async function* readCsvBatches(
  input: string | Uint8Array,
  options: ReadCsvOptions,
): AsyncGenerator<StagedTable> {
  const spec = tableSpec(options.table);
  const source = options.source ?? (typeof input === 'string' ? `files:${basename(input)}` : 'files:inline');
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const local: LocalTimestamps = {
    columns: spec.columns.map((c) => c.type === 'timestamptz'),
    timeZone: options.timeZone ?? DEFAULT_SOURCE_TIME_ZONE,
  };
  const { encoding, chunks } = await decodeInput(input);
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

  const scan = (final: boolean): CsvRecord[] => {
    if (delimiter === null) {
      if (!final && !/[\r\n]/.test(buffer)) return []; // the header line is not complete yet
      // Excel's own hint line (`sep=;`) names the delimiter and is not the header.
      const hint = /^sep=([,;\t])(\r\n|\n|\r)/i.exec(buffer);
      if (hint) {
        delimiter = hint[1] as Delimiter;
        buffer = buffer.slice(hint[0].length);
        line = 2;
      } else {
        delimiter = detectDelimiter(buffer);
      }
    }
    const scanned = scanCsv(buffer, delimiter, line, final);
    buffer = buffer.slice(scanned.consumed);
    line = scanned.nextLine;
    return scanned.records;
  };

  const stage = (record: CsvRecord, into: StagedTable, map: HeaderMap): void => {
    // A row may stop at the header's last name or run on under its empty trailing cells (Excel
    // writes those for formatted cells); a value there is MALFORMED_ROW from stageRow.
    const n = record.fields.length;
    if (record.error !== undefined || n < width || n > widest) {
      const expected = widest > width ? `${width} to ${widest}` : `${width}`;
      const detail = record.error ?? `expected ${expected} fields, found ${n}`;
      // A name column (never read) must not survive in the quarantine through the raw text.
      const safe = withholdNames(map, width, record.fields, record.raw, delimiter ?? ',');
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
    stageRow(into, map, record.fields, record.line, undefined, local);
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
    buffer += chunk;
    yield* drain(scan(false));
  }
  yield* drain(scan(true));
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
