export { type AgencyRecord, listAgencies, listPrograms, type ProgramRecord } from './reference.ts';
export {
  type DataTestRecord,
  type MartRowCount,
  martRowCounts,
  type QuarantineCountRecord,
  readDataTests,
  readQuarantineCounts,
  readSnapshotWatermarks,
  snapshotTables,
  type WatermarkRecord,
} from './snapshot-meta.ts';
