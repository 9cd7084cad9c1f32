import v8 from 'node:v8';
import { createInflateRaw } from 'node:zlib';

/**
 * The most an XLSX may inflate to, all its parts together (declared and actual), whatever the
 * heap. exceljs (through jszip) inflates every part whole into memory and then reads it as one
 * string, so a 3 MB workbook whose sheet inflates to 3 GiB aborted the ETL out of memory (a review
 * of 2026-12-06). V8 caps a string at 2^29 − 24 characters (about 512 MiB), so a sheet larger than
 * this never loads, however large the heap: big exports come as CSV, which streams. Below it, the
 * heap is the limit (`xlsxInflatedLimit`).
 */
export const MAX_XLSX_INFLATED_BYTES = 512 * 1024 * 1024;

/**
 * Heap bytes allowed per inflated byte of a workbook (`xlsxInflatedLimit`). exceljs holds the
 * whole workbook as objects, some 10 times its XML: template-shaped workbooks inflating to 291 MiB
 * and 345 MiB were read with 3 099 MiB and 3 253 MiB of heap in use (10.6 and 9.4 to 1), and one
 * of 438 MiB (1 048 575 rows, 64 MB on disk, inside the 512 MiB above) took the ETL out of its
 * 4 144 MiB heap after three minutes of garbage collection, naming no file (a review of
 * 2026-12-06). At 12 the heaviest of them fills at most 89% of the heap, leaving the rest to its
 * staged rows and the run's other work.
 */
export const XLSX_HEAP_PER_INFLATED_BYTE = 12;

/**
 * The most a workbook's parts may inflate to under a heap of `heapLimit` bytes (by default this
 * process's, which `NODE_OPTIONS=--max-old-space-size=…` raises): a twelfth of it
 * (`XLSX_HEAP_PER_INFLATED_BYTE`), at most `MAX_XLSX_INFLATED_BYTES`. 345 MiB at Node's default
 * 4 144 MiB heap here; 512 MiB from a 6 GiB heap up.
 */
export function xlsxInflatedLimit(heapLimit: number = v8.getHeapStatistics().heap_size_limit): number {
  return Math.min(MAX_XLSX_INFLATED_BYTES, Math.floor(heapLimit / XLSX_HEAP_PER_INFLATED_BYTE));
}

/**
 * The highest compression ratio (inflated / compressed) a part above `RATIO_CHECKED_FROM_BYTES`
 * may have. A real sheet's XML compresses some 5–30 to 1, a very repetitive one under 100 to 1;
 * deflate's ceiling is about 1 030 to 1, which only padding (a zip bomb) reaches.
 */
export const MAX_XLSX_COMPRESSION_RATIO = 200;

/** Parts smaller than this inflated are not ratio-checked: a small part of blanks is harmless. */
export const RATIO_CHECKED_FROM_BYTES = 8 * 1024 * 1024;

/**
 * An XLSX that cannot be read: not a zip at all (a CSV renamed .xlsx), a broken one, or one whose
 * parts would inflate past the limits above. A file-level problem: the run fails naming the file.
 */
export class UnreadableWorkbookError extends Error {
  readonly code = 'UNREADABLE_WORKBOOK';
  constructor(
    readonly source: string,
    readonly why: string,
  ) {
    super(`${source}: cannot be read as an XLSX workbook: ${why}`);
    this.name = 'UnreadableWorkbookError';
  }
}

/** One entry of a zip's central directory. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated (the two jszip reads). */
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

/** A zip that is not one, or a broken one: `why` says what is wrong. */
export class ZipFormatError extends Error {
  constructor(readonly why: string) {
    super(why);
    this.name = 'ZipFormatError';
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** A 64-bit size as a number: past 2^53 it loses digits but stays huge, which is all a limit needs. */
const u64 = (view: DataView, at: number): number => Number(view.getBigUint64(at, true));

/**
 * The entries a zip's central directory declares, read the way jszip reads them: the End Of
 * Central Directory record (searched backwards over its comment), its ZIP64 form when a count,
 * size or offset overflows 16/32 bits, then each central header with its ZIP64 extra field.
 * Reads no entry's data.
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fits = (at: number, length: number): boolean => at >= 0 && at + length <= bytes.byteLength;
  let eocd = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 0xffff); at--)
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  if (eocd < 0)
    throw new ZipFormatError('it is not a zip file (an XLSX is one: was another file renamed .xlsx?)');
  let count = view.getUint16(eocd + 10, true);
  let directorySize = view.getUint32(eocd + 12, true);
  let directoryAt = view.getUint32(eocd + 16, true);
  const locator = eocd - 20;
  if (fits(locator, 20) && view.getUint32(locator, true) === ZIP64_LOCATOR) {
    const at = u64(view, locator + 8);
    if (!fits(at, 56) || view.getUint32(at, true) !== ZIP64_EOCD)
      throw new ZipFormatError('its ZIP64 end of central directory is missing or corrupt');
    count = u64(view, at + 32);
    directorySize = u64(view, at + 40);
    directoryAt = u64(view, at + 48);
  }
  if (!fits(directoryAt, directorySize))
    throw new ZipFormatError('its central directory lies outside the file');
  const entries: ZipEntry[] = [];
  let at = directoryAt;
  const end = directoryAt + directorySize;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_HEADER)
      throw new ZipFormatError(`its central directory is corrupt (entry ${i + 1} of ${count})`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength + extraLength + commentLength > end)
      throw new ZipFormatError(`its central directory is corrupt (entry ${i + 1} of ${count})`);
    let uncompressedSize = view.getUint32(at + 24, true);
    let compressedSize = view.getUint32(at + 20, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    // ZIP64 extra field (id 1): the 64-bit values of those that read 0xFFFFFFFF, in this order.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = view.getUint16(x, true);
      const size = view.getUint16(x + 2, true);
      if (id === 1) {
        let v = x + 4;
        const next = (): number | null => {
          if (v + 8 > x + 4 + size) return null;
          v += 8;
          return u64(view, v - 8);
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next() ?? uncompressedSize;
        if (compressedSize === 0xffffffff) compressedSize = next() ?? compressedSize;
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next() ?? localHeaderOffset;
      }
      x += 4 + size;
    }
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Whether `data` inflates to more than `limit` bytes; stops inflating as soon as it does. */
function inflatesPast(data: Uint8Array, limit: number): Promise<boolean> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let total = 0;
    let settled = false;
    const settle = (past: boolean): void => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(past);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) settle(true);
    });
    inflate.on('end', () => settle(false));
    // A corrupt stream is jszip's to report, with its own words; it inflated nothing past `limit`.
    inflate.on('error', () => settle(false));
    inflate.end(data);
  });
}

const mib = (n: number, decimals = 0): string => `${(n / (1024 * 1024)).toFixed(decimals)} MiB`;

/**
 * `size` and the `limit` it is over, in MiB with as few decimals as tell them apart: a workbook a
 * few KiB over 345 MiB read "345 MiB, over the 345 MiB". Bytes when three decimals do not.
 */
function sizeOverLimit(size: number, limit: number): readonly [string, string] {
  for (let decimals = 0; decimals <= 3; decimals++) {
    const [s, l] = [mib(size, decimals), mib(limit, decimals)];
    if (s !== l) return [s, l];
  }
  return [`${size} bytes`, `${limit} bytes`];
}

/**
 * Why a workbook `size` bytes large (`what` says which size: on disk, inflated) is not loaded under
 * a `limit` from `xlsxInflatedLimit`. Up to `MAX_XLSX_INFLATED_BYTES` a larger heap would load it,
 * and the message says how large (`XLSX_HEAP_PER_INFLATED_BYTE` per byte); past it none would.
 */
function tooLargeRefusal(what: (size: string) => string, size: number, limit: number): string {
  const heapBound = limit < MAX_XLSX_INFLATED_BYTES;
  const [sizeText, limitText] = sizeOverLimit(size, limit);
  const over = heapBound
    ? `the ${limitText} this ETL can load (1/${XLSX_HEAP_PER_INFLATED_BYTE} of its ${mib(limit * XLSX_HEAP_PER_INFLATED_BYTE)} heap)`
    : `the ${limitText} an XLSX may inflate to (Node's longest string)`;
  const heap = Math.ceil((size * XLSX_HEAP_PER_INFLATED_BYTE) / (1024 * 1024));
  const advice =
    size <= MAX_XLSX_INFLATED_BYTES
      ? `save it as CSV, which streams, or raise the ETL's heap (NODE_OPTIONS=--max-old-space-size=${heap})`
      : 'save it as CSV, which streams';
  return `the workbook is too large to read in memory: ${what(sizeText)}, over ${over}: ${advice}`;
}

/**
 * Why a file of `size` bytes is not read as an XLSX, or null: one larger than its parts may
 * inflate to (`limit`, `xlsxInflatedLimit`; stored parts take their own size) is refused before
 * the file is read into memory.
 */
export function fileSizeRefusal(size: number, limit: number = xlsxInflatedLimit()): string | null {
  return size > limit ? tooLargeRefusal((s) => `the file is ${s}`, size, limit) : null;
}

/**
 * Why the zip in `bytes` must not be handed to exceljs, or null. Declared sizes: all entries
 * together past `limit` (`xlsxInflatedLimit`: what the heap can hold, at most
 * `MAX_XLSX_INFLATED_BYTES`), or one above `RATIO_CHECKED_FROM_BYTES` compressed more than
 * `MAX_XLSX_COMPRESSION_RATIO` to 1. Then actual sizes, since a central directory can lie and
 * jszip only compares the size after inflating the whole entry: each deflated entry is inflated
 * here as a stream, keeping nothing, and stopped as soon as it passes its declared size. A zip
 * that is not one, or a broken one, is named too (jszip's "Can't find end of central directory"
 * named no file).
 */
export async function zipRefusal(
  bytes: Uint8Array,
  limit: number = xlsxInflatedLimit(),
): Promise<string | null> {
  const tooLarge = fileSizeRefusal(bytes.byteLength, limit);
  if (tooLarge) return tooLarge;
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch (error) {
    if (error instanceof ZipFormatError) return error.why;
    throw error;
  }
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limit) {
    const largest = entries.reduce((a, b) => (b.uncompressedSize > a.uncompressedSize ? b : a));
    return tooLargeRefusal(
      (s) => `its parts inflate to ${s} (${largest.name} ${mib(largest.uncompressedSize)})`,
      total,
      limit,
    );
  }
  for (const e of entries)
    if (
      e.uncompressedSize >= RATIO_CHECKED_FROM_BYTES &&
      e.uncompressedSize > MAX_XLSX_COMPRESSION_RATIO * e.compressedSize
    )
      return `${e.name} inflates ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} to 1 (${mib(e.uncompressedSize)}), more than the ${MAX_XLSX_COMPRESSION_RATIO} to 1 a spreadsheet does: is it padded?`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    if (e.method !== 8) continue;
    const at = e.localHeaderOffset;
    if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL_HEADER) continue; // jszip's to report
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, Math.min(bytes.byteLength, start + e.compressedSize));
    if (await inflatesPast(data, e.uncompressedSize))
      return `${e.name} inflates to more than the ${e.uncompressedSize} bytes its zip directory declares`;
  }
  return null;
}
