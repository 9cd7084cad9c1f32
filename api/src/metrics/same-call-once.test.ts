import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

// A query may ask the same field with the same arguments under several aliases: the request runs it
// once (`Loaders.once`), so repeating an analysis fifty times does not cost fifty analyses.

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ CACHE_MAX_ENTRIES: 0 });
});
afterAll(() => t?.close());

const callsOf = async (metric: string, query: string, token?: string) => {
  const before = t.calls.length;
  const res = await gql(t.url, query, token ? { token } : {});
  expect(res.body.errors).toBeUndefined();
  return { res, calls: t.calls.slice(before).filter((c) => c.metric === metric) };
};

describe('a field asked twice with the same arguments runs once per request', () => {
  it('metrics: two aliases alike share one call, different arguments get their own', async () => {
    const { res, calls } = await callsOf(
      'participation',
      `{ a: participation(grain: year) { rows { period rate } }
         b: participation(grain: year) { rows { period rate } }
         c: participation(grain: year, groupBy: [agency]) { minN } }`,
    );
    expect(calls).toHaveLength(2);
    const data = res.body.data as Record<string, unknown>;
    expect(data.a).toEqual(data.b);
  });

  it('analyses too: the same cohort comparison under three aliases is computed once', async () => {
    const field = `cohortComparison(cohort: { selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-31", outcome: service_days }) { n suppressed did { estimate } }`;
    const { res, calls } = await callsOf(
      'cohortComparison',
      `{ x: ${field} y: ${field} z: ${field} }`,
      TOKENS.analyst,
    );
    expect(calls).toHaveLength(1);
    const data = res.body.data as Record<string, unknown>;
    expect(data.y).toEqual(data.x);
    expect(data.z).toEqual(data.x);
  });

  it('nothing is shared between requests (each has its own loaders)', async () => {
    const query = '{ resistance(grain: year) { minN } }';
    expect((await callsOf('resistance', query)).calls).toHaveLength(1);
    expect((await callsOf('resistance', query)).calls).toHaveLength(1);
  });
});
