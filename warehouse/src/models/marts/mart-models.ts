import { aggHandlerMonthSql } from './agg-handler-month.sql.ts';
import type { MartSpec } from './contract.ts';
import { dimAgencySql } from './dim-agency.sql.ts';
import { dimDateSql } from './dim-date.sql.ts';
import { dimEmployeeSql } from './dim-employee.sql.ts';
import { dimGradeSql } from './dim-grade.sql.ts';
import { dimOfferingSql } from './dim-offering.sql.ts';
import { dimProgramSql } from './dim-program.sql.ts';
import { dimServiceTypeSql } from './dim-service-type.sql.ts';
import { fctAppraisalsSql } from './fct-appraisals.sql.ts';
import { fctBudgetsSql } from './fct-budgets.sql.ts';
import { fctCostsSql } from './fct-costs.sql.ts';
import { fctEnrollmentsSql } from './fct-enrollments.sql.ts';
import { fctHeadcountSql } from './fct-headcount.sql.ts';
import { fctInvitationsSql } from './fct-invitations.sql.ts';
import { fctSatisfactionSql } from './fct-satisfaction.sql.ts';
import { fctServiceRequestsSql } from './fct-service-requests.sql.ts';

/** One SQL model: a SELECT whose columns are inserted by name into `marts.<name>`. */
export interface MartModel {
  readonly name: MartSpec['name'];
  readonly sql: string;
}

/**
 * Every SQL model in build order: a model may read the marts listed before it. `dim_region` is not
 * here: it comes from the idn-area-data package through the appender (see ../region).
 */
export const MART_MODELS: readonly MartModel[] = [
  { name: 'dim_date', sql: dimDateSql },
  { name: 'dim_agency', sql: dimAgencySql },
  { name: 'dim_program', sql: dimProgramSql },
  { name: 'dim_offering', sql: dimOfferingSql },
  { name: 'dim_service_type', sql: dimServiceTypeSql },
  { name: 'dim_grade', sql: dimGradeSql },
  { name: 'dim_employee', sql: dimEmployeeSql },
  { name: 'fct_invitations', sql: fctInvitationsSql },
  { name: 'fct_enrollments', sql: fctEnrollmentsSql },
  { name: 'fct_appraisals', sql: fctAppraisalsSql },
  { name: 'fct_service_requests', sql: fctServiceRequestsSql },
  { name: 'agg_handler_month', sql: aggHandlerMonthSql },
  { name: 'fct_satisfaction', sql: fctSatisfactionSql },
  { name: 'fct_costs', sql: fctCostsSql },
  { name: 'fct_budgets', sql: fctBudgetsSql },
  { name: 'fct_headcount', sql: fctHeadcountSql },
];
