import type { PlainRow } from '../db/index.ts';

/**
 * `error` fails the ETL run (nothing is published); `warn` is recorded and shown on the data-quality
 * page but does not block, for problems that should be looked at without stopping the city's numbers.
 */
export type DataTestSeverity = 'error' | 'warn';

/**
 * A pass/fail form of a test over the distinct values of one column: `fails(v, keys)` is a SQL
 * predicate over a value `v` of `column` (a column reference), true for a value that breaks the
 * rule; `keys(relation, column)` names a relation (column `k`) of the distinct non-null values of
 * `column` in `relation`, computed once and shared by every check that asks for it. The runner
 * decides many such tests from one pass over their mart (each column's values grouped once, shared
 * by the tests that read it) and runs `sql` for its rows only when a check fails.
 */
export interface ValueCheck {
  readonly column: string;
  readonly fails: (value: string, keys: (relation: string, column: string) => string) => string;
}

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
   * a mart the test reads changed. `removed(mart)` is likewise the relation of the rows deleted
   * from `mart` (the mart now holds its previous rows, less those, plus the inserted ones).
   */
  readonly delta?: (
    source: (mart: string) => string | null,
    removed: (mart: string) => string | null,
  ) => string | null;
  /**
   * A test over many marts whose failing rows are the union of per-mart parts, each row-level over
   * its mart (`sql(relation)`). Evaluated part by part (results concatenated in this order), so an
   * incremental run reruns only the parts of changed marts; `sql` is their UNION ALL. `delta` is
   * then unused.
   */
  readonly parts?: readonly {
    readonly mart: string;
    readonly sql: (rows: string) => string;
    /** As `DataTest.valueChecks`, over `mart`'s rows. */
    readonly valueChecks?: readonly ValueCheck[];
  }[];
  /**
   * Optional faster pass/fail form of `sql`, over the rows of `model` (a mart): for any relation R
   * shaped like the mart, `sql` with `marts.<model>` replaced by R returns rows if and only if some
   * value of some check's column in R fails that check. Used for a delta query only when it is
   * exactly that replacement by the inserted rows (then the checks run over those rows). Only
   * decides pass or fail: a failing test runs its query for its rows and sample.
   */
  readonly valueChecks?: readonly ValueCheck[];
  /**
   * Optional faster pass/fail form of `sql` over the whole marts: a query returning one row with one
   * boolean, true if and only if `sql` returns rows. Used when the test runs in full; if it cannot
   * run (e.g. a key range too wide for a bitstring), `EXISTS (sql)` decides instead.
   */
  readonly failsSql?: string;
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
