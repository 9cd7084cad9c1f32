import type { SnapshotState } from '../app/snapshot-state.ts';

/**
 * Whether the scorecard is still coming: the year waits on the snapshot (loading, not failed:
 * an unknown token fails it for good), then the scorecard's own query, unless it has failed.
 */
export function scorecardWaiting(
  year: number | null,
  snapshotState: SnapshotState,
  query: { readonly loading: boolean; readonly error?: unknown },
): boolean {
  if (year === null) return snapshotState === 'loading';
  return query.loading && !query.error;
}

/**
 * The scorecard's n: the headcount of the agencies it shows. An agency whose n is hidden is not
 * in the sum (`partial`), so the badge says it counts the agencies shown (5.249 beside Ringkasan's
 * 5.284 for the city), instead of passing for the city's total.
 */
export function scorecardN(cards: readonly { readonly n: number | null }[] | undefined): {
  n: number | null;
  partial: boolean;
} {
  if (!cards) return { n: null, partial: false };
  return {
    n: cards.reduce((s, c) => s + (c.n ?? 0), 0),
    partial: cards.some((c) => c.n === null),
  };
}
