import type { PlainRow } from '../db/index.ts';

/**
 * `error` fails the ETL run (nothing is published); `warn` is recorded and shown on the data-quality
 * page but does not block, for problems that should be looked at without stopping the city's numbers.
 */
export type DataTestSeverity = 'error' | 'warn';

/** One data test, declared as data (dbt-style): a query that returns the rows that break a rule. */
export interface DataTest {
  /** Stable, unique, e.g. `unique_fct_enrollments_enrollment_id`. */
  readonly name: string;
  /** The mart (or `stg`/`marts` for schema-wide tests) the rule is about. */
  readonly model: string;
  readonly severity: DataTestSeverity;
  /** A SELECT returning the failing rows; no rows = pass. */
  readonly sql: string;
}

export interface DataTestResult {
  readonly name: string;
  readonly model: string;
  readonly severity: DataTestSeverity;
  readonly status: 'pass' | 'fail';
  /** Number of rows the test's query returned. */
  readonly failingRows: number;
  /** Up to `SAMPLE_SIZE` failing rows, for the report. */
  readonly sample: readonly PlainRow[];
  readonly checkedAt: string;
}

/** Failing rows kept per test in `meta.data_tests.sample`. */
export const SAMPLE_SIZE = 5;
