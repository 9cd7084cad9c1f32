import { type ApolloClient, ApolloLink, NetworkStatus } from '@apollo/client';
import { tap } from 'rxjs';

/** The operation of the snapshot the header, the footer and every card cite (`SnapshotProvider`). */
const SNAPSHOT_OPERATION = 'Snapshot';

/** A link that calls `onSuccess` with the operation's name for every answer with data and no errors. */
export function successLink(onSuccess: (operationName: string | undefined) => void): ApolloLink {
  return new ApolloLink((operation, forward) =>
    forward(operation).pipe(
      tap((result) => {
        if (result.data && !result.errors?.length) onSuccess(operation.operationName);
      }),
    ),
  );
}

/**
 * Refetches the snapshot query when it is on screen in error: after the API failed and came back,
 * the header's "Snapshot —", every card's "snapshot —" and the footer's dates stayed missing until
 * a full reload, because nothing asked for the snapshot again (mobile UX review, 2026-12-06).
 */
export function refetchFailedSnapshot(client: ApolloClient): void {
  for (const query of client.getObservableQueries('active')) {
    if (query.queryName !== SNAPSHOT_OPERATION) continue;
    const { error, networkStatus } = query.getCurrentResult();
    if (!error || networkStatus === NetworkStatus.refetch || networkStatus === NetworkStatus.loading)
      continue;
    // A refetch that fails again stays shown as the snapshot's error.
    void query.refetch().catch(() => undefined);
  }
}

/**
 * The link every query goes through: whenever another query succeeds (the API is back: a card's
 * "Coba lagi", a new filter, a page change), a snapshot query left in error is asked for again.
 * `client` is read when an answer comes, so the link can be made before the client.
 */
export function snapshotRecoveryLink(client: () => ApolloClient | undefined): ApolloLink {
  return successLink((name) => {
    const current = client();
    if (name !== SNAPSHOT_OPERATION && current) refetchFailedSnapshot(current);
  });
}
