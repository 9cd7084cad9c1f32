import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { roleAuthChecker } from '../auth/auth-checker.ts';
import { AgencyResolver } from '../resolvers/agency.resolver.ts';
import { AnalysisResolver } from '../resolvers/analysis.resolver.ts';
import { DataQualityResolver } from '../resolvers/data-quality.resolver.ts';
import { EtlResolver } from '../resolvers/etl.resolver.ts';
import { KeptSnapshotsResolver } from '../resolvers/kept-snapshots.resolver.ts';
import { KirkpatrickResolver, KirkpatrickResultsResolver } from '../resolvers/kirkpatrick.resolver.ts';
import { MetricResolver } from '../resolvers/metric.resolver.ts';
import { ProgramOutcomesResolver, ProgramResolver } from '../resolvers/program.resolver.ts';
import { ReadRangeResolver } from '../resolvers/read-range.resolver.ts';
import { SnapshotResolver } from '../resolvers/snapshot.resolver.ts';

const RESOLVERS = [
  SnapshotResolver,
  AgencyResolver,
  ProgramResolver,
  ProgramOutcomesResolver,
  MetricResolver,
  KirkpatrickResolver,
  KirkpatrickResultsResolver,
  AnalysisResolver,
  EtlResolver,
  KeptSnapshotsResolver,
  DataQualityResolver,
  ReadRangeResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/**
 * The executable schema (built once per process: type-graphql metadata is global). Validation by
 * class-validator is off: inputs are checked where their meaning lives (metrics → MetricInputError).
 */
export function apiSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker: roleAuthChecker,
    authMode: 'error',
    validate: false,
  }).then(describeRootTypes);
  return built;
}

/** The root types' descriptions (type-graphql builds Query and Mutation without one). */
export const ROOT_DESCRIPTIONS = {
  query:
    'Read-only entry points. Every answer of one operation comes from one warehouse snapshot (`snapshot { id }` names it: cite it). Fields marked (analyst), (planner) or (admin) need that role or higher; others are open to every role.',
  mutation:
    'Warehouse operations (admin): start an ETL run or make a kept snapshot live again. Sent by POST only (GET refuses mutations with 405).',
} as const;

/**
 * Sets the Query and Mutation descriptions on the built schema. graphql-js keeps `description` a
 * plain property, read when the schema is printed or introspected; buildSchema has no option for
 * it, and rebuilding the schema around new root types would have to re-link every type.
 */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = ROOT_DESCRIPTIONS.query;
  if (mutation) mutation.description = ROOT_DESCRIPTIONS.mutation;
  return schema;
}

/** The SDL committed as `schema.graphql`: sorted, so diffs stay small. */
export async function printApiSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await apiSchema()))}\n`;
}
