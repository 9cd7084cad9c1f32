import { type MartBinding, personColumns, programColumns } from './query/mart-binding.ts';

/** marts.fct_invitations: placed in time by the invitation date; person attributes as of the offering start. */
export const INVITATIONS: MartBinding = {
  label: 'fct_invitations',
  columns: { ...personColumns(), ...programColumns(), declineReason: 'decline_reason' },
  time: { kind: 'date', column: 'invited_on' },
};

/** marts.fct_enrollments placed in time by the offering start (enrolment-based rates). */
export const ENROLLMENTS_BY_START: MartBinding = {
  label: 'fct_enrollments',
  columns: { ...personColumns(), ...programColumns() },
  time: { kind: 'date', column: 'start_date' },
};

/** marts.fct_enrollments placed in time by the completion date (completion-based measures). */
export const ENROLLMENTS_BY_COMPLETION: MartBinding = {
  ...ENROLLMENTS_BY_START,
  time: { kind: 'date', column: 'completed_on' },
};

/** marts.fct_headcount (yearly, as of 30 June). */
export const HEADCOUNT: MartBinding = {
  label: 'fct_headcount',
  columns: personColumns(),
  time: { kind: 'year', column: 'year' },
};

/** JP histogram per year and agency (agg_jp_agency). */
export const JP_AGENCY: MartBinding = {
  label: 'agg_jp_agency',
  columns: { agency: 'agency_code' },
  time: { kind: 'year', column: 'year' },
};

/** Service pre-aggregates (see metric-aggregates.ts): month grain, by the service unit agency. */
export const SERVICE_DAYS: MartBinding = {
  label: 'agg_service_days',
  columns: { agency: 'agency_code', serviceType: 'service_type' },
  time: { kind: 'date', column: 'month_start' },
};

/** The service days histogram per year (whole years only; see `serviceTimes`). */
export const SERVICE_DAYS_YEAR: MartBinding = {
  label: 'agg_service_days_year',
  columns: SERVICE_DAYS.columns,
  time: { kind: 'year', column: 'year' },
};

/** The service days histogram summed over agencies (queries without the agency). */
export const SERVICE_DAYS_TYPE: MartBinding = {
  label: 'agg_service_days_type',
  columns: { serviceType: 'service_type' },
  time: SERVICE_DAYS.time,
};

export const SERVICE_DAYS_KELURAHAN: MartBinding = {
  ...SERVICE_DAYS,
  label: 'agg_service_days_kelurahan',
  columns: { ...SERVICE_DAYS.columns, kelurahan: 'kelurahan_code' },
};

/** Requests still open or not yet due at the data end, per month × agency × service type × kelurahan. */
export const SERVICE_DUE: MartBinding = {
  ...SERVICE_DAYS_KELURAHAN,
  label: 'agg_service_due',
};

export const SATISFACTION: MartBinding = {
  label: 'agg_satisfaction_month',
  columns: { agency: 'agency_code', serviceType: 'service_type' },
  time: { kind: 'date', column: 'month_start' },
};
