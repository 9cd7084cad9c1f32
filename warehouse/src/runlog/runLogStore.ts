import { chmod, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Db } from '../db/index.ts';
import { fileWriteError, writeFileAtomic } from '../snapshot/durableFs.ts';
import { listSnapshots } from '../snapshot/listSnapshots.ts';
import type { SnapshotInfo } from '../snapshot/snapshotInfo.ts';
import type { EtlRunRecord } from './runRecord.ts';

/** `<warehouseDir>/runs/<runId>.json`, one file per run, replaced atomically on every update. */
export function runLogDir(warehouseDir: string): string {
  return join(warehouseDir, 'runs');
}

/**
 * Writes (or replaces) a run's record. A failure, such as a full disk, throws a FileWriteError:
 * `cannot write run record <dir>/runs/<runId>.json: ENOSPC: no space left on device`, with Node's
 * `code`; no temp file is left behind.
 *
 * Owner-only, as the quarantine is: `runs/` 0700 (also when an older version made it 0755) and
 * each record 0600. A record holds no NIP and no name, but its error text comes from the run;
 * defence in depth.
 */
export async function writeRunRecord(warehouseDir: string, record: EtlRunRecord): Promise<void> {
  const dir = runLogDir(warehouseDir);
  const path = join(dir, `${record.runId}.json`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
  } catch (error) {
    throw fileWriteError('run record', path, error);
  }
  await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`, 'run record', { mode: 0o600 });
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
 * The record a run wrote into its own snapshot (`meta.etl_runs`, written just before it published),
 * or null when the snapshot cannot be read.
 */
async function recordInSnapshot(
  warehouseDir: string,
  snapshot: SnapshotInfo,
  runId: string,
): Promise<EtlRunRecord | null> {
  try {
    const db = await Db.open(join(warehouseDir, snapshot.file), { mode: 'read-only' });
    try {
      const [row] = await db.all<{ record: string }>(
        `SELECT record FROM meta.etl_runs WHERE run_id = '${runId.replaceAll("'", "''")}'`,
      );
      return row ? (JSON.parse(row.record) as EtlRunRecord) : null;
    } finally {
      await db.close();
    }
  } catch {
    return null;
  }
}

/**
 * Marks runs still `running` whose process is gone as failed ("interrupted"). Call while holding the
 * build lock: then no other run is live, and a `running` record can only be a dead one.
 *
 * A run killed after its snapshot went live (between the pointer swap and its final record: the
 * manifest, the prune and the lock's release lie between) published: it is recorded as it recorded
 * itself in that snapshot, succeeded with its snapshot id, and `onPublished` is told (a review of
 * 2026-12-05 found such runs marked failed while their snapshot was live).
 */
export async function markInterruptedRuns(
  warehouseDir: string,
  except: string,
  onPublished?: (runId: string, snapshotId: string) => void,
): Promise<string[]> {
  const marked: string[] = [];
  const records = (await listRunRecords(warehouseDir)).filter(
    (r) => r.status === 'running' && r.runId !== except,
  );
  const published =
    records.length === 0
      ? new Map<string, SnapshotInfo>()
      : new Map(
          (await listSnapshots(warehouseDir)).flatMap((s) =>
            typeof s.meta.runId === 'string' ? [[s.meta.runId, s] as const] : [],
          ),
        );
  for (const record of records) {
    const snapshot = published.get(record.runId);
    if (snapshot) {
      const stored = await recordInSnapshot(warehouseDir, snapshot, record.runId);
      await writeRunRecord(warehouseDir, {
        ...(stored ?? record),
        status: 'succeeded',
        snapshotId: snapshot.id,
        finishedAt: stored?.finishedAt ?? snapshot.publishedAt,
        error: null,
      });
      onPublished?.(record.runId, snapshot.id);
      continue;
    }
    await writeRunRecord(warehouseDir, {
      ...record,
      status: 'failed',
      error: record.error ?? `interrupted: process ${record.pid} ended before the run finished`,
    });
    marked.push(record.runId);
  }
  return marked;
}
