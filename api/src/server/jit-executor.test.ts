import 'reflect-metadata';
import { SnapshotReader } from '@asn/warehouse';
import {
  buildSchema,
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  parse,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiContext } from '../context.ts';
import { Loaders } from '../loaders/loaders.ts';
import { warehouseMetrics } from '../metrics/warehouse-metrics.ts';
import { apiSchema } from '../schema/build-schema.ts';
import type { ApiServices } from '../services.ts';
import { fixtureWarehouse } from '../testing/fixture-snapshot.ts';

vi.mock('graphql-jit', async (importOriginal) => {
  const actual = await importOriginal<typeof import('graphql-jit')>();
  return { ...actual, compileQuery: vi.fn(actual.compileQuery) };
});
// The api tests share one module registry per worker (vitest.config.ts: isolate false), where another
// file may have loaded the real modules already: the executor is loaded afresh, so that it compiles
// through the counted mock.
vi.resetModules();
const jit = await import('graphql-jit');
const { jitExecutor } = await import('./jit-executor.ts');

type Executor = ReturnType<typeof jitExecutor>;

/** The slice of Apollo's gateway request context the executor reads. */
function run(
  executor: Executor,
  document: DocumentNode,
  context: object,
  variables?: Record<string, unknown>,
  operationName?: string,
): Promise<ExecutionResult> {
  return executor({
    document,
    context,
    request: { ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) },
  } as unknown as Parameters<Executor>[0]) as Promise<ExecutionResult>;
}

/** What graphql-js's `execute` answers for the same operation. */
async function reference(
  schema: GraphQLSchema,
  document: DocumentNode,
  context: object,
  variables?: Record<string, unknown>,
  operationName?: string,
): Promise<ExecutionResult> {
  return await execute({
    schema,
    document,
    contextValue: context,
    ...(variables ? { variableValues: variables } : {}),
    ...(operationName ? { operationName } : {}),
  });
}

/** Errors as the client would see them (graphql-js's toJSON), plus what formatError relies on. */
function errorView(result: ExecutionResult) {
  return (result.errors ?? []).map((e) => ({
    json: e.toJSON(),
    isGraphQLError: e instanceof GraphQLError,
    extensionsIsObject: typeof e.extensions === 'object' && e.extensions !== null,
    // (A scalar's serialization error is wrapped around a GraphQLError by graphql-js and around an
    // Error here: same client answer, INTERNAL_SERVER_ERROR; only the server log's level differs.)
    original: e.originalError?.message,
  }));
}

describe('jitExecutor on a small schema', () => {
  const schema = buildSchema(`
    enum Kind { A B }
    input Page { offset: Int! = 0, limit: Int! = 50 }
    type Row { id: Int!, label: String, kind: Kind, score: Float }
    type Query {
      rows(page: Page): [Row!]!
      failing: Row
      strict: Row!
      coded: String
      notInt: Int
    }
  `);
  const rows = [
    { id: 1, label: 'one', kind: 'A', score: 0.5 },
    { id: 2, label: null, kind: 'B', score: null },
  ];
  const root = {
    rows: ({ page }: { page?: { offset: number; limit: number } }) =>
      rows.slice(page?.offset ?? 0, (page?.offset ?? 0) + (page?.limit ?? 50)),
    failing: () => {
      throw new Error('boom');
    },
    strict: () => null,
    notInt: () => 'x',
    coded: () => {
      throw new GraphQLError('bad', { extensions: { code: 'BAD_USER_INPUT', field: 'x' } });
    },
  };
  // buildSchema has no resolvers: root fields read the root value; attach them as resolvers.
  for (const [name, fn] of Object.entries(root)) {
    const field = schema.getQueryType()!.getFields()[name]!;
    field.resolve = (_s, args) => (fn as (a: unknown) => unknown)(args);
  }
  const executor = jitExecutor(schema);

  it('answers exactly what graphql-js answers, errors included', async () => {
    const cases: [string, Record<string, unknown>?, string?][] = [
      ['{ rows { id label kind score } }'],
      ['query Q($p: Page) { rows(page: $p) { id } }', { p: { offset: 1, limit: 1 } }],
      ['{ failing { id } rows { id } }'],
      ['{ strict { id } }'],
      ['{ notInt rows { id } }'],
      ['{ coded }'],
      ['query A { rows { id } } query B { coded }', undefined, 'B'],
      ['query A { rows { id } }', undefined, 'Missing'],
    ];
    for (const [query, variables, operationName] of cases) {
      const document = parse(query);
      const got = await run(executor, document, {}, variables, operationName);
      const want = await reference(schema, document, {}, variables, operationName);
      expect(got.data, query).toEqual(want.data);
      expect(errorView(got), query).toEqual(errorView(want));
    }
  });

  it('keeps the original error and its extensions (what formatError reads for the code)', async () => {
    const got = await run(executor, parse('{ coded }'), {});
    const error = got.errors?.[0];
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'x' });
    expect(error?.path).toEqual(['coded']);
    expect(error?.locations).toEqual([{ line: 1, column: 3 }]);
    expect(error?.originalError?.message).toBe('bad');
  });

  it('applies input defaults to omitted non-null fields of variables, like graphql-js', async () => {
    // graphql-jit alone refuses { limit: 1 } ("offset … was not provided"); graphql-js applies offset = 0.
    const document = parse('query Q($p: Page) { rows(page: $p) { id } }');
    const got = await run(executor, document, {}, { p: { limit: 1 } });
    expect(got).toEqual({ data: { rows: [{ id: 1 }] } });
  });

  it('compiles each document once and reuses it', async () => {
    const compile = vi.mocked(jit.compileQuery);
    const document = parse('{ rows { id kind } }');
    const before = compile.mock.calls.length;
    for (let i = 0; i < 3; i++) await run(executor, document, {});
    expect(compile.mock.calls.length - before).toBe(1);
    // Another parse of the same text is another document (Apollo's store makes them the same node).
    await run(executor, parse('{ rows { id kind } }'), {});
    expect(compile.mock.calls.length - before).toBe(2);
  });

  it('keeps the compiled operations of the most recently used documents only', async () => {
    const compile = vi.mocked(jit.compileQuery);
    const small = jitExecutor(schema, 2);
    const [a, b, c] = ['{ rows { id } }', '{ rows { kind } }', '{ rows { label } }'].map((q) => parse(q));
    const before = compile.mock.calls.length;
    for (const document of [a, b, a, c]) await run(small, document!, {});
    expect(compile.mock.calls.length - before).toBe(3);
    await run(small, a!, {}); // used after b: still kept
    expect(compile.mock.calls.length - before).toBe(3);
    await run(small, b!, {}); // dropped when c came
    expect(compile.mock.calls.length - before).toBe(4);
  });
});

describe('jitExecutor on the API schema', () => {
  let warehouse: Awaited<ReturnType<typeof fixtureWarehouse>>;
  let reader: SnapshotReader;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    warehouse = await fixtureWarehouse();
    reader = await SnapshotReader.open(warehouse.dir);
    schema = await apiSchema();
  });
  afterAll(async () => {
    await reader?.close();
    await warehouse?.cleanup();
  });

  const services = (dir: string): ApiServices => ({
    metrics: warehouseMetrics(),
    etl: { launch: () => ({}) as never, stop: async () => undefined },
    warehouseDir: dir,
    limits: { maxList: 500 },
    metricOptions: { minN: 5, jpMinutes: 45 },
  });
  const context = async (role: 'public' | 'analyst' | 'admin'): Promise<ApiContext> => {
    const lease = await reader.acquire();
    const s = services(warehouse.dir);
    return {
      requestId: 'test',
      principal: { role, name: role },
      lease,
      loaders: new Loaders(lease.db, s.metrics, s.metricOptions),
      services: s,
      signal: new AbortController().signal,
    };
  };

  // The bench's operations (the dashboard's main ones), a role-protected field and introspection.
  const filter = '{ from: "2024-01-01", to: "2024-12-31" }';
  const rowFields =
    'keys { agency tenureBand serviceType } period isTotal n pctOfTotal suppressed suppressionReason';
  const operations = [
    `{ participation(filter: ${filter}, groupBy: [agency], grain: month) { minN rows { ${rowFields} rate headcount participants } } }`,
    `{ resistance(filter: ${filter}, groupBy: [tenureBand], grain: quarter) { rows { ${rowFields} rate } } }`,
    `{ serviceTimes(filter: ${filter}, groupBy: [serviceType], grain: month) { rows { ${rowFields} medianDays p90Days slaMetRate } } }`,
    `{ satisfaction(filter: ${filter}, groupBy: [agency]) { rows { ${rowFields} ikm mutu } } }`,
    '{ agencies { code scorecard(year: 2024) { headcount participationRate ikm slaMetRate costPerParticipantIdr roiPct } } }',
    '{ participation(filter: { from: "2024-05-01", to: "2023-01-01" }) { minN } }',
    '{ snapshot { id } }',
    '{ __schema { queryType { name } types { name kind fields { name type { name kind ofType { name } } } } } }',
  ];

  it('gives the same answers as graphql-js for every role', async () => {
    const executor = jitExecutor(schema);
    for (const role of ['public', 'analyst', 'admin'] as const) {
      for (const query of [...operations, 'query Q($p: PageInput) { etlRuns(page: $p) { total } }']) {
        const document = parse(query);
        const variables = query.includes('$p') ? { p: { limit: 1 } } : undefined;
        const ctxA = await context(role);
        const ctxB = await context(role);
        try {
          const got = await run(executor, document, ctxA, variables);
          const want = await reference(schema, document, ctxB, variables);
          expect(JSON.stringify(got.data), `${role}: ${query}`).toBe(JSON.stringify(want.data));
          expect(errorView(got), `${role}: ${query}`).toEqual(errorView(want));
        } finally {
          ctxA.lease.release();
          ctxB.lease.release();
        }
      }
    }
  });

  it('type-graphql authorization still applies: public may not read the run log', async () => {
    const executor = jitExecutor(schema);
    const ctx = await context('public');
    try {
      const got = await run(executor, parse('{ etlRuns { total } }'), ctx);
      expect(got.data).toBeNull();
      expect(got.errors?.[0]?.path).toEqual(['etlRuns']);
      expect(got.errors?.[0]?.extensions.code).toBe('UNAUTHORIZED');
    } finally {
      ctx.lease.release();
    }
  });

  it('the metric rows really come back (not an empty or errored answer)', async () => {
    const executor = jitExecutor(schema);
    const ctx = await context('public');
    try {
      const got = await run(executor, parse(operations[0]!), ctx);
      expect(got.errors).toBeUndefined();
      const rows = (got.data as { participation: { rows: unknown[] } }).participation.rows;
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      ctx.lease.release();
    }
  });
});
