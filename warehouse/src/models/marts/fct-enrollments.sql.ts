import { localDate, personAsOfSql, personIdSql } from './sql-fragments.ts';

/**
 * Enrollments from the source (PostgreSQL or file drops) and from xAPI statements, one row per
 * enrollment. For the same offering + employee the source row wins and the xAPI one is dropped, so a
 * participant is never counted twice. Person attributes and `grade` are as of the offering start (the
 * grade prices the participant's time). L2 pre/post scores and L1 reaction items come from
 * assessments and reactions of source enrollments (xAPI enrollments have neither, and their ids are
 * not source enrollment ids).
 */
export const fctEnrollmentsSql = fctEnrollmentsFor();

/**
 * The model, or with `keys` (a relation with an `id` column) only for the enrollments with those ids
 * (source or xAPI): the incremental build passes the changed ones.
 */
export function fctEnrollmentsFor(keys?: string): string {
  const only = (column: string, verb = 'WHERE') =>
    keys ? `${verb} ${column} IN (SELECT id FROM ${keys})` : '';
  return `-- grain: one row per enrollment of an employee in an offering, with L1 reaction and L2 scores
WITH source_enrollments AS (
  SELECT id AS enrollment_id, offering_id, employee_id, status, jp_earned, completed_at,
    split_part(_source, ':', 1) AS source
  FROM stg.enrollments
  ${only('id')}
),
xapi_enrollments AS (
  SELECT x.enrollment_id, x.offering_id, x.employee_id, x.status, x.jp_earned, x.completed_at,
    'xapi' AS source
  FROM stg.xapi_enrollments x
  WHERE NOT EXISTS (
    SELECT 1 FROM stg.enrollments s WHERE s.offering_id = x.offering_id AND s.employee_id = x.employee_id
  )
  ${only('x.enrollment_id', 'AND')}
),
enrollments AS (
  SELECT u.*, o.starts_on AS start_date
  FROM (SELECT * FROM source_enrollments UNION ALL SELECT * FROM xapi_enrollments) u
  LEFT JOIN stg.offerings o ON o.id = u.offering_id
),
events AS (
  SELECT enrollment_id AS event_id, employee_id, start_date AS event_date FROM enrollments
),
person AS (${personAsOfSql('events')}),
scores AS (
  SELECT
    enrollment_id,
    max(score) FILTER (WHERE kind = 'pre') AS pre_score,
    max(score) FILTER (WHERE kind = 'post') AS post_score
  FROM stg.assessments
  ${only('enrollment_id')}
  GROUP BY enrollment_id
),
reactions AS (
  SELECT enrollment_id, relevance, satisfaction, facilitator, intent_to_apply
  FROM stg.reactions
  ${only('enrollment_id')}
  QUALIFY row_number() OVER (PARTITION BY enrollment_id ORDER BY id DESC) = 1
)
SELECT
  e.enrollment_id,
  e.offering_id,
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
  p.grade,
  e.status,
  e.jp_earned,
  e.start_date,
  ${localDate('e.completed_at')} AS completed_on,
  coalesce(year(${localDate('e.completed_at')}), year(e.start_date)) AS year,
  e.source,
  CASE WHEN e.source <> 'xapi' THEN s.pre_score END AS pre_score,
  CASE WHEN e.source <> 'xapi' THEN s.post_score END AS post_score,
  CASE WHEN e.source <> 'xapi' THEN CAST(r.relevance AS DOUBLE) END AS reaction_relevance,
  CASE WHEN e.source <> 'xapi' THEN CAST(r.satisfaction AS DOUBLE) END AS reaction_satisfaction,
  CASE WHEN e.source <> 'xapi' THEN CAST(r.facilitator AS DOUBLE) END AS reaction_facilitator,
  CASE WHEN e.source <> 'xapi' THEN CAST(r.intent_to_apply AS DOUBLE) END AS reaction_intent_to_apply,
  e.source <> 'xapi' AND r.enrollment_id IS NOT NULL AS has_reaction,
  ${personIdSql('p.employee_key')} AS person_id
FROM enrollments e
LEFT JOIN marts.dim_offering o ON o.offering_id = e.offering_id
-- An employee with no assignment on record has no person: the event is left out (data test
-- events_without_assignment names it) rather than failing the run on a NULL employee_key.
JOIN person p ON p.event_id = e.enrollment_id
LEFT JOIN scores s ON s.enrollment_id = e.enrollment_id
LEFT JOIN reactions r ON r.enrollment_id = e.enrollment_id
ORDER BY enrollment_id`;
}
