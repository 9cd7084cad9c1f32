import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../snapshot/durableFs.ts';
import type { EtlRunRecord } from './runRecord.ts';

/** `<warehouseDir>/runs/<runId>.json`, one file per run, replaced atomically on every update. */
export function runLogDir(warehouseDir: string): string {
  return join(warehouseDir, 'runs');
}

export async function writeRunRecord(warehouseDir: string, record: EtlRunRecord): Promise<void> {
  const dir = runLogDir(warehouseDir);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, `${record.runId}.json`), `${JSON.stringify(record, null, 2)}\n`);
}

/** Run records, newest first (run ids sort by start time). */
export async function listRunRecords(
  warehouseDir: string,
  options: { readonly limit?: number } = {},
): Promise<EtlRunRecord[]> {
  const dir = runLogDir(warehouseDir);
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
    .sort()
    .reverse()
    .slice(0, options.limit ?? Number.POSITIVE_INFINITY);
  const records: EtlRunRecord[] = [];
  for (const name of names) {
    records.push(JSON.parse(await readFile(join(dir, name), 'utf8')) as EtlRunRecord);
  }
  return records;
}

/**
 * Marks runs still `running` whose process is gone as failed ("interrupted"). Call while holding the
 * build lock: then no other run is live, and a `running` record can only be a dead one.
 */
export async function markInterruptedRuns(warehouseDir: string, except: string): Promise<string[]> {
  const marked: string[] = [];
  for (const record of await listRunRecords(warehouseDir)) {
    if (record.status !== 'running' || record.runId === except) continue;
    await writeRunRecord(warehouseDir, {
      ...record,
      status: 'failed',
      error: record.error ?? `interrupted: process ${record.pid} ended before the run finished`,
    });
    marked.push(record.runId);
  }
  return marked;
}
