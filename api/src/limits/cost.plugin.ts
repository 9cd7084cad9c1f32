import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import {
  type ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';
import type { ApiContext } from '../context.ts';
import { tooComplex } from '../errors/api-errors.ts';

export interface CostLimits {
  readonly maxCost: number;
  readonly maxList: number;
}

/** Any list argument (codes, filter lists, …) or `limit`/`first` above maxList is refused. */
function listSizeEstimator(maxList: number): ComplexityEstimator {
  const check = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      if (value.length > maxList) {
        throw tooComplex(`${path} has ${value.length} items; the limit is ${maxList} (MAX_LIST).`, {
          maxList,
        });
      }
      return;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) check(v, `${path}.${k}`);
      return;
    }
    if (typeof value === 'number' && /\.(limit|first)$/.test(path) && value > maxList) {
      throw tooComplex(`${path} is ${value}; the limit is ${maxList} (MAX_LIST).`, { maxList });
    }
  };
  return ({ args, field }) => {
    check(args, field.name);
    return undefined;
  };
}

const MAX_MESSAGE = 300;

/** graphql-js's variable coercion message (it echoes the value: long ones are cut). */
function variableError(error: GraphQLError): GraphQLError {
  const message =
    error.message.length > MAX_MESSAGE
      ? `${error.message.slice(0, MAX_MESSAGE)}… (truncated)`
      : error.message;
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/**
 * Prices the operation before execution: per-field costs from `@Query/@FieldResolver({ complexity })`
 * (lists multiply their children), 1 per other field. Above MAX_COST → QUERY_TOO_COMPLEX, before
 * any resolver runs. The cost is logged with the request.
 */
export function costPlugin(schema: GraphQLSchema, limits: CostLimits): ApolloServerPlugin<ApiContext> {
  const estimators = [
    listSizeEstimator(limits.maxList),
    fieldExtensionsEstimator(),
    simpleEstimator({ defaultComplexity: 1 }),
  ];
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: rc.document,
              variables: rc.request.variables ?? {},
              ...(rc.operationName ? { operationName: rc.operationName } : {}),
              estimators,
            });
          } catch (error) {
            // Pricing coerces the variables before execution does: a missing or mistyped variable
            // surfaces here first and is the caller's mistake (BAD_USER_INPUT), not a server error.
            if (error instanceof GraphQLError && error.extensions.code === undefined)
              throw variableError(error);
            throw error;
          }
          (rc.contextValue as { cost?: number }).cost = cost;
          if (cost > limits.maxCost) {
            throw tooComplex(`Query cost ${cost} exceeds the limit of ${limits.maxCost} (MAX_COST).`, {
              cost,
              maxCost: limits.maxCost,
            });
          }
        },
      };
    },
  };
}
