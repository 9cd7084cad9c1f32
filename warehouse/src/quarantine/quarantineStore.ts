import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileWriteError, writeFileAtomic } from '../snapshot/durableFs.ts';

/**
 * The quarantine: rows that failed validation, kept with everything needed to fix and replay them.
 * It holds raw rows (NIPs, names in file drops), so it lives OUTSIDE the published snapshots, in
 * files readable by the owner only, and the API exposes it to admins only:
 *
 * ```
 * <warehouseDir>/quarantine/<runId>/<table>.ndjson   rows quarantined by the bulk validation
 * <warehouseDir>/quarantine/<runId>/<table>.late.ndjson  … of the rows the key reconcile read late
 * <warehouseDir>/quarantine/<runId>/_parse.ndjson    rows the file/xAPI parsers could not read
 * <warehouseDir>/quarantine/<runId>/counts.json      QuarantineCount[] for the run (no raw data)
 * ```
 * NDJSON rather than a DuckDB file so that the ETL can write while the API reads (DuckDB allows one
 * writer process or readers, never both).
 */
export interface QuarantineRecord {
  readonly run_id: string;
  readonly source: string;
  readonly table: string;
  readonly row_number: number | null;
  /** The row as read, JSON text. Personal data: admin only. */
  readonly raw: string;
  readonly reason: string;
  readonly detail: string;
}

export interface QuarantineCount {
  readonly runId: string;
  readonly source: string;
  readonly table: string;
  readonly reason: string;
  readonly rows: number;
}

export function quarantineDir(warehouseDir: string): string {
  return join(warehouseDir, 'quarantine');
}

export function quarantineRunDir(warehouseDir: string, runId: string): string {
  return join(quarantineDir(warehouseDir), runId);
}

/** Where the bulk validation COPYs a table's quarantined rows (created with mode 0700). */
export async function quarantineTableFile(
  warehouseDir: string,
  runId: string,
  table: string,
): Promise<string> {
  const dir = quarantineRunDir(warehouseDir, runId);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return join(dir, `${table}.ndjson`);
}

/** Appends rows quarantined in JS (parser rejects). */
export async function appendQuarantineRecords(
  warehouseDir: string,
  runId: string,
  records: readonly QuarantineRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const dir = quarantineRunDir(warehouseDir, runId);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, '_parse.ndjson');
  // Named on failure (a full disk): Node's own error says only "ENOSPC: no space left on device, write".
  await appendFile(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 }).catch(
    (error: unknown) => {
      throw fileWriteError('quarantine file', file, error);
    },
  );
}

export async function writeQuarantineCounts(
  warehouseDir: string,
  runId: string,
  counts: readonly QuarantineCount[],
): Promise<void> {
  const dir = quarantineRunDir(warehouseDir, runId);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'counts.json');
  // Owner-only like every quarantine file (README), the temp file it is renamed from included.
  await writeFileAtomic(file, `${JSON.stringify(counts)}\n`, 'quarantine counts', { mode: 0o600 });
}

async function runIds(warehouseDir: string): Promise<string[]> {
  return (await readdir(quarantineDir(warehouseDir)).catch(() => [] as string[])).sort().reverse();
}

/** Quarantine counts per run, source, table and reason (newest run first); optional filters. */
export async function quarantineCounts(
  warehouseDir: string,
  filter: { readonly runId?: string } = {},
): Promise<QuarantineCount[]> {
  const out: QuarantineCount[] = [];
  for (const runId of await runIds(warehouseDir)) {
    if (filter.runId && runId !== filter.runId) continue;
    const text = await readFile(join(quarantineRunDir(warehouseDir, runId), 'counts.json'), 'utf8').catch(
      () => null,
    );
    if (text) out.push(...(JSON.parse(text) as QuarantineCount[]));
  }
  return out;
}

export interface QuarantinePageOptions {
  readonly runId?: string;
  readonly table?: string;
  readonly reason?: string;
  readonly offset?: number;
  readonly limit?: number;
}

/** One page of quarantined rows (newest run first, then table, then file order) and the total. */
export async function listQuarantine(
  warehouseDir: string,
  options: QuarantinePageOptions = {},
): Promise<{ rows: QuarantineRecord[]; total: number }> {
  const offset = options.offset ?? 0;
  const limit = Math.min(options.limit ?? 100, 1000);
  const rows: QuarantineRecord[] = [];
  let total = 0;
  for (const runId of await runIds(warehouseDir)) {
    if (options.runId && runId !== options.runId) continue;
    const dir = quarantineRunDir(warehouseDir, runId);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ndjson')).sort();
    for (const file of files) {
      // A table's rows: its bulk validation's file, the key reconcile's late reads
      // (`<table>.late.ndjson`), and the parsers' rejects (shared, filtered by record).
      const ofTable = [`${options.table}.ndjson`, `${options.table}.late.ndjson`, '_parse.ndjson'];
      if (options.table && !ofTable.includes(file)) continue;
      for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
        if (!line) continue;
        const record = JSON.parse(line) as QuarantineRecord;
        if (options.table && record.table !== options.table) continue;
        if (options.reason && record.reason !== options.reason) continue;
        if (total >= offset && rows.length < limit) rows.push(record);
        total += 1;
      }
    }
  }
  return { rows, total };
}
