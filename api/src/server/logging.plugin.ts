import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ApiContext } from '../context.ts';
import type { Logger } from './logger.ts';

/** Logs every error with its request id and stack (server-side only; clients get formatError's view). */
export function loggingPlugin(logger: Logger): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors(rc) {
          for (const error of rc.errors) {
            const original = unwrapResolverError(error);
            const code = (error.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
            const internal =
              !(original && typeof original === 'object' && 'extensions' in original) &&
              !error.extensions?.code;
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
