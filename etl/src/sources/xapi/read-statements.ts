import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ReasonCode } from '../../validate/reasons.ts';
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

/** Looks like statements rather than a file name: JSON starts with `[` or `{`, NDJSON with `{`. */
function isInlineText(input: string): boolean {
  return /^\uFEFF?\s*[[{]/.test(input);
}

/**
 * xAPI 1.0.3 statements from an LRS/LMS export (JSON array, StatementResult, or NDJSON) as a
 * staged `xapi_statements` table. Unusable statements come back in `rejected`
 * (MALFORMED_ROW for invalid JSON, XAPI_INVALID_STATEMENT, XAPI_UNSUPPORTED_VERB); only an
 * unreadable file throws. A file cut off mid-export (a JSON array without its end, an NDJSON
 * file whose last line breaks off) yields every complete statement before the cut, and the rest
 * as one MALFORMED_ROW whose detail says the file is truncated and where.
 *
 * @param input a file path, or the export's text itself (anything starting with `[` or `{`)
 */
export async function readStatements(
  input: string,
  options: ReadStatementsOptions = {},
): Promise<StagedTable> {
  // A file whose name starts with "[" ("[2025-12] export.json") is still a file.
  if (isInlineText(input) && !(await isFile(input))) return parseStatements(input, options);
  const text = await readFile(input, 'utf8');
  return parseStatements(text, { ...options, source: options.source ?? `xapi:${basename(input)}` });
}
