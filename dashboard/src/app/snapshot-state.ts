/**
 * What the dashboard can say about the snapshot it cites:
 * - `ready`: the snapshot query answered; its id is cited.
 * - `loading`: no answer yet.
 * - `unavailable`: the query failed (an unknown token fails every request, the snapshot's too; a
 *   server that is down), so no id will come until something changes: "loading" would be a lie.
 */
export type SnapshotState = 'ready' | 'loading' | 'unavailable';

export function snapshotState(
  id: string | null | undefined,
  failed: boolean,
  tokenRejected: boolean,
): SnapshotState {
  if (id) return 'ready';
  // The token's verdict can come before the snapshot query's own error does.
  return failed || tokenRejected ? 'unavailable' : 'loading';
}

/** The snapshot id as the footer and the cards print it: the id, "—" when none can come, else `loading`. */
export function snapshotIdText(state: SnapshotState, id: string | null | undefined, loading: string): string {
  if (state === 'ready' && id) return id;
  return state === 'unavailable' ? '—' : loading;
}
