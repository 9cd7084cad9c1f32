/**
 * Closed vocabularies of the marts (DOMAIN §8, DESIGN sources). Kept here rather than imported from
 * the ETL's source catalog: the warehouse does not depend on the ETL, and these are what metrics and
 * the API filter on, whatever a source sends.
 */
export interface AcceptedValuesRule {
  readonly column: string;
  readonly values: readonly string[];
  /** Restrict to these marts; default: every mart that has the column. */
  readonly models?: readonly string[];
}

export const ACCEPTED_VALUES: readonly AcceptedValuesRule[] = [
  { column: 'grade_group', values: ['I', 'II', 'III', 'IV', 'PPPK'] },
  { column: 'tenure_band', values: ['<5', '5-9', '10-19', '20+'] },
  { column: 'age_band', values: ['<30', '30-39', '40-49', '50+'] },
  { column: 'employment_type', values: ['PNS', 'PPPK'] },
  { column: 'sex', values: ['M', 'F'] },
  {
    column: 'agency_kind',
    values: ['dinas', 'badan', 'kecamatan', 'sekretariat', 'inspektorat', 'kelurahan'],
  },
  { column: 'kind', values: ['dinas', 'badan', 'kecamatan', 'sekretariat', 'inspektorat', 'kelurahan'] },
  { column: 'position_class', values: ['managerial', 'non_managerial'] },
  {
    column: 'position_type',
    values: ['jpt_utama', 'jpt_madya', 'jpt_pratama', 'administrator', 'pengawas', 'fungsional', 'pelaksana'],
  },
  { column: 'method', values: ['workshop', 'seminar', 'e_learning', 'classroom', 'coaching'] },
  { column: 'competency_area', values: ['technical', 'soft_skills', 'regulation', 'it', 'leadership'] },
  { column: 'response', values: ['accepted', 'declined', 'no_response'] },
  { column: 'decline_reason', values: ['workload', 'already_experienced', 'schedule', 'health', 'other'] },
  { column: 'enrollment_status', values: ['completed', 'dropped', 'no_show'] },
  { column: 'status', values: ['completed', 'dropped', 'no_show'], models: ['fct_enrollments'] },
  {
    column: 'status',
    values: ['completed', 'in_progress', 'rejected', 'cancelled'],
    models: ['fct_service_requests'],
  },
  { column: 'source', values: ['postgres', 'files', 'xapi'] },
  { column: 'category', values: ['trainer', 'venue', 'materials', 'travel', 'platform', 'admin'] },
  { column: 'rating', values: ['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'] },
];
