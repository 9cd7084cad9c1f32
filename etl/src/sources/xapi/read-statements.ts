import { constants } from 'node:buffer';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { ReasonCode } from '../../validate/reasons.ts';
import { openRegularFile, quotedPath, type RegularFileAdvice } from '../files/open-regular-file.ts';
import { emptyStaged, type StagedTable } from '../staged.ts';
import { DEFAULT_JP_MINUTES } from './jp.ts';
import { type Again, ExportText, type Item, MORE, splitStatements } from './split-statements.ts';
import { statementRow, XAPI_COLUMNS, XAPI_TABLE } from './statement-row.ts';
import { withoutAgentNames, withoutNamesInText } from './withhold-names.ts';

export interface ReadStatementsOptions {
  /** Minutes per JP for `jp` (the run's JP_MINUTES). Default 45. */
  readonly jpMinutes?: number;
  /** Defaults to `xapi:<file name>`, or `xapi:inline` for text. */
  readonly source?: string;
  /** Bytes read from the file at a time (default CHUNK_BYTES, 1 MiB); tests read in tiny pieces. */
  readonly chunkBytes?: number;
}

/**
 * Bytes read from an xAPI file at a time: a JSON array, NDJSON or a StatementResult (its keys in
 * any order) is read piece by piece (splitStatements names the shapes still read whole).
 */
export const CHUNK_BYTES = 1 << 20;

/** Statements in text (no I/O): see {@link readStatements}. */
export function parseStatements(text: string, options: ReadStatementsOptions = {}): StagedTable {
  const source = options.source ?? 'xapi:inline';
  const split = (again?: Again) => {
    const steps = splitStatements(ExportText.of(text), again);
    const staged = emptyStaged(XAPI_TABLE, source, XAPI_COLUMNS);
    const stage = stager(staged, options);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return { staged, again: step.value === 'done' ? undefined : step.value };
      // The text is all there: the splitter never waits for more.
      if (step.value !== MORE) stage(step.value);
    }
  };
  const first = split();
  return first.again ? split(first.again).staged : first.staged;
}

const UNIQUE_COLUMNS = new Set(['statement_id', 'timestamp'].map((c) => XAPI_COLUMNS.indexOf(c as never)));

/**
 * `row` held compactly, its values the same: a value that repeats in the file (an mbox, an
 * activity IRI, a duration) held once, and each value one flat string. A value built by
 * concatenation (a timestamp, `mailto:` + an address) is a tree of strings in V8 until it is read;
 * held for every statement until the run lands them, the values of a row took some 700 bytes,
 * about 250 so. `seen` is the file's values so far.
 */
function compactRow(row: (string | null)[], seen: Map<string, string>): void {
  for (let c = 0; c < row.length; c++) {
    const value = row[c];
    if (value === null || value === undefined) continue;
    if (UNIQUE_COLUMNS.has(c)) {
      value.charCodeAt(0); // flattens it
      continue;
    }
    const held = seen.get(value);
    if (held === undefined) seen.set(value, value);
    else row[c] = held;
  }
}

/** What stages each item of a split export into `staged`. */
function stager(staged: StagedTable, options: ReadStatementsOptions): (item: Item) => void {
  const jpMinutes = options.jpMinutes ?? DEFAULT_JP_MINUTES;
  const seen = new Map<string, string>();
  return (item) => {
    // What quarantine may keep of the statement: its agents' display names never (see withhold-names.ts).
    const reject = (reason: ReasonCode, detail: string, raw: string) =>
      staged.rejected.push({
        source: staged.source,
        table: XAPI_TABLE,
        rowNumber: item.index,
        raw,
        reason,
        detail,
      });
    if (item.unreadable !== undefined) {
      reject('MALFORMED_ROW', item.unreadable, withoutNamesInText(item.raw));
      return;
    }
    const result = statementRow(item.value, jpMinutes);
    if (result.ok === 'voids') {
      if (!staged.voided) staged.voided = [];
      staged.voided.push(result.target);
      return;
    }
    const raw = JSON.stringify(withoutAgentNames(item.value));
    if (!result.ok) {
      reject(result.reason, result.detail, raw);
      return;
    }
    compactRow(result.row, seen);
    staged.rows.push(result.row);
    staged.rowNumbers.push(item.index);
    staged.rawRows.push(raw);
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The largest xAPI file read, in bytes: Node's longest string, 2^29 − 24 characters (512 MiB less
 * 24; a UTF-8 file never decodes to more characters than it has bytes). A JSON array, a
 * StatementResult (its keys in any order) and NDJSON are read piece by piece (CHUNK_BYTES), but
 * one statement on its own is still read as one string, and so are a StatementResult naming
 * `statements` twice, an NDJSON line, and the rest of a file quarantined as one row. A larger one failed the
 * run as "ETL failed: Invalid string length", naming no file, until a review of 2026-12-06; it now
 * fails naming the file, the limit and the fix (split the export).
 */
export const MAX_XAPI_FILE_BYTES = constants.MAX_STRING_LENGTH;

/** Looks like statements rather than a file name: JSON starts with `[` or `{`, NDJSON with `{`. */
function isInlineText(input: string): boolean {
  return /^\uFEFF?\s*[[{]/.test(input);
}

/** What a refusal of an xAPI path that is no regular file says to do. */
const XAPI_FILE_ADVICE: RegularFileAdvice = {
  // Not used: a path given with --xapi is followed through a link (see below).
  symlink: 'pass the file itself, not a link to it',
  directory: 'an xAPI file must be a regular file',
  other: 'an xAPI file must be a regular file',
};

/**
 * xAPI 1.0.3 statements from an LRS/LMS export (JSON array, StatementResult, or NDJSON) as a
 * staged `xapi_statements` table. Unusable statements come back in `rejected`
 * (MALFORMED_ROW for invalid JSON, XAPI_INVALID_STATEMENT, XAPI_UNSUPPORTED_VERB); only an
 * unreadable file throws. A file cut off mid-export (a JSON array without its end, an NDJSON
 * file whose last line breaks off) yields every complete statement before the cut, and the rest
 * as one MALFORMED_ROW whose detail says the file is truncated and where; text after a whole JSON
 * array or StatementResult is one MALFORMED_ROW after its statements. A statement nested more
 * than MAX_STATEMENT_DEPTH levels is one MALFORMED_ROW too. A file over MAX_XAPI_FILE_BYTES, or
 * no regular file (a FIFO, a directory; a symbolic link is followed to its file), throws naming it.
 *
 * The file is read CHUNK_BYTES at a time and each statement staged as it is read: only its staged
 * row and raw text are kept (see splitStatements for the shapes read whole). Read whole, a 447 MB
 * export of 1M statements took some 4 GB (a performance review of 2026-12-06).
 *
 * @param input a file path, or the export's text itself (anything starting with `[` or `{`)
 */
export async function readStatements(
  input: string,
  options: ReadStatementsOptions = {},
): Promise<StagedTable> {
  // A file whose name starts with "[" ("[2025-12] export.json") is still a file.
  if (isInlineText(input) && !(await isFile(input))) return parseStatements(input, options);
  const source = options.source ?? `xapi:${basename(input)}`;
  // A FIFO would block the read forever, a directory fail as a bare EISDIR; the file is checked
  // and read through one handle, so it cannot be swapped in between.
  // A link is followed: the operator named this path (`--xapi`), unlike a drop directory's entries.
  const { handle, stats } = await openRegularFile(input, source, XAPI_FILE_ADVICE, true);
  try {
    // The path quoted, as the ETL names every path (quotedPath): the API shows it below admin as '<path>'.
    if (stats.size > MAX_XAPI_FILE_BYTES)
      throw new Error(
        `${source}: ${quotedPath(input)} is ${stats.size} bytes; an xAPI file may hold at most ${MAX_XAPI_FILE_BYTES} ` +
          'bytes (512 MiB): split the export into smaller files and pass each with its own --xapi',
      );
    const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
    const split = async (again?: Again) => {
      const text = new ExportText();
      const decoder = new StringDecoder('utf8');
      let position = 0;
      const steps = splitStatements(text, again);
      const staged = emptyStaged(XAPI_TABLE, source, XAPI_COLUMNS);
      const stage = stager(staged, options);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) return { staged, again: step.value === 'done' ? undefined : step.value };
        if (step.value !== MORE) {
          stage(step.value);
          continue;
        }
        // At least as much as is held: a statement longer than a chunk is read in as many reads as
        // doublings, not as many as chunks.
        const buffer = Buffer.allocUnsafe(Math.max(chunkBytes, text.held));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        position += bytesRead;
        if (bytesRead > 0) text.push(decoder.write(buffer.subarray(0, bytesRead)));
        else {
          text.push(decoder.end());
          text.finish();
        }
      }
    };
    const first = await split();
    return first.again ? (await split(first.again)).staged : first.staged;
  } finally {
    await handle.close();
  }
}
