import type { MetricRow } from '../types.ts';

/** A metric row's group keys with every dimension null: a total row's (test fixtures). */
export const NO_KEYS: MetricRow['keys'] = {
  agency: null,
  agencyKind: null,
  program: null,
  method: null,
  competencyArea: null,
  gradeGroup: null,
  tenureBand: null,
  employmentType: null,
  serviceType: null,
  kelurahan: null,
  declineReason: null,
};
