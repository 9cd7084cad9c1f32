import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * Streams one `COPY … TO STDOUT` into a file. Bytes go straight from the socket to disk; the only
 * per-chunk work is counting newlines for the progress bar. Returns the row count PostgreSQL
 * reports for the COPY (the independent "rows read" figure the reconciliation checks against).
 */
export async function copyToFile(
  client: pg.Client,
  sql: string,
  file: string,
  onLines?: (lines: number) => void,
): Promise<number> {
  const stream = client.query(copyTo(sql));
  let lines = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      let i = chunk.indexOf(10);
      let n = 0;
      while (i !== -1) {
        n += 1;
        i = chunk.indexOf(10, i + 1);
      }
      if (n > 0) {
        lines += n;
        onLines?.(lines);
      }
      done(null, chunk);
    },
  });
  await pipeline(stream, counter, createWriteStream(file, { mode: 0o600 }));
  return stream.rowCount;
}
