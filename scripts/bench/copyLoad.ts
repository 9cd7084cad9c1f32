import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateDemoWorld, tableSpec } from '@asn/etl';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface CopyLoadResult {
  readonly counts: Record<string, number>;
  readonly generateMs: number;
  readonly loadMs: number;
}

/** One CSV field in PostgreSQL's text form (timestamps arrive as epoch seconds). */
function field(value: unknown, type: string): string {
  if (value === null || value === undefined) return '';
  if (type === 'timestamptz') {
    return typeof value === 'number' ? new Date(value * 1000).toISOString() : String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const s = String(value);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Loads the demo world into a real PostgreSQL with `COPY … FROM STDIN (FORMAT csv)`, the bulk
 * path PostgreSQL is built for (the demo loader's `unnest` batches work on PGlite too, but are
 * several times slower on a real server). Same generator, same rows; one transaction, foreign-key
 * triggers off (the generator's rows are consistent by construction; the demo tests check that).
 */
export async function copyLoadDemoWorld(url: string, scale: number, seed: number): Promise<CopyLoadResult> {
  const t0 = performance.now();
  const world = await generateDemoWorld({ scale, seed });
  const generateMs = performance.now() - t0;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts: Record<string, number> = {};
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(`TRUNCATE ${world.tables.map((t) => t.name).join(', ')} RESTART IDENTITY CASCADE`);
    for (const table of world.tables) {
      const spec = tableSpec(table.name);
      const types = table.columns.map((c) => spec.columns.find((s) => s.name === c)?.type ?? 'text');
      let rows = 0;
      function* lines(): Generator<string> {
        for (const chunk of table.chunks(50_000)) {
          let text = '';
          for (const row of chunk) {
            text += `${row.map((v, i) => field(v, types[i] as string)).join(',')}\n`;
          }
          rows += chunk.length;
          yield text;
        }
      }
      const sink = client.query(
        copyFrom(`COPY ${table.name} (${table.columns.join(', ')}) FROM STDIN (FORMAT csv)`),
      );
      await pipeline(Readable.from(lines()), sink);
      counts[table.name] = rows;
      await client.query(
        `select setval(pg_get_serial_sequence($1, 'id'), coalesce((select max(id) from ${table.name}), 1), (select count(*) > 0 from ${table.name}))`,
        [table.name],
      );
    }
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return { counts, generateMs, loadMs: performance.now() - t0 - generateMs };
}
