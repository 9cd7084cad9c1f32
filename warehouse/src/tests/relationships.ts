import type { DataTestSeverity } from './dataTest.ts';

/** A foreign key between marts: every non-null `column` value must exist in `to.model.to.column`. */
export interface RelationshipRule {
  readonly column: string;
  readonly to: { readonly model: string; readonly column: string };
  readonly severity: DataTestSeverity;
}

/**
 * Applied to every mart that has the column (except the target itself). Kelurahan codes only warn:
 * an unknown kelurahan on a request should be looked at, not block the city's numbers. Grades only
 * warn: a grade missing from the salary scale only leaves participant time unpriced.
 */
export const RELATIONSHIPS: readonly RelationshipRule[] = [
  { column: 'agency_code', to: { model: 'dim_agency', column: 'agency_code' }, severity: 'error' },
  { column: 'organizer_agency_code', to: { model: 'dim_agency', column: 'agency_code' }, severity: 'error' },
  { column: 'parent_code', to: { model: 'dim_agency', column: 'agency_code' }, severity: 'error' },
  { column: 'program_id', to: { model: 'dim_program', column: 'program_id' }, severity: 'error' },
  { column: 'offering_id', to: { model: 'dim_offering', column: 'offering_id' }, severity: 'error' },
  { column: 'employee_key', to: { model: 'dim_employee', column: 'employee_key' }, severity: 'error' },
  { column: 'handled_by_key', to: { model: 'dim_employee', column: 'employee_key' }, severity: 'error' },
  { column: 'service_type', to: { model: 'dim_service_type', column: 'service_type' }, severity: 'error' },
  { column: 'kelurahan_code', to: { model: 'dim_region', column: 'kelurahan_code' }, severity: 'warn' },
  { column: 'grade', to: { model: 'dim_grade', column: 'grade' }, severity: 'warn' },
];
