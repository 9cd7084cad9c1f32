import { personAsOfSql } from './sql-fragments.ts';

/**
 * Active headcount, the denominator of participation and JP compliance: an employee counts in a year
 * when an assignment covers 30 June of it (mid-year census). Years run from the earliest to the latest
 * year seen in any fact, so the series has no holes. Built after the facts it reads its range from.
 */
/** The facts whose years span the headcount series (mart, year column). */
const FACT_YEARS: readonly (readonly [string, string])[] = [
  ['fct_invitations', 'year'],
  ['fct_enrollments', 'year'],
  ['fct_appraisals', 'period'],
  ['fct_service_requests', 'year'],
  ['fct_satisfaction', 'year'],
  ['fct_costs', 'year'],
  ['fct_budgets', 'fiscal_year'],
];

/**
 * The first and last year seen in any fact (`lo`, `hi`; null without facts): all fct_headcount
 * reads of the facts, so the incremental build keeps it when this and its other inputs are unchanged.
 */
export const factYearRangeSql = `SELECT min(lo) AS lo, max(hi) AS hi FROM (
  ${FACT_YEARS.map(([t, c]) => `SELECT min(${c}) AS lo, max(${c}) AS hi FROM marts.${t}`).join('\n  UNION ALL ')}
)`;

export const fctHeadcountSql = fctHeadcountFrom('int_employee_assignment');

/**
 * The model for the employees of any relation shaped like int_employee_assignment (the incremental
 * build passes one employee subset; the person lookup still reads the whole intermediate table).
 */
export function fctHeadcountFrom(assignments: string): string {
  return `-- grain: one row per employee per year in which the employee held an assignment on 30 June
WITH years AS (
  SELECT CAST(unnest(range(lo, hi + 1)) AS INTEGER) AS year
  FROM (${factYearRangeSql})
  WHERE lo IS NOT NULL
),
active AS (
  SELECT DISTINCT a.employee_id, y.year, make_date(y.year, 6, 30) AS census
  FROM ${assignments} a
  JOIN years y
    ON a.started_on <= make_date(y.year, 6, 30)
   AND (a.ended_on IS NULL OR a.ended_on >= make_date(y.year, 6, 30))
),
events AS (
  SELECT row_number() OVER (ORDER BY employee_id, year) AS event_id, employee_id, census AS event_date, year
  FROM active
),
person AS (${personAsOfSql('events')})
SELECT
  p.employee_key,
  e.year,
  p.agency_code,
  p.agency_kind,
  p.grade_group,
  p.tenure_band,
  p.employment_type,
  p.age_band,
  p.sex
FROM events e
JOIN person p ON p.event_id = e.event_id
ORDER BY employee_key, year`;
}
