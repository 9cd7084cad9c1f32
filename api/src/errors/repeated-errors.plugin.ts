import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/** A response path with every list index as `*`: `agencies.*.scorecard`. */
function pattern(path: GraphQLFormattedError['path']): string {
  return (path ?? []).map((k) => (typeof k === 'number' ? '*' : k)).join('.');
}

/** The message with the list indices inside a dotted path (`agencies.3.scorecard`) as `*`. */
function messagePattern(message: string): string {
  return message.replace(/(?<=[A-Za-z_]\w*)\.\d+(?=\.|\b)/g, '.*');
}

/**
 * The same error at every item of a list (a field the caller's role may not read, asked under
 * `agencies { … }`: one per agency) is one error: the first, with `extensions.repeated` the number
 * of items it stands for and `extensions.pathPattern` the path with `*` for the list index. Errors
 * that differ in more than list indices (code, message or path) stay apart. A researcher sees one
 * refusal, not fifty.
 */
export function collapseRepeatedErrors(
  errors: readonly GraphQLFormattedError[],
): readonly GraphQLFormattedError[] {
  if (errors.length < 2) return errors;
  const groups = new Map<string, { first: GraphQLFormattedError; count: number }>();
  for (const e of errors) {
    const key = `${String(e.extensions?.code)}\u0000${pattern(e.path)}\u0000${messagePattern(e.message)}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { first: e, count: 1 });
  }
  if (groups.size === errors.length) return errors;
  return [...groups.values()].map(({ first, count }) =>
    count === 1 || !first.path?.some((k) => typeof k === 'number')
      ? first
      : {
          ...first,
          message: `${first.message} (the same at ${count} list items: ${pattern(first.path)})`,
          extensions: { ...first.extensions, repeated: count, pathPattern: pattern(first.path) },
        },
  );
}

/** Applies `collapseRepeatedErrors` to every single-result response. */
export function repeatedErrorsPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors } = response.body.singleResult;
          if (errors && errors.length > 1) {
            response.body.singleResult.errors = collapseRepeatedErrors(errors);
          }
        },
      };
    },
  };
}
