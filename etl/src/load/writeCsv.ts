import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { FileWriteError } from '@asn/warehouse';

/** A CSV field: always quoted (so an empty string stays distinguishable in the text), NULL empty. */
function field(value: string | null): string {
  return value === null ? '' : `"${value.replaceAll('"', '""')}"`;
}

/** One row as the line {@link writeCsv} writes for it, line ending included. */
export function csvLine(row: readonly (string | null)[]): string {
  return `${row.map(field).join(',')}\n`;
}

/**
 * Writes rows as RFC 4180 CSV with a header. For the small tables that pass through JS (file drops,
 * xAPI, pseudonyms); the big PostgreSQL tables never do.
 *
 * A file that cannot be written (a full disk) fails with a FileWriteError naming it: Node's own
 * error says only `ENOSPC: no space left on device, write`.
 */
export async function writeCsv(
  file: string,
  header: readonly string[],
  rows: Iterable<readonly (string | null)[]>,
): Promise<number> {
  const out = createWriteStream(file, { mode: 0o600 });
  // Every error the stream emits is a failed write of `file` (its 'error' event rejects the wait).
  const written = (event: 'drain' | 'finish') =>
    once(out, event).then(
      () => undefined,
      (error: unknown) => {
        throw new FileWriteError('CSV file', file, error);
      },
    );
  let n = 0;
  let buffer = `${header.join(',')}\n`;
  for (const row of rows) {
    buffer += csvLine(row);
    n += 1;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await written('drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await written('finish');
  return n;
}
