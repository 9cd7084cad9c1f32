import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ApiContext } from '../context.ts';
import { clientCodeOf } from '../errors/format-error.ts';
import type { Logger } from './logger.ts';

/**
 * Logs every error with its request id and the code the client got: refusals at info, failures at
 * error with their stack (server-side only; clients get formatError's view). Every mutation
 * (refreshWarehouse, rollbackWarehouse) also gets an audit line `mutation`: who (the token's name
 * from API_TOKENS_FILE, never the token or its hash; null when anonymous), the operation name, the
 * mutation fields and the outcome (`ok`, or the codes the client got), and from where: the fields
 * `addressesOf` gives for the request (`remoteAddress`, and `clientAddress` under TRUST_PROXY), as
 * on its `request` line. The ETL child's `etl started` line carries the same requestId with its
 * launchId.
 */
export function loggingPlugin(
  logger: Logger,
  addressesOf: (context: ApiContext) => Readonly<Record<string, unknown>> | undefined = () => undefined,
): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          if (rc.operation?.operation !== 'mutation') return;
          const body = rc.response.body;
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          const codes = [
            ...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'))),
          ];
          const principal = rc.contextValue.principal;
          logger.log('info', 'mutation', {
            requestId: rc.contextValue.requestId,
            ...addressesOf(rc.contextValue),
            principal: principal?.name ?? null,
            role: principal?.role ?? null,
            operation: rc.operationName ?? null,
            fields: rc.operation.selectionSet.selections.flatMap((s) =>
              s.kind === 'Field' ? [s.name.value] : [],
            ),
            outcome: codes.length === 0 ? 'ok' : codes.join(','),
          });
        },
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
