import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_COHORT, FIXTURE_ROI } from '../testing/inputs.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

/**
 * Malformed input never reaches the warehouse as anything but a coded caller error: ~30 bad
 * variables, filters and documents (bad dates, unknown enums, negative or huge list sizes, huge
 * strings, SQL-looking strings). Every answer carries a caller-error code, is not a 5xx, and
 * holds no stack trace, file path, SQL or driver text.
 */
const ALLOWED = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_COMPLEX',
  'BAD_REQUEST',
  // Apollo's code for a document that does not parse (a caller error like the others).
  'GRAPHQL_PARSE_FAILED',
]);
const LEAK =
  /\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|stacktrace|SELECT\s|FROM\s+marts|marts\.|duckdb|Binder Error|Catalog Error|Parser Error|Conversion Error/i;

const METRIC =
  'query Q($f: MetricFilterInput, $g: [Dimension!], $grain: TimeGrain, $c: Boolean) { participation(filter: $f, groupBy: $g, grain: $grain, compare: $c) { minN rows { n } } }';
const PAGE = 'query Q($p: PageInput) { etlRuns(page: $p) { total } }';
const COHORT = 'query Q($c: CohortInput!) { cohortComparison(cohort: $c) { warnings { code } } }';
const ROI = 'query Q($i: RoiInput!) { roi(input: $i) { suppressed } }';
const BUDGET = 'query Q($i: BudgetScenarioInput!) { budgetScenario(input: $i) { seats } }';
const SQL = "2024-01-01'; DROP TABLE dim_agency; --";
const cohort = FIXTURE_COHORT;
const roiIn = FIXTURE_ROI;

interface Case {
  readonly name: string;
  readonly query?: string;
  readonly variables?: unknown;
  /** Raw request body instead of { query, variables }. */
  readonly raw?: string;
}

const CASES: readonly Case[] = [
  // Dates
  { name: 'date: month 13', query: METRIC, variables: { f: { from: '2024-13-01' } } },
  { name: 'date: 30 February', query: METRIC, variables: { f: { from: '2024-02-30' } } },
  { name: 'date: a word', query: METRIC, variables: { f: { to: 'yesterday' } } },
  { name: 'date: a number', query: METRIC, variables: { f: { from: 20240101 } } },
  { name: 'date: a timestamp', query: METRIC, variables: { f: { from: '2024-01-01T00:00:00Z' } } },
  { name: 'date: SQL-looking', query: METRIC, variables: { f: { from: SQL } } },
  { name: 'date: 10 000 chars', query: METRIC, variables: { f: { from: '9'.repeat(10_000) } } },
  {
    name: 'date: literal in the document',
    query: '{ participation(filter: { from: "2024-1-1" }) { minN } }',
  },
  {
    name: 'cohort: window from after to',
    query: COHORT,
    variables: { c: { ...cohort, from: '2024-01-01', to: '2023-01-01' } },
  },
  // Enums
  { name: 'enum: unknown grain', query: METRIC, variables: { grain: 'decade' } },
  { name: 'enum: grain as a number', query: METRIC, variables: { grain: 3 } },
  { name: 'enum: unknown groupBy', query: METRIC, variables: { g: ['agency', 'salary'] } },
  { name: 'enum: SQL-looking groupBy', query: METRIC, variables: { g: ['agency; DROP TABLE dim_agency'] } },
  { name: 'enum: unknown literal', query: '{ participation(grain: fortnight) { minN } }' },
  {
    name: 'enum: unknown cohort outcome',
    query: COHORT,
    variables: { c: { ...cohort, outcome: 'happiness' } },
  },
  {
    name: 'enum: unknown selector kind',
    query: COHORT,
    variables: { c: { ...cohort, selector: { kind: 'agency', value: 'X' } } },
  },
  // Sizes
  { name: 'page: negative limit', query: PAGE, variables: { p: { limit: -1 } } },
  { name: 'page: negative offset', query: PAGE, variables: { p: { offset: -10 } } },
  { name: 'page: limit above MAX_LIST', query: PAGE, variables: { p: { limit: 1_000_000 } } },
  { name: 'page: limit beyond Int', query: PAGE, variables: { p: { limit: 2 ** 40 } } },
  { name: 'page: fractional limit', query: PAGE, variables: { p: { limit: 1.5 } } },
  {
    name: 'list: more codes than MAX_LIST',
    query: METRIC,
    variables: { f: { agencies: Array.from({ length: 600 }, (_, i) => `A${i}`) } },
  },
  { name: 'cohort: negative window', query: COHORT, variables: { c: { ...cohort, windowMonths: -6 } } },
  {
    name: 'roi: confidence above 1',
    query: ROI,
    variables: { i: { ...roiIn, assumptions: { confidence: 5 } } },
  },
  {
    name: 'roi: negative hourly cost',
    query: ROI,
    variables: { i: { ...roiIn, assumptions: { hourlySalaryCostIdr: -5 } } },
  },
  {
    name: 'roi: window ends before it starts',
    query: ROI,
    variables: { i: { ...roiIn, from: '2023-12-31', to: '2023-01-01' } },
  },
  { name: 'cohort: window of 100 years', query: COHORT, variables: { c: { ...cohort, windowMonths: 1200 } } },
  {
    name: 'budget: negative budget',
    query: BUDGET,
    variables: { i: { agency: 'DISDUKCAPIL', program: 'PLY-PRIMA', budgetIdr: -1 } },
  },
  // Shapes
  { name: 'filter: unknown field', query: METRIC, variables: { f: { salary: 1 } } },
  { name: 'filter: a string', query: METRIC, variables: { f: 'everything' } },
  { name: 'filter: a list', query: METRIC, variables: { f: [] } },
  { name: 'list: numbers for codes', query: METRIC, variables: { f: { agencies: [1, 2] } } },
  { name: 'list: null item', query: METRIC, variables: { f: { agencies: [null] } } },
  { name: 'list: nested lists', query: METRIC, variables: { f: { agencies: [[['X']]] } } },
  { name: 'required variable missing', query: COHORT, variables: {} },
  { name: 'required variable null', query: COHORT, variables: { c: null } },
  // Bodies
  {
    name: 'huge string (over MAX_BODY_BYTES)',
    query: METRIC,
    variables: { f: { agencies: ['x'.repeat(1_100_000)] } },
  },
  { name: 'variables as a JSON string', raw: JSON.stringify({ query: METRIC, variables: '{"f":{}}' }) },
  {
    name: 'document: SQL instead of GraphQL',
    raw: JSON.stringify({ query: 'SELECT * FROM marts.dim_agency' }),
  },
  { name: 'document: too many tokens', query: `{ ${'snapshot { id } '.repeat(4_000)} }` },
];

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ MAX_LIST: 100 });
});
afterAll(() => t?.close());

describe('malformed input gets a coded caller error, never a leak', () => {
  it('has about thirty cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('$name', async (c) => {
    const before = t.calls.length;
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        authorization: `Bearer ${TOKENS.planner}`,
      },
      body: c.raw ?? JSON.stringify({ query: c.query, variables: c.variables ?? {} }),
    });
    const text = await res.text();
    const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
    // 4xx before execution; an argument refused by a resolver is a field error: 200 with `data`.
    expect(res.status, text.slice(0, 300)).toBeLessThan(500);
    if (res.status < 400) expect(text).toMatch(/"data":null/);
    expect(body.errors?.length, text.slice(0, 300)).toBeGreaterThan(0);
    for (const e of body.errors ?? []) expect(ALLOWED, e.message).toContain(e.extensions?.code);
    expect(text).not.toMatch(LEAK);
    // Answers stay small: a huge input is not echoed back.
    expect(text.length).toBeLessThan(4_000);
    // Caller errors are found before any metric runs.
    expect(t.calls.length).toBe(before);
  });
});
