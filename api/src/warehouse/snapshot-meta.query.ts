import { type Db, MART_NAMES } from '@asn/warehouse';

/**
 * What a snapshot says about itself: mart row counts and the `meta.*` tables the ETL writes
 * (watermarks, data-test results, quarantine counts). Tables a snapshot lacks (an older or test
 * snapshot) read as empty, not as errors.
 */
export async function metaTables(db: Db): Promise<Set<string>> {
  const rows = await db.all<{ name: string }>(
    `SELECT schema_name || '.' || table_name AS name FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name IN ('meta', 'marts')`,
  );
  return new Set(rows.map((r) => r.name));
}

/** Exact row counts of every mart present, in one query. */
export async function martRowCounts(db: Db): Promise<{ table: string; rows: number }[]> {
  const present = await metaTables(db);
  const marts = MART_NAMES.filter((m) => present.has(`marts.${m}`));
  if (marts.length === 0) return [];
  const sql = marts
    .map((m) => `SELECT '${m}' AS "table", count(*) AS rows FROM marts.${m}`)
    .join(' UNION ALL ');
  const rows = await db.all<{ table: string; rows: number | bigint }>(`${sql} ORDER BY 1`);
  return rows.map((r) => ({ table: r.table, rows: Number(r.rows) }));
}

export async function readMetaWatermarks(db: Db): Promise<{ table: string; watermark: string }[]> {
  if (!(await metaTables(db)).has('meta.watermarks')) return [];
  return db.all(`SELECT table_name AS "table", watermark FROM meta.watermarks ORDER BY table_name`);
}

export interface DataTestRecord {
  readonly name: string;
  readonly model: string;
  readonly severity: string;
  readonly status: string;
  readonly failingRows: number;
  readonly sample: string;
  readonly checkedAt: string;
}

export async function readDataTests(db: Db): Promise<DataTestRecord[]> {
  if (!(await metaTables(db)).has('meta.data_tests')) return [];
  const rows = await db.all<
    Omit<DataTestRecord, 'checkedAt' | 'failingRows'> & { checkedAt: unknown; failingRows: unknown }
  >(
    `SELECT test_name AS name, model, severity, status, failing_rows AS "failingRows", sample,
       checked_at AS "checkedAt" FROM meta.data_tests ORDER BY status, severity, test_name`,
  );
  return rows.map((r) => ({ ...r, failingRows: Number(r.failingRows), checkedAt: toIso(r.checkedAt) }));
}

export interface QuarantineCountRecord {
  readonly runId: string;
  readonly source: string;
  readonly table: string;
  readonly reason: string;
  readonly rows: number;
}

export async function readQuarantineCounts(db: Db): Promise<QuarantineCountRecord[]> {
  if (!(await metaTables(db)).has('meta.quarantine_counts')) return [];
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
