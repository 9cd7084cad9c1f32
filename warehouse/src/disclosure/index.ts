// Small-cell disclosure control: primary and complementary suppression, and an audit that attacks it.
export {
  applySuppression,
  type SuppressedRow,
  type SuppressionOptions,
  type SuppressionReason,
  suppressionReasons,
} from './apply-suppression.ts';
export { type AttackOptions, findRecoverableCells, type RecoveredCell } from './find-recoverable-cells.ts';
export {
  configureDisclosureOffload,
  DisclosureAbortedError,
  disclosureWorkersStarted,
  INLINE_WORK_LIMIT,
  runDisclosureTask,
  suppressionReasonsOffThread,
} from './offload.ts';
export type { PeriodGrain } from './period-lines.ts';
export { DEFAULT_MIN_N, type TableShapeOptions, type TotalsOption } from './suppression-table.ts';
export {
  DISCLOSURE_WORK_BUDGET,
  DisclosureTooComplexError,
  WorkMeter,
} from './work-meter.ts';
