import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type GraphQLSchema, parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApiEnv } from '../env.ts';
import { apiSchema } from '../schema/build-schema.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';
import { ANALYSIS_COST, PORTFOLIO_COST_MAX, PORTFOLIO_COST_PER_YEAR } from './analysis-cost.ts';
import { costEstimators } from './cost.plugin.ts';
import { LIST_FILTER_COST_FACTOR, METRIC_COST } from './metric-cost.ts';

const { MAX_COST, MAX_LIST } = readApiEnv({});
const OPERATIONS = fileURLToPath(new URL('../../../dashboard/src/graphql/operations/', import.meta.url));

let schema: GraphQLSchema;
let t: TestServer;
beforeAll(async () => {
  schema = await apiSchema();
  t = await startTestServer();
});
afterAll(() => t?.close());

const price = (query: string, variables: Record<string, unknown> = {}) =>
  getComplexity({ schema, query: parse(query), variables, estimators: costEstimators(MAX_LIST) });

const effects = (i: number) =>
  `e${i}: programEffects(input: { from: "2023-01-01", to: "2023-12-31", agencies: ["A${i}"] }) { n }`;
const portfolio = (i: number) => `p${i}: programPortfolio(windowMonths: ${3 + i}) { year }`;

describe('the analyses are priced by their warehouse work, not as one metric', () => {
  it('each analysis costs its price plus its selections', () => {
    expect(ANALYSIS_COST).toEqual({
      cohortComparison: 200,
      programEffects: 500,
      roi: 500,
      budgetScenario: 500,
    });
    expect(
      price(
        '{ cohortComparison(cohort: { selector: { kind: program, value: "P" }, from: "2023-01-01", to: "2023-12-31", outcome: service_days }) { n } }',
      ),
    ).toBe(200 + 1);
    expect(price(`{ ${effects(0)} }`)).toBe(500 + 1);
    expect(
      price(
        '{ roi(input: { selector: { kind: program, value: "P" }, from: "2023-01-01", to: "2023-12-31" }) { participants } }',
      ),
    ).toBe(500 + 1);
    expect(price('{ budgetScenario(input: { agency: "A", program: "P", budgetIdr: 1e9 }) { seats } }')).toBe(
      500 + 1,
    );
    // Not an analysis: a published participation and one small query, a metric field twice over
    // (doubled with a list, as the metric's price is).
    expect(price('{ budgetTrend(from: 2021, to: 2025) { year allocatedIdr } }')).toBe(2 * METRIC_COST + 2);
    expect(price('{ budgetTrend(agencies: []) { year } }')).toBe(2 * METRIC_COST + 1);
    expect(price('{ budgetTrend(agencies: ["A"]) { year } }')).toBe(
      2 * METRIC_COST * LIST_FILTER_COST_FACTOR + 1,
    );
    // Every one is many metrics' worth (a year metric: METRIC_COST for about 0.1 s).
    for (const cost of Object.values(ANALYSIS_COST)) expect(cost).toBeGreaterThanOrEqual(10 * METRIC_COST);
  });

  it('programPortfolio: 1,000 a year, every year (null) and at most 4,000, variables included', () => {
    expect(PORTFOLIO_COST_PER_YEAR).toBe(1000);
    expect(PORTFOLIO_COST_MAX).toBe(4000);
    expect(price('{ programPortfolio(years: [2023]) { year } }')).toBe(1000 + 1);
    expect(price('{ programPortfolio(years: [2022, 2023]) { year } }')).toBe(2000 + 1);
    expect(price('{ programPortfolio(years: [2019, 2020, 2021, 2022, 2023, 2024]) { year } }')).toBe(
      4000 + 1,
    );
    expect(price('{ programPortfolio { year } }')).toBe(4000 + 1);
    expect(price('query($y: [Int!]) { programPortfolio(years: $y) { year } }', { y: null })).toBe(4000 + 1);
    expect(price('query($y: [Int!]) { programPortfolio(years: $y) { year } }', { y: [2024] })).toBe(1000 + 1);
    // One portfolio of every year fits MAX_COST; two do not.
    expect(price(`{ ${portfolio(0)} }`)).toBeLessThanOrEqual(MAX_COST);
    expect(price(`{ ${portfolio(0)} ${portfolio(1)} }`)).toBeGreaterThan(MAX_COST);
  });

  it('the dashboard’s portfolio, every year as it asks (years unset), fits MAX_COST', async () => {
    const source = ['portfolio.graphql', 'fragments.graphql'].map((f) =>
      readFile(`${OPERATIONS}${f}`, 'utf8'),
    );
    const document = (await Promise.all(source)).join('\n');
    const cost = getComplexity({
      schema,
      query: parse(document),
      variables: { contrast: 'only_vs_untrained', isolation: 'joint', assumptions: { confidence: 0.5 } },
      operationName: 'ProgramPortfolio',
      estimators: costEstimators(MAX_LIST),
    });
    expect(cost).toBeGreaterThan(PORTFOLIO_COST_MAX);
    expect(cost).toBeLessThanOrEqual(MAX_COST);
  });

  it('the review’s alias bombs cost far above MAX_COST (2,040 and 2,222 before)', () => {
    const bomb = (n: number, alias: (i: number) => string) =>
      `{ ${Array.from({ length: n }, (_, i) => alias(i)).join(' ')} }`;
    expect(price(bomb(40, effects))).toBe(40 * 501);
    expect(price(bomb(22, portfolio))).toBe(22 * 4001);
    // At most nine programEffects of other arguments fit (about 2–6 s of warehouse work at scale 1).
    expect(price(bomb(9, effects))).toBeLessThanOrEqual(MAX_COST);
    expect(price(bomb(10, effects))).toBeGreaterThan(MAX_COST);
  });
});

describe('alias bombs of the analyses are refused before any runs', () => {
  it.each([
    ['programEffects', 40, effects, TOKENS.analyst],
    ['programPortfolio', 22, portfolio, TOKENS.planner],
  ] as const)('%s × %i aliases: QUERY_TOO_COMPLEX, fast, no metric call', async (_name, n, alias, token) => {
    const before = t.calls.length;
    const started = performance.now();
    const res = await gql(t.url, `{ ${Array.from({ length: n }, (_, i) => alias(i)).join(' ')} }`, { token });
    const ms = performance.now() - started;
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors?.[0]?.extensions?.maxCost).toBe(MAX_COST);
    expect(res.body.errors?.[0]?.extensions?.cost).toBeGreaterThan(MAX_COST);
    expect(t.calls.length).toBe(before);
    // Refused while pricing (16.8 s of warehouse work before); generous for a busy 2-core machine.
    expect(ms).toBeLessThan(2_000);
  });

  it('nine programEffects aliases still run (under MAX_COST)', async () => {
    // Windows of 4 … 12 months: each its own computation.
    const monthEnd = (m: number) => new Date(Date.UTC(2023, m, 0)).toISOString().slice(0, 10);
    const windows = Array.from(
      { length: 9 },
      (_, i) => `e${i}: programEffects(input: { from: "2023-01-01", to: "${monthEnd(i + 4)}" }) { n }`,
    );
    const res = await gql(t.url, `{ ${windows.join(' ')} }`, { token: TOKENS.analyst });
    expect(res.body.errors).toBeUndefined();
    expect(Object.keys(res.body.data ?? {})).toHaveLength(9);
  });
});
