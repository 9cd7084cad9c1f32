import { personAsOfSql } from './sql-fragments.ts';

/**
 * SKP appraisal scores (the L3 outcome). Person attributes are as of 31 December of the period: the
 * SKP rates the whole year and is settled at its end, so a mid-year transfer counts to the new agency.
 */
export const fctAppraisalsSql = fctAppraisalsFrom('stg.appraisals');

/** The model over any relation shaped like stg.appraisals (the incremental build passes the changed rows). */
export function fctAppraisalsFrom(source: string): string {
  return `-- grain: one row per employee per appraisal year (SKP)
WITH events AS (
  SELECT id AS event_id, employee_id, make_date(period, 12, 31) AS event_date FROM ${source}
),
person AS (${personAsOfSql('events')})
SELECT
  p.employee_key,
  a.period,
  p.agency_code,
  p.agency_kind,
  p.grade_group,
  p.tenure_band,
  p.employment_type,
  a.score,
  a.rating
FROM ${source} a
-- An employee with no assignment on record has no person: the event is left out (data test
-- events_without_assignment names it) rather than failing the run on a NULL employee_key.
JOIN person p ON p.event_id = a.id
ORDER BY employee_key, period`;
}
