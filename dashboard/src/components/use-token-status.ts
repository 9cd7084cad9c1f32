import { useSyncExternalStore } from 'react';
import { subscribeToken, type TokenStatus, tokenStatus } from '../graphql/token-store.ts';

/** The stored token's status (none, unverified, accepted, rejected by the server), kept current. */
export function useTokenStatus(): TokenStatus {
  return useSyncExternalStore(subscribeToken, tokenStatus, () => 'none');
}
