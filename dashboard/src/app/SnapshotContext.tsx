import { useQuery } from '@apollo/client/react';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { useTokenStatus } from '../components/use-token-status.ts';
import { SnapshotQuery } from '../graphql/operations.ts';
import type { SnapshotHeader } from '../graphql/types.ts';
import { type SnapshotState, snapshotIdText, snapshotState } from './snapshot-state.ts';

/**
 * The snapshot the API is serving. Every tile cites its id; the API answers each request from one
 * snapshot and results are immutable per snapshot, so one id per page load is honest as long as
 * the cache is per snapshot (it is: a publish means a reload shows a new id).
 */
const SnapshotContext = createContext<SnapshotHeader | null>(null);

/** Whether that id is known, still coming, or will not come (see `snapshotState`), and why not. */
interface SnapshotStatus {
  readonly state: SnapshotState;
  /** The snapshot query's error (an unknown token: 401), for the pages that wait on the snapshot. */
  readonly error: unknown;
}
const SnapshotStatusContext = createContext<SnapshotStatus>({ state: 'loading', error: undefined });

export function SnapshotProvider({ children }: { children: ReactNode }) {
  const { data, error } = useQuery(SnapshotQuery);
  const tokenRejected = useTokenStatus() === 'rejected';
  const snapshot = data?.snapshot ?? null;
  const state = snapshotState(snapshot?.id, Boolean(error), tokenRejected);
  const status = useMemo(() => ({ state, error: error ?? undefined }), [state, error]);
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

/** Why the snapshot is unavailable (undefined while it loads or once it has come). */
export function useSnapshotError(): unknown {
  const { state, error } = useContext(SnapshotStatusContext);
  return state === 'ready' ? undefined : error;
}

/** The snapshot id to print: the id, "—" when none will come, else `loading` (see `snapshotIdText`). */
export function useSnapshotIdText(loading: string): string {
  return snapshotIdText(useSnapshotState(), useSnapshot()?.id, loading);
}
