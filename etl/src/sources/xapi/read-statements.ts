import { constants } from 'node:buffer';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ReasonCode } from '../../validate/reasons.ts';
import { openRegularFile, type RegularFileAdvice } from '../files/open-regular-file.ts';
import { emptyStaged, type StagedTable } from '../staged.ts';
import { DEFAULT_JP_MINUTES } from './jp.ts';
import { splitStatements } from './split-statements.ts';
import { statementRow, XAPI_COLUMNS, XAPI_TABLE } from './statement-row.ts';
import { withoutAgentNames, withoutNamesInText } from './withhold-names.ts';

export interface ReadStatementsOptions {
  /** Minutes per JP for `jp` (the run's JP_MINUTES). Default 45. */
  readonly jpMinutes?: number;
  /** Defaults to `xapi:<file name>`, or `xapi:inline` for text. */
  readonly source?: string;
}

/** Statements in text (no I/O): see {@link readStatements}. */
export function parseStatements(text: string, options: ReadStatementsOptions = {}): StagedTable {
  const source = options.source ?? 'xapi:inline';
  const jpMinutes = options.jpMinutes ?? DEFAULT_JP_MINUTES;
  const staged = emptyStaged(XAPI_TABLE, source, XAPI_COLUMNS);
  for (const item of splitStatements(text)) {
    // What quarantine may keep of the statement: its agents' display names never (see withhold-names.ts).
    const raw =
      item.unreadable !== undefined
        ? withoutNamesInText(item.raw)
        : JSON.stringify(withoutAgentNames(item.value));
    const reject = (reason: ReasonCode, detail: string) =>
      staged.rejected.push({
        source,
        table: XAPI_TABLE,
        rowNumber: item.index,
        raw,
        reason,
        detail,
      });
    if (item.unreadable !== undefined) {
      reject('MALFORMED_ROW', item.unreadable);
      continue;
    }
    const result = statementRow(item.value, jpMinutes);
    if (result.ok === 'voids') {
      if (!staged.voided) staged.voided = [];
      staged.voided.push(result.target);
      continue;
    }
    if (!result.ok) {
      reject(result.reason, result.detail);
      continue;
    }
    staged.rows.push(result.row);
    staged.rowNumbers.push(item.index);
    staged.rawRows.push(raw);
  }
  return staged;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The largest xAPI file read, in bytes: the file is read as one string, and Node's longest string is
 * 2^29 − 24 characters (512 MiB less 24; a UTF-8 file never decodes to more characters than it has
 * bytes). A larger one failed the run as "ETL failed: Invalid string length", naming no file, until
 * a review of 2026-12-06; it now fails naming the file, the limit and the fix (split the export).
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
 * as one MALFORMED_ROW whose detail says the file is truncated and where. A statement nested more
 * than MAX_STATEMENT_DEPTH levels is one MALFORMED_ROW too. A file over MAX_XAPI_FILE_BYTES, or
 * no regular file (a FIFO, a directory; a symbolic link is followed to its file), throws naming it.
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
  let text: string;
  try {
    if (stats.size > MAX_XAPI_FILE_BYTES)
      throw new Error(
        `${source}: ${input} is ${stats.size} bytes; an xAPI file may hold at most ${MAX_XAPI_FILE_BYTES} ` +
          'bytes (512 MiB): split the export into smaller files and pass each with its own --xapi',
      );
    text = await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
  return parseStatements(text, { ...options, source });
}
