import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileWriteError } from '@asn/warehouse';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { CopyDataDecoder } from './copyDataDecoder.ts';

/** Bytes whose newlines are counted exactly; after that, progress is extrapolated from bytes. */
const SAMPLE_BYTES = 1 << 20;

/**
 * Streams one `COPY … TO STDOUT` into a file. Bytes go straight from the socket to disk. For the
 * progress bar, newlines are counted in the first megabyte only and the rest is extrapolated from
 * the bytes (counting every newline of a 10 M-row table costs a second of CPU on the main thread).
 * Returns the row count PostgreSQL reports for the COPY (the independent "rows read" figure the
 * reconciliation checks against).
 *
 * A file that cannot be written (a full disk) fails with a FileWriteError naming it: Node's own
 * error says only `ENOSPC: no space left on device, write`. A failed query keeps its own error (its
 * SQLSTATE is what the CLI's hint goes by).
 */
export async function copyToFile(
  client: pg.Client,
  sql: string,
  file: string,
  onLines?: (lines: number) => void,
): Promise<number> {
  const stream = client.query(withFastDecoder(copyTo(sql)));
  let lines = 0;
  let bytes = 0;
  let sampledLines = 0;
  let sampledBytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (sampledBytes < SAMPLE_BYTES) {
        let i = chunk.indexOf(10);
        while (i !== -1) {
          sampledLines += 1;
          i = chunk.indexOf(10, i + 1);
        }
        sampledBytes += chunk.length;
        lines = sampledLines;
      } else {
        lines = Math.round((bytes * sampledLines) / sampledBytes);
      }
      onLines?.(lines);
      done(null, chunk);
    },
  });
  const out = createWriteStream(file, { mode: 0o600, highWaterMark: 1 << 20 });
  // pipeline destroys every stream with the first error, so the file's stream ends with the query's
  // error too (`out.errored` cannot tell them apart): the file's own failure is an error it raised
  // before any other stream failed.
  let upstreamFailed = false;
  let fileFailure: unknown;
  for (const s of [stream, counter]) s.once('error', () => (upstreamFailed = true));
  out.once('error', (error) => {
    if (!upstreamFailed) fileFailure = error;
  });
  try {
    await pipeline(stream, counter, out);
  } catch (error) {
    throw error === fileFailure ? new FileWriteError('extract file', file, error) : error;
  }
  return stream.rowCount;
}

/** The parts of pg-copy-streams' copy-to query that its `_parse` uses (copy-to.js, v7). */
interface CopyToInternals {
  _parse(chunk: Buffer): boolean | undefined;
  _buffer: { push(chunk: Buffer): void };
  _detach(): void;
  _cleanup(): void;
  push(chunk: Buffer | null): boolean;
}

/**
 * Replaces the message parsing of a pg-copy-streams copy-to query by `CopyDataDecoder` (one output
 * buffer per socket chunk instead of a Buffer per row). Connection hand-over is pg-copy-streams'
 * own: the bytes after the copy (or an ErrorResponse) go back to pg through its `_buffer` and
 * `_detach`, exactly as its `_parse` does.
 */
export function withFastDecoder<T extends object>(query: T): T {
  const q = query as unknown as CopyToInternals;
  if (typeof q._parse !== 'function' || typeof q._detach !== 'function') {
    throw new Error('withFastDecoder: unexpected pg-copy-streams copy-to internals');
  }
  const decoder = new CopyDataDecoder();
  q._parse = (chunk: Buffer) => {
    const { data, stop, rest } = decoder.decode(chunk);
    if (stop === 'error') {
      q._buffer.push(rest);
      q._detach();
      return undefined;
    }
    const drained = data.length > 0 ? q.push(data) : true;
    if (stop === 'done') {
      if (rest.length > 0) q._buffer.push(rest);
      q._detach();
      q.push(null);
      q._cleanup();
    }
    return drained;
  };
  return query;
}
