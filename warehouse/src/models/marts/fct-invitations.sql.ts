import { localDate, personAsOfSql, personIdSql } from './sql-fragments.ts';

/**
 * The head of the invitation funnel. Person attributes (agency, grade group, tenure band, employment
 * type) are as of the offering start, the date fct_enrollments takes them at, so an invitation that
 * enrolled sits in the same cells as its enrollment: the funnel's enrolled and completion's n count
 * the same people in each cell, and a difference of the two tells no one (an employee whose band or
 * office changed between the invitation and the offering would otherwise sit in different cells of
 * the two). The row is placed in time by the invitation date (`invited_on`, `year`). `enrolled` and
 * `enrollment_status` come from the enrollment of the same employee in the same offering (source or
 * xAPI, the source winning, as in fct_enrollments).
 */
export const fctInvitationsSql = fctInvitationsFrom('stg.invitations');

/** The model over any relation shaped like stg.invitations (the incremental build passes the changed rows). */
export function fctInvitationsFrom(source: string): string {
  return `-- grain: one row per invitation of an employee to an offering, with what came of it
WITH invitations AS (
  SELECT i.*, ${localDate('i.invited_at')} AS invited_on
  FROM ${source} i
),
events AS (
  -- As of the offering start, as fct_enrollments (the invitation date where the offering is unknown).
  SELECT i.id AS event_id, i.employee_id, coalesce(o.starts_on, i.invited_on) AS event_date
  FROM invitations i
  LEFT JOIN stg.offerings o ON o.id = i.offering_id
),
person AS (${personAsOfSql('events')}),
enrollment AS (
  SELECT offering_id, employee_id, status FROM stg.enrollments
  UNION ALL
  SELECT x.offering_id, x.employee_id, x.status FROM stg.xapi_enrollments x
  WHERE NOT EXISTS (
    SELECT 1 FROM stg.enrollments s WHERE s.offering_id = x.offering_id AND s.employee_id = x.employee_id
  )
),
enrollment_one AS (
  SELECT offering_id, employee_id, min(status) AS status FROM enrollment GROUP BY offering_id, employee_id
)
SELECT
  i.id AS invitation_id,
  i.offering_id,
  o.program_id,
  o.program_code,
  o.method,
  o.competency_area,
  p.employee_key,
  p.agency_code,
  p.agency_kind,
  p.grade_group,
  p.tenure_band,
  p.employment_type,
  i.invited_on,
  year(i.invited_on) AS year,
  i.response,
  i.decline_reason,
  en.status IS NOT NULL AS enrolled,
  en.status AS enrollment_status,
  ${personIdSql('p.employee_key')} AS person_id
FROM invitations i
LEFT JOIN marts.dim_offering o ON o.offering_id = i.offering_id
-- An employee with no assignment on record has no person: the event is left out (data test
-- events_without_assignment names it) rather than failing the run on a NULL employee_key.
JOIN person p ON p.event_id = i.id
LEFT JOIN enrollment_one en ON en.offering_id = i.offering_id AND en.employee_id = i.employee_id
ORDER BY invitation_id`;
}
