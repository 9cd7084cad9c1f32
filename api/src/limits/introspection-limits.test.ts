import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLORER_HTML } from '../server/explorer.html.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { INTROSPECTION_COST } from './cost.plugin.ts';
import { INTROSPECTION_DEPTH } from './depth-limit.rule.ts';

/**
 * Introspection is priced and nested like data (default limits: MAX_DEPTH 10, MAX_COST 5000): the
 * standard introspection queries pass, a deep `ofType` chain or many aliased `__schema` do not.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

/** `__type(name: "Query") { fields { type { ofType { … name } } } }` with `levels` ofType. */
const ofTypeChain = (levels: number) =>
  `{ __type(name: "Query") { fields { type { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } } } }`;

describe('introspection under the limits', () => {
  const full = getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
    oneOf: true,
  });
  const explorer = /gql\('(\{__schema.*?)',\{\}\)/.exec(EXPLORER_HTML)?.[1];

  it.each([
    ['graphql-js getIntrospectionQuery()', getIntrospectionQuery()],
    ['graphql-js getIntrospectionQuery(), every option', full],
    ["the explorer's docs query", explorer ?? 'explorer query not found'],
  ])('%s passes the default limits', async (_name, query) => {
    const res = await gql<{ __schema: { types: unknown[] } }>(t.url, query);
    expect(res.body.errors, res.text.slice(0, 300)).toBeUndefined();
    expect(res.body.data?.__schema.types.length).toBeGreaterThan(50);
  });

  it(`an ofType chain within ${INTROSPECTION_DEPTH} levels passes, a deeper one is QUERY_TOO_COMPLEX`, async () => {
    // __type, fields, type: 3 levels; each ofType one more; `name` the last.
    const within = await gql(t.url, ofTypeChain(INTROSPECTION_DEPTH - 4));
    expect(within.body.errors).toBeUndefined();
    for (const levels of [INTROSPECTION_DEPTH - 3, 40]) {
      const res = await gql(t.url, ofTypeChain(levels));
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions).toEqual({
        code: 'QUERY_TOO_COMPLEX',
        maxDepth: INTROSPECTION_DEPTH,
      });
      expect(res.body.errors?.[0]?.message).toMatch(/^Introspection depth \d+ exceeds the limit of 15/);
    }
  });

  it('__schema and __type are priced: many aliases are QUERY_TOO_COMPLEX, not megabytes', async () => {
    const schemas = Array.from(
      { length: 60 },
      (_, i) => `s${i}: __schema { types { name fields { name } } }`,
    );
    const res = await gql(t.url, `{ ${schemas.join(' ')} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 5000 });
    expect(res.body.errors?.[0]?.extensions?.cost).toBeGreaterThan(60 * INTROSPECTION_COST.__schema);
    expect(res.text.length).toBeLessThan(1000);
    const two = await gql(t.url, `{ ${schemas.slice(0, 2).join(' ')} }`);
    expect(two.body.errors).toBeUndefined();
    const types = Array.from({ length: 60 }, (_, i) => `t${i}: __type(name: "Query") { name }`);
    const manyTypes = await gql(t.url, `{ ${types.join(' ')} }`);
    expect(manyTypes.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});
