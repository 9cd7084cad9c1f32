import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  type SchemaMetaFieldDef,
  type TypeMetaFieldDef,
} from 'graphql';
import {
  type ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';
import { boundedKey } from '../cache/response-cache.ts';
import type { ApiContext } from '../context.ts';
import { tooComplex } from '../errors/api-errors.ts';
import { checkPage } from '../resolvers/page.ts';
import type { PageInput } from '../schema/page.input.ts';

export interface CostLimits {
  readonly maxCost: number;
  readonly maxList: number;
}

/** The input type of every paged list's `page` argument (offset, limit ≤ MAX_LIST). */
const PAGE_INPUT = 'PageInput';

/**
 * Refuses, before any resolver runs:
 * - a list argument (codes, filter lists, …) longer than maxList: QUERY_TOO_COMPLEX (a cost limit),
 *   with `field` (the argument path) and `maxList`;
 * - a page out of range (`page.limit` < 1 or > maxList, `page.offset` < 0): BAD_USER_INPUT /
 *   OUT_OF_RANGE with `field`, `min`, `max`, as the README documents, the same error whichever
 *   bound is broken. Every paged list takes a PageInput (a schema test keeps `limit` there).
 */
function listSizeEstimator(maxList: number): ComplexityEstimator {
  const check = (value: unknown, path: string, fieldName: string): void => {
    if (Array.isArray(value)) {
      if (value.length > maxList) {
        throw tooComplex(
          `${path} of ${fieldName} has ${value.length} items; the limit is ${maxList} (MAX_LIST).`,
          { field: path, maxList },
        );
      }
      return;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) check(v, `${path}.${k}`, fieldName);
    }
  };
  return ({ args, field }) => {
    for (const arg of field.args) {
      const value = args[arg.name];
      if (getNamedType(arg.type).name === PAGE_INPUT && value != null)
        checkPage(value as PageInput, maxList, { arg: arg.name, on: field.name, beforeExecution: true });
      check(value, arg.name, field.name);
    }
    return undefined;
  };
}

/**
 * What introspection costs, on top of its selections (1 a field, as any other): the whole schema
 * (`__schema`, about 250 KB as graphql-js's introspection query asks for it) 2,000, so an operation
 * under the default MAX_COST of 5,000 holds at most two; one type (`__type`, a few KB) 100. Priced
 * like data, aliasing either many times is QUERY_TOO_COMPLEX instead of megabytes of answer.
 */
export const INTROSPECTION_COST = { __schema: 2000, __type: 100 } as const satisfies Record<
  (typeof SchemaMetaFieldDef | typeof TypeMetaFieldDef)['name'],
  number
>;

const introspectionEstimator: ComplexityEstimator = ({ field, childComplexity }) => {
  const cost = Object.hasOwn(INTROSPECTION_COST, field.name)
    ? INTROSPECTION_COST[field.name as keyof typeof INTROSPECTION_COST]
    : undefined;
  return cost === undefined ? undefined : cost + childComplexity;
};

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
 * The selections (fields and fragment spreads, every time a fragment is spread) pricing walks
 * before it gives up (graphql-query-complexity's default). Fragments spread inside fragments
 * multiply: five levels of ten spreads are 100,000 selections in a document of 60.
 */
export const MAX_QUERY_NODES = 10_000;

/** graphql-query-complexity's own words when the walk passes `maxQueryNodes`. */
const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

/**
 * An error raised while pricing, as the caller sees it. Coded errors (the list and page limits)
 * pass as they are. A walk over MAX_QUERY_NODES selections (a fragment "bomb") is a limit:
 * QUERY_TOO_COMPLEX with `reason: TOO_MANY_NODES` and `maxQueryNodes`. Pricing coerces the
 * variables before execution does, so a missing or mistyped variable (graphql-js: `Variable "$x"
 * …`, or a directive's or field's argument given a variable it cannot take: `Argument "if" of
 * non-null type "Boolean!" must not be null.`) surfaces here first and is the caller's mistake:
 * BAD_USER_INPUT (its reason, INVALID_VARIABLE, is added by formatError).
 */
export function pricingError(error: unknown): unknown {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return error;
  if (error.message === TOO_MANY_NODES)
    return tooComplex(
      `The query spreads its fragments into more than ${MAX_QUERY_NODES} selections (fragments spread inside fragments multiply); spread each fragment once or select the fields directly.`,
      { reason: 'TOO_MANY_NODES', maxQueryNodes: MAX_QUERY_NODES },
    );
  return variableError(error);
}

/** How a field is priced, first match wins: list limits, introspection, `complexity`, else 1. */
export function costEstimators(maxList: number): ComplexityEstimator[] {
  return [
    listSizeEstimator(maxList),
    introspectionEstimator,
    fieldExtensionsEstimator(),
    simpleEstimator({ defaultComplexity: 1 }),
  ];
}

/** Costs already computed, per parsed document (Apollo's document store hands out the same node). */
const MAX_PRICED_PER_DOCUMENT = 64;

/**
 * Prices the operation before execution: per-field costs from `@Query/@FieldResolver({ complexity })`
 * (lists multiply their children), 1 per other field. Above MAX_COST → QUERY_TOO_COMPLEX, before
 * any resolver runs. The cost is logged with the request.
 *
 * The price depends only on the document, the operation and the variables, so it is computed once
 * per (document, operationName, variables) and reused: a dashboard sends the same few documents
 * over and over, and walking the document costs more than serving a cached response. Apollo keeps
 * validated documents in its document store, so a repeated query string is the same DocumentNode;
 * the memo hangs off that node (WeakMap) and goes away with it. Refusals are not memoized.
 */
export function costPlugin(schema: GraphQLSchema, limits: CostLimits): ApolloServerPlugin<ApiContext> {
  const estimators = costEstimators(limits.maxList);
  const priced = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const variables = rc.request.variables ?? {};
          // Undefined past MAX_KEY_CHARS, as the response cache's keys: (operation name, variables).
          const memoKey = boundedKey([rc.operationName ?? null], variables);
          let known = priced.get(rc.document);
          let cost = memoKey === undefined ? undefined : known?.get(memoKey);
          if (cost === undefined) {
            try {
              cost = getComplexity({
                schema,
                query: rc.document,
                variables,
                ...(rc.operationName ? { operationName: rc.operationName } : {}),
                estimators,
                maxQueryNodes: MAX_QUERY_NODES,
              });
            } catch (error) {
              throw pricingError(error);
            }
            // A long memo key (unused variables, which nothing else bounds but MAX_BODY_BYTES) is not
            // kept: 64 of them per document held 64 MB.
            if (cost <= limits.maxCost && memoKey !== undefined) {
              if (!known) {
                known = new Map();
                priced.set(rc.document, known);
              }
              if (known.size >= MAX_PRICED_PER_DOCUMENT) known.clear();
              known.set(memoKey, cost);
            }
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
