import { useQuery } from '@apollo/client/react';
import { createContext, type ReactNode, useContext } from 'react';
import { SnapshotQuery } from '../graphql/operations.ts';
import type { SnapshotHeader } from '../graphql/types.ts';

/**
 * The snapshot the API is serving. Every tile cites its id; the API answers each request from one
 * snapshot and results are immutable per snapshot, so one id per page load is honest as long as
 * the cache is per snapshot (it is: a publish means a reload shows a new id).
 */
const SnapshotContext = createContext<SnapshotHeader | null>(null);

export function SnapshotProvider({ children }: { children: ReactNode }) {
  const { data } = useQuery(SnapshotQuery);
  return <SnapshotContext.Provider value={data?.snapshot ?? null}>{children}</SnapshotContext.Provider>;
}

export function useSnapshot(): SnapshotHeader | null {
  return useContext(SnapshotContext);
}
