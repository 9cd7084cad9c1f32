import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  type GraphQLInputType,
  type GraphQLSchema,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  typeFromAST,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { beforeAll, describe, expect, it } from 'vitest';
import { readApiEnv } from '../env.ts';
import { apiSchema } from '../schema/build-schema.ts';
import { costEstimators } from './cost.plugin.ts';
import { GRAIN_COST_FACTOR, LIST_FILTER_COST_FACTOR, METRIC_COST } from './metric-cost.ts';

const { MAX_COST, MAX_LIST } = readApiEnv({});
const OPERATIONS = fileURLToPath(new URL('../../../dashboard/src/graphql/operations/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await apiSchema();
});

const price = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  getComplexity({
    schema,
    query: parse(query),
    variables,
    estimators: costEstimators(MAX_LIST),
    ...(operationName ? { operationName } : {}),
  });

/** One metric field with `args`, selecting `rows { n }` (2). */
const field = (args: string, name = 'serviceTimes') =>
  price(`{ ${name}${args ? `(${args})` : ''} { rows { n } } }`) - 2;

describe('a metric field costs METRIC_COST × its grain × (1 + groupBy dimensions) × 2 with a list filter', () => {
  it('grain: year 1, quarter 2, month 4, none 2', () => {
    expect(field('grain: year')).toBe(METRIC_COST);
    expect(field('grain: quarter')).toBe(2 * METRIC_COST);
    expect(field('grain: month')).toBe(4 * METRIC_COST);
    expect(field('')).toBe(2 * METRIC_COST);
    expect(GRAIN_COST_FACTOR).toEqual({ year: 1, quarter: 2, month: 4, none: 2 });
  });

  it('groupBy: 1 + its dimensions; a list filter doubles it, a range or an empty list does not', () => {
    expect(field('grain: year, groupBy: [serviceType]')).toBe(2 * METRIC_COST);
    expect(field('grain: year, groupBy: [serviceType, agency]')).toBe(3 * METRIC_COST);
    expect(field('grain: year, filter: { agencies: ["A"] }')).toBe(LIST_FILTER_COST_FACTOR * METRIC_COST);
    expect(field('grain: year, filter: { from: "2024-01-01", agencies: [] }')).toBe(METRIC_COST);
    expect(field('grain: month, groupBy: [serviceType], filter: { agencies: ["A"] }')).toBe(16 * METRIC_COST);
  });

  it('every metric field is priced so, variables included', () => {
    for (const name of ['participation', 'resistance', 'invitationFunnel', 'jpCompliance', 'satisfaction'])
      expect(field('grain: month, groupBy: [agency]', name), name).toBe(8 * METRIC_COST);
    expect(
      price('query($g: TimeGrain, $by: [Dimension!]) { satisfaction(grain: $g, groupBy: $by) { minN } }', {
        g: 'quarter',
        by: ['agency'],
      }),
    ).toBe(4 * METRIC_COST + 1);
  });

  it('kirkpatrick’s sections are priced on its arguments, as the metric fields are', () => {
    const k = (args: string) =>
      price(`{ kirkpatrick(${args}) { reaction { minN } results { serviceTimes { minN } } } }`);
    // 5, then (reaction 20 + 1, results 1 + serviceTimes 20 + 1) × the factor.
    expect(k('grain: year')).toBe(5 + 43);
    expect(k('grain: month, groupBy: [agency], filter: { agencies: ["A"] }')).toBe(5 + 43 * 16);
  });
});

/** The heavy query of the review (D2): serviceTimes by service type, one agency each, grains in turn. */
function aliases(count: number, grains: readonly (string | null)[]): string {
  const parts: string[] = [];
  for (let i = 0; parts.length < count; i++) {
    const grain = grains[i % grains.length];
    parts.push(
      `a${i}: serviceTimes(${grain ? `grain: ${grain}, ` : ''}groupBy: [serviceType], filter: { agencies: ["A${i}"] }) { rows { n } }`,
    );
  }
  return `{ ${parts.join(' ')} }`;
}

describe('MAX_COST (default 5,000) against the heavy query', () => {
  it('200 aliases of serviceTimes by month and service type, one agency each, are refused (4,400 before)', () => {
    expect(price(aliases(200, ['month']))).toBe(200 * (16 * METRIC_COST + 2));
    expect(price(aliases(200, ['month']))).toBeGreaterThan(MAX_COST);
    // The review's mix of grains, and 100 aliases, which ran past the timeout too.
    expect(price(aliases(200, ['month', 'quarter', 'year', null]))).toBeGreaterThan(MAX_COST);
    expect(price(aliases(100, ['month', 'quarter', 'year', null]))).toBeGreaterThan(MAX_COST);
  });

  it('at most 15 such month aliases fit (about 20 s of warehouse work on the scale-0.25 demo, not minutes)', () => {
    expect(price(aliases(15, ['month']))).toBeLessThanOrEqual(MAX_COST);
    expect(price(aliases(16, ['month']))).toBeGreaterThan(MAX_COST);
  });
});

/**
 * A value of `type` as costly as the dashboard can ask: month grain, two groupBy dimensions, a list
 * filter; for other inputs, their required fields only (they do not change the price).
 */
function worstCase(type: GraphQLInputType): unknown {
  const named = getNullableType(type);
  if (isListType(named)) {
    const item = getNullableType(named.ofType);
    if (isEnumType(item) && item.name === 'Dimension') return ['agency', 'tenureBand'];
    return [worstCase(named.ofType)];
  }
  if (isEnumType(named)) return named.name === 'TimeGrain' ? 'month' : named.getValues()[0]?.value;
  if (isInputObjectType(named)) {
    if (named.name === 'MetricFilterInput') return { agencies: ['A'], gradeGroups: ['II'] };
    const value: Record<string, unknown> = {};
    for (const f of Object.values(named.getFields()))
      if (isNonNullType(f.type) && f.defaultValue === undefined) value[f.name] = worstCase(f.type);
    return value;
  }
  if (isScalarType(named)) {
    if (named.name === 'Int' || named.name === 'Float') return 2024;
    if (named.name === 'Boolean') return true;
    if (named.name === 'LocalDate') return '2024-01-01';
    return 'X';
  }
  throw new Error(`no worst case for ${String(type)}`);
}

describe('what the dashboard and the researcher examples ask stays under MAX_COST', () => {
  it('every dashboard operation, at its costliest variables', async () => {
    const files = (await readdir(OPERATIONS)).filter((f) => f.endsWith('.graphql'));
    const source = (await Promise.all(files.map((f) => readFile(`${OPERATIONS}${f}`, 'utf8')))).join('\n');
    const document = parse(source);
    const priced: Record<string, number> = {};
    for (const def of document.definitions) {
      if (def.kind !== 'OperationDefinition' || !def.name) continue;
      const variables: Record<string, unknown> = {};
      for (const v of def.variableDefinitions ?? []) {
        const type = typeFromAST(schema, v.type as never) as GraphQLInputType | undefined;
        if (type) variables[v.variable.name.value] = worstCase(type);
      }
      priced[def.name.value] = price(source, variables, def.name.value);
    }
    expect(Object.keys(priced).length).toBeGreaterThanOrEqual(20);
    const over = Object.entries(priced).filter(([, cost]) => cost > MAX_COST);
    expect(over).toEqual([]);
  });

  it('every researcher example (api/examples), with its variables', async () => {
    const names = (await readdir(EXAMPLES)).filter((f) => f.endsWith('.graphql'));
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) {
      const query = await readFile(`${EXAMPLES}${name}`, 'utf8');
      const variables = JSON.parse(
        await readFile(`${EXAMPLES}${name.replace(/\.graphql$/, '.json')}`, 'utf8'),
      );
      expect(price(query, variables), name).toBeLessThanOrEqual(MAX_COST);
    }
  });
});
