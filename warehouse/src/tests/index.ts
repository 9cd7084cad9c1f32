export { ACCEPTED_VALUES, type AcceptedValuesRule } from './acceptedValues.ts';
export { type DataTest, type DataTestResult, type DataTestSeverity, SAMPLE_SIZE } from './dataTest.ts';
export { DATA_TESTS } from './dataTests.ts';
export { failedTests, hasBlockingFailure } from './hasBlockingFailure.ts';
export { MAX_REALIZATION_RATIO } from './invariantTests.ts';
export { NIP_LIKE_PATTERN, STG_PSEUDONYM_COLUMNS } from './privacyTests.ts';
export { RELATIONSHIPS, type RelationshipRule } from './relationships.ts';
export { runDataTests } from './runDataTests.ts';
