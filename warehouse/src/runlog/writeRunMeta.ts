import type { Db } from '../db/index.ts';
import type { EtlRunRecord } from './runRecord.ts';

export interface QuarantineCountRow {
  readonly runId: string;
  readonly source: string;
  readonly table: string;
  readonly reason: string;
  readonly rows: number;
}

/**
 * Copies the run log into the snapshot being built, so a snapshot says how it was made:
 * `meta.etl_runs` (the run history up to and including this run), `meta.watermarks` (what the next
 * incremental run continues from) and `meta.quarantine_counts` (rows per run, source, table and
 * reason — counts only; the quarantined rows themselves stay outside, admin-only).
 *
 * `meta.quarantine_counts` is appended to: an incremental run builds on a copy of the previous
 * snapshot, so it keeps the earlier runs' counts as history (a full run starts it afresh). Read it
 * per run (`readQuarantineCounts` gives the run that built the snapshot), never summed over runs.
 */
export async function writeRunMeta(
  db: Db,
  runs: readonly EtlRunRecord[],
  watermarks: Readonly<Record<string, string>>,
  quarantine: readonly QuarantineCountRow[],
): Promise<void> {
  await db.exec(`CREATE SCHEMA IF NOT EXISTS meta;
    CREATE OR REPLACE TABLE meta.etl_runs (
      run_id VARCHAR NOT NULL, mode VARCHAR NOT NULL, sources VARCHAR NOT NULL, status VARCHAR NOT NULL,
      started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, duration_ms BIGINT, snapshot_id VARCHAR,
      error VARCHAR, record VARCHAR NOT NULL);
    CREATE OR REPLACE TABLE meta.watermarks (table_name VARCHAR NOT NULL, watermark VARCHAR NOT NULL);
    CREATE TABLE IF NOT EXISTS meta.quarantine_counts (
      run_id VARCHAR NOT NULL, source VARCHAR NOT NULL, table_name VARCHAR NOT NULL,
      reason VARCHAR NOT NULL, row_count BIGINT NOT NULL)`);
  await db.appendRows(
    'meta.etl_runs',
    [
      'run_id',
      'mode',
      'sources',
      'status',
      'started_at',
      'finished_at',
      'duration_ms',
      'snapshot_id',
      'error',
      'record',
    ],
    runs.map((r) => [
      r.runId,
      r.mode,
      r.sources.join(','),
      r.status,
      r.startedAt,
      r.finishedAt,
      r.durationMs,
      r.snapshotId,
      r.error,
      JSON.stringify(r),
    ]),
  );
  await db.appendRows(
    'meta.watermarks',
    ['table_name', 'watermark'],
    Object.entries(watermarks).map(([t, w]) => [t, w]),
  );
  await db.appendRows(
    'meta.quarantine_counts',
    ['run_id', 'source', 'table_name', 'reason', 'row_count'],
    quarantine.map((q) => [q.runId, q.source, q.table, q.reason, q.rows]),
  );
}

/** The watermarks a snapshot was built to (empty when it has none yet). */
export async function readWatermarks(db: Db): Promise<Record<string, string>> {
  const exists = await db.all(
    `SELECT 1 FROM duckdb_tables() WHERE schema_name = 'meta' AND table_name = 'watermarks' AND database_name = current_database()`,
  );
  if (exists.length === 0) return {};
  const rows = await db.all<{ table_name: string; watermark: string }>(
    'SELECT table_name, watermark FROM meta.watermarks',
  );
  return Object.fromEntries(rows.map((r) => [r.table_name, r.watermark]));
}
