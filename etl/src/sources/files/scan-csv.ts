/**
 * An RFC 4180 record scanner with line-level error recovery.
 *
 * Why not csv-parse: with `skip_records_with_error` it does not resynchronise after a quoting
 * error. A bad closing quote (`2,"ab"c,d`) leaves it inside a quoted field, so the *next good
 * rows* are swallowed into the rejected record. Agencies' spreadsheets are hand-edited, and one
 * typo must cost one row, not the rest of the file. This scanner knows record boundaries
 * exactly, so the damage stays on the broken record:
 * - a quote opens a quoted field only at the start of a field (`x"y` is literal text, as Excel
 *   reads it); `""` inside a quoted field is one quote; quoted fields may span lines;
 * - text after a closing quote (`"ab"c`) marks the record malformed; it still ends at its newline;
 * - a quote never closed by the end of the file marks the record malformed up to the end of the
 *   line the quote opened on (its first line, for a stray quote), and scanning resumes on the next
 *   line.
 *
 * A record split across chunks is followed by {@link PendingRecord}, so it is scanned once however
 * many chunks it spans.
 */
export interface CsvRecord {
  readonly fields: string[];
  /** 1-based physical line on which the record starts. */
  readonly line: number;
  /** The record's text without its line ending (what quarantine keeps for a malformed record). */
  readonly raw: string;
  /** Why the record is malformed; undefined when it parsed cleanly. */
  readonly error?: string | undefined;
}

export interface ScanResult {
  readonly records: CsvRecord[];
  /** Characters of `text` consumed; the rest is an incomplete record to prepend to the next chunk. */
  readonly consumed: number;
  /** Line number where the unconsumed rest starts. */
  readonly nextLine: number;
}

interface OneRecord {
  fields: string[];
  end: number;
  next: number;
  newlines: number;
  error: string | undefined;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Index of the next delimiter or line break at or after `from`, or text.length. */
function nextStop(text: string, from: number, delim: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === delim || c === LF || c === CR) return i;
  }
  return text.length;
}

/** Line breaks in `s` (CRLF, LF or a lone CR each count once). */
export function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && s.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

/** Index of the first line break at or after `from`, or -1. */
export function lineBreakAt(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  return lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
}

/**
 * One record from `start`, or null when the text ends before the record provably does; then
 * `open.at` is the opening quote of a quoted field still open at the end of the text (or -1).
 */
function scanOne(
  text: string,
  start: number,
  delim: number,
  final: boolean,
  open: { at: number },
): OneRecord | null {
  const fields: string[] = [];
  let i = start;
  let newlines = 0;
  let error: string | undefined;
  open.at = -1;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      open.at = i;
      let value = '';
      let seg = i + 1;
      let q = seg;
      for (;;) {
        q = text.indexOf('"', q);
        if (q === -1) return null;
        if (q + 1 >= text.length && !final) return null;
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(seg, q + 1);
          q += 2;
          seg = q;
          continue;
        }
        value += text.slice(seg, q);
        break;
      }
      open.at = -1;
      newlines += countLineBreaks(value);
      i = q + 1;
      if (i < text.length) {
        const c = text.charCodeAt(i);
        if (c !== delim && c !== LF && c !== CR) {
          error ??= `text after the closing quote of field ${fields.length + 1}`;
          const stop = nextStop(text, i, delim);
          if (stop === text.length && !final) return null;
          value += text.slice(i, stop);
          i = stop;
        }
      }
      fields.push(value);
    } else {
      const stop = nextStop(text, i, delim);
      if (stop === text.length && !final) return null;
      fields.push(text.slice(i, stop));
      i = stop;
    }
    if (i >= text.length) return { fields, end: i, next: i, newlines, error };
    const c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      continue;
    }
    if (c === CR) {
      if (i + 1 >= text.length && !final) return null;
      const next = text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      return { fields, end: i, next, newlines: newlines + 1, error };
    }
    return { fields, end: i, next: i + 1, newlines: newlines + 1, error };
  }
}

/**
 * Scan as many complete records as `text` holds. With `final` false the tail that might continue
 * in the next chunk is left unconsumed; with `final` true everything is consumed.
 * Blank lines are skipped (their line numbers still count).
 */
export function scanCsv(text: string, delimiter: string, firstLine: number, final: boolean): ScanResult {
  const delim = delimiter.charCodeAt(0);
  const records: CsvRecord[] = [];
  let pos = 0;
  let line = firstLine;
  const open = { at: -1 };
  while (pos < text.length) {
    const one = scanOne(text, pos, delim, final, open);
    if (one === null) {
      if (!final) break;
      // A quote never closed: the record is lost up to the end of the line the quote opened on
      // (a stray quote costs its own line); the next line starts afresh.
      const stop = nextStop(text, open.at, -1);
      const next = text.charCodeAt(stop) === CR && text.charCodeAt(stop + 1) === LF ? stop + 2 : stop + 1;
      const raw = text.slice(pos, stop);
      records.push({ fields: [], line, raw, error: 'a quoted field is never closed' });
      pos = Math.min(next, text.length);
      line += countLineBreaks(raw) + 1;
      continue;
    }
    const blank = one.fields.length === 1 && one.fields[0] === '' && !one.error;
    if (!blank) {
      // Same object shape for every record keeps the hot loop monomorphic.
      records.push({ fields: one.fields, line, raw: text.slice(pos, one.end), error: one.error });
    }
    line += one.newlines;
    pos = one.next;
  }
  return { records, consumed: pos, nextLine: line };
}

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;

/**
 * Follows one record that a chunk left incomplete (what {@link scanCsv} did not consume) across
 * the next chunks, to tell when it ends without rescanning it from its start: rescanning made a
 * long line, or a stray quote that swallows the rest of the file, cost time quadratic in its
 * length (a review of 2026-12-06 measured 64 MB in 8.9 s). Same rules as {@link scanCsv}.
 */
export class PendingRecord {
  /** Where the next call resumes, in the record's text. */
  private pos = 0;
  private state = FIELD_START;
  /** Offset of the opening quote of the quoted field the record ends in so far, or -1. */
  quoteAt = -1;
  /** Characters scanned, over all calls (tests check it stays linear). */
  scanned = 0;

  constructor(private readonly delim: number) {}

  /**
   * Scans `text`, the record from its start (grown since the last call, never changed), on from
   * where the last call stopped; true once the record provably ends in it.
   */
  ends(text: string): boolean {
    const n = text.length;
    let i = this.pos;
    const from = i;
    let ended = false;
    while (i < n) {
      if (this.state === QUOTED) {
        const q = text.indexOf('"', i);
        // The character after a quote tells a doubled quote from a closing one.
        if (q === -1 || q + 1 >= n) {
          i = q === -1 ? n : q;
          break;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          i = q + 2;
          continue;
        }
        this.state = UNQUOTED;
        this.quoteAt = -1;
        i = q + 1;
        continue;
      }
      if (this.state === FIELD_START && text.charCodeAt(i) === QUOTE) {
        this.state = QUOTED;
        this.quoteAt = i;
        i++;
        continue;
      }
      // An unquoted field, or text after a closing quote: up to a delimiter or a line break.
      this.state = UNQUOTED;
      const stop = nextStop(text, i, this.delim);
      if (stop === n) {
        i = n;
        break;
      }
      if (text.charCodeAt(stop) === this.delim) {
        this.state = FIELD_START;
        i = stop + 1;
        continue;
      }
      // A CR may be the first half of a CRLF: wait for the next character.
      i = stop;
      ended = text.charCodeAt(stop) === LF || stop + 1 < n;
      break;
    }
    this.scanned += i - from;
    this.pos = i;
    return ended;
  }
}
