import type { ServerResponse } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';

/** Answers with a GraphQL error body outside Apollo (auth, limits on the HTTP layer, timeouts). */
export function sendGraphQLError(
  res: ServerResponse,
  status: number,
  error: GraphQLFormattedError,
  accept: string | undefined,
  headers: Record<string, string> = {},
): void {
  const type = accept?.includes('application/graphql-response+json')
    ? 'application/graphql-response+json; charset=utf-8'
    : 'application/json; charset=utf-8';
  res.writeHead(status, { 'content-type': type, ...headers }).end(JSON.stringify({ errors: [error] }));
}
