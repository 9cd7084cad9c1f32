import type { DataTestResult } from './dataTest.ts';

/** True when an error-level test failed: the run must fail and nothing may be published. */
export function hasBlockingFailure(results: readonly DataTestResult[]): boolean {
  return results.some((r) => r.severity === 'error' && r.status === 'fail');
}

/** The failures worth a line in the run summary, errors first. */
export function failedTests(results: readonly DataTestResult[]): DataTestResult[] {
  return results
    .filter((r) => r.status === 'fail')
    .sort((a, b) =>
      a.severity === b.severity ? a.name.localeCompare(b.name) : a.severity === 'error' ? -1 : 1,
    );
}
