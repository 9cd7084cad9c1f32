import { type GraphQLFormattedError, type GraphQLSchema, parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { type CostLimits, costEstimators, MAX_QUERY_NODES } from './cost.plugin.ts';

/**
 * The summed cost of a batched POST's operations, priced as the cost plugin prices each one. The
 * plugin's limit is per operation, so without this a batch of MAX_BATCH operations could carry
 * MAX_BATCH × MAX_COST. An operation that cannot be priced (a parse error, a bad variable, a list
 * over MAX_LIST, a fragment bomb past MAX_QUERY_NODES selections) counts 0 here: Apollo refuses it
 * on its own. Each operation's walk stops at MAX_QUERY_NODES selections, as the plugin's does, so a
 * batch of fragment bombs costs MAX_BATCH bounded walks.
 */
export function batchCost(
  schema: GraphQLSchema,
  limits: CostLimits,
  operations: readonly unknown[],
  maxTokens: number,
): number {
  const estimators = costEstimators(limits.maxList);
  let total = 0;
  for (const op of operations) {
    if (!op || typeof op !== 'object') continue;
    const { query, operationName, variables } = op as Record<string, unknown>;
    if (typeof query !== 'string') continue;
    try {
      total += getComplexity({
        schema,
        query: parse(query, { maxTokens }),
        variables: variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : {},
        ...(typeof operationName === 'string' ? { operationName } : {}),
        estimators,
        maxQueryNodes: MAX_QUERY_NODES,
      });
    } catch {
      // Refused by Apollo with its own error, in its place in the batch.
    }
  }
  return total;
}

/** A batch whose operations together cost more than MAX_COST, refused whole before any runs. */
export function batchTooCostly(cost: number, maxCost: number): GraphQLFormattedError {
  return {
    message: `The batch's operations cost ${cost} together, above the limit of ${maxCost} (MAX_COST, which a batch shares).`,
    extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost },
  };
}
