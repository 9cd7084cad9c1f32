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
 * 5.284 for the city), instead of passing for the city's total. With no n shown at all (every
 * agency's hidden, a tiny warehouse) there is no sum: null, written "n = —" as a chart card writes
 * its all-hidden n (`totalN`, `cardN`), never "n = 0", which would say nobody is counted.
 */
export function scorecardN(cards: readonly { readonly n: number | null }[] | undefined): {
  n: number | null;
  partial: boolean;
} {
  const shown = (cards ?? []).filter((c): c is { readonly n: number } => c.n !== null);
  if (!cards || shown.length === 0) return { n: null, partial: false };
  return {
    n: shown.reduce((s, c) => s + c.n, 0),
    partial: shown.length < cards.length,
  };
}
