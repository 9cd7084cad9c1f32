export { listRunRecords, markInterruptedRuns, runLogDir, writeRunRecord } from './runLogStore.ts';
export type { DataTestSummary, EtlRunRecord, RunMode, RunStatus, TableRunCounts } from './runRecord.ts';
export { type QuarantineCountRow, readWatermarks, writeRunMeta } from './writeRunMeta.ts';
