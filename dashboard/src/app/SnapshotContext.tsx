import { useQuery } from '@apollo/client/react';
import { createContext, type ReactNode, useContext, useMemo, useRef } from 'react';
import { useTokenStatus } from '../components/use-token-status.ts';
import { SnapshotQuery } from '../graphql/operations.ts';
import type { SnapshotHeader } from '../graphql/types.ts';
import { type SnapshotState, snapshotIdText, snapshotState } from './snapshot-state.ts';

/**
 * The snapshot the API is serving. Every tile cites its id; the API answers each request from one
 * snapshot and results are immutable per snapshot, so one id per page is honest as long as the
 * cache holds one snapshot's results: when a response comes from a newer snapshot (a publish while
 * the page is open), the client drops its cache and refetches what is on screen, this id included
 * (`ServedSnapshots`), and `updated` says so.
 */
const SnapshotContext = createContext<SnapshotHeader | null>(null);

/** Whether that id is known, still coming, or will not come (see `snapshotState`), and why not. */
interface SnapshotStatus {
  readonly state: SnapshotState;
  /** The snapshot query's error (an unknown token: 401), for the pages that wait on the snapshot. */
  readonly error: unknown;
  /** The page moved to a newer snapshot since it opened (its data was refetched). */
  readonly updated: boolean;
  /** Asks for the snapshot again (the header's "Coba lagi" beside an unavailable id). */
  readonly retry: () => void;
}
const SnapshotStatusContext = createContext<SnapshotStatus>({
  state: 'loading',
  error: undefined,
  updated: false,
  retry: () => undefined,
});

export function SnapshotProvider({ children }: { children: ReactNode }) {
  // Asked again when another query succeeds while this one is in error (`snapshotRecoveryLink`), by
  // "Coba lagi semua" (every active query) and by the header's retry: never "—" until a reload.
  const { data, error, refetch } = useQuery(SnapshotQuery);
  const tokenRejected = useTokenStatus() === 'rejected';
  const snapshot = data?.snapshot ?? null;
  const state = snapshotState(snapshot?.id, Boolean(error), tokenRejected);
  const firstId = useRef<string | null>(null);
  if (snapshot?.id && firstId.current === null) firstId.current = snapshot.id;
  const updated = Boolean(snapshot?.id) && snapshot?.id !== firstId.current;
  const status = useMemo(
    () => ({
      state,
      error: error ?? undefined,
      updated,
      retry: () => void refetch().catch(() => undefined),
    }),
    [state, error, updated, refetch],
  );
  return (
    <SnapshotContext.Provider value={snapshot}>
      <SnapshotStatusContext.Provider value={status}>{children}</SnapshotStatusContext.Provider>
    </SnapshotContext.Provider>
  );
}

export function useSnapshot(): SnapshotHeader | null {
  return useContext(SnapshotContext);
}

export function useSnapshotState(): SnapshotState {
  return useContext(SnapshotStatusContext).state;
}

/** Whether the page moved to a newer snapshot since it opened (a publish while it was open). */
export function useSnapshotUpdated(): boolean {
  return useContext(SnapshotStatusContext).updated;
}

/** Asks for the snapshot again; a failure stays shown as its error. */
export function useSnapshotRetry(): () => void {
  return useContext(SnapshotStatusContext).retry;
}

/** Why the snapshot is unavailable (undefined while it loads or once it has come). */
export function useSnapshotError(): unknown {
  const { state, error } = useContext(SnapshotStatusContext);
  return state === 'ready' ? undefined : error;
}

/** The snapshot id to print: the id, "—" when none will come, else `loading` (see `snapshotIdText`). */
export function useSnapshotIdText(loading: string): string {
  return snapshotIdText(useSnapshotState(), useSnapshot()?.id, loading);
}
