export type { IkmChange, IkmSnapshot } from './ikm-change.ts';
export { DEFAULT_JP_MINUTES } from './participant-time.ts';
export { roi } from './roi.ts';
export { type AgencyRoiSummary, type RoiByAgencyQuery, roiByAgency } from './roi-by-agency.ts';
export type {
  RoiEffect,
  RoiMetricAssumptions,
  RoiMetricOptions,
  RoiMetricResult,
  RoiSpec,
  RoiWarning,
  RoiWarningCode,
} from './roi-spec.ts';
export { roiWarnings } from './roi-warnings.ts';
