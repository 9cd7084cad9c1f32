/** The fields of a data test result the Kualitas page orders by. */
export interface DataTestRow {
  readonly name: string;
  readonly severity: string;
  readonly status: string;
  readonly failingRows: number;
}

const rank = (t: DataTestRow): number => (t.status === 'pass' ? 2 : t.severity === 'error' ? 0 : 1);

/**
 * Data test results in reading order: failing error-level tests first (they block publication),
 * then failing warnings, each by failing rows (most first), then every passing test by name. A
 * steward sees what needs attention at the top of a table of a hundred or more tests.
 */
export function orderDataTests<T extends DataTestRow>(tests: readonly T[]): T[] {
  return [...tests].sort(
    (a, b) =>
      rank(a) - rank(b) || (rank(a) < 2 ? b.failingRows - a.failingRows : 0) || a.name.localeCompare(b.name),
  );
}
