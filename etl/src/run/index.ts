export { ReconciliationError } from './loadTable.ts';
export { DataTestsFailedError, runEtl } from './runEtl.ts';
export type { EtlMode, EtlProgress, EtlRunResult, EtlSource, EtlStage, RunEtlOptions } from './types.ts';
export { type DataTestOutcome, defaultWarehouseSteps, type WarehouseSteps } from './warehouseSteps.ts';
