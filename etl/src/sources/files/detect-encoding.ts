import { type FileHandle, open } from 'node:fs/promises';

/** The encodings Excel writes for "CSV", "CSV UTF-8" and "Unicode text". */
export type DropEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  readonly encoding: DropEncoding;
  /** True when a byte-order mark named the encoding (the decoder strips it). */
  readonly bom: boolean;
  /** windows-1252 only: where the file stops being UTF-8, for the run log (`encodingNote`). */
  readonly notUtf8?: NotUtf8;
  /**
   * UTF-8 with a BOM only: the file is read as UTF-8, as it declares, but holds invalid byte
   * sequences, each decoded to U+FFFD; for the run log (`encodingNote`).
   */
  readonly replaced?: Replaced;
}

/** Where a file that declares UTF-8 (a BOM) is not, and how many U+FFFD its decoding put in. */
export interface Replaced {
  /** Offset (0-based, the BOM counted) of the first byte of the first invalid sequence. */
  readonly offset: number;
  /** Its line (1-based, as `NotUtf8.line`). */
  readonly line: number;
  /** Invalid sequences, each one U+FFFD as the decoder reads it (WHATWG: maximal subparts). */
  readonly count: number;
}

/** Where a file without a BOM is not UTF-8, and whether it holds UTF-8 text anyway. */
export interface NotUtf8 {
  /** Offset (0-based) of the first byte that is not part of valid UTF-8. */
  readonly offset: number;
  /** Its line (1-based; LF, CRLF or a lone CR ends a line, as the CSV scanner counts). */
  readonly line: number;
  /**
   * The line of the first character the file holds as valid UTF-8 beyond ASCII (`é` as C3 A9),
   * or null. In a windows-1252 file such byte pairs (`Ã©`) are rare, so one usually means a file
   * pasted together from a UTF-8 and a windows-1252 export: read as windows-1252, its UTF-8
   * letters turn into mojibake (`CafÃ©`).
   */
  readonly utf8Line: number | null;
}

/**
 * Finds `NotUtf8` in a file's bytes, fed chunk by chunk (a multi-byte sequence may span chunks).
 * Byte by byte in JS, so it runs only once strict decoding has failed: on windows-1252 files.
 * Validity is the WHATWG decoder's (what `TextDecoder` with `fatal` refuses); after an invalid
 * byte it starts again at the next one.
 */
class Utf8Scan {
  private offset = 0;
  private line = 1;
  private afterCr = false;
  /** Continuation bytes the current sequence still needs, and the bounds of the next one. */
  private needed = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private start = { offset: 0, line: 1 };
  invalid: { offset: number; line: number } | null = null;
  utf8Line: number | null = null;

  get done(): boolean {
    return this.invalid !== null && this.utf8Line !== null;
  }

  push(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length && !this.done; i++) this.byte(bytes[i]!);
  }

  /** The end of the file: a sequence cut short is invalid. */
  end(): void {
    if (this.needed > 0) this.fail(this.start);
  }

  private fail(at: { offset: number; line: number }): void {
    this.invalid ??= at;
    this.needed = 0;
    this.lower = 0x80;
    this.upper = 0xbf;
  }

  private byte(b: number): void {
    if (this.needed > 0) {
      if (b >= this.lower && b <= this.upper) {
        this.lower = 0x80;
        this.upper = 0xbf;
        if (--this.needed === 0) this.utf8Line ??= this.start.line;
        this.offset++;
        return;
      }
      // Not a continuation: the sequence so far is invalid, and this byte starts afresh.
      this.fail(this.start);
    }
    const offset = this.offset++;
    if (b < 0x80) {
      if (b === 0x0a) {
        if (!this.afterCr) this.line++;
      } else if (b === 0x0d) this.line++;
      this.afterCr = b === 0x0d;
      return;
    }
    this.afterCr = false;
    const at = { offset, line: this.line };
    this.start = at;
    if (b >= 0xc2 && b <= 0xdf) this.needed = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      this.needed = 2;
      if (b === 0xe0) this.lower = 0xa0;
      if (b === 0xed) this.upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      this.needed = 3;
      if (b === 0xf0) this.lower = 0x90;
      if (b === 0xf4) this.upper = 0x8f;
    } else this.fail(at);
  }

  result(): NotUtf8 | undefined {
    return this.invalid ? { ...this.invalid, utf8Line: this.utf8Line } : undefined;
  }
}

const REPLACEMENT = '\ufffd';

function countReplacementChars(text: string): number {
  let n = 0;
  for (let at = text.indexOf(REPLACEMENT); at >= 0; at = text.indexOf(REPLACEMENT, at + 1)) n++;
  return n;
}

/** U+FFFD as UTF-8 (EF BF BD): a file may hold it as text, which is no replacement. */
const WRITTEN_REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

function countWrittenReplacements(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (
    let at = buffer.indexOf(WRITTEN_REPLACEMENT);
    at >= 0;
    at = buffer.indexOf(WRITTEN_REPLACEMENT, at + 1)
  )
    n++;
  return n;
}

/**
 * `Replaced` of a file that declares UTF-8, fed chunk by chunk: where its first invalid sequence
 * is (`Utf8Scan`, stopping there) and how many U+FFFD a decoder puts in, counted natively: those
 * a non-fatal decoder outputs less the ones the file holds as text (EF BF BD, always a whole valid
 * sequence, also across chunks).
 */
class Utf8Replacements {
  private readonly scan = new Utf8Scan();
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private decoded = 0;
  private written = 0;
  /** The last two bytes fed, for an EF BF BD split across chunks. */
  private tail = new Uint8Array(0);

  push(bytes: Uint8Array): void {
    if (this.scan.invalid === null) this.scan.push(bytes);
    this.decoded += countReplacementChars(this.decoder.decode(bytes, { stream: true }));
    this.written += countWrittenReplacements(bytes);
    if (this.tail.length > 0) {
      const seam = new Uint8Array(this.tail.length + Math.min(2, bytes.length));
      seam.set(this.tail);
      seam.set(bytes.subarray(0, 2), this.tail.length);
      this.written += countWrittenReplacements(seam);
    }
    const last = Buffer.concat([this.tail, bytes.subarray(Math.max(0, bytes.length - 2))]);
    this.tail = Uint8Array.from(last.subarray(Math.max(0, last.length - 2)));
  }

  result(): Replaced | undefined {
    if (this.scan.invalid === null) this.scan.end();
    this.decoded += countReplacementChars(this.decoder.decode());
    const at = this.scan.invalid;
    const count = this.decoded - this.written;
    return at && count > 0 ? { ...at, count } : undefined;
  }
}

function utf8WithBom(replaced: Replaced | undefined): DetectedEncoding {
  return { encoding: 'utf-8', bom: true, ...(replaced ? { replaced } : {}) };
}

/** A BOM is the only reliable signal; Excel writes one for UTF-8 "CSV UTF-8" and UTF-16 "Unicode text". */
export function sniffBom(head: Uint8Array): DetectedEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  return null;
}

/**
 * UTF-16 without a BOM (rare: some exporters strip it). ASCII header text in UTF-16 has a zero in
 * every other byte, which never happens in a text file in the other encodings.
 */
export function sniffUtf16WithoutBom(head: Uint8Array): DetectedEncoding | null {
  const n = Math.min(head.length - (head.length % 2), 256);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros === 0) return { encoding: 'utf-16le', bom: false };
  if (evenZeros > pairs * 0.4 && oddZeros === 0) return { encoding: 'utf-16be', bom: false };
  return null;
}

/**
 * Encoding of an in-memory drop. Without a BOM, strict UTF-8 decides: windows-1252 text with
 * any accented letter is (almost) never valid UTF-8, while pure ASCII is the same in both.
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  const head = bytes.subarray(0, 256);
  const named = sniffBom(head) ?? sniffUtf16WithoutBom(head);
  if (named && named.encoding !== 'utf-8') return named;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return named ?? { encoding: 'utf-8', bom: false };
  } catch {
    // The only way a fatal decoder throws here is invalid UTF-8.
    if (named) {
      const replacements = new Utf8Replacements();
      replacements.push(bytes);
      return utf8WithBom(replacements.result());
    }
    const scan = new Utf8Scan();
    scan.push(bytes);
    scan.end();
    return windows1252(scan);
  }
}

function windows1252(scan: Utf8Scan): DetectedEncoding {
  const notUtf8 = scan.result();
  return { encoding: 'windows-1252', bom: false, ...(notUtf8 ? { notUtf8 } : {}) };
}

/** Bytes read from a file at a time. */
const CHUNK_BYTES = 1 << 20;

/**
 * The bytes of an open file from its start, chunk by chunk (positional reads). Left early, it
 * leaves the handle open, to be read again: a stream over a handle closes it when destroyed.
 */
export async function* fileChunks(handle: FileHandle): AsyncGenerator<Buffer> {
  for (let position = 0; ; ) {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

/**
 * Encoding of a drop on disk, streaming: the strict UTF-8 check reads the file once in chunks
 * (the decoder carries split multi-byte sequences across chunks), so a large CSV never has to
 * sit in memory just to learn that it is windows-1252 at line 900 000. A file with a UTF-8 BOM is
 * checked too: it is read as UTF-8 whatever it holds, but an invalid sequence in it is reported
 * (`Replaced`). A path is opened and closed here; a handle is read from its start and left open.
 */
export async function detectFileEncoding(input: string | FileHandle): Promise<DetectedEncoding> {
  if (typeof input !== 'string') return detectHandleEncoding(input);
  const handle = await open(input, 'r');
  try {
    return await detectHandleEncoding(handle);
  } finally {
    await handle.close();
  }
}

async function detectHandleEncoding(handle: FileHandle): Promise<DetectedEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  let bom = false;
  try {
    for await (const bytes of fileChunks(handle)) {
      if (first) {
        first = false;
        const named = sniffBom(bytes.subarray(0, 256)) ?? sniffUtf16WithoutBom(bytes.subarray(0, 256));
        if (named && named.encoding !== 'utf-8') return named;
        bom = named !== null;
      }
      decoder.decode(bytes, { stream: true });
    }
    decoder.decode();
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      // Read again to say where (and, with a BOM, how often; else whether UTF-8 text sits beside
      // it): a second pass over this file only.
      if (bom) {
        const replacements = new Utf8Replacements();
        for await (const bytes of fileChunks(handle)) replacements.push(bytes);
        return utf8WithBom(replacements.result());
      }
      // It stops once both are known.
      const scan = new Utf8Scan();
      for await (const bytes of fileChunks(handle)) {
        scan.push(bytes);
        if (scan.done) break;
      }
      if (!scan.done) scan.end();
      return windows1252(scan);
    }
    throw error;
  }
  return { encoding: 'utf-8', bom };
}

/**
 * What the run log says of a file read as windows-1252, or of one that declares UTF-8 (a BOM) but
 * holds invalid UTF-8; null for one read as it declared or as valid UTF-8. Plain "CSV" from Excel
 * on a Western Windows is windows-1252, and
 * it is read right; the note names the encoding so nobody has to guess. A file that also holds
 * UTF-8 text (two exports pasted together) gets a warning instead: that text reads as mojibake,
 * and nothing else would tell (a review of 2026-12-06). So does a file with a UTF-8 BOM and an
 * invalid byte: it stays UTF-8, as declared, and its invalid sequences load as U+FFFD (�), which
 * went without a word.
 */
export function encodingNote(source: string, detected: DetectedEncoding): string | null {
  if (detected.replaced) {
    const { line, offset, count } = detected.replaced;
    return (
      `${source}: warning: not valid UTF-8 although its byte-order mark says UTF-8 (first at line ${line}, ` +
      `byte offset ${offset}): read as UTF-8, with ${count} invalid byte sequence(s) replaced by U+FFFD (�), ` +
      'which loaded in their place: correct the text there and save the file as "CSV UTF-8" again'
    );
  }
  if (detected.encoding !== 'windows-1252') return null;
  const at = detected.notUtf8;
  const where = at ? ` (first at line ${at.line}, byte offset ${at.offset})` : '';
  if (at?.utf8Line === null || at?.utf8Line === undefined)
    return `${source}: read as windows-1252, Excel's plain "CSV", not UTF-8${where}; if its accented letters look wrong, save it as "CSV UTF-8" and load it again`;
  return (
    `${source}: warning: mixed encodings: not valid UTF-8${where}, so read as windows-1252, but it also ` +
    `holds UTF-8 text (first at line ${at.utf8Line}), which loaded garbled (é as Ã©): save the whole ` +
    'file as "CSV UTF-8" and load it again'
  );
}
