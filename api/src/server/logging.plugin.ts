import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ApiContext } from '../context.ts';
import { clientCodeOf } from '../errors/format-error.ts';
import type { Logger } from './logger.ts';

/**
 * Logs every error with its request id and the code the client got: refusals at info, failures at
 * error with their stack (server-side only; clients get formatError's view).
 */
export function loggingPlugin(logger: Logger): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors(rc) {
          for (const error of rc.errors) {
            const original = unwrapResolverError(error);
            // As the client sees it: a refusal (QUERY_TOO_COMPLEX, BAD_USER_INPUT, …) is a request
            // error at info; anything else is the server's failure, at error with its stack.
            const client = clientCodeOf(error);
            const code = client ?? 'INTERNAL_SERVER_ERROR';
            const internal = client === null;
            logger.log(internal ? 'error' : 'info', internal ? 'resolver failed' : 'request error', {
              requestId: rc.contextValue.requestId,
              code,
              path: error.path?.join('.'),
              error: original instanceof Error ? original.message : String(original),
              ...(internal && original instanceof Error ? { stack: original.stack } : {}),
            });
          }
        },
      };
    },
  };
}
