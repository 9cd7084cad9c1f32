// Public: aggregate results only. `loadCohortUnits` / `cohortAnalysis` return person-level
// (pseudonymised) units and stay warehouse-internal on purpose.
export { type BehaviourChangeSpec, behaviourChange } from './behaviour-change.ts';
export {
  cohortComparison,
  DEFAULT_MAX_DROPPED_SHARE,
  DEFAULT_MIN_CELL_SIZE,
  DEFAULT_SMALL_N,
} from './cohort-comparison.ts';
export * from './cohort-spec.ts';
export { cohortWindowBounds, reportWindows } from './cohort-windows.ts';
