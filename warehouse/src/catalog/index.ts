export {
  COVERAGE_FACTS,
  type CoverageFact,
  type CoverageGrain,
  type FactCoverage,
  readCoverage,
  readFactCoverage,
  windowCoverage,
} from './coverage.ts';
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
export {
  FILTER_LIST_FIELDS,
  type FilterListField,
  type FilterVocabulary,
  readFilterVocabulary,
  readYearSpan,
  unknownValues,
  type YearSpan,
} from './vocabulary.ts';
