import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { type DocumentNode, type ExecutionResult, execute, GraphQLError, type GraphQLSchema } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { DOCUMENT_STORE_CHARS, documentChars } from './document-store.ts';

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/** Compiled operations kept per parsed document (one per operation name asked for). */
const MAX_COMPILED_PER_DOCUMENT = 16;
/** Documents whose compiled operations are kept (least recently used dropped first). */
const MAX_COMPILED_DOCUMENTS = 500;
/**
 * …and their `documentChars` at most (each keeps its whole query text, comments included: 500
 * documents padded to 1 MB held 500 MB).
 */
const MAX_COMPILED_CHARS = DOCUMENT_STORE_CHARS;

/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter, plugged into Apollo
 * Server through its gateway hook (the only executor hook Apollo Server 5 has). Everything before
 * execution stays Apollo's: parsing and validation (cached per query text in its document store),
 * CSRF prevention, the plugins (cost, response cache, logging), formatError and the HTTP answer.
 *
 * graphql-jit compiles the operation's selection into one JavaScript function: it calls the same
 * resolvers with the same arguments (type-graphql's wrappers, so `@Authorized` and the auth checker
 * still run per field), serializes leaves with the schema's scalars and enums, and nulls and
 * reports errors per field like graphql-js; what it saves is graphql-js's per-field interpretation
 * (argument coercion, path and info objects, promise checks), which for a 600-row metric answer cost
 * more than the metric's own JavaScript.
 *
 * Compiling costs far more than one execution, so compiled operations are kept per DocumentNode
 * (Apollo's document store hands out the same node for the same query text), for the
 * `maxDocuments` most recently used documents, their query texts and trees at most
 * `MAX_COMPILED_CHARS` (the store bounds the size of its documents, which does not count the
 * compiled code hanging off them). A document jit cannot compile (e.g. an
 * unknown operation name) or whose variables it refuses runs on graphql-js's `execute`, which gives
 * the answer (or the errors) Apollo would have given without jit.
 */
export function jitExecutor(schema: GraphQLSchema, maxDocuments = MAX_COMPILED_DOCUMENTS): GatewayExecutor {
  const compiled = new Map<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  /** Σ documentChars of the documents in `compiled`. */
  let chars = 0;
  const compile = (document: DocumentNode, operationName: string | undefined) => {
    let byName = compiled.get(document);
    if (byName) {
      // Most recently used last (Map keeps insertion order).
      compiled.delete(document);
      compiled.set(document, byName);
    } else {
      byName = new Map();
      compiled.set(document, byName);
      chars += documentChars(document);
      while (compiled.size > 1 && (compiled.size > maxDocuments || chars > MAX_COMPILED_CHARS)) {
        const oldest = compiled.keys().next().value!;
        compiled.delete(oldest);
        chars -= documentChars(oldest);
      }
    }
    const key = operationName ?? '';
    let query = byName.get(key);
    if (!query) {
      query = compileQuery(schema, document, operationName);
      if (byName.size >= MAX_COMPILED_PER_DOCUMENT) byName.clear();
      byName.set(key, query);
    }
    return query;
  };
  return async (rc) => {
    const operationName = rc.request.operationName ?? undefined;
    const variables = rc.request.variables ?? {};
    const query = compile(rc.document, operationName);
    if (isCompiledQuery(query)) {
      const result = await query.query(undefined, rc.context, variables);
      // No `data` key: nothing ran, jit refused the variables (see below).
      if ('data' in result)
        return result.errors?.length ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
    }
    // graphql-js decides what jit could not compile or whose variables it refused. Variables that
    // graphql-js refuses never get here (the cost plugin coerces them first and answers
    // BAD_USER_INPUT); jit also refuses some valid ones: an omitted non-null input field that has a
    // default (PageInput.offset) is "not provided" to it, while graphql-js applies the default.
    return await execute({
      schema,
      document: rc.document,
      contextValue: rc.context,
      variableValues: variables,
      operationName,
    });
  };
}

/**
 * graphql-jit reports errors with its own GraphQLError look-alike: `extensions` is undefined unless
 * the original error had some (graphql-js always sets an object, and Apollo's error formatting reads
 * `extensions.code`: with jit's errors it threw, and every error became a bare INTERNAL_SERVER_ERROR).
 * This rebuilds each as graphql-js's `locatedError` would have: message, path, original error (whose
 * extensions it takes), locations and stack.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  // graphql-js wraps every error raised while completing a field (null in a non-null field, a value
  // a scalar cannot serialize) around an Error of the same message; jit leaves it bare.
  const originalError = error.originalError ?? (error.path ? new Error(error.message) : undefined);
  const located = new GraphQLError(error.message, {
    ...(error.path ? { path: error.path } : {}),
    ...(originalError ? { originalError } : {}),
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
  if (error.locations) (located as { locations?: unknown }).locations = error.locations;
  return located;
}

/** A "gateway" that serves a fixed schema and executes with `jitExecutor` (no schema updates). */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  return {
    async load() {
      return { schema, executor: jitExecutor(schema) };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
}
