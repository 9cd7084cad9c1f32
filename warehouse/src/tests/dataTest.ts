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
  /**
   * Incremental form, for a build that updated some marts by key (see `MartDelta`). `source(mart)`
   * is the relation of the rows inserted into `mart` since the stored result, or null when `mart`
   * did not change. Returns a SELECT with the same result as `sql` over the whole marts, provided
   * the stored result passed; or null when it cannot (then `sql` runs). Absent: `sql` runs whenever
   * a mart the test reads changed.
   */
  readonly delta?: (source: (mart: string) => string | null) => string | null;
  /**
   * A test over many marts whose failing rows are the union of per-mart parts, each row-level over
   * its mart (`sql(relation)`). Evaluated part by part (results concatenated in this order), so an
   * incremental run reruns only the parts of changed marts; `sql` is their UNION ALL. `delta` is
   * then unused.
   */
  readonly parts?: readonly { readonly mart: string; readonly sql: (rows: string) => string }[];
}

/**
 * Makes a test that filters the rows of its one mart row by row (a row fails or not on its own)
 * incremental: over the inserted rows alone it returns exactly the failing rows that are new, and
 * the rows that stayed passed before.
 */
export function rowLevel(test: DataTest): DataTest {
  const table = `marts.${test.model}`;
  return {
    ...test,
    delta: (source) => {
      const rows = source(test.model);
      return rows === null ? null : test.sql.replaceAll(table, rows);
    },
  };
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
