import { gradeGroupSql, positionClassSql } from './sql-fragments.ts';

/**
 * Intermediate model (temp table `int_employee_assignment`), the base of `dim_employee` and of every
 * person-as-of-event attribute: each assignment with the employee's fixed attributes and its agency
 * version resolved to the stable agency code. Assignments of unknown employees have no key and are
 * left out; an unknown agency version leaves agency_code null, which the NOT NULL marts reject loudly.
 */
export const intEmployeeAssignmentSql = `-- grain: one row per employee assignment (posting: agency, grade, position) from stg.employee_assignments
CREATE OR REPLACE TEMP TABLE int_employee_assignment AS
SELECT
  a.id AS assignment_id,
  a.employee_id,
  e.employee_key,
  e.sex,
  e.birth_year,
  e.employment_type,
  e.appointed_on,
  e.education,
  ag.code AS agency_code,
  ag.kind AS agency_kind,
  a.grade,
  ${gradeGroupSql('a.grade')} AS grade_group,
  a.position_type,
  ${positionClassSql('a.position_type')} AS position_class,
  a.started_on,
  a.ended_on
FROM stg.employee_assignments a
JOIN stg.employees e ON e.id = a.employee_id
LEFT JOIN stg.agencies ag ON ag.id = a.agency_id`;
