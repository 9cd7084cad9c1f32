/** One line of the recovery table: a planted truth next to what the analytics estimated. */
export interface RecoveryRow {
  readonly effect: string;
  /** The planted / realised value the estimate is scored against (a number or a statement). */
  readonly planted: number | string;
  readonly estimate: number | string | null;
  readonly ciLow?: number | null;
  readonly ciHigh?: number | null;
  readonly n?: number | null;
  readonly pass: boolean;
}

const fmt = (x: number | string | null | undefined, digits = 3) =>
  x === null || x === undefined ? '–' : typeof x === 'number' ? x.toFixed(digits) : x;

/** The table as Markdown, for the test log and the issue's closing note. */
export function formatRecoveryTable(rows: readonly RecoveryRow[]): string {
  const lines = [
    '| effect | planted | estimate | 95 % CI | n | recovered |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.effect} | ${fmt(r.planted)} | ${fmt(r.estimate)} | ${
          r.ciLow === undefined ? '' : `[${fmt(r.ciLow)}, ${fmt(r.ciHigh)}]`
        } | ${r.n ?? ''} | ${r.pass ? 'yes' : 'NO'} |`,
    ),
  ];
  return lines.join('\n');
}

export const ciContains = (ci: { low: number; high: number } | null | undefined, value: number) =>
  ci !== null && ci !== undefined && ci.low <= value && value <= ci.high;
