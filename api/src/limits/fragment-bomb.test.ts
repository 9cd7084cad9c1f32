import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSchema } from '../schema/build-schema.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { batchCost } from './batch-cost.ts';
import { MAX_QUERY_NODES } from './cost.plugin.ts';
import { depthLimitRule } from './depth-limit.rule.ts';

/**
 * A "fragment bomb": `levels` fragments, each spreading the next `spreads` times, the last one
 * selecting `leaf`. 665 bytes at seven levels, 10^7 selections once the spreads are expanded.
 * The depth rule walked every spread afresh: 17.7 s of validation on the event loop for seven levels
 * (review of 2026-12), about two minutes for eight. Every limit of ours that follows spreads must
 * stay linear in the document (the depth rule measures each fragment once; pricing stops at
 * MAX_QUERY_NODES selections).
 */
function fragmentBomb(levels: number, leaf = 'snapshot { id }', spreads = 10): string {
  let doc = 'query Bomb { ...F0 }\n';
  for (let i = 0; i < levels; i++)
    doc += `fragment F${i} on Query { ${Array(spreads)
      .fill(`...F${i + 1}`)
      .join(' ')} }\n`;
  return `${doc}fragment F${levels} on Query { ${leaf} }\n`;
}

/** Generous for a loaded 2-core machine; the fixed rule and pricing take milliseconds. */
const BOUND_MS = 2_000;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ MAX_DEPTH: 4 });
  // One plain request first: the timings below are the bomb's, not the server's first request.
  await gql(t.url, '{ snapshot { id } }');
});
afterAll(() => t?.close());

describe('fragment bombs are refused with a coded error, in well under a second', () => {
  it.each([7, 10])('%i levels of ten spreads: QUERY_TOO_COMPLEX, TOO_MANY_NODES', async (levels) => {
    const before = t.calls.length;
    const started = performance.now();
    const res = await gql(t.url, fragmentBomb(levels));
    const ms = performance.now() - started;
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      reason: 'TOO_MANY_NODES',
      maxQueryNodes: MAX_QUERY_NODES,
    });
    expect(ms).toBeLessThan(BOUND_MS);
    expect(t.calls.length).toBe(before);
  });

  it.each([7, 10])(
    '%i levels whose last fragment nests too deep: the depth limit, with the exact depth',
    async (levels) => {
      const started = performance.now();
      // programs/outcomes/completion/keys/agency: 5, over MAX_DEPTH 4 here.
      const res = await gql(
        t.url,
        fragmentBomb(levels, 'programs { outcomes { completion { keys { agency } } } }'),
      );
      const ms = performance.now() - started;
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', maxDepth: 4 });
      expect(res.body.errors?.[0]?.message).toMatch(/^Query depth 5 exceeds the limit of 4/);
      expect(ms).toBeLessThan(BOUND_MS);
    },
  );

  it('a batch of bombs is refused each in its place, as quickly', async () => {
    const started = performance.now();
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify([{ query: fragmentBomb(10) }, { query: fragmentBomb(7) }]),
    });
    const body = (await res.json()) as { errors: { extensions: { reason?: string } }[] }[];
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(body.map((r) => r.errors[0]?.extensions.reason)).toEqual(['TOO_MANY_NODES', 'TOO_MANY_NODES']);
  });

  it('/healthz answers while a bomb is validated (the event loop is not held for seconds)', async () => {
    const bomb = gql(t.url, fragmentBomb(10));
    const started = performance.now();
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect((await bomb).body.errors?.[0]?.extensions?.reason).toBe('TOO_MANY_NODES');
  });
});

describe('the limits that follow fragment spreads, directly', () => {
  let schema: Awaited<ReturnType<typeof apiSchema>>;
  beforeAll(async () => {
    schema = await apiSchema();
  });

  const depthErrors = (query: string, maxDepth = 10) =>
    validate(schema, parse(query), [depthLimitRule(maxDepth)]).map((e) => e.message);

  it('the depth rule measures a ten-level bomb in milliseconds, and finds its depth', () => {
    const started = performance.now();
    expect(depthErrors(fragmentBomb(10))).toEqual([]);
    expect(
      depthErrors(fragmentBomb(10, 'programs { outcomes { completion { keys { agency } } } }'), 4),
    ).toEqual(['Query depth 5 exceeds the limit of 4 (MAX_DEPTH).']);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
  });

  it('a fragment measured once counts from each place it is spread (depth there + its own)', () => {
    // K reaches 2 (b { c }): spread at the root it ends at 2, inside x { y { … } } at 4. The rule
    // alone does not check field names, so the shapes are plain.
    const shallowFirst = '{ ...K x { y { ...K } } } fragment K on Query { b { c } }';
    const deepFirst = '{ x { y { ...K } } ...K } fragment K on Query { b { c } }';
    for (const query of [shallowFirst, deepFirst]) {
      expect(depthErrors(query, 3), query).toEqual(['Query depth 4 exceeds the limit of 3 (MAX_DEPTH).']);
      expect(depthErrors(query, 4), query).toEqual([]);
    }
    // Through fragments within fragments and inline fragments: 1 + 1 + 2 + 1 = 5.
    const nested =
      '{ a { ...L } } fragment L on A { ... on A { b { ...M } } } fragment M on B { c { d { e } } }';
    expect(depthErrors(nested, 4)).toEqual(['Query depth 5 exceeds the limit of 4 (MAX_DEPTH).']);
    expect(depthErrors(nested, 5)).toEqual([]);
    // __typename adds nothing, wherever it is.
    expect(depthErrors('{ a { ...T } } fragment T on A { __typename b { __typename } }', 2)).toEqual([]);
  });

  it('introspection inside a fragment spread at the root counts against the introspection limit', () => {
    const chain = (levels: number) =>
      `{ ...I } fragment I on Query { __type(name: "Query") { fields { type { ...T } } } } fragment T on __Type { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} }`;
    expect(depthErrors(chain(11))).toEqual([]);
    expect(depthErrors(chain(12))).toEqual([
      'Introspection depth 16 exceeds the limit of 15 (the larger of MAX_DEPTH and 15, the depth of a standard introspection query).',
    ]);
  });

  it('a fragment cycle ends the walk (graphql reports the cycle itself)', () => {
    expect(
      depthErrors('{ ...A } fragment A on Query { snapshot { id } ...B } fragment B on Query { ...A }'),
    ).toEqual([]);
  });

  it('pricing a batch stops at MAX_QUERY_NODES selections per operation', () => {
    const started = performance.now();
    const total = batchCost(
      schema,
      { maxCost: 5000, maxList: 500 },
      Array.from({ length: 10 }, () => ({ query: fragmentBomb(10) })),
      10_000,
    );
    expect(total).toBe(0); // Each refused (TOO_MANY_NODES, counted 0): Apollo answers it in its place.
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
  });
});
