import type { SnapshotLease } from '@asn/warehouse';
import type { Principal } from './auth/authenticate.ts';
import type { Loaders } from './loaders/loaders.ts';
import type { ApiServices } from './services.ts';

/**
 * One per request, thrown away afterwards (type-graphql examples + DataLoader): the principal, the
 * snapshot lease every resolver reads through (so a request sees one snapshot from start to end),
 * and the request's own DataLoaders.
 */
export interface ApiContext {
  readonly requestId: string;
  readonly principal: Principal;
  readonly lease: SnapshotLease;
  readonly loaders: Loaders;
  readonly services: ApiServices;
  /** Aborted when the operation times out: resolvers stop starting new warehouse work. */
  readonly signal: AbortSignal;
}
