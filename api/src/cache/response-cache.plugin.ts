import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult, OperationDefinitionNode } from 'graphql';
import type { ApiContext } from '../context.ts';
import { ResponseCache } from './response-cache.ts';

/**
 * Root fields whose answers do not come from the snapshot (run log and quarantine files, written
 * between publishes) or that act: never cached.
 */
const LIVE_ROOT_FIELDS = new Set(['etlRuns', 'dataQuality']);

function cacheable(operation: OperationDefinitionNode | undefined): operation is OperationDefinitionNode {
  if (operation?.operation !== 'query') return false;
  return operation.selectionSet.selections.every(
    (s) => s.kind === 'Field' && !LIVE_ROOT_FIELDS.has(s.name.value),
  );
}

/**
 * The variables `operation` declares, as the request sent them (in its order): all its answer
 * depends on. Validation and execution read only the declared ones, so an undeclared variable changes
 * nothing but the key; kept in it, it split one answer's entries, let a request of unused variables
 * grow its key to `MAX_KEY_CHARS`, and put whatever it held (a name and NIP, privacy review) in the
 * recent-requests list and its file (`RecentRequests`), which are read from the cache's keys.
 */
export function declaredVariables(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const declared = new Set(operation.variableDefinitions?.map((d) => d.variable.name.value));
  if (variables == null || declared.size === 0) return {};
  // fromEntries: a variable named `__proto__` stays an own property, as JSON.parse made it.
  return Object.fromEntries(Object.entries(variables).filter(([name]) => declared.has(name)));
}

function hitResponse(result: FormattedExecutionResult) {
  return {
    http: { status: undefined, headers: new HeaderMap() },
    body: { kind: 'single' as const, singleResult: result },
  };
}

/**
 * Serves repeated queries from the per-snapshot cache; marks responses `x-cache: hit|miss` (none
 * for a request that is never cached: a live field, a mutation, a key over `MAX_KEY_CHARS`). A miss
 * while the same key is already executing waits for that execution and is answered from its
 * result (also `hit`: nothing ran for it); if that execution fails, it executes on its own.
 *
 * What each operation did is its own (`served`), never read back from the response headers: the
 * operations of a batch share one set of headers, so a batch with a hit and a miss read the hit's
 * `x-cache` for both, and the miss never stored its result nor released its key. Every later
 * request for that key then waited for it until OPERATION_TIMEOUT_MS and got 504, until the next
 * publish (review of 2026-12-05, revApi). A batch is marked `miss` when any of its operations ran.
 */
export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<ApiContext> {
  return {
    // An operation that fails outside Apollo's error handling never reaches willSendResponse: its
    // waiters execute on their own rather than wait for it until their deadline.
    async unexpectedErrorProcessingRequest({ requestContext }) {
      cache.release(requestContext.contextValue);
    },
    async requestDidStart() {
      let key: string | undefined;
      /** This operation was answered from the cache or from an identical execution's result. */
      let served = false;
      return {
        async responseForOperation(rc) {
          if (!cacheable(rc.operation) || !rc.source) return null;
          // No key past MAX_KEY_CHARS (a comment-padded query text, long variables): answered, not
          // cached, not led (no `x-cache`), not listed for the warm-up. The key builder measures the
          // query text before serializing anything and the variables' JSON before assembling the key.
          const candidate = ResponseCache.key({
            snapshotId: rc.contextValue.lease.snapshot.id,
            role: rc.contextValue.principal.role,
            query: rc.source,
            // The operation name as requested (what the HTTP layer's shortcut sees, too): with the
            // query text it determines the operation as surely as the resolved name does.
            operationName: rc.request.operationName,
            // Declared ones only: a warm-up replays the variables the key holds (`recent`), and its
            // answer is found under the key of every request that differs in undeclared ones alone.
            variables: declaredVariables(rc.operation, rc.request.variables),
          });
          if (candidate === undefined) return null;
          key = candidate;
          const hit = cache.get(key);
          if (hit) {
            served = true;
            return hitResponse(hit);
          }
          const running = cache.inFlight(key);
          if (running) {
            const shared = await running;
            if (shared) {
              served = true;
              return hitResponse(shared);
            }
            return null;
          }
          cache.lead(key, rc.contextValue);
          return null;
        },
        async willSendResponse(rc) {
          if (key === undefined) return;
          const headers = rc.response.http.headers;
          if (served) {
            if (headers.get('x-cache') !== 'miss') headers.set('x-cache', 'hit');
            return;
          }
          headers.set('x-cache', 'miss');
          const body = rc.response.body;
          let result: FormattedExecutionResult | undefined;
          if (
            body.kind === 'single' &&
            !body.singleResult.errors?.length &&
            !rc.contextValue.signal.aborted
          ) {
            result = body.singleResult;
            // A request pinned to a kept snapshot (X-Snapshot-Id): its key names that snapshot, and
            // the warm-up does not replay it on the live one.
            cache.set(key, result, { pinned: rc.request.http?.headers.get('x-snapshot-id') !== undefined });
          }
          cache.release(rc.contextValue, result);
        },
      };
    },
  };
}
