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
  });
  return built;
}

/** The SDL committed as `schema.graphql`: sorted, so diffs stay small. */
export async function printApiSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await apiSchema()))}\n`;
}
