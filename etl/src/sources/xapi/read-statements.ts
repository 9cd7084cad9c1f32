import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ReasonCode } from '../../validate/reasons.ts';
import { emptyStaged, type StagedTable } from '../staged.ts';
import { DEFAULT_JP_MINUTES } from './jp.ts';
import { statementRow, XAPI_COLUMNS, XAPI_TABLE } from './statement-row.ts';

export interface ReadStatementsOptions {
  /** Minutes per JP for `jp` (the run's JP_MINUTES). Default 45. */
  readonly jpMinutes?: number;
  /** Defaults to `xapi:<file name>`, or `xapi:inline` for text. */
  readonly source?: string;
}

interface Item {
  readonly index: number;
  readonly raw: string;
  readonly value?: unknown;
  readonly parseError?: string;
}

/** NDJSON: one statement per line; blank lines skipped; a bad line costs that line only. */
function ndjsonItems(text: string): Item[] {
  const items: Item[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((line, i) => {
    const raw = line.trim();
    if (raw === '') return;
    try {
      items.push({ index: i + 1, raw, value: JSON.parse(raw) });
    } catch (error) {
      items.push({ index: i + 1, raw, parseError: (error as Error).message });
    }
  });
  return items;
}

/**
 * Split an export into statements. Accepted shapes, as LRSs and LMSs write them:
 * a JSON array; a StatementResult object `{ "statements": [...] }` (the LRS GET response);
 * one statement object; NDJSON. Array items are numbered 1.., NDJSON items by line.
 */
function splitStatements(text: string): Item[] {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return [];
  if (body.startsWith('[') || body.startsWith('{')) {
    let whole: unknown;
    try {
      whole = JSON.parse(body);
    } catch (error) {
      // `{…}\n{…}` is NDJSON; a broken array is one unreadable row.
      if (body.startsWith('{')) return ndjsonItems(body);
      return [{ index: 1, raw: body, parseError: `not a JSON array: ${(error as Error).message}` }];
    }
    const list = Array.isArray(whole)
      ? whole
      : typeof whole === 'object' &&
          whole !== null &&
          Array.isArray((whole as { statements?: unknown }).statements)
        ? ((whole as { statements: unknown[] }).statements as unknown[])
        : [whole];
    return list.map((value, i) => ({ index: i + 1, raw: JSON.stringify(value), value }));
  }
  return ndjsonItems(body);
}

/** Statements in text (no I/O): see {@link readStatements}. */
export function parseStatements(text: string, options: ReadStatementsOptions = {}): StagedTable {
  const source = options.source ?? 'xapi:inline';
  const jpMinutes = options.jpMinutes ?? DEFAULT_JP_MINUTES;
  const staged = emptyStaged(XAPI_TABLE, source, XAPI_COLUMNS);
  for (const item of splitStatements(text)) {
    const reject = (reason: ReasonCode, detail: string) =>
      staged.rejected.push({
        source,
        table: XAPI_TABLE,
        rowNumber: item.index,
        raw: item.raw,
        reason,
        detail,
      });
    if (item.parseError !== undefined) {
      reject('MALFORMED_ROW', `invalid JSON: ${item.parseError}`);
      continue;
    }
    const result = statementRow(item.value, jpMinutes);
    if (!result.ok) {
      reject(result.reason, result.detail);
      continue;
    }
    staged.rows.push(result.row);
    staged.rowNumbers.push(item.index);
    staged.rawRows.push(item.raw);
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
 * unreadable file throws.
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
