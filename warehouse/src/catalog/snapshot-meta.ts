import type { Db } from '../db/index.ts';
import { MART_NAMES } from '../models/marts/contract.ts';

/**
 * What a snapshot says about itself: mart row counts and the `meta.*` tables the ETL writes
 * (`meta.watermarks` and `meta.quarantine_counts` by `writeRunMeta`, `meta.data_tests` by
 * `runDataTests`). A table a snapshot lacks (an older or test snapshot) reads as empty, not as an
 * error.
 */

/** `schema.table` names of the `meta` and `marts` tables present in the snapshot. One query. */
export async function snapshotTables(db: Db): Promise<Set<string>> {
  const rows = await db.all<{ name: string }>(
    `SELECT schema_name || '.' || table_name AS name FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name IN ('meta', 'marts')`,
  );
  return new Set(rows.map((r) => r.name));
}

/** Exact row count of one mart. */
export interface MartRowCount {
  readonly table: string;
  readonly rows: number;
}

/** Exact row counts of every mart present, ordered by mart name: two queries whatever the count. */
export async function martRowCounts(db: Db): Promise<MartRowCount[]> {
  const present = await snapshotTables(db);
  const marts = MART_NAMES.filter((m) => present.has(`marts.${m}`));
  if (marts.length === 0) return [];
  // Mart names come from the contract (identifiers, not user input).
  const sql = marts
    .map((m) => `SELECT '${m}' AS "table", count(*) AS rows FROM marts.${m}`)
    .join(' UNION ALL ');
  const rows = await db.all<{ table: string; rows: number | bigint }>(`${sql} ORDER BY 1`);
  return rows.map((r) => ({ table: r.table, rows: Number(r.rows) }));
}

/** Where a table's incremental load stands (the value the next run continues from). */
export interface WatermarkRecord {
  readonly table: string;
  readonly watermark: string;
}

/** The snapshot's watermarks ordered by table; empty without `meta.watermarks`. */
export async function readSnapshotWatermarks(db: Db): Promise<WatermarkRecord[]> {
  if (!(await snapshotTables(db)).has('meta.watermarks')) return [];
  return db.all<WatermarkRecord>(
    `SELECT table_name AS "table", watermark FROM meta.watermarks ORDER BY table_name`,
  );
}

/** One stored data-test result. */
export interface DataTestRecord {
  readonly name: string;
  /** The mart the rule is about. */
  readonly model: string;
  /** `error` blocks publishing; `warn` is only reported. */
  readonly severity: string;
  /** `pass` or `fail`. */
  readonly status: string;
  readonly failingRows: number;
  /** JSON array of up to `SAMPLE_SIZE` failing rows (may be person-level: callers gate it). */
  readonly sample: string;
  /** ISO 8601 instant the tests ran. */
  readonly checkedAt: string;
}

/**
 * The data-test results stored in the snapshot, failures first (status, then severity, then name);
 * empty without `meta.data_tests`.
 */
export async function readDataTests(db: Db): Promise<DataTestRecord[]> {
  if (!(await snapshotTables(db)).has('meta.data_tests')) return [];
  const rows = await db.all<
    Omit<DataTestRecord, 'checkedAt' | 'failingRows'> & { checkedAt: unknown; failingRows: unknown }
  >(
    `SELECT test_name AS name, model, severity, status, failing_rows AS "failingRows", sample,
       checked_at AS "checkedAt" FROM meta.data_tests ORDER BY status, severity, test_name`,
  );
  return rows.map((r) => ({ ...r, failingRows: Number(r.failingRows), checkedAt: toIso(r.checkedAt) }));
}

/** Quarantined row count of one run, source, table and reason (counts only, no rows). */
export interface QuarantineCountRecord {
  readonly runId: string;
  readonly source: string;
  readonly table: string;
  readonly reason: string;
  readonly rows: number;
}

/**
 * The quarantine counts of the run that built the snapshot, by table, reason and source; empty
 * without `meta.quarantine_counts` or when that run quarantined nothing.
 *
 * `meta.quarantine_counts` keeps one set of rows per run: an incremental run copies the previous
 * snapshot and appends its own, a full run starts the table afresh. Summing it over runs counted
 * an invalid row once per incremental run that saw it (a review found n = 19 on the quality page
 * while the source held one bad row), and the total depended on the last full run. The latest
 * run's quarantine lists every invalid row the source holds (README), so its counts are the
 * answer, and a full and an incremental run of the same source give the same one.
 *
 * The run is the newest succeeded one in `meta.etl_runs` (the ETL writes its own record there,
 * succeeded, just before it publishes); a snapshot without run records (an older or test one) falls
 * back to the newest run id in the counts (run ids sort by start time).
 */
export async function readQuarantineCounts(db: Db): Promise<QuarantineCountRecord[]> {
  const tables = await snapshotTables(db);
  if (!tables.has('meta.quarantine_counts')) return [];
  const fromCounts = 'SELECT max(run_id) FROM meta.quarantine_counts';
  const latest = tables.has('meta.etl_runs')
    ? `coalesce((SELECT run_id FROM meta.etl_runs WHERE status = 'succeeded'
         ORDER BY started_at DESC, run_id DESC LIMIT 1), (${fromCounts}))`
    : `(${fromCounts})`;
  const rows = await db.all<Omit<QuarantineCountRecord, 'rows'> & { rows: unknown }>(
    `SELECT run_id AS "runId", source, table_name AS "table", reason, row_count AS rows
     FROM meta.quarantine_counts WHERE run_id = ${latest} ORDER BY table_name, reason, source`,
  );
  return rows.map((r) => ({ ...r, rows: Number(r.rows) }));
}

function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}
