import { createReadStream } from 'node:fs';

/** The encodings Excel writes for "CSV", "CSV UTF-8" and "Unicode text". */
export type DropEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  readonly encoding: DropEncoding;
  /** True when a byte-order mark named the encoding (the decoder strips it). */
  readonly bom: boolean;
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
  if (named) return named;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bom: false };
  } catch {
    // The only way a fatal decoder throws here is invalid UTF-8.
    return { encoding: 'windows-1252', bom: false };
  }
}

/**
 * Encoding of a drop on disk, streaming: the strict UTF-8 check reads the file once in chunks
 * (the decoder carries split multi-byte sequences across chunks), so a large CSV never has to
 * sit in memory just to learn that it is windows-1252 at line 900 000.
 */
export async function detectFileEncoding(path: string): Promise<DetectedEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const bytes = chunk as Buffer;
      if (first) {
        first = false;
        const named = sniffBom(bytes.subarray(0, 256)) ?? sniffUtf16WithoutBom(bytes.subarray(0, 256));
        if (named) return named;
      }
      decoder.decode(bytes, { stream: true });
    }
    decoder.decode();
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA')
      return { encoding: 'windows-1252', bom: false };
    throw error;
  }
  return { encoding: 'utf-8', bom: false };
}
