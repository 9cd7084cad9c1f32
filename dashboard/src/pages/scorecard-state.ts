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
