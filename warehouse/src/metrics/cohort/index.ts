export { type BehaviourChangeSpec, behaviourChange } from './behaviour-change.ts';
export {
  analyseCohort,
  type CohortAnalysis,
  cohortAnalysis,
  cohortComparison,
  DEFAULT_MAX_DROPPED_SHARE,
  DEFAULT_MIN_CELL_SIZE,
  DEFAULT_SMALL_N,
} from './cohort-comparison.ts';
export * from './cohort-spec.ts';
export { type CohortUnit, loadCohortUnits } from './cohort-units.ts';
export { cohortWindowBounds, reportWindows } from './cohort-windows.ts';
