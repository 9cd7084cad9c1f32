/** One statement of an export, or the text that could not be read as one. */
export type Item =
  | {
      /** Array position 1.., or NDJSON line number. */
      readonly index: number;
      readonly value: unknown;
      readonly unreadable?: undefined;
    }
  | {
      readonly index: number;
      /** The text as read (not valid JSON, or nested too deep), for quarantine. */
      readonly raw: string;
      /** Why `raw` is no statement: the whole detail of its MALFORMED_ROW rejection. */
      readonly unreadable: string;
    };

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

/** What String.prototype.trim takes off (JS whitespace and line terminators, the BOM among them). */
const TRIMMED = /\s/;

/**
 * Where the JSON value starting at `start` ends (the index after it), or null when the text ends
 * first: the value is cut off. Only the nesting is followed (strings and their escapes, brackets);
 * whether the value is valid JSON is JSON.parse's to say.
 */
export function valueEnd(text: string, start: number): number | null {
  const scan = new ValueScan(start);
  return scan.run(text, 0, text.length) ? scan.end : null;
}

/** valueEnd, resumable: run it over the text as it comes, piece by piece. */
class ValueScan {
  private depth = 0;
  private inString = false;
  private literal: boolean | undefined;
  /** The next index to look at; once run returns true, the index after the value. */
  end: number;
  constructor(readonly start: number) {
    this.end = start;
  }
  /**
   * Scans `text` (holding the body from index `base` on) up to body index `limit`; true once the
   * value's end is found (`end`), false when the text ran out first.
   */
  run(text: string, base: number, limit: number): boolean {
    let i = this.end;
    if (this.literal === undefined) {
      const first = text.charCodeAt(this.start - base);
      this.literal = first !== OPEN_BRACE && first !== OPEN_BRACKET && first !== QUOTE;
    }
    if (this.literal) {
      // A number, true, false or null ends at the next separator; at the end of the text it may be cut.
      for (; i < limit; i++) {
        const c = text.charCodeAt(i - base);
        if (c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE || isJsonSpace(c)) {
          this.end = i;
          return true;
        }
      }
      this.end = i;
      return false;
    }
    let { depth, inString } = this;
    for (; i < limit; i++) {
      const c = text.charCodeAt(i - base);
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) {
          inString = false;
          if (depth === 0) {
            this.end = i + 1;
            return true;
          }
        }
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) {
          this.end = i + 1;
          return true;
        }
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.end = i; // past `limit` when the last character was a backslash: the escaped one is skipped
    return false;
  }
}

/**
 * A copy of `s` that holds no larger text: a slice of a read buffer keeps the whole buffer alive
 * in V8, and a quarantined NDJSON line kept the whole file text so until a review of 2026-12-06.
 */
function detached(s: string): string {
  // A long one is most of what it was cut from (the rest of the file), and one character longer
  // could pass the longest string.
  return s.length > 1 << 20 ? s : `${s} `.slice(0, -1);
}

/**
 * An export's text as it is read, piece by piece (a file) or at once (text): the body, that is the
 * text without its BOM and surrounding whitespace (String.prototype.trim), with indices into it,
 * and the byte offsets in the file (UTF-8, BOM included) of those indices. Only the part of the
 * body not yet read past is held: the splitter lets go of each statement once it is read.
 */
export class ExportText {
  /** The body from index `base` on, as far as it has been read. */
  private buf = '';
  private base = 0;
  /** Byte offset in the file of body index `base`. */
  private baseBytes = 0;
  /** Whitespace read after the body's last character so far: the body's if more follows, else trimmed. */
  private pending = '';
  private started = false;
  private done = false;
  private bytes = 0;
  /** Line breaks before the body, so NDJSON line numbers are the file's. */
  leadLines = 0;

  static of(text: string): ExportText {
    const source = new ExportText();
    source.push(text);
    source.finish();
    return source;
  }

  /** Appends decoded text (whole characters: a surrogate pair is never split across pushes). */
  push(text: string): void {
    if (text === '') return;
    this.bytes += Buffer.byteLength(text, 'utf8');
    let s = this.pending + text;
    if (!this.started) {
      let lead = 0;
      while (lead < s.length && TRIMMED.test(s[lead] as string)) lead++;
      if (lead === s.length) {
        this.pending = s;
        return;
      }
      const before = s.slice(0, lead);
      this.leadLines = countLineBreaks(before);
      this.baseBytes = Buffer.byteLength(before, 'utf8');
      this.started = true;
      s = s.slice(lead);
    }
    let end = s.length;
    while (end > 0 && TRIMMED.test(s[end - 1] as string)) end--;
    this.pending = s.slice(end);
    if (end > 0) this.buf += end === s.length ? s : s.slice(0, end);
  }

  /** The text has all been pushed: trailing whitespace is no part of the body. */
  finish(): void {
    this.done = true;
    this.pending = '';
  }

  get ended(): boolean {
    return this.done;
  }

  /** The body's length as far as read. */
  get end(): number {
    return this.base + this.buf.length;
  }

  /** Characters held that are not yet read past. */
  get held(): number {
    return this.buf.length + this.pending.length;
  }

  /** The whole file's size in bytes (once ended). */
  get fileBytes(): number {
    return this.bytes;
  }

  at(i: number): number {
    return this.buf.charCodeAt(i - this.base);
  }

  slice(from: number, to = this.end): string {
    return this.buf.slice(from - this.base, to - this.base);
  }

  /** The byte offset in the file of body index `i` (not yet let go of). */
  byteAt(i: number): number {
    return this.baseBytes + Buffer.byteLength(this.buf.slice(0, i - this.base), 'utf8');
  }

  /** Lets go of the body before index `i`. */
  release(i: number): void {
    const n = i - this.base;
    if (n < 65536) return;
    this.baseBytes += Buffer.byteLength(this.buf.slice(0, n), 'utf8');
    this.buf = this.buf.slice(n);
    this.base = i;
  }

  /** Scans the value at `scan.start` over what is read. */
  scan(scan: ValueScan): boolean {
    return scan.run(this.buf, this.base, this.end);
  }

  /** The next line break at or after `from` (as far as read), or -1. */
  lineBreak(from: number): number {
    LINE_BREAK.lastIndex = from - this.base;
    const match = LINE_BREAK.exec(this.buf);
    return match ? match.index + this.base : -1;
  }
}

const LINE_BREAK = /[\n\r]/g;

/** What the splitter asks its driver for: more text (`ExportText.push`), or `finish` at the end. */
export const MORE = Symbol('more text');

/** The splitter's steps: items, and MORE where it waits for text. */
type Split<T> = Generator<Item | typeof MORE, T, void>;

/** More text, if there is any: false once the text has ended. */
function* more(text: ExportText): Split<boolean> {
  if (text.ended) return false;
  yield MORE;
  return true;
}

/** Whether the body reaches index `i`, reading on until it does or ends. */
function* has(text: ExportText, i: number): Split<boolean> {
  while (i >= text.end) if (!(yield* more(text))) return false;
  return true;
}

function* skipSpace(text: ExportText, i: number): Split<number> {
  for (;;) {
    while (i < text.end && isJsonSpace(text.at(i))) i++;
    if (i < text.end || !(yield* more(text))) return i;
  }
}

/** The rest of the body from `i`, read to its end. */
function* rest(text: ExportText, i: number): Split<string> {
  while (yield* more(text));
  return detached(text.slice(i));
}

/** valueEnd over the text as it is read. */
function* valueEndOf(text: ExportText, start: number): Split<number | null> {
  const scan = new ValueScan(start);
  for (;;) {
    if (text.scan(scan)) return scan.end;
    if (!(yield* more(text))) return null;
  }
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

/** `raw` parsed. A statement nested too deep keeps its text as read (walking it is what overflowed). */
function parsed(index: number, raw: string): Item {
  try {
    const value: unknown = JSON.parse(raw);
    if (nestedDeeperThan(value, MAX_STATEMENT_DEPTH))
      return { index, raw: detached(raw), unreadable: TOO_DEEP };
    return { index, value };
  } catch (error) {
    return { index, raw: detached(raw), unreadable: `invalid JSON: ${(error as Error).message}` };
  }
}

const invalidJson = (item: Item) => item.unreadable !== undefined && item.unreadable !== TOO_DEEP;

/**
 * The items of a JSON array one by one, as read: every complete statement is read, a statement
 * that is itself no valid JSON costs that statement only. Where the file breaks off (an export cut
 * off mid-file) or stops being an array, the rest is ONE item whose detail says so: the statements
 * after that point cannot be read. Returns whether every item was valid JSON and the array closed
 * (`valid`), and the index after its `]`.
 *
 * @param open index of the array's `[` in the body
 * @param inObject the array is a StatementResult's `statements`: text after its `]` is not ours
 */
function* arrayItems(
  text: ExportText,
  open: number,
  inObject: boolean,
): Split<{ valid: boolean; after?: number }> {
  let i = yield* skipSpace(text, open + 1);
  if ((yield* has(text, i)) && text.at(i) === CLOSE_BRACKET) return { valid: true, after: i + 1 };
  let valid = true;
  for (let index = 1; ; index++) {
    if (!(yield* has(text, i))) {
      // Cut after a comma, or right after a statement: nothing of the next one is in the file.
      yield {
        index,
        raw: '',
        unreadable:
          `file is truncated: the statement array ends after statement ${index - 1} (byte ` +
          `${text.fileBytes}) without its closing ]; statements after it cannot be read: export the file again`,
      };
      return { valid: false };
    }
    const end = yield* valueEndOf(text, i);
    if (end === i) {
      yield {
        index,
        unreadable:
          `invalid JSON: expected statement ${index} at byte ${text.byteAt(i)}; ` +
          'the statements from there on cannot be read',
        raw: yield* rest(text, i),
      };
      return { valid: false };
    }
    if (end === null) {
      yield {
        index,
        raw: detached(text.slice(i)),
        unreadable:
          `file is truncated: statement ${index} (from byte ${text.byteAt(i)}) breaks off at the end of ` +
          `the file (byte ${text.fileBytes}); statements after it cannot be read: export the file again`,
      };
      return { valid: false };
    }
    const item = parsed(index, text.slice(i, end));
    if (invalidJson(item)) valid = false;
    yield item;
    const next = yield* skipSpace(text, end);
    if (!(yield* has(text, next))) {
      i = next;
      continue; // the truncation is reported on the next turn
    }
    const c = text.at(next);
    if (c === COMMA) {
      i = yield* skipSpace(text, next + 1);
      text.release(i);
      continue;
    }
    if (c === CLOSE_BRACKET) {
      if (inObject) return { valid, after: next + 1 };
      const after = yield* skipSpace(text, next + 1);
      if (!(yield* has(text, after))) return { valid };
      yield {
        index: index + 1,
        unreadable: `invalid JSON: text after the statement array's closing ] (byte ${text.byteAt(after)})`,
        raw: yield* rest(text, after),
      };
      return { valid: false };
    }
    yield {
      index: index + 1,
      unreadable:
        `invalid JSON: expected , or ] after statement ${index} (byte ${text.byteAt(next)}); ` +
        'the statements from there on cannot be read',
      raw: yield* rest(text, next),
    };
    return { valid: false };
  }
}

/**
 * NDJSON, line by line as read: one statement per line; blank lines skipped; a bad line costs that
 * line only. A last line that breaks off mid-statement is a truncated file, and its detail says so.
 */
function* ndjsonItems(text: ExportText): Split<void> {
  let line = text.leadLines + 1;
  let start = 0;
  let from = 0;
  for (;;) {
    const at = text.lineBreak(from);
    const searched = text.end;
    if (at < 0 && (yield* more(text))) {
      from = searched;
      continue;
    }
    const last = at < 0;
    const end = last ? text.end : at;
    const whole = text.slice(start, end);
    const raw = whole.trim();
    if (raw !== '') {
      const item = parsed(line, raw);
      if (last && item.unreadable !== undefined && valueEnd(raw, 0) === null) {
        const from = start + (whole.length - whole.trimStart().length);
        yield {
          index: line,
          raw: item.raw,
          unreadable:
            `file is truncated: line ${line} (from byte ${text.byteAt(from)}) breaks off at the end of ` +
            `the file (byte ${text.fileBytes}); statements after it cannot be read: export the file again`,
        };
      } else yield item;
    }
    if (last) return;
    // The body never ends in a line break (it is trimmed), so a CR's next character is read.
    start = text.at(at) === CR && text.at(at + 1) === LF ? at + 2 : at + 1;
    from = start;
    line++;
    text.release(start);
  }
}

function countLineBreaks(s: string): number {
  return s.match(/\r\n|\n|\r/g)?.length ?? 0;
}

const STATEMENT_RESULT = /^\{\s*"statements"\s*:\s*\[/;
/** Text that STATEMENT_RESULT may still match once more of it is read. */
const STATEMENT_RESULT_START =
  /^\{\s*(?:"(?:s(?:t(?:a(?:t(?:e(?:m(?:e(?:n(?:t(?:s(?:"\s*(?::\s*)?)?)?)?)?)?)?)?)?)?)?)?)?$/;

/**
 * Where the value of the `statements` key of the object `text` (valid JSON) starts; the last such
 * key, as JSON.parse takes it. Keys are followed by valueEnd, so `{"more": "…", "statements": […]}`
 * is found too.
 */
function statementsStart(text: string): number | null {
  let found: number | null = null;
  let i = skipSpaceIn(text, 1);
  while (text.charCodeAt(i) === QUOTE) {
    const keyEnd = valueEnd(text, i);
    if (keyEnd === null) return found;
    const key: unknown = JSON.parse(text.slice(i, keyEnd));
    const start = skipSpaceIn(text, skipSpaceIn(text, keyEnd) + 1); // past the colon
    if (key === 'statements') found = start;
    const end = valueEnd(text, start);
    if (end === null) return found;
    i = skipSpaceIn(text, end);
    if (text.charCodeAt(i) !== COMMA) return found;
    i = skipSpaceIn(text, i + 1);
  }
  return found;
}

function skipSpaceIn(text: string, i: number): number {
  while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The StatementResult opening (`{ "statements": [`) the body starts with, or null. */
function* statementResultOpening(text: ExportText): Split<string | null> {
  for (;;) {
    const head = text.slice(0);
    const match = STATEMENT_RESULT.exec(head);
    if (match) return match[0];
    if (!(STATEMENT_RESULT_START.test(head) && (yield* more(text)))) return null;
  }
}

/**
 * Split an export into statements as it is read. Accepted shapes, as LRSs and LMSs write them:
 * a JSON array; a StatementResult object `{ "statements": [...] }` (the LRS GET response);
 * one statement object; NDJSON. Array items are numbered 1.., NDJSON items by line.
 *
 * The result is the one of the whole text parsed at once (JSON.parse) when that succeeds, and else
 * of the text read statement by statement. A JSON array, a StatementResult that opens with its
 * statements, and NDJSON are read as they come, holding one statement at a time; what reads
 * otherwise (one statement, a StatementResult with another key first, a first line that is no
 * complete JSON value) is read whole first. Returns 'whole' when the statements given are void
 * and the text must be split again with `whole` (a StatementResult naming `statements` twice).
 */
export function* splitStatements(text: ExportText, whole = false): Split<'done' | 'whole'> {
  if (!(yield* has(text, 0))) return 'done';
  const first = text.at(0);
  if (whole) return yield* wholeItems(text);
  if (first === OPEN_BRACKET) {
    yield* arrayItems(text, 0, false);
    return 'done';
  }
  if (first !== OPEN_BRACE) {
    yield* ndjsonItems(text);
    return 'done';
  }
  const opening = yield* statementResultOpening(text);
  if (opening !== null) {
    const { valid, after } = yield* arrayItems(text, opening.length - 1, true);
    if (!valid || after === undefined) return 'done'; // the whole text is no JSON: read item by item
    // The whole is JSON if what follows the array is, the array emptied (each item was JSON).
    const emptied = `${opening}]${yield* rest(text, after)}`;
    try {
      JSON.parse(emptied);
    } catch {
      return 'done';
    }
    // JSON.parse takes the last `statements` key: unless it is this one, the items were not its.
    return statementsStart(emptied) === opening.length - 1 ? 'done' : 'whole';
  }
  // NDJSON when the first line holds a whole value and more follows: the text cannot be one JSON value.
  let from = 0;
  for (;;) {
    const at = text.lineBreak(from);
    if (at >= 0) {
      if ((yield* has(text, at + 1)) && valueEnd(text.slice(0, at), 0) !== null) {
        yield* ndjsonItems(text);
        return 'done';
      }
      break;
    }
    from = text.end;
    if (!(yield* more(text))) break;
  }
  return yield* wholeItems(text);
}

/** The items of the body read whole: parsed at once if it is JSON, else statement by statement. */
function* wholeItems(text: ExportText): Split<'done'> {
  while (yield* more(text));
  let body: string | undefined = text.slice(0);
  let whole: unknown;
  try {
    whole = JSON.parse(body);
  } catch {
    // A broken array (an export cut off mid-file, say) is read statement by statement; so is a
    // StatementResult's. `{…}\n{…}` is NDJSON.
    const result = STATEMENT_RESULT.exec(body);
    body = undefined;
    if (text.at(0) === OPEN_BRACKET) yield* arrayItems(text, 0, false);
    else if (result) yield* arrayItems(text, result[0].length - 1, true);
    else yield* ndjsonItems(text);
    return 'done';
  }
  const statements =
    typeof whole === 'object' && whole !== null && !Array.isArray(whole)
      ? (whole as { statements?: unknown }).statements
      : undefined;
  const isResult = Array.isArray(statements);
  const list: unknown[] = Array.isArray(whole) ? whole : isResult ? statements : [whole];
  whole = undefined;
  if (list.some((value) => nestedDeeperThan(value, MAX_STATEMENT_DEPTH))) {
    // Read one by one, from the text: each statement nested too deep is quarantined as written.
    if (text.at(0) === OPEN_BRACKET) yield* arrayItems(text, 0, false);
    else {
      const start = isResult ? statementsStart(body) : null;
      if (start !== null) yield* arrayItems(text, start, true);
      else yield { index: 1, raw: body, unreadable: TOO_DEEP };
    }
    return 'done';
  }
  body = undefined;
  for (let i = 0; i < list.length; i++) {
    yield { index: i + 1, value: list[i] };
    list[i] = undefined; // let go of each statement once it is read
  }
  return 'done';
}
