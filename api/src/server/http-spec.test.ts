import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { prefersGraphQLResponse, statusForMediaType } from './graphql-response.ts';

/**
 * GraphQL over HTTP (graphql.github.io/graphql-over-http): media type negotiation and status codes.
 * - `application/graphql-response+json`: a request that fails as GraphQL (parse, validation,
 *   variables) is 4xx.
 * - legacy `application/json` (also when Accept is missing): a well-formed request is 200 even when
 *   the GraphQL request failed; only a non-well-formed request (no query, bad body) is 4xx.
 * - Every error carries `extensions.code`.
 */
const GR = 'application/graphql-response+json';
const JSON_TYPE = 'application/json';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

interface Answer {
  status: number;
  type: string;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: unknown } }[] };
}

async function post(
  body: string,
  accept: string | undefined,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<Answer> {
  const res = await fetch(`${t.url}/graphql`, {
    method,
    headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}), ...headers },
    body,
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: JSON.parse(await res.text()),
  };
}

const op = (query: string, variables?: unknown) =>
  JSON.stringify({ query, ...(variables ? { variables } : {}) });

function expectCoded(a: Answer, code: string) {
  expect(a.body.errors?.length).toBeGreaterThan(0);
  for (const e of a.body.errors ?? []) expect(typeof e.extensions?.code).toBe('string');
  expect(a.body.errors?.[0]?.extensions?.code).toBe(code);
}

const REQUEST_ERRORS: [string, string, string][] = [
  ['validation', op('{ nope }'), 'GRAPHQL_VALIDATION_FAILED'],
  ['parse', op('{ snapshot { id '), 'GRAPHQL_PARSE_FAILED'],
  ['missing variable', op('query Q($c: String!) { agency(code: $c) { code } }'), 'BAD_USER_INPUT'],
  [
    'mistyped variable',
    op('query Q($g: TimeGrain) { participation(grain: $g) { minN } }', { g: 'decade' }),
    'BAD_USER_INPUT',
  ],
];

describe('GraphQL over HTTP: media types and status codes', () => {
  it.each(REQUEST_ERRORS)('%s: 400 with application/graphql-response+json', async (_name, body, code) => {
    const a = await post(body, GR);
    expect(a.status).toBe(400);
    expect(a.type).toMatch(/^application\/graphql-response\+json/);
    expect(a.body.data).toBeUndefined();
    expectCoded(a, code);
  });

  it.each(REQUEST_ERRORS)('%s: 200 with legacy application/json', async (_name, body, code) => {
    const a = await post(body, JSON_TYPE);
    expect(a.status).toBe(200);
    expect(a.type).toMatch(/^application\/json/);
    expectCoded(a, code);
  });

  it('no Accept header is treated as application/json (200 for a validation error)', async () => {
    const a = await post(op('{ nope }'), undefined);
    expect(a.status).toBe(200);
    expect(a.type).toMatch(/^application\/json/);
    expectCoded(a, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('GET with application/json: a validation error is 200 too', async () => {
    const res = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ nope }')}`, {
      headers: { accept: JSON_TYPE, 'apollo-require-preflight': '1' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Answer['body']).errors?.[0]?.extensions?.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
  });

  it('negotiates by q-value: the preferred type wins, q=0 refuses', async () => {
    const both = await post(op('{ nope }'), `${JSON_TYPE};q=0.9, ${GR}`);
    expect(both.type).toMatch(/^application\/graphql-response\+json/);
    expect(both.status).toBe(400);
    const refused = await post(op('{ nope }'), `${GR};q=0, ${JSON_TYPE}`);
    expect(refused.type).toMatch(/^application\/json/);
    expect(refused.status).toBe(200);
    // Errors answered by our own HTTP layer negotiate the same way.
    const auth = await post(op('{ snapshot { id } }'), `${GR};q=0, ${JSON_TYPE}`, {
      authorization: 'Bearer nope',
    });
    expect(auth.status).toBe(401);
    expect(auth.type).toMatch(/^application\/json/);
    expectCoded(auth, 'UNAUTHENTICATED');
  });

  it('success is 200 in the negotiated type', async () => {
    for (const [accept, type] of [
      [GR, /^application\/graphql-response\+json/],
      [JSON_TYPE, /^application\/json/],
    ] as const) {
      const a = await post(op('{ snapshot { id } }'), accept);
      expect(a.status).toBe(200);
      expect(a.type).toMatch(type);
      expect(a.body.errors).toBeUndefined();
    }
  });

  it('a field error (FORBIDDEN, data present) is 200 under both types', async () => {
    for (const accept of [GR, JSON_TYPE]) {
      const a = await post(op('{ snapshot { id } etlRuns { total } }'), accept);
      expect(a.status).toBe(200);
      expect('data' in a.body).toBe(true);
      expectCoded(a, 'FORBIDDEN');
    }
  });

  it.each([
    ['body not JSON', '{', 'BAD_REQUEST', 400],
    ['no query', '{}', 'BAD_REQUEST', 400],
    ['query not a string', '{"query": 5}', 'BAD_REQUEST', 400],
    ['variables as a string', '{"query":"{ snapshot { id } }","variables":"{}"}', 'BAD_REQUEST', 400],
    ['empty batch', '[]', 'BAD_REQUEST', 400],
  ] as const)('non-well-formed (%s) is 4xx under both types, coded', async (_name, body, code, status) => {
    for (const accept of [GR, JSON_TYPE]) {
      const a = await post(body, accept);
      expect(a.status).toBe(status);
      expectCoded(a, code);
    }
  });

  it('an Accept that allows neither JSON type is 406, coded', async () => {
    const a = await post(op('{ snapshot { id } }'), 'text/plain');
    expect(a.status).toBe(406);
    expectCoded(a, 'BAD_REQUEST');
  });

  it('an unsupported method is 405, coded', async () => {
    const a = await post('{}', JSON_TYPE, {}, 'PUT');
    expect(a.status).toBe(405);
    expectCoded(a, 'BAD_REQUEST');
  });
});

describe('negotiation helpers', () => {
  it('prefersGraphQLResponse', () => {
    expect(prefersGraphQLResponse(undefined)).toBe(false);
    expect(prefersGraphQLResponse('*/*')).toBe(false);
    expect(prefersGraphQLResponse(GR)).toBe(true);
    expect(prefersGraphQLResponse(`${GR}, ${JSON_TYPE};q=0.9`)).toBe(true);
    expect(prefersGraphQLResponse(`${GR};q=0.5, ${JSON_TYPE}`)).toBe(false);
    expect(prefersGraphQLResponse(`${GR};q=0`)).toBe(false);
  });
  it('statusForMediaType only relaxes request errors under application/json', () => {
    const body = (code: string, data = false) =>
      JSON.stringify({ ...(data ? { data: null } : {}), errors: [{ message: 'x', extensions: { code } }] });
    expect(statusForMediaType(400, 'application/json', body('GRAPHQL_VALIDATION_FAILED'))).toBe(200);
    expect(statusForMediaType(400, `${GR}; charset=utf-8`, body('GRAPHQL_VALIDATION_FAILED'))).toBe(400);
    expect(statusForMediaType(400, 'application/json', body('BAD_REQUEST'))).toBe(400);
    expect(statusForMediaType(500, 'application/json', body('INTERNAL_SERVER_ERROR'))).toBe(500);
    expect(statusForMediaType(400, 'application/json', '[]')).toBe(400);
    expect(statusForMediaType(400, 'application/json', 'not json')).toBe(400);
    // A batch: per operation.
    const ran = JSON.stringify({ data: { snapshot: null } });
    const batch = (...results: string[]) => `[${results.join(',')}]`;
    expect(statusForMediaType(400, 'application/json', batch(ran, body('GRAPHQL_PARSE_FAILED')))).toBe(200);
    expect(statusForMediaType(400, 'application/json', batch(ran, body('BAD_REQUEST')))).toBe(400);
    expect(statusForMediaType(400, GR, batch(ran, body('GRAPHQL_PARSE_FAILED')))).toBe(200);
    expect(statusForMediaType(400, GR, batch(body('GRAPHQL_PARSE_FAILED'), body('BAD_USER_INPUT')))).toBe(
      400,
    );
  });
});

describe('requests GraphQL refuses before execution (GraphQL over HTTP "Status Codes")', () => {
  const TWO_OPERATIONS = 'query A { snapshot { id } } query B { snapshot { id } }';

  it.each([
    ['several operations and no operationName', { query: TWO_OPERATIONS }],
    ['an unknown operationName', { query: TWO_OPERATIONS, operationName: 'C' }],
  ])('%s: 200 under application/json, 400 under graphql-response+json', async (_name, body) => {
    const legacy = await post(JSON.stringify(body), JSON_TYPE);
    expect(legacy.status).toBe(200);
    expectCoded(legacy, 'OPERATION_RESOLUTION_FAILURE');
    const modern = await post(JSON.stringify(body), GR);
    expect(modern.status).toBe(400);
    expectCoded(modern, 'OPERATION_RESOLUTION_FAILURE');
  });

  it('a batch with one operation that ran and one that did not parse: 200 under both, per-operation results', async () => {
    const body = JSON.stringify([{ query: '{ snapshot { id } }' }, { query: '{ snapshot { id' }]);
    for (const accept of [JSON_TYPE, GR]) {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body,
      });
      expect(res.status).toBe(200);
      const results = (await res.json()) as Answer['body'][];
      expect(results).toHaveLength(2);
      expect(results[0]?.data).toBeTruthy();
      expect(results[1]?.data).toBeUndefined();
      expect(results[1]?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    }
  });

  it('a batch where every operation failed before execution: 200 under application/json, 400 under graphql-response+json', async () => {
    const body = JSON.stringify([{ query: '{ nope }' }, { query: '{ snapshot { id' }]);
    expect(
      (
        await fetch(`${t.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: JSON_TYPE },
          body,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await fetch(`${t.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: GR },
          body,
        })
      ).status,
    ).toBe(400);
  });

  it('null in a defaulted variable where its argument is non-null: BAD_USER_INPUT with its reason', async () => {
    const query = 'query($v: Boolean = true) { snapshot @include(if: $v) { id } }';
    const a = await post(op(query, { v: null }), GR);
    expect(a.status).toBe(400);
    expect(a.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_VARIABLE',
      field: 'if',
    });
  });

  it('a subscription is a validation error (no subscription type), not a server failure', async () => {
    const from = t.logs.length;
    const legacy = await post(op('subscription { snapshot { id } }'), JSON_TYPE);
    expect(legacy.status).toBe(200);
    expectCoded(legacy, 'GRAPHQL_VALIDATION_FAILED');
    expect(legacy.body.errors?.[0]?.message).toMatch(/^Subscriptions are not supported/);
    const modern = await post(op('subscription S { snapshot { id } }'), GR);
    expect(modern.status).toBe(400);
    expectCoded(modern, 'GRAPHQL_VALIDATION_FAILED');
    const lines = t.logs.slice(from);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('a fragment bomb (fragments spreading fragments) is QUERY_TOO_COMPLEX with a reason, not a variable error', async () => {
    const spreads = (name: string) => Array.from({ length: 10 }, () => `...${name}`).join(' ');
    const query = [
      'query { ...A }',
      `fragment A on Query { ${spreads('B')} }`,
      `fragment B on Query { ${spreads('C')} }`,
      `fragment C on Query { ${spreads('D')} }`,
      `fragment D on Query { ${spreads('E')} }`,
      'fragment E on Query { snapshot { id } }',
    ].join('\n');
    const from = t.logs.length;
    const a = await post(op(query), GR);
    expect(a.status).toBe(400);
    expectCoded(a, 'QUERY_TOO_COMPLEX');
    expect(a.body.errors?.[0]?.extensions).toMatchObject({ reason: 'TOO_MANY_NODES', maxQueryNodes: 10_000 });
    expect((await post(op(query), JSON_TYPE)).status).toBe(200);
    expect(t.logs.slice(from).filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('automatic persisted queries are off', () => {
  const apq = { persistedQuery: { version: 1, sha256Hash: 'abc' } };
  const refusedAsClientError = (from: number) => {
    const lines = t.logs.slice(from);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        msg: 'request error',
        fields: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_SUPPORTED' }),
      }),
    );
  };

  it.each([
    ['a hash that does not match its query', { query: '{ snapshot { id } }', extensions: apq }],
    ['a hash alone', { extensions: apq }],
  ])('POST %s: PERSISTED_QUERY_NOT_SUPPORTED, logged as a request error', async (_name, body) => {
    const from = t.logs.length;
    for (const accept of [GR, JSON_TYPE]) {
      const a = await post(JSON.stringify(body), accept);
      expect(a.status).toBe(200);
      expectCoded(a, 'PERSISTED_QUERY_NOT_SUPPORTED');
    }
    refusedAsClientError(from);
  });

  it('GET with a hash: the same', async () => {
    const from = t.logs.length;
    const url = new URL(`${t.url}/graphql`);
    url.searchParams.set('query', '{ snapshot { id } }');
    url.searchParams.set('extensions', JSON.stringify(apq));
    const res = await fetch(url, { headers: { accept: GR, 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expectCoded(
      { status: res.status, type: '', body: (await res.json()) as Answer['body'] },
      'PERSISTED_QUERY_NOT_SUPPORTED',
    );
    refusedAsClientError(from);
  });
});

describe('refusals of the HTTP layer (review of 2026-12-05, revApi)', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  it('a body nesting JSON 5,000 deep is a 400 BAD_REQUEST, not a 500 (over POST and GET)', async () => {
    const from = t.logs.length;
    const body = `{"query":"{ snapshot { id } }","variables":{"x":${deep(5000)}}}`;
    for (const accept of [GR, JSON_TYPE]) {
      const a = await post(body, accept);
      expect(a.status).toBe(400);
      expectCoded(a, 'BAD_REQUEST');
      expect(a.body.errors?.[0]?.message).toMatch(/deeper than 64 levels/);
    }
    const url = new URL(`${t.url}/graphql`);
    url.searchParams.set('query', '{ snapshot { id } }');
    url.searchParams.set('variables', `{"x":${deep(100)}}`);
    const res = await fetch(url, { headers: { accept: GR, 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(400);
    expect(t.logs.slice(from).filter((l) => l.level === 'error')).toEqual([]);
    // Within 64 levels (the body and variables objects count) the request is Apollo’s to judge.
    expect((await post(`{"query":"{ snapshot { id } }","variables":{"x":${deep(60)}}}`, GR)).status).toBe(
      200,
    );
  });

  it('every refusal is no-store too: 401, 400 (JSON, batch), 413 and the explorer', async () => {
    const at = (init: RequestInit & { path?: string }) => fetch(`${t.url}${init.path ?? '/graphql'}`, init);
    const json = { 'content-type': 'application/json', accept: GR };
    const answers = await Promise.all([
      at({
        method: 'POST',
        headers: { ...json, authorization: 'Bearer nope' },
        body: op('{ snapshot { id } }'),
      }),
      at({ method: 'POST', headers: json, body: '{bad' }),
      at({
        method: 'POST',
        headers: json,
        body: JSON.stringify(Array(11).fill({ query: '{ snapshot { id } }' })),
      }),
      at({ method: 'POST', headers: json, body: op(`{ snapshot { id } } #${'x'.repeat(2_000_000)}`) }),
      at({ method: 'GET', headers: { accept: 'text/html' } }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([401, 400, 400, 413, 200]);
    expect(answers.map((r) => r.headers.get('cache-control'))).toEqual(Array(5).fill('no-store'));
  });
});
