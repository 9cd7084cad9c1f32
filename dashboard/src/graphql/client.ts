import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import introspection from './possible-types.generated.ts';
import { ServedSnapshots } from './served-snapshots.ts';
import { snapshotRecoveryLink } from './snapshot-recovery.ts';
import { noteTokenResponse, readToken } from './token-store.ts';

/**
 * Same-origin `/graphql` (the API serves the dashboard). Results are immutable per snapshot, so
 * `cache-first` is right; metric rows have no ids and are stored inside their query results.
 */
export function createClient(): ApolloClient {
  // After a publish or a rollback the page refetches what it shows, so every card cites one snapshot.
  let client: ApolloClient | undefined;
  const served = new ServedSnapshots(() => {
    const current = client;
    if (current) setTimeout(() => void resetAndRefetch(current), 0);
  });
  const link = new HttpLink({
    uri: '/graphql',
    fetch: async (input, init) => {
      const token = readToken();
      const ticket = served.send();
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      const response = await fetch(input, { ...init, headers });
      // A 401 to a request that carried a token means the server does not know it: the header's
      // token button says so (every query fails then, public ones included).
      if (token) noteTokenResponse(token, response.status);
      served.note(response.headers.get('x-snapshot-id'), ticket);
      return response;
    },
  });
  client = new ApolloClient({
    // A snapshot query left in error is asked again once another query succeeds (the API is back).
    link: ApolloLink.from([snapshotRecoveryLink(() => client), link]),
    cache: createCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-first' } },
  });
  return client;
}

/**
 * Drops every cached result and refetches the queries on screen: after the token changed (results
 * read under the old token) and after the API answered from a newer snapshot (results from the older
 * one; the header's snapshot is refetched too). A refetch that fails (an unknown token, a role that
 * may not see a section) reaches its own card through that query's error, so the rejection of the
 * whole reset is settled here rather than left as an uncaught promise rejection.
 */
export async function resetAndRefetch(client: ApolloClient): Promise<void> {
  try {
    await client.resetStore();
  } catch {
    // Shown per query (see above).
  }
}

/**
 * `possibleTypes` (generated from schema.graphql) lets the cache match fragments on interfaces: the
 * metric queries select rows through `fragment MetricRowFields on MetricRow`, and without it every
 * row would come back from the cache without keys, n or its suppression flags.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: introspection.possibleTypes,
    typePolicies: {
      // Singletons per snapshot: merge rather than warn when a second query selects more fields.
      Snapshot: { keyFields: ['id'] },
      DataQuality: { keyFields: ['snapshotId'] },
      Agency: { keyFields: ['code'] },
      Program: { keyFields: ['code'] },
      // One object per filter without an id, whose levels separate queries select (Partisipasi's
      // L1 and L2 cards): merge them instead of one query's result replacing the other's.
      Kirkpatrick: { merge: true },
    },
  });
}
