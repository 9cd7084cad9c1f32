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
const COLON = 58;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

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

/** What JsonCheck reads next. */
const AT = {
  value: 0,
  /** A value or `]`, right after `[`. */
  itemOrClose: 1,
  /** A key or `}`, right after `{`. */
  keyOrClose: 2,
  key: 3,
  colon: 4,
  /** `,` or the closing bracket of the innermost array or object. */
  next: 5,
  string: 6,
  escape: 7,
  /** The digits of a \u escape, `hex` of them left. */
  hex: 8,
  /** The rest of true, false or null: `literal`. */
  literal: 9,
  // A number: after -, after a leading 0, its integer digits, after ., its fraction, after e, after e's sign, its exponent.
  minus: 10,
  zero: 11,
  integer: 12,
  dot: 13,
  fraction: 14,
  e: 15,
  eSign: 16,
  exponent: 17,
} as const;

const isDigit = (c: number) => c >= ZERO && c <= NINE;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
/** What may follow a backslash in a JSON string (but u): " \ / b f n r t. */
const ESCAPED = new Set([...'"\\/bfnrt'].map((c) => c.charCodeAt(0)));

/**
 * valueEnd, for a value that must be JSON as JSON.parse reads it (ECMA-404: whitespace is space,
 * tab, LF and CR; no control character in a string; no leading 0 in a number), checked as it is
 * read, piece by piece, and resumable like ValueScan: what a StatementResult's other keys hold is
 * checked without being held. The nesting is held one bit a level: a value nested as deep as the
 * file is long holds an eighth of its size. A number the text ends in is never found whole (in an
 * object, a value is always followed by , or }).
 */
class JsonCheck {
  private at: number = AT.value;
  private inKey = false;
  /** Whether each open value, outermost first, is an array (else an object): bit `level`. */
  private arrays = new Uint8Array(8);
  private depth = 0;
  private hex = 0;
  private literal = '';
  /** Set once the text proves no JSON value. */
  invalid = false;
  /**
   * The next index to look at; once run returns true, the index after the value, or if `invalid`
   * that of the character that proves it none.
   */
  end: number;
  constructor(start: number) {
    this.end = start;
  }

  /** Scans `text` (the body from index `base` on) up to body index `limit`; true once the value ends or proves invalid. */
  run(text: string, base: number, limit: number): boolean {
    let i = this.end;
    for (; i < limit; i++) {
      let c = text.charCodeAt(i - base);
      switch (this.at) {
        case AT.string:
          // Most of a long value: on to the next quote, backslash or control character.
          while (i + 1 < limit && c >= SPACE && c !== QUOTE && c !== BACKSLASH)
            c = text.charCodeAt(++i - base);
          if (c === QUOTE) {
            if (this.inKey) this.at = AT.colon;
            else if (this.ended()) return this.found(i + 1);
          } else if (c === BACKSLASH) this.at = AT.escape;
          else if (c < SPACE) return this.fail(i);
          break;
        case AT.escape:
          if (c === 117 /* u */) {
            this.hex = 4;
            this.at = AT.hex;
          } else if (ESCAPED.has(c)) this.at = AT.string;
          else return this.fail(i);
          break;
        case AT.hex:
          if (!isHex(c)) return this.fail(i);
          if (--this.hex === 0) this.at = AT.string;
          break;
        case AT.literal:
          if (c !== this.literal.charCodeAt(0)) return this.fail(i);
          this.literal = this.literal.slice(1);
          if (this.literal === '' && this.ended()) return this.found(i + 1);
          break;
        case AT.minus:
          if (!isDigit(c)) return this.fail(i);
          this.at = c === ZERO ? AT.zero : AT.integer;
          break;
        case AT.dot:
        case AT.eSign:
          if (!isDigit(c)) return this.fail(i);
          this.at = this.at === AT.dot ? AT.fraction : AT.exponent;
          break;
        case AT.e:
          if (c === PLUS || c === MINUS) this.at = AT.eSign;
          else if (isDigit(c)) this.at = AT.exponent;
          else return this.fail(i);
          break;
        case AT.zero:
        case AT.integer:
        case AT.fraction:
        case AT.exponent:
          if (isDigit(c) && this.at !== AT.zero) break;
          if (c === DOT && (this.at === AT.zero || this.at === AT.integer)) this.at = AT.dot;
          else if ((c === 101 || c === 69) /* e E */ && this.at !== AT.exponent) this.at = AT.e;
          else if (this.ended()) return this.found(i);
          else i--; // the number ended before c: c is read again, as what follows it
          break;
        default:
          if (isJsonSpace(c)) break;
          if (!this.token(c)) return this.fail(i);
          if (this.depth === 0 && this.at === AT.next) return this.found(i + 1); // the outermost closed
      }
    }
    this.end = i;
    return false;
  }

  /** `c` starts a token where no string, number or literal is being read: false if none may start there. */
  private token(c: number): boolean {
    const at = this.at;
    if (at === AT.colon) {
      this.at = AT.value;
      return c === COLON;
    }
    if (at === AT.next || at === AT.itemOrClose || at === AT.keyOrClose) {
      const array = this.inArray();
      if (c === (array ? CLOSE_BRACKET : CLOSE_BRACE)) {
        this.depth--;
        this.at = AT.next;
        return true;
      }
      if (at === AT.next) {
        this.at = array ? AT.value : AT.key;
        return c === COMMA;
      }
    }
    if (at === AT.key || at === AT.keyOrClose) {
      this.inKey = true;
      this.at = AT.string;
      return c === QUOTE;
    }
    // A value.
    if (c === OPEN_BRACKET || c === OPEN_BRACE) this.open(c === OPEN_BRACKET);
    else if (c === QUOTE) {
      this.inKey = false;
      this.at = AT.string;
    } else if (c === MINUS) this.at = AT.minus;
    else if (isDigit(c)) this.at = c === ZERO ? AT.zero : AT.integer;
    else {
      this.literal = c === 116 /* t */ ? 'rue' : c === 102 /* f */ ? 'alse' : c === 110 /* n */ ? 'ull' : '';
      this.at = AT.literal;
      return this.literal !== '';
    }
    return true;
  }

  private open(array: boolean): void {
    const byte = this.depth >> 3;
    if (byte === this.arrays.length) {
      const grown = new Uint8Array(byte * 2);
      grown.set(this.arrays);
      this.arrays = grown;
    }
    const bit = 1 << (this.depth & 7);
    const bits = this.arrays[byte] as number;
    this.arrays[byte] = array ? bits | bit : bits & ~bit;
    this.depth++;
    this.at = array ? AT.itemOrClose : AT.keyOrClose;
  }

  private inArray(): boolean {
    const level = this.depth - 1;
    return (((this.arrays[level >> 3] as number) >> (level & 7)) & 1) === 1;
  }

  /** A string, number or literal has ended: true if it is the whole value, else what follows it is read next. */
  private ended(): boolean {
    this.at = AT.next;
    return this.depth === 0;
  }

  private found(end: number): true {
    this.end = end;
    return true;
  }

  private fail(at: number): true {
    this.invalid = true;
    this.end = at;
    return true;
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

  /** Whether the body is held from its start: nothing let go of yet. */
  get whole(): boolean {
    return this.base === 0;
  }

  /** Scans a value (ValueScan, JsonCheck) over what is read. */
  scan(scan: { run(text: string, base: number, limit: number): boolean }): boolean {
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
 * checkedEnd's longest key that may still be `statements`: each letter written as a \u escape.
 * Past that much of a value, what is read of it is let go of.
 */
const LONGEST_STATEMENTS_KEY = 2 + 6 * 'statements'.length;

/** Where the JSON value at `start` ends, checked as JSON.parse reads it (JsonCheck), or null if it is none. */
function* checkedEnd(text: ExportText, start: number): Split<number | null> {
  const check = new JsonCheck(start);
  for (;;) {
    if (text.scan(check)) return check.invalid ? null : check.end;
    if (check.end - start > LONGEST_STATEMENTS_KEY) text.release(check.end);
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
    return { index, raw: detached(raw), unreadable: `invalid JSON: ${parseError(error, raw)}` };
  }
}

/** Where JSON.parse's error tells of a position: `… in JSON at position 12`, V8's own wording before it. */
const AT_POSITION = /^(.*?) in JSON at position (\d+)((?: \(line \d+ column \d+\))?)$/;
/** V8's wording before AT_POSITION: words and quoted punctuation (`Expected ',' or '}' after property value`). */
const FIXED_WORDING = /^(?:[A-Za-z -]|'[^\p{L}\p{N}\s]')+$/u;
/** A token that may be named: ASCII punctuation (`}`, `'`), no letter of a name. */
const SHOWN_TOKEN = /^[!-/:-@[-`{-~]$/;

/**
 * JSON.parse's error as a detail: what is wrong and where in the statement's text (its position,
 * as V8 counts it), never the text. V8 quotes the text around an unexpected token (`Unexpected
 * token 'B', ..."name":Budiono Si"... is not valid JSON`), and the detail kept a name an unquoted
 * `"name"` value held, though the raw text had it blanked (withoutNamesInText), until a privacy
 * review of 2026-12-07: that wording gives no position, so the position is where JsonCheck finds
 * the text stops being JSON, and the token is named only when it is punctuation. Any other wording
 * is kept only when it is V8's fixed words and a position.
 */
function parseError(error: unknown, raw: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'Unexpected end of JSON input') return message;
  const token = /^Unexpected token '?(.)/su.exec(message)?.[1];
  const at = AT_POSITION.exec(message);
  if (token === undefined && at && FIXED_WORDING.test(at[1] as string)) return message;
  const check = new JsonCheck(0);
  check.run(raw, 0, raw.length);
  const position = at ? at[2] : check.invalid ? String(check.end) : undefined;
  const what =
    token === undefined
      ? 'not valid JSON'
      : `Unexpected token${SHOWN_TOKEN.test(token) ? ` '${token}'` : ''}`;
  return position === undefined ? what : `${what} in JSON at position ${position}`;
}

const invalidJson = (item: Item) => item.unreadable !== undefined && item.unreadable !== TOO_DEEP;

/**
 * The items of a JSON array one by one, as read: every complete statement is read, a statement
 * that is itself no valid JSON costs that statement only. Where the file breaks off (an export cut
 * off mid-file) or stops being an array, the rest is ONE item whose detail says so: the statements
 * after that point cannot be read. Returns whether every item was valid JSON and the array closed
 * (`valid`), the index after its `]` (`after`, once it closed) and how many items it held
 * (`count`). What follows the `]` is the caller's: the rest of a StatementResult, or text after
 * the document (trailingItem).
 *
 * @param open index of the array's `[` in the body
 */
function* arrayItems(
  text: ExportText,
  open: number,
): Split<{ valid: boolean; after?: number; count: number }> {
  let i = yield* skipSpace(text, open + 1);
  if ((yield* has(text, i)) && text.at(i) === CLOSE_BRACKET) return { valid: true, after: i + 1, count: 0 };
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
      return { valid: false, count: index };
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
      return { valid: false, count: index };
    }
    if (end === null) {
      yield {
        index,
        raw: detached(text.slice(i)),
        unreadable:
          `file is truncated: statement ${index} (from byte ${text.byteAt(i)}) breaks off at the end of ` +
          `the file (byte ${text.fileBytes}); statements after it cannot be read: export the file again`,
      };
      return { valid: false, count: index };
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
    if (c === CLOSE_BRACKET) return { valid, after: next + 1, count: index };
    yield {
      index: index + 1,
      unreadable:
        `invalid JSON: expected , or ] after statement ${index} (byte ${text.byteAt(next)}); ` +
        'the statements from there on cannot be read',
      raw: yield* rest(text, next),
    };
    return { valid: false, count: index + 1 };
  }
}

/**
 * Text after the export's JSON document (a JSON array, a StatementResult), from body index `end`
 * on: none, or ONE item (`index`, after the document's statements) that holds it all. Its
 * statements stand. A StatementResult's was dropped unsaid, or cost the whole file (read as
 * NDJSON), until a review of 2026-12-07; an array's was quarantined so already, bar an empty one's.
 *
 * @param closing what ends the document, for the detail: "the statement array's closing ]"
 */
function* trailingItem(text: ExportText, end: number, index: number, closing: string): Split<void> {
  const after = yield* skipSpace(text, end);
  if (!(yield* has(text, after))) return;
  yield {
    index,
    unreadable: `invalid JSON: text after ${closing} (byte ${text.byteAt(after)})`,
    raw: yield* rest(text, after),
  };
}

const ARRAY_CLOSED = "the statement array's closing ]";
const RESULT_CLOSED = "the StatementResult's closing }";

/** A JSON array export: its items, then the text after it, if any (trailingItem). */
function* topArrayItems(text: ExportText): Split<void> {
  const { after, count } = yield* arrayItems(text, 0);
  if (after !== undefined) yield* trailingItem(text, after, count + 1, ARRAY_CLOSED);
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

/**
 * How an object that does not open with its statements (`{"more": "…", "statements": […]}`: xAPI
 * leaves the key order free; or one statement) reads: it is checked key by key as it is read
 * (checkedEnd), the value of every other key let go of once checked, and the first `statements`
 * key whose value is an array has its items given as read (arrayItems), as JSON.parse would give
 * them if that key is the last `statements` and the whole text JSON. `reads` says whether it is:
 * 'done' if so; 'whole' if the text is JSON but not such a StatementResult (one statement, or
 * `statements` named again after the array: JSON.parse takes the last), for wholeItems; 'ndjson'
 * if the text is no JSON, which wholeItems reads as NDJSON. `given` says whether items were given.
 * Text after such a StatementResult is no reason to read it otherwise: it is one more item
 * (trailingItem), as after an array; after one statement, it is the next NDJSON line.
 */
function* objectItems(text: ExportText): Split<{ reads: 'done' | Again; given: boolean }> {
  let given = false;
  let again = false;
  let count = 0;
  const noJson = () => ({ reads: 'ndjson', given }) as const;
  let i = yield* skipSpace(text, 1);
  if (!(yield* has(text, i))) return noJson();
  if (text.at(i) !== CLOSE_BRACE)
    for (;;) {
      if (!(yield* has(text, i)) || text.at(i) !== QUOTE) return noJson();
      const keyEnd = yield* checkedEnd(text, i);
      if (keyEnd === null) return noJson();
      const key = keyEnd - i <= LONGEST_STATEMENTS_KEY ? JSON.parse(text.slice(i, keyEnd)) : null;
      i = yield* skipSpace(text, keyEnd);
      if (!(yield* has(text, i)) || text.at(i) !== COLON) return noJson();
      i = yield* skipSpace(text, i + 1);
      if (!(yield* has(text, i))) return noJson();
      let end: number | null;
      if (key === 'statements' && !given && text.at(i) === OPEN_BRACKET) {
        given = true;
        const array = yield* arrayItems(text, i);
        count = array.count;
        end = array.valid && array.after !== undefined ? array.after : null;
      } else {
        if (key === 'statements' && given) again = true; // JSON.parse takes this one, not the array given
        end = yield* checkedEnd(text, i);
      }
      if (end === null) return noJson();
      i = yield* skipSpace(text, end);
      if (!(yield* has(text, i))) return noJson();
      if (text.at(i) === CLOSE_BRACE) break;
      if (text.at(i) !== COMMA) return noJson();
      i = yield* skipSpace(text, i + 1);
      text.release(i);
    }
  if (!given) return (yield* has(text, i + 1)) ? noJson() : { reads: 'whole', given };
  if (again) return { reads: 'whole', given }; // wholeItems takes the text after it too
  yield* trailingItem(text, i + 1, count + 1, RESULT_CLOSED);
  return { reads: 'done', given };
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

/** How a text is split again, its items of the first split void: read whole (wholeItems), or as NDJSON. */
export type Again = 'whole' | 'ndjson';

/**
 * Split an export into statements as it is read. Accepted shapes, as LRSs and LMSs write them:
 * a JSON array; a StatementResult object `{ "statements": [...] }` (the LRS GET response), its
 * keys in any order; one statement object; NDJSON. Array items are numbered 1.., NDJSON items by
 * line.
 *
 * The result is the one of the whole text parsed at once (JSON.parse) when that succeeds, and else
 * of the text read statement by statement. A JSON array, a StatementResult (whatever key comes
 * first) and NDJSON are read as they come, holding one statement at a time, the values of a
 * StatementResult's other keys not held; one statement is read whole, and so is a StatementResult
 * naming `statements` twice. Returns how the text must be split again (`again`), the statements
 * given being void: 'whole' (a StatementResult naming `statements` twice; one statement of over
 * 64 Ki characters, let go of while checked), or 'ndjson' (an object that proved no JSON after
 * statements were given, which reads as NDJSON). Text after a JSON array or a StatementResult (`]
 * x`, `} {…}`) is one MALFORMED_ROW item after its statements, which stand (trailingItem).
 */
export function* splitStatements(text: ExportText, again?: Again): Split<'done' | Again> {
  if (!(yield* has(text, 0))) return 'done';
  const first = text.at(0);
  if (again === 'whole') return yield* wholeItems(text);
  if (again === 'ndjson') {
    yield* ndjsonItems(text);
    return 'done';
  }
  if (first === OPEN_BRACKET) {
    yield* topArrayItems(text);
    return 'done';
  }
  if (first !== OPEN_BRACE) {
    yield* ndjsonItems(text);
    return 'done';
  }
  const opening = yield* statementResultOpening(text);
  if (opening !== null) {
    const { valid, after, count } = yield* arrayItems(text, opening.length - 1);
    if (!valid || after === undefined) return 'done'; // the whole text is no JSON: read item by item
    // The object is JSON if what follows the array up to its closing } is, the array emptied (each
    // item was JSON); what follows that } is text after it (trailingItem).
    const emptied = `${opening}]${yield* rest(text, after)}`;
    const object = emptied.slice(0, valueEnd(emptied, 0) ?? emptied.length);
    try {
      JSON.parse(object);
    } catch {
      // Its statements were read: the rest is quarantined, not dropped unsaid (until a review of 2026-12-07).
      yield {
        index: count + 1,
        unreadable: `invalid JSON: the StatementResult after its statement array's closing ] (byte ${text.byteAt(after)}) is no JSON`,
        raw: detached(text.slice(after)),
      };
      return 'done';
    }
    // JSON.parse takes the last `statements` key: unless it is this one, the items were not its.
    if (statementsStart(object) !== opening.length - 1) return 'whole';
    // `object` is `emptied` up to its }: the body from `after` on, but for the opening and its ].
    yield* trailingItem(text, after + object.length - opening.length - 1, count + 1, RESULT_CLOSED);
    return 'done';
  }
  // Another key first, one statement, or NDJSON (its first line an object with more text after it:
  // no JSON). Once items are given or text let go of, the text is split again to read it otherwise.
  const { reads, given } = yield* objectItems(text);
  if (reads === 'done') return 'done';
  if (given || !text.whole) return reads;
  if (reads === 'whole') return yield* wholeItems(text);
  yield* ndjsonItems(text);
  return 'done';
}

/**
 * The StatementResult (an object with a `statements` key) the body opens with, parsed, and the
 * index after it, when more text follows it; else null.
 */
function leadingResult(body: string): { value: object; end: number } | null {
  if (body.charCodeAt(0) !== OPEN_BRACE) return null;
  const end = valueEnd(body, 0);
  if (end === null) return null;
  try {
    const value: unknown = JSON.parse(body.slice(0, end));
    return typeof value === 'object' && value !== null && Object.hasOwn(value, 'statements')
      ? { value, end }
      : null;
  } catch {
    return null;
  }
}

/**
 * The items of the body read whole: parsed at once if it is JSON, else statement by statement. A
 * StatementResult followed by more text is read whole, and the text after it is one more item.
 */
function* wholeItems(text: ExportText): Split<'done'> {
  while (yield* more(text));
  let body: string | undefined = text.slice(0);
  let whole: unknown;
  /** Where the StatementResult ends, when text follows it. */
  let end: number | undefined;
  try {
    whole = JSON.parse(body);
  } catch {
    const result = leadingResult(body);
    if (result === null) {
      // A broken array (an export cut off mid-file, say) is read statement by statement; so is a
      // StatementResult's. `{…}\n{…}` is NDJSON.
      const opening = STATEMENT_RESULT.exec(body);
      body = undefined;
      if (text.at(0) === OPEN_BRACKET) yield* topArrayItems(text);
      else if (opening) yield* arrayItems(text, opening[0].length - 1);
      else yield* ndjsonItems(text);
      return 'done';
    }
    whole = result.value;
    end = result.end;
    body = body.slice(0, end);
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
    if (text.at(0) === OPEN_BRACKET) yield* topArrayItems(text);
    else {
      const start = isResult ? statementsStart(body) : null;
      if (start !== null) yield* arrayItems(text, start);
      else yield { index: 1, raw: body, unreadable: TOO_DEEP };
    }
    if (end !== undefined) yield* trailingItem(text, end, list.length + 1, RESULT_CLOSED);
    return 'done';
  }
  body = undefined;
  const count = list.length;
  for (let i = 0; i < count; i++) {
    yield { index: i + 1, value: list[i] };
    list[i] = undefined; // let go of each statement once it is read
  }
  if (end !== undefined) yield* trailingItem(text, end, count + 1, RESULT_CLOSED);
  return 'done';
}
