export type { IkmChange, IkmSnapshot } from './ikm-change.ts';
export { roi } from './roi.ts';
export {
  checkRoiAssumptions,
  ROI_ASSUMPTION_BOUNDS,
  type RoiAssumptionBound,
} from './roi-assumption-bounds.ts';
export { type AgencyRoiSummary, type RoiByAgencyQuery, roiByAgency } from './roi-by-agency.ts';
export type {
  RoiEffect,
  RoiIsolation,
  RoiMetricAssumptions,
  RoiMetricOptions,
  RoiMetricResult,
  RoiSpec,
  RoiWarning,
  RoiWarningCode,
} from './roi-spec.ts';
export { roiWarningOf, roiWarnings } from './roi-warnings.ts';
export { type RoiScorecardHook, type ScorecardRoi, scorecardRoiHook } from './scorecard-roi-hook.ts';
