import { personIdSql } from '../models/marts/sql-fragments.ts';
import { type DataTest, rowLevel } from './dataTest.ts';

/** How far realised spending may exceed the allocation before someone should look (warn only). */
export const MAX_REALIZATION_RATIO = 1.5;

/** Row-level invariants: a row fails on its own (see `rowLevel`). */
const error = (name: string, model: string, sql: string): DataTest =>
  rowLevel({ name, model, severity: 'error', sql });
const warn = (name: string, model: string, sql: string): DataTest =>
  rowLevel({ name, model, severity: 'warn', sql });
/** Invariants over a whole mart (a group or the table), rerun whenever the mart changes. */
const errorOverTable = (name: string, model: string, sql: string): DataTest => ({
  name,
  model,
  severity: 'error',
  sql,
});
const between = (model: string, key: string, columns: readonly string[], lo: number, hi: number): DataTest =>
  error(
    `range_${model}_${columns.length === 1 ? columns[0] : `${columns[0]}_${columns.at(-1)}`}_${lo}_${hi}`,
    model,
    `SELECT ${key}, ${columns.join(', ')} FROM marts.${model}
     WHERE ${columns.map((c) => `${c} NOT BETWEEN ${lo} AND ${hi}`).join(' OR ')} ORDER BY ${key}`,
  );

/** The person attributes both facts take as of the offering start. */
const PERSON_CELLS = ['agency_code', 'agency_kind', 'grade_group', 'tenure_band', 'employment_type'];

/**
 * An invitation that enrolled sits in the same cells as its enrollment (both take the person as of
 * the offering start): the funnel's enrolled and completion's n then count the same employees in
 * every cell, and a difference of two shown cells of the two metrics tells no one. Incremental: the
 * changed rows of either fact against the other whole.
 */
function personOfEnrollment(): DataTest {
  const pairs = (invitations: string, enrollments: string) =>
    `SELECT i.invitation_id, e.enrollment_id FROM ${invitations} i
     JOIN ${enrollments} e ON e.offering_id = i.offering_id AND e.employee_key = i.employee_key
     WHERE (${PERSON_CELLS.map((c) => `i.${c}`).join(', ')})
       IS DISTINCT FROM (${PERSON_CELLS.map((c) => `e.${c}`).join(', ')})`;
  return {
    name: 'person_as_of_offering_fct_invitations',
    model: 'fct_invitations',
    severity: 'error',
    sql: `${pairs('marts.fct_invitations', 'marts.fct_enrollments')} ORDER BY invitation_id, enrollment_id`,
    delta: (source) => {
      const invitations = source('fct_invitations');
      const enrollments = source('fct_enrollments');
      const parts = [
        ...(invitations ? [pairs(invitations, 'marts.fct_enrollments')] : []),
        ...(enrollments ? [pairs('marts.fct_invitations', enrollments)] : []),
      ];
      return parts.length === 0
        ? null
        : `SELECT DISTINCT * FROM (${parts.join(' UNION ALL ')}) ORDER BY invitation_id, enrollment_id`;
    },
  };
}

const UNSUR = Array.from({ length: 9 }, (_, i) => `u${i + 1}`);
const REACTIONS = ['relevance', 'satisfaction', 'facilitator', 'intent_to_apply'].map((c) => `reaction_${c}`);

/** Row-level business invariants (a failing row is returned with its key). */
export const INVARIANT_TESTS: readonly DataTest[] = [
  error(
    'completed_after_submitted_fct_service_requests',
    'fct_service_requests',
    `SELECT request_id, submitted_at, completed_at FROM marts.fct_service_requests
     WHERE completed_at < submitted_at ORDER BY request_id`,
  ),
  error(
    'days_non_negative_fct_service_requests',
    'fct_service_requests',
    'SELECT request_id, days FROM marts.fct_service_requests WHERE days < 0 ORDER BY request_id',
  ),
  warn(
    'days_iff_completed_fct_service_requests',
    'fct_service_requests',
    `SELECT request_id, status, days FROM marts.fct_service_requests
     WHERE (status = 'completed') <> (days IS NOT NULL) ORDER BY request_id`,
  ),
  error(
    'jp_earned_non_negative_fct_enrollments',
    'fct_enrollments',
    'SELECT enrollment_id, jp_earned FROM marts.fct_enrollments WHERE jp_earned < 0 ORDER BY enrollment_id',
  ),
  warn(
    'completed_on_only_when_completed_fct_enrollments',
    'fct_enrollments',
    `SELECT enrollment_id, status, completed_on FROM marts.fct_enrollments
     WHERE completed_on IS NOT NULL AND status <> 'completed' ORDER BY enrollment_id`,
  ),
  // person_id counts the distinct employees of disclosure control: derived from employee_key alone.
  ...(['fct_invitations', 'fct_enrollments'] as const).map((model) => {
    const key = model === 'fct_invitations' ? 'invitation_id' : 'enrollment_id';
    return error(
      `person_id_of_employee_key_${model}`,
      model,
      `SELECT ${key}, employee_key, person_id FROM marts.${model}
       WHERE person_id IS DISTINCT FROM ${personIdSql('employee_key')} ORDER BY ${key}`,
    );
  }),
  personOfEnrollment(),
  between('fct_enrollments', 'enrollment_id', ['pre_score'], 0, 100),
  between('fct_enrollments', 'enrollment_id', ['post_score'], 0, 100),
  between('fct_enrollments', 'enrollment_id', REACTIONS, 1, 5),
  between('fct_appraisals', 'employee_key, period', ['score'], 0, 100),
  between('fct_satisfaction', 'response_id', UNSUR, 1, 4),
  error(
    'amount_non_negative_fct_costs',
    'fct_costs',
    'SELECT cost_id, amount_idr FROM marts.fct_costs WHERE amount_idr < 0 ORDER BY cost_id',
  ),
  error(
    'amounts_non_negative_fct_budgets',
    'fct_budgets',
    `SELECT agency_code, fiscal_year, allocated_idr, realized_idr FROM marts.fct_budgets
     WHERE allocated_idr < 0 OR realized_idr < 0 ORDER BY agency_code, fiscal_year`,
  ),
  warn(
    'realized_within_allocation_fct_budgets',
    'fct_budgets',
    `SELECT agency_code, fiscal_year, allocated_idr, realized_idr FROM marts.fct_budgets
     WHERE realized_idr > ${MAX_REALIZATION_RATIO} * allocated_idr ORDER BY agency_code, fiscal_year`,
  ),
  error(
    'valid_to_after_valid_from_dim_agency',
    'dim_agency',
    `SELECT agency_version_id, valid_from, valid_to FROM marts.dim_agency
     WHERE valid_to < valid_from ORDER BY agency_version_id`,
  ),
  error(
    'valid_to_after_valid_from_dim_employee',
    'dim_employee',
    `SELECT employee_key, valid_from, valid_to FROM marts.dim_employee
     WHERE valid_to < valid_from ORDER BY employee_key, valid_from`,
  ),
  errorOverTable(
    'one_current_version_dim_employee',
    'dim_employee',
    `SELECT employee_key, count(*) AS n FROM marts.dim_employee WHERE is_current
     GROUP BY employee_key HAVING count(*) > 1 ORDER BY employee_key`,
  ),
  error(
    'counts_consistent_agg_handler_month',
    'agg_handler_month',
    `SELECT employee_key, month_start, requests, completed, sla_met FROM marts.agg_handler_month
     WHERE completed > requests OR sla_met > completed OR requests <= 0 ORDER BY employee_key, month_start`,
  ),
  errorOverTable(
    'not_empty_dim_region',
    'dim_region',
    'SELECT 0 AS kelurahan FROM (SELECT count(*) AS n FROM marts.dim_region) WHERE n = 0',
  ),
  // An event of an employee with no assignment on record (all of them quarantined, or none given)
  // has no agency, grade or tenure to be placed by: the facts leave it out rather than fail every
  // run, and this names it (source table and id) so someone fixes the assignment.
  {
    name: 'events_without_assignment',
    model: 'fct_invitations',
    severity: 'warn',
    sql: `SELECT source, id FROM (
       SELECT 'invitations' AS source, id, employee_id FROM stg.invitations
       UNION ALL SELECT 'enrollments', id, employee_id FROM stg.enrollments
       UNION ALL SELECT 'xapi_enrollments', enrollment_id, employee_id FROM stg.xapi_enrollments
       UNION ALL SELECT 'appraisals', id, employee_id FROM stg.appraisals
     ) e
     WHERE NOT EXISTS (SELECT 1 FROM stg.employee_assignments a WHERE a.employee_id = e.employee_id)
     ORDER BY source, id`,
  },
];
