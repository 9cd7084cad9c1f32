import type { Db } from '../db/index.ts';

/**
 * What period each fact's data covers. A snapshot's years (`readYearSpan`) say which years a metric
 * can answer for; coverage says where each source's data really starts and ends, to the day. The two
 * differ when a source is exported mid-year (service requests up to 30 September) or starts late:
 * an analysis whose window reaches past a source's end, or before its start, measures less than it
 * claims, and the cohort comparison and ROI say so (`no_post_data`, `post_window_incomplete`,
 * `no_pre_data`, `pre_window_incomplete`, `no_data_before_training`).
 */

/** The facts whose coverage is known, with how a day is read off each. */
export const COVERAGE_FACTS = [
  'fct_invitations',
  'fct_enrollments',
  'fct_service_requests',
  'fct_satisfaction',
  'fct_appraisals',
  'fct_costs',
  'fct_budgets',
  'fct_headcount',
] as const;
export type CoverageFact = (typeof COVERAGE_FACTS)[number];

/**
 * `day`: the fact has a date per row (first and last are days with rows). `year`: the fact is yearly
 * (appraisal period, budget year, headcount year, cost year): first is 1 January of its first year,
 * last 31 December of its last.
 */
export type CoverageGrain = 'day' | 'year';

const DAY = (col: string) => ({ grain: 'day' as const, first: `min(${col})`, last: `max(${col})` });
const YEAR = (col: string) => ({
  grain: 'year' as const,
  first: `make_date(min(${col}), 1, 1)`,
  last: `make_date(max(${col}), 12, 31)`,
});

const DATES: Record<CoverageFact, { grain: CoverageGrain; first: string; last: string }> = {
  fct_invitations: DAY('invited_on'),
  // An enrollment is dated by its offering's start; a completion may come later.
  fct_enrollments: {
    grain: 'day',
    first: 'min(start_date)',
    last: 'greatest(max(start_date), max(completed_on))',
  },
  fct_service_requests: DAY('submitted_on'),
  fct_satisfaction: DAY('surveyed_on'),
  fct_appraisals: YEAR('period'),
  fct_costs: YEAR('year'),
  fct_budgets: YEAR('fiscal_year'),
  fct_headcount: YEAR('year'),
};

/** The period one fact's data covers. */
export interface FactCoverage {
  readonly fact: CoverageFact;
  readonly grain: CoverageGrain;
  /** First day covered (YYYY-MM-DD). */
  readonly first: string;
  /** Last day covered (YYYY-MM-DD), inclusive. */
  readonly last: string;
  readonly rows: number;
}

/**
 * The coverage of `facts` (all by default), in that order; a fact without rows is left out. One
 * query (min and max of one date column per fact).
 */
export async function readCoverage(
  db: Db,
  facts: readonly CoverageFact[] = COVERAGE_FACTS,
): Promise<FactCoverage[]> {
  if (facts.length === 0) return [];
  // Fact names and expressions come from the table above (identifiers, not user input).
  const sql = facts
    .map((fact, i) => {
      const d = DATES[fact];
      return `SELECT ${i} AS ord, '${fact}' AS fact, '${d.grain}' AS grain, CAST(${d.first} AS VARCHAR) AS first,
        CAST(${d.last} AS VARCHAR) AS last, count(*) AS rows FROM marts.${fact}`;
    })
    .join(' UNION ALL ');
  const rows = await db.all<{
    fact: CoverageFact;
    grain: CoverageGrain;
    first: string | null;
    last: string | null;
    rows: number | bigint;
  }>(`${sql} ORDER BY ord`);
  return rows
    .filter((r) => Number(r.rows) > 0 && r.first !== null && r.last !== null)
    .map((r) => ({
      fact: r.fact,
      grain: r.grain,
      first: r.first as string,
      last: r.last as string,
      rows: Number(r.rows),
    }));
}

/** The coverage of one fact; null when it has no rows. One query. */
export async function readFactCoverage(db: Db, fact: CoverageFact): Promise<FactCoverage | null> {
  return (await readCoverage(db, [fact]))[0] ?? null;
}

/** The first day of the month after the month of an ISO date (YYYY-MM-DD). */
function nextMonthStart(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * How a half-open window [start, end) sits against a fact's coverage: `none` when no day of it is
 * covered, `partial` when some are, `full` when all are. Coverage counts in whole months (the
 * analysis windows are whole months, and a source need not have a row on every day: a month with
 * any row counts as covered), so data ending on 30 September leaves October to December uncovered,
 * while data ending on 1 December covers December. Unknown coverage (null) counts as full: nothing is
 * claimed about data the snapshot does not describe.
 */
export function windowCoverage(
  window: { readonly start: string; readonly end: string },
  coverage: FactCoverage | null,
): 'none' | 'partial' | 'full' {
  if (coverage === null) return 'full';
  const coveredStart = `${coverage.first.slice(0, 7)}-01`;
  const coveredEnd = nextMonthStart(coverage.last); // exclusive
  if (window.end <= coveredStart || window.start >= coveredEnd) return 'none';
  if (window.start < coveredStart || window.end > coveredEnd) return 'partial';
  return 'full';
}
