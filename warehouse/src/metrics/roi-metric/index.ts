export { type IkmChange, type IkmSnapshot, loadIkmChanges } from './ikm-change.ts';
export { roi } from './roi.ts';
export { type AgencyRoiSummary, type RoiByAgencyQuery, roiByAgency } from './roi-by-agency.ts';
export { DEFAULT_JP_MINUTES, daysSavedRange, requestsPerYear, roiFromParts } from './roi-from-parts.ts';
export type {
  RoiEffect,
  RoiMetricAssumptions,
  RoiMetricOptions,
  RoiMetricResult,
  RoiSpec,
  RoiWarning,
  RoiWarningCode,
} from './roi-spec.ts';
export { type AgencyTrainingCosts, loadTrainingCosts, sumTrainingCosts } from './training-costs.ts';
