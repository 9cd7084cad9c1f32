import type { Db, PlainRow } from '../db/index.ts';
import { type DataTest, type DataTestResult, SAMPLE_SIZE } from './dataTest.ts';
import { DATA_TESTS } from './dataTests.ts';

const RESULTS_DDL = `CREATE SCHEMA IF NOT EXISTS meta;
CREATE OR REPLACE TABLE meta.data_tests (
  test_name VARCHAR NOT NULL,
  model VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  failing_rows BIGINT NOT NULL,
  sample VARCHAR NOT NULL,
  checked_at TIMESTAMPTZ NOT NULL
)`;

/**
 * Runs the data tests against the marts of `db` (the snapshot being built), stores the results in
 * `meta.data_tests` (replacing the previous run's, so the snapshot holds the results of its own
 * build) and returns them. It never throws for a failing test: the caller decides, normally with
 * `hasBlockingFailure`. A test whose SQL cannot run is an infrastructure error and does throw.
 *
 * One query per test: `count(*) OVER ()` gives the number of failing rows alongside a small sample.
 */
export async function runDataTests(
  db: Db,
  tests: readonly DataTest[] = DATA_TESTS,
  now: Date = new Date(),
): Promise<DataTestResult[]> {
  const checkedAt = now.toISOString();
  const results: DataTestResult[] = [];
  for (const test of tests) {
    let rows: PlainRow[];
    try {
      rows = await db.all(
        `SELECT count(*) OVER () AS __failing_rows, * FROM (${test.sql}) LIMIT ${SAMPLE_SIZE}`,
      );
    } catch (error) {
      throw new Error(`data test ${test.name} could not run: ${(error as Error).message}`, { cause: error });
    }
    const failingRows = Number(rows[0]?.__failing_rows ?? 0);
    results.push({
      name: test.name,
      model: test.model,
      severity: test.severity,
      status: failingRows === 0 ? 'pass' : 'fail',
      failingRows,
      sample: rows.map(({ __failing_rows: _, ...row }) => row),
      checkedAt,
    });
  }
  await db.exec(RESULTS_DDL);
  await db.appendRows(
    'meta.data_tests',
    ['test_name', 'model', 'severity', 'status', 'failing_rows', 'sample', 'checked_at'],
    results.map((r) => [r.name, r.model, r.severity, r.status, r.failingRows, toJson(r.sample), checkedAt]),
  );
  return results;
}

function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
}
