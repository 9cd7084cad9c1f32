export { type IkmChange, type IkmSnapshot, loadIkmChanges } from './ikm-change.ts';
export {
  DEFAULT_JP_MINUTES,
  mergeAssumptions,
  type PricedTime,
  priceParticipantTime,
} from './participant-time.ts';
export { roi } from './roi.ts';
export { type AgencyRoiSummary, type RoiByAgencyQuery, roiByAgency } from './roi-by-agency.ts';
export { daysSavedFromDid, daysSavedRange, requestsPerYear, roiFromParts } from './roi-from-parts.ts';
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
