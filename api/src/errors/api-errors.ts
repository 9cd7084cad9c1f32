import { GraphQLError } from 'graphql';

/** A caller mistake: the message is safe to show and says what to change. */
export function badInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } });
}

/** A limit the operation breaks; answered before execution, with the limit in the extensions. */
export function tooComplex(message: string, limit: Record<string, number>): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, ...limit },
  });
}
