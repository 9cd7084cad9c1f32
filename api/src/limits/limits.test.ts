import { DisclosureTooComplexError } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(
    { MAX_DEPTH: 4, MAX_COST: 200, MAX_LIST: 5, MAX_BATCH: 2, OPERATION_TIMEOUT_MS: 4_000 },
    (m) => ({
      ...m,
      // A slow metric, to hit the operation timeout. The timeout leaves the real metrics room on a
      // loaded CI machine (at 1.5 s a cold resistance query beside the e2e run went over it).
      learning: async (db, q, o) => {
        await new Promise((r) => setTimeout(r, 30_000).unref());
        return m.learning(db, q, o);
      },
      // Disclosure control over its work budget (the warehouse's own error; its tests reach it for real).
      invitationFunnel: async () => {
        throw new DisclosureTooComplexError(150_000_000);
      },
      // An internal failure whose message carries SQL and whose stack names files.
      satisfaction: async () => {
        throw new Error(
          'Binder Error: Referenced column "u1" not found in SELECT * FROM marts.fct_satisfaction',
        );
      },
    }),
  );
});
afterAll(() => t?.close());

const code = (res: Awaited<ReturnType<typeof gql>>) => res.body.errors?.[0]?.extensions?.code;

describe('limits answer abusive queries with coded errors, before any metric runs', () => {
  it('depth', async () => {
    const before = t.calls.length;
    const res = await gql(t.url, '{ programs { outcomes { completion { keys { agency } } } } }');
    expect(res.status).toBe(400);
    expect(code(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors?.[0]?.message).toMatch(/depth 5 exceeds the limit of 4/);
    expect(t.calls.length).toBe(before);
  });

  it('cost, with per-field costs (lists multiply their children)', async () => {
    const res = await gql(
      t.url,
      '{ agencies { scorecard(year: 2024) { headcount } } participation { minN } resistance { minN } }',
    );
    expect(res.status).toBe(400);
    expect(code(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors?.[0]?.extensions?.maxCost).toBe(200);
  });

  it('an empty agency list costs what null costs (every agency), not nothing', async () => {
    // 10 + 2 × 60 = 130 each: two are over MAX_COST 200 whichever way "all agencies" is written.
    for (const agencies of ['null', '[]']) {
      const res = await gql(
        t.url,
        `{ a: agencyComparison(year: 2023, agencies: ${agencies}) { agency } b: agencyComparison(year: 2024, agencies: ${agencies}) { agency } }`,
        { token: TOKENS.planner },
      );
      expect(code(res), agencies).toBe('QUERY_TOO_COMPLEX');
      expect(res.body.errors?.[0]?.message).toMatch(/cost 260 exceeds the limit of 200/);
    }
  });

  it('list size, including lists inside the filter', async () => {
    const many = JSON.stringify(['A', 'B', 'C', 'D', 'E', 'F']);
    const direct = await gql(t.url, `{ agencies(codes: ${many}) { code } }`);
    expect(code(direct)).toBe('QUERY_TOO_COMPLEX');
    const nested = await gql(t.url, 'query($f: MetricFilterInput) { participation(filter: $f) { minN } }', {
      variables: { f: { agencies: JSON.parse(many) } },
    });
    expect(code(nested)).toBe('QUERY_TOO_COMPLEX');
    expect(direct.body.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      field: 'codes',
      maxList: 5,
    });
    expect(direct.body.errors?.[0]?.message).toBe(
      'codes of agencies has 6 items; the limit is 5 (MAX_LIST).',
    );
    expect(nested.body.errors?.[0]?.extensions).toMatchObject({ field: 'filter.agencies', maxList: 5 });
  });

  describe('a page out of range is one error, whichever bound it breaks (README: OUT_OF_RANGE)', () => {
    const outOfRange = (field: string, extra: Record<string, number>) => ({
      code: 'BAD_USER_INPUT',
      reason: 'OUT_OF_RANGE',
      field,
      ...extra,
    });

    it('page.limit above MAX_LIST names the argument, the limit given and the maximum, before any resolver', async () => {
      const before = t.calls.length;
      const res = await gql(t.url, '{ dataQuality { snapshotId } etlRuns(page: { limit: 50 }) { total } }');
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors?.[0]?.extensions).toEqual(outOfRange('page.limit', { min: 1, max: 5 }));
      expect(res.body.errors?.[0]?.message).toBe(
        'page.limit of etlRuns is 50; it must be 1 … 5 (MAX_LIST, the most items one page returns).',
      );
      expect(t.calls.length).toBe(before);
    });

    it('page.limit 0 and a negative offset: the same code, reason and field, also before any resolver', async () => {
      const zero = await gql(t.url, 'query($p: PageInput) { etlRuns(page: $p) { total } }', {
        variables: { p: { limit: 0 } },
      });
      expect(zero.status).toBe(400);
      expect(zero.body.errors?.[0]?.extensions).toEqual(outOfRange('page.limit', { min: 1, max: 5 }));
      expect(zero.body.errors?.[0]?.message).toMatch(/^page\.limit of etlRuns is 0; it must be 1 … 5/);
      const offset = await gql(t.url, '{ etlRuns(page: { offset: -1 }) { total } }');
      expect(offset.status).toBe(400);
      expect(offset.body.errors?.[0]?.extensions).toEqual(outOfRange('page.offset', { min: 0 }));
    });

    it('a nested paged list (admin quarantine) is checked the same way, whatever the role', async () => {
      const res = await gql(t.url, '{ dataQuality { quarantine(page: { limit: 6 }) { total } } }');
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions).toEqual(outOfRange('page.limit', { min: 1, max: 5 }));
      expect(res.body.errors?.[0]?.message).toMatch(/^page\.limit of quarantine is 6/);
    });

    it('a page within range, or no page at all (the default 50 is capped at MAX_LIST), passes', async () => {
      for (const query of ['{ etlRuns(page: { limit: 5 }) { total } }', '{ etlRuns { total } }']) {
        const res = await gql(t.url, query, { token: TOKENS.analyst });
        expect(res.body.errors, query).toBeUndefined();
      }
    });
  });

  it('batched operations are capped', async () => {
    const op = { query: '{ snapshot { id } }' };
    const ok = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([op, op]),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toHaveLength(2);
    const tooMany = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([op, op, op]),
    });
    expect(tooMany.status).toBe(400);
    expect(
      ((await tooMany.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('QUERY_TOO_COMPLEX');
  });

  it('a batch shares MAX_COST: operations that pass alone are refused together when their sum is above it', async () => {
    // __type costs 100, its `name` 1: 101 alone (MAX_COST 200 here), 202 for two.
    const op = { query: '{ __type(name: "Query") { name } }' };
    const post = (ops: unknown[]) =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ops),
      });
    const one = await post([op, { query: '{ snapshot { id } }' }]);
    expect(one.status).toBe(200);
    expect(((await one.json()) as { errors?: unknown }[]).map((r) => r.errors)).toEqual([
      undefined,
      undefined,
    ]);
    const before = t.calls.length;
    const two = await post([op, op]);
    expect(two.status).toBe(400);
    const body = (await two.json()) as { errors: { message: string; extensions: unknown }[] };
    expect(body.errors[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: 202, maxCost: 200 });
    expect(body.errors[0]?.message).toMatch(/cost 202 together, above the limit of 200 \(MAX_COST/);
    expect(t.calls.length).toBe(before);
  });

  it('a batch that times out is answered as a batch: one OPERATION_TIMEOUT result per operation', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { query: '{ kirkpatrick { learning { minN } } }' },
        { query: '{ snapshot { id } }' },
      ]),
    });
    expect(res.status).toBe(504);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] }[];
    expect(body).toHaveLength(2);
    for (const result of body)
      expect(result.errors.map((e) => e.extensions.code)).toEqual(['OPERATION_TIMEOUT']);
  });

  it('operation timeout answers OPERATION_TIMEOUT without waiting for the slow metric', async () => {
    const started = Date.now();
    const res = await gql(t.url, '{ kirkpatrick { learning { minN } } }');
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(res.status).toBe(504);
    expect(code(res)).toBe('OPERATION_TIMEOUT');
  });

  it('disclosure control over its work budget answers QUERY_TOO_COMPLEX with its reason and what to ask instead', async () => {
    // 20 × 4 (month) × 2 (one dimension) + 1 = 161, under this server's MAX_COST of 200.
    const res = await gql(t.url, '{ invitationFunnel(grain: month, groupBy: [agency]) { minN } }');
    const error = res.body.errors?.[0];
    expect(error?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      reason: 'DISCLOSURE_TOO_COMPLEX',
      maxDisclosureWork: 150_000_000,
    });
    expect((error as { path?: unknown } | undefined)?.path).toEqual(['invitationFunnel']);
    expect(error?.message).toMatch(/coarser grain \(quarter or year\), fewer groupBy dimensions/);
  });
});

describe('errors', () => {
  it('a metric input mistake is BAD_USER_INPUT with the warehouse message', async () => {
    const res = await gql(
      t.url,
      '{ participation(filter: { from: "2024-05-01", to: "2023-01-01" }) { minN } }',
    );
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toMatch(/after/);
  });

  it('an internal failure is INTERNAL_SERVER_ERROR with no stack, SQL or paths', async () => {
    const res = await gql(t.url, '{ satisfaction { minN } }');
    expect(code(res)).toBe('INTERNAL_SERVER_ERROR');
    expect(res.text).not.toMatch(/SELECT|marts\.|Binder|stack|\.ts:\d+|at [\w.]+ \(/i);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('a syntax error is GRAPHQL_PARSE_FAILED (400)', async () => {
    const res = await gql(t.url, '{ snapshot { id ');
    expect(res.status).toBe(400);
    expect(code(res)).toBe('GRAPHQL_PARSE_FAILED');
  });
});

describe('pricing is reused per document and variables, never across them', () => {
  it('the same document with a too-long list variable is still refused after a cheap run', async () => {
    const q = 'query($f: MetricFilterInput) { resistance(filter: $f) { minN } }';
    const ok = await gql(t.url, q, { variables: { f: { agencies: ['DINKES'] } } });
    expect(ok.body.errors).toBeUndefined();
    const again = await gql(t.url, q, { variables: { f: { agencies: ['DINKES'] } } });
    expect(again.body.errors).toBeUndefined();
    const many = await gql(t.url, q, { variables: { f: { agencies: ['A', 'B', 'C', 'D', 'E', 'F'] } } });
    expect(code(many)).toBe('QUERY_TOO_COMPLEX');
  });
});
