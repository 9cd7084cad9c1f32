/**
 * SCD2 over a person's postings: one version per assignment, so a transfer or a promotion opens a new
 * row and facts can look up the person as they were. `valid_to` is the assignment's `ended_on`
 * (inclusive; null = running). `is_current`: the running assignment, or with `as_of` the one covering
 * that date; at most one per employee (the later start wins).
 */
export const dimEmployeeSql = dimEmployeeFrom('int_employee_assignment');

/** The model over any relation shaped like int_employee_assignment (the incremental build passes one employee subset). */
export function dimEmployeeFrom(assignments: string): string {
  return `-- grain: one row per employee per assignment period (SCD2 over agency, grade and position)
WITH versions AS (
  SELECT
    a.*,
    CASE WHEN p.as_of IS NULL THEN a.ended_on IS NULL
      ELSE a.started_on <= p.as_of AND (a.ended_on IS NULL OR a.ended_on >= p.as_of) END AS covers
  FROM ${assignments} a CROSS JOIN build_params p
)
SELECT
  employee_key,
  sex,
  birth_year,
  employment_type,
  appointed_on,
  education,
  agency_code,
  agency_kind,
  grade,
  grade_group,
  position_type,
  position_class,
  started_on AS valid_from,
  ended_on AS valid_to,
  covers AND row_number() OVER (
    PARTITION BY employee_key ORDER BY covers DESC, started_on DESC, assignment_id DESC
  ) = 1 AS is_current
FROM versions
ORDER BY employee_key, valid_from, assignment_id`;
}
