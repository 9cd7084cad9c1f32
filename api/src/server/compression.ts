import type { FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Content-coding for the dashboard's files and GraphQL answers (mobile review of 2026-12-06: on a
 * 400 kbps phone link the ~630 KB of uncompressed JS and CSS kept the page blank for 8+ s). Brotli
 * when the client accepts it, else gzip, else the bytes as they are; a client that sends no
 * Accept-Encoding (curl by default, the bench) gets exactly the identity bytes.
 */
export type Coding = 'br' | 'gzip' | 'identity';

/** Bodies shorter than this are sent as they are: the coding's framing would eat the gain. */
export const COMPRESS_MIN_BYTES = 1024;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** q of each coding named in an Accept-Encoding header (lower-cased; `x-gzip` counts as gzip). */
function qualities(header: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const element of header.split(',')) {
    const [name, ...params] = element.split(';').map((p) => p.trim().toLowerCase());
    if (!name) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const parsed = qParam === undefined ? 1 : Number(qParam.slice(2));
    // A malformed q refuses rather than accepts (a broken header never gets a coding it may not read).
    const q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
    const coding = name === 'x-gzip' ? 'gzip' : name;
    out.set(coding, Math.max(out.get(coding) ?? 0, q));
  }
  return out;
}

/**
 * The coding to answer with: the accepted one (q > 0) with the highest q among br and gzip, br on a
 * tie (`*` stands for an unnamed one); identity when neither is accepted, or when identity itself
 * is named with a higher q (`gzip;q=0.5, identity`). No header, or an empty one: identity.
 */
export function negotiateEncoding(header: string | string[] | undefined): Coding {
  if (header === undefined) return 'identity';
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.trim() === '') return 'identity';
  const q = qualities(text);
  const star = q.get('*');
  const br = q.get('br') ?? star ?? 0;
  const gz = q.get('gzip') ?? star ?? 0;
  if (br <= 0 && gz <= 0) return 'identity';
  const best: Coding = br >= gz ? 'br' : 'gzip';
  const identity = q.get('identity');
  if (identity !== undefined && identity > Math.max(br, gz)) return 'identity';
  return best;
}

/** Adds `token` to the response's Vary header (kept beside what is there: CORS's `origin`). */
export function addVary(res: ServerResponse, token: string): void {
  const current = res.getHeader('vary');
  const list =
    current === undefined
      ? []
      : String(current)
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
  if (list.some((v) => v === '*' || v.toLowerCase() === token.toLowerCase())) return;
  res.setHeader('vary', [...list, token].join(', '));
}

/**
 * `fast`: what a request waits for (brotli 5, gzip 6: a 370 KB script in ~30-60 ms here); `best`:
 * brotli 11 and gzip 9, ~10 % smaller brotli, at ~4-5 ms per KB (1.6-1.9 s for that script).
 */
export type Effort = 'fast' | 'best';

export function compress(body: string | Buffer, coding: 'br' | 'gzip', effort: Effort): Promise<Buffer> {
  if (coding === 'gzip') return gzipAsync(body, { level: effort === 'best' ? 9 : 6 });
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  return brotliAsync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: effort === 'best' ? 11 : 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  });
}

/**
 * Ends `res` with a GraphQL answer's JSON `text`, compressed when the client accepts br or gzip
 * and the text is at least COMPRESS_MIN_BYTES long. `stored` (the response cache's variants of a
 * kept answer) is read first and receives what is compressed here, so a cached answer is
 * compressed once per coding. A request without Accept-Encoding is answered as before
 * (`res.end(text)`, no Vary) and returns undefined; so does any answer sent at once.
 */
export function endCompressible(
  req: IncomingMessage,
  res: ServerResponse,
  text: string,
  /** Or a function that finds it, called only when the text is to be compressed. */
  stored?: Map<string, Buffer> | (() => Map<string, Buffer> | undefined),
): Promise<void> | undefined {
  const accepted = req.headers['accept-encoding'];
  if (accepted === undefined) {
    res.end(text);
    return undefined;
  }
  addVary(res, 'accept-encoding');
  const coding = text.length >= COMPRESS_MIN_BYTES ? negotiateEncoding(accepted) : 'identity';
  if (coding === 'identity') {
    res.end(text);
    return undefined;
  }
  const variants = typeof stored === 'function' ? stored() : stored;
  const known = variants?.get(coding);
  if (known) {
    res.setHeader('content-encoding', coding);
    res.end(known);
    return undefined;
  }
  return compress(text, coding, 'fast').then(
    (body) => {
      variants?.set(coding, body);
      res.setHeader('content-encoding', coding);
      res.end(body);
    },
    () => {
      res.end(text);
    },
  );
}

/** What identifies one version of a file: its real path, size and modification time. */
export interface FileVersion {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

interface Slot {
  body: Promise<Buffer>;
  /** Bytes of the resolved body (0 while it is being made). */
  bytes: number;
  effort: Effort;
}

/**
 * Compressed forms of the dashboard's files, made once per file version and coding and kept in
 * memory: bounded by count and bytes, least recently used first out. A request waits for the fast
 * effort only; a file larger than BEST_AT_ONCE_BYTES then gets its brotli remade at the best effort
 * in the background, one file at a time, and later requests get that (the ETag of a coded
 * response is weak: same content, maybe other bytes).
 */
export class EncodedFiles {
  /** Files up to this size get brotli's best effort at once (~150 ms for 32 KB here). */
  static readonly BEST_AT_ONCE_BYTES = 32 * 1024;
  private readonly slots = new Map<string, Slot>();
  private bytes = 0;
  /** The background remakes, one after another. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly maxEntries = 256,
    readonly maxBytes = 32 * 1024 * 1024,
    /** Larger files are sent as they are (their compression is not worth the memory). */
    readonly maxFileBytes = 8 * 1024 * 1024,
    /** Reads the file again for a background remake (tests replace it). */
    private readonly reread: (version: FileVersion) => Promise<Buffer | null> = async () => null,
  ) {}

  private static key(version: FileVersion, coding: Coding): string {
    return `${coding}\0${version.size}\0${version.mtimeMs}\0${version.path}`;
  }

  /** Whether this file version can be sent coded at all. */
  eligible(version: FileVersion): boolean {
    return version.size >= COMPRESS_MIN_BYTES && version.size <= this.maxFileBytes;
  }

  /**
   * The body of `version` under `coding`: kept, or made from `read()` (the file's bytes, read once
   * for all codings asked for meanwhile by the caller). Rejects when reading or compressing fails
   * (nothing is kept then).
   */
  get(version: FileVersion, coding: 'br' | 'gzip', read: () => Promise<Buffer>): Promise<Buffer> {
    const key = EncodedFiles.key(version, coding);
    const known = this.slots.get(key);
    if (known) {
      this.slots.delete(key);
      this.slots.set(key, known);
      return known.body;
    }
    const effort: Effort =
      coding === 'gzip' || version.size <= EncodedFiles.BEST_AT_ONCE_BYTES ? 'best' : 'fast';
    const slot: Slot = { body: read().then((source) => compress(source, coding, effort)), bytes: 0, effort };
    this.slots.set(key, slot);
    slot.body.then(
      (body) => {
        if (this.slots.get(key) !== slot) return;
        slot.bytes = body.length;
        this.bytes += body.length;
        this.evict();
        if (effort === 'fast') this.remakeLater(version, coding, key, slot);
      },
      () => {
        if (this.slots.get(key) === slot) this.slots.delete(key);
      },
    );
    this.evict();
    return slot.body;
  }

  private remakeLater(version: FileVersion, coding: 'br' | 'gzip', key: string, slot: Slot): void {
    this.queue = this.queue.then(async () => {
      if (this.slots.get(key) !== slot) return; // evicted or replaced meanwhile
      const source = await this.reread(version).catch(() => null);
      if (source === null || source.length !== version.size) return;
      const body = await compress(source, coding, 'best').catch(() => null);
      if (body === null || this.slots.get(key) !== slot || body.length >= slot.bytes) return;
      this.bytes += body.length - slot.bytes;
      slot.bytes = body.length;
      slot.body = Promise.resolve(body);
      slot.effort = 'best';
      this.evict();
    });
  }

  /** Resolves when the background remakes queued so far are done (tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  private evict(): void {
    while (this.slots.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.slots.entries().next().value;
      if (oldest === undefined) break;
      const [key, slot] = oldest;
      this.slots.delete(key);
      this.bytes -= slot.bytes;
    }
  }

  get size(): number {
    return this.slots.size;
  }

  get heldBytes(): number {
    return this.bytes;
  }
}

/** Reads an open file's `size` bytes from its start. */
export async function readWhole(handle: FileHandle, size: number): Promise<Buffer> {
  const buffer = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const { bytesRead } = await handle.read(buffer, offset, size - offset, offset);
    if (bytesRead === 0) break;
    offset += bytesRead;
  }
  if (offset !== size) throw new Error('the file changed while it was read');
  return buffer;
}
