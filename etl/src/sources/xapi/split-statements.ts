/** One statement of an export, or the text that could not be read as one. */
export interface Item {
  /** Array position 1.., or NDJSON line number. */
  readonly index: number;
  readonly raw: string;
  readonly value?: unknown;
  /** Why `raw` is no statement: the whole detail of its MALFORMED_ROW rejection. */
  readonly unreadable?: string;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

const isJsonSpace = (c: number) => c === SPACE || c === TAB || c === LF || c === CR;

function skipSpace(text: string, i: number): number {
  while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Where the JSON value starting at `start` ends (the index after it), or null when the text ends
 * first: the value is cut off. Only the nesting is followed (strings and their escapes, brackets);
 * whether the value is valid JSON is JSON.parse's to say.
 */
export function valueEnd(text: string, start: number): number | null {
  const first = text.charCodeAt(start);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET && first !== QUOTE) {
    // A number, true, false or null ends at the next separator; at the end of the text it may be cut.
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE || isJsonSpace(c)) return i;
      i++;
    }
    return null;
  }
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return null;
}

/** An export's text with its BOM and surrounding whitespace off, and where that body starts. */
interface Body {
  readonly text: string;
  /** The whole text as read, for byte offsets into the file. */
  readonly file: string;
  /** Index in `file` where `text` starts. */
  readonly lead: number;
  /** Line breaks before `text` starts, so NDJSON line numbers are the file's. */
  readonly leadLines: number;
}

/** The byte offset in the file (UTF-8, BOM included) of index `i` of the body. */
function byteAt(body: Body, i: number): number {
  return Buffer.byteLength(body.file.slice(0, body.lead + i), 'utf8');
}

/** The file's size in bytes. */
function fileBytes(body: Body): number {
  return Buffer.byteLength(body.file, 'utf8');
}

/**
 * How deep a statement may nest objects and arrays, the statement itself being level 1. An xAPI
 * statement is shallow (a SubStatement's context extension is some 6 levels), but an extension
 * may hold any JSON: one nested 100 000 levels deep made JSON.stringify and withoutAgentNames,
 * which recurse, run out of stack ("Maximum call stack size exceeded"), and the whole file failed
 * naming neither it nor the statement until a review of 2026-12-06. A deeper statement is now
 * quarantined (MALFORMED_ROW) before anything walks it recursively; JSON.parse (iterative in V8)
 * reads it, and so does valueEnd.
 */
export const MAX_STATEMENT_DEPTH = 64;

const TOO_DEEP = `statement nested more than ${MAX_STATEMENT_DEPTH} levels deep (objects and arrays within one another): not read`;

/** Whether `value` nests objects and arrays more than `limit` levels deep. Iterative: no depth overflows it. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop() as number;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/**
 * `raw` parsed; an array item's raw text is then re-serialised (one line), as when the whole array
 * parses. A statement nested too deep keeps its text as read (re-serialising it is what overflowed).
 */
function parsed(index: number, raw: string, asArrayItem: boolean): Item {
  try {
    const value: unknown = JSON.parse(raw);
    if (nestedDeeperThan(value, MAX_STATEMENT_DEPTH)) return { index, raw, unreadable: TOO_DEEP };
    return { index, raw: asArrayItem ? JSON.stringify(value) : raw, value };
  } catch (error) {
    return { index, raw, unreadable: `invalid JSON: ${(error as Error).message}` };
  }
}

/**
 * The items of a JSON array that JSON.parse refused as a whole, one by one: every complete
 * statement is read, a statement that is itself no valid JSON costs that statement only. Where
 * the file breaks off (an export cut off mid-file) or stops being an array, the rest is ONE item
 * whose detail says so: the statements after that point cannot be read.
 *
 * @param open index of the array's `[` in the body
 * @param inObject the array is a StatementResult's `statements`: text after its `]` is not ours
 */
function arrayItems(body: Body, open: number, inObject: boolean): Item[] {
  const text = body.text;
  const items: Item[] = [];
  let i = skipSpace(text, open + 1);
  if (text.charCodeAt(i) === CLOSE_BRACKET) return items;
  for (;;) {
    const index = items.length + 1;
    if (i >= text.length) {
      // Cut after a comma, or right after a statement: nothing of the next one is in the file.
      items.push({
        index,
        raw: text.slice(i),
        unreadable:
          `file is truncated: the statement array ends after statement ${index - 1} (byte ` +
          `${fileBytes(body)}) without its closing ]; statements after it cannot be read: export the file again`,
      });
      return items;
    }
    const end = valueEnd(text, i);
    if (end === i) {
      items.push({
        index,
        raw: text.slice(i),
        unreadable:
          `invalid JSON: expected statement ${index} at byte ${byteAt(body, i)}; ` +
          'the statements from there on cannot be read',
      });
      return items;
    }
    if (end === null) {
      items.push({
        index,
        raw: text.slice(i),
        unreadable:
          `file is truncated: statement ${index} (from byte ${byteAt(body, i)}) breaks off at the end of ` +
          `the file (byte ${fileBytes(body)}); statements after it cannot be read: export the file again`,
      });
      return items;
    }
    items.push(parsed(index, text.slice(i, end), true));
    const next = skipSpace(text, end);
    if (next >= text.length) {
      i = next;
      continue; // the truncation is reported on the next turn
    }
    const c = text.charCodeAt(next);
    if (c === COMMA) {
      i = skipSpace(text, next + 1);
      continue;
    }
    if (c === CLOSE_BRACKET) {
      const after = skipSpace(text, next + 1);
      if (inObject || after >= text.length) return items;
      items.push({
        index: index + 1,
        raw: text.slice(after),
        unreadable: `invalid JSON: text after the statement array's closing ] (byte ${byteAt(body, after)})`,
      });
      return items;
    }
    items.push({
      index: index + 1,
      raw: text.slice(next),
      unreadable:
        `invalid JSON: expected , or ] after statement ${index} (byte ${byteAt(body, next)}); ` +
        'the statements from there on cannot be read',
    });
    return items;
  }
}

/**
 * NDJSON: one statement per line; blank lines skipped; a bad line costs that line only. A last
 * line that breaks off mid-statement is a truncated file, and its detail says so.
 */
function ndjsonItems(body: Body): Item[] {
  const text = body.text;
  const items: Item[] = [];
  const lineBreak = /\r\n|\n|\r/g;
  let line = body.leadLines + 1;
  let start = 0;
  for (;;) {
    const match = lineBreak.exec(text);
    const end = match ? match.index : text.length;
    const raw = text.slice(start, end).trim();
    if (raw !== '') {
      const item = parsed(line, raw, false);
      const last = match === null;
      if (last && item.unreadable !== undefined && valueEnd(raw, 0) === null) {
        const at = start + (text.slice(start, end).length - text.slice(start, end).trimStart().length);
        items.push({
          index: line,
          raw,
          unreadable:
            `file is truncated: line ${line} (from byte ${byteAt(body, at)}) breaks off at the end of ` +
            `the file (byte ${fileBytes(body)}); statements after it cannot be read: export the file again`,
        });
      } else items.push(item);
    }
    if (!match) return items;
    start = lineBreak.lastIndex;
    line++;
  }
}

function countLineBreaks(s: string): number {
  return s.match(/\r\n|\n|\r/g)?.length ?? 0;
}

const STATEMENT_RESULT = /^\{\s*"statements"\s*:\s*\[/;

/**
 * Where the value of the `statements` key of the object `text` (valid JSON) starts; the last such
 * key, as JSON.parse takes it. Keys are followed by valueEnd, so `{"more": "…", "statements": […]}`
 * is found too.
 */
function statementsStart(text: string): number | null {
  let found: number | null = null;
  let i = skipSpace(text, 1);
  while (text.charCodeAt(i) === QUOTE) {
    const keyEnd = valueEnd(text, i);
    if (keyEnd === null) return found;
    const key: unknown = JSON.parse(text.slice(i, keyEnd));
    const start = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the colon
    if (key === 'statements') found = start;
    const end = valueEnd(text, start);
    if (end === null) return found;
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== COMMA) return found;
    i = skipSpace(text, i + 1);
  }
  return found;
}

/**
 * Split an export into statements. Accepted shapes, as LRSs and LMSs write them:
 * a JSON array; a StatementResult object `{ "statements": [...] }` (the LRS GET response);
 * one statement object; NDJSON. Array items are numbered 1.., NDJSON items by line.
 */
export function splitStatements(file: string): Item[] {
  const bom = file.charCodeAt(0) === 0xfeff ? 1 : 0;
  const rest = file.slice(bom);
  const text = rest.trim();
  if (text === '') return [];
  const lead = bom + rest.length - rest.trimStart().length;
  const body: Body = { text, file, lead, leadLines: countLineBreaks(file.slice(0, lead)) };
  if (text.startsWith('[') || text.startsWith('{')) {
    let whole: unknown;
    try {
      whole = JSON.parse(text);
    } catch {
      // A broken array (an export cut off mid-file, say) is read statement by statement; so is a
      // StatementResult's. `{…}\n{…}` is NDJSON.
      if (text.startsWith('[')) return arrayItems(body, 0, false);
      const result = STATEMENT_RESULT.exec(text);
      if (result) return arrayItems(body, result[0].length - 1, true);
      return ndjsonItems(body);
    }
    const statements =
      typeof whole === 'object' && whole !== null && !Array.isArray(whole)
        ? (whole as { statements?: unknown }).statements
        : undefined;
    const isResult = Array.isArray(statements);
    const list: unknown[] = Array.isArray(whole) ? whole : isResult ? statements : [whole];
    if (list.some((value) => nestedDeeperThan(value, MAX_STATEMENT_DEPTH))) {
      // Read one by one, from the text: each statement nested too deep is quarantined as written.
      if (Array.isArray(whole)) return arrayItems(body, 0, false);
      const start = isResult ? statementsStart(text) : null;
      if (start !== null) return arrayItems(body, start, true);
      return [{ index: 1, raw: text, unreadable: TOO_DEEP }];
    }
    return list.map((value, i) => ({ index: i + 1, raw: JSON.stringify(value), value }));
  }
  return ndjsonItems(body);
}
