import type { DataTest } from './dataTest.ts';
import { acceptedValuesTests, keyTests, relationshipTests } from './genericTests.ts';
import { INVARIANT_TESTS } from './invariantTests.ts';
import { PRIVACY_TESTS } from './privacyTests.ts';

/**
 * Every data test run after a mart build: keys, relationships, accepted values, invariants, privacy.
 * NOT NULL on non-key columns is not tested here: the contract's DDL enforces it at insert time.
 */
export const DATA_TESTS: readonly DataTest[] = [
  ...keyTests(),
  ...relationshipTests(),
  ...acceptedValuesTests(),
  ...INVARIANT_TESTS,
  ...PRIVACY_TESTS,
];
