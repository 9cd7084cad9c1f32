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

/** Quarantined row count per run, source, table and reason (counts only, no rows). */
export interface QuarantineCountRecord {
  readonly runId: string;
  readonly source: string;
  readonly table: string;
  readonly reason: string;
  readonly rows: number;
}

/**
 * Quarantine counts stored in the snapshot, newest run first, then table and reason; empty without
 * `meta.quarantine_counts`.
 */
export async function readQuarantineCounts(db: Db): Promise<QuarantineCountRecord[]> {
  if (!(await snapshotTables(db)).has('meta.quarantine_counts')) return [];
  const rows = await db.all<Omit<QuarantineCountRecord, 'rows'> & { rows: unknown }>(
    `SELECT run_id AS "runId", source, table_name AS "table", reason, row_count AS rows
     FROM meta.quarantine_counts ORDER BY run_id DESC, table_name, reason`,
  );
  return rows.map((r) => ({ ...r, rows: Number(r.rows) }));
}

function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}
