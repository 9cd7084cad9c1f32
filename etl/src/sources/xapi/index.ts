export { isoDurationSeconds } from './iso-duration.ts';
export { DEFAULT_JP_MINUTES, jpFromSeconds } from './jp.ts';
export {
  type LmsAccountRow,
  type LmsActivityRow,
  type MappedStatements,
  mapStatements,
  type XapiEnrollment,
  type XapiEnrollmentStatus,
} from './map-statements.ts';
export { parseStatements, type ReadStatementsOptions, readStatements } from './read-statements.ts';
export { type StatementRowResult, statementRow, XAPI_COLUMNS, XAPI_TABLE } from './statement-row.ts';
export { resolveVerb, SUPPORTED_VERBS, type SupportedVerb, type VerbResolution } from './verbs.ts';
export { xapiTimestampMillis, xapiTimestampText } from './xapi-timestamp.ts';
