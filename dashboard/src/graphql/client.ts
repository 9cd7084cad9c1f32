import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import introspection from './possible-types.generated.ts';
import { readToken } from './token-store.ts';

/**
 * Same-origin `/graphql` (the API serves the dashboard). Results are immutable per snapshot, so
 * `cache-first` is right; metric rows have no ids and are stored inside their query results.
 */
export function createClient(): ApolloClient {
  const link = new HttpLink({
    uri: '/graphql',
    fetch: (input, init) => {
      const token = readToken();
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  });
  return new ApolloClient({
    link,
    cache: createCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-first' } },
  });
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
    },
  });
}
