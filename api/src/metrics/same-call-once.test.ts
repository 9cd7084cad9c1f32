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

// Resistance's `byReason` is a second table with its own disclosure control: computed only when the
// query selects it (directly or through a fragment), and then the same rows come with it.
describe('resistance computes byReason only when asked for', () => {
  it('rows alone skip it; byReason (directly, in a fragment, or in an inline fragment) asks for it', async () => {
    const rowsOnly = await callsOf('resistance', '{ resistance(groupBy: [agency]) { rows { n rate } } }');
    expect(rowsOnly.calls.map((c) => c.what)).toEqual([{ withReasons: false }]);
    const direct = await callsOf(
      'resistance',
      '{ resistance(groupBy: [agency]) { rows { n rate } byReason { keys { declineReason } declines } } }',
    );
    expect(direct.calls.map((c) => c.what)).toEqual([{ withReasons: true }]);
    const viaFragment = await callsOf(
      'resistance',
      `query { resistance(groupBy: [agency]) { ...R } }
       fragment R on ResistanceResult { rows { n } ... on ResistanceResult { byReason { declines } } }`,
    );
    expect(viaFragment.calls.map((c) => c.what)).toEqual([{ withReasons: true }]);
    // The rows are the same either way; with byReason they come with its table.
    const rows = (r: typeof rowsOnly) =>
      (r.res.body.data as { resistance: { rows: unknown[] } }).resistance.rows;
    expect(rows(direct)).toEqual(rows(rowsOnly));
    const reasons = (direct.res.body.data as { resistance: { byReason: unknown[] } }).resistance.byReason;
    expect(reasons.length).toBeGreaterThan(0);
  });

  it('two aliases, one with byReason and one without, are two calls', async () => {
    const { calls } = await callsOf(
      'resistance',
      '{ a: resistance(grain: year) { rows { n } } b: resistance(grain: year) { byReason { declines } } }',
    );
    expect(calls.map((c) => c.what)).toEqual([{ withReasons: false }, { withReasons: true }]);
  });
});

// Satisfaction's sample (population, minimumSample, sampleAdequate) reads the published service
// times for the same query: computed only when a row field asks for it.
describe('satisfaction judges its sample only when asked for', () => {
  it('the IKM alone skips it; any sample field (directly or in a fragment) asks for it', async () => {
    const ikmOnly = await callsOf(
      'satisfaction',
      '{ satisfaction(groupBy: [agency]) { rows { n ikm mutu } } }',
    );
    expect(ikmOnly.calls.map((c) => c.what)).toEqual([{ withSample: false }]);
    for (const field of ['population', 'minimumSample', 'sampleAdequate']) {
      const asked = await callsOf(
        'satisfaction',
        `{ satisfaction(groupBy: [agency]) { rows { n ikm ${field} } } }`,
      );
      expect(
        asked.calls.map((c) => c.what),
        field,
      ).toEqual([{ withSample: true }]);
    }
    const viaFragment = await callsOf(
      'satisfaction',
      `query { satisfaction(groupBy: [agency]) { rows { ...S } } }
       fragment S on SatisfactionRow { ikm ... on SatisfactionRow { sampleAdequate } }`,
    );
    expect(viaFragment.calls.map((c) => c.what)).toEqual([{ withSample: true }]);
    // Kirkpatrick’s L4 satisfaction decides the same way.
    const elsewhere = await callsOf(
      'satisfaction',
      '{ kirkpatrick(groupBy: [agency]) { results { satisfaction { minN rows { ikm } } } } }',
    );
    expect(elsewhere.calls.map((c) => c.what)).toEqual([{ withSample: false }]);
    const kirkpatrick = await callsOf(
      'satisfaction',
      '{ kirkpatrick(groupBy: [agency]) { results { satisfaction { rows { ikm sampleAdequate } } } } }',
    );
    expect(kirkpatrick.calls.map((c) => c.what)).toEqual([{ withSample: true }]);
    // A sample field GraphQL leaves out (@include(if: false), @skip(if: true)) is not asked for.
    const leftOut = await callsOf(
      'satisfaction',
      '{ satisfaction(groupBy: [agency]) { rows { ikm sampleAdequate @include(if: false) population @skip(if: true) } } }',
    );
    expect(leftOut.calls.map((c) => c.what)).toEqual([{ withSample: false }]);
    expect(
      (leftOut.res.body.data as { satisfaction: { rows: object[] } }).satisfaction.rows[0],
    ).not.toHaveProperty('sampleAdequate');
  });

  it('the IKM is the same either way; with the sample, shown rows carry it', async () => {
    const query = (fields: string) =>
      `{ satisfaction(grain: year, groupBy: [agency, serviceType]) { rows { period suppressed ikm ${fields} } } }`;
    type Row = { period: string; suppressed: boolean; ikm: number | null; population?: number | null };
    const rowsOf = async (fields: string) =>
      ((await gql(t.url, query(fields))).body.data as { satisfaction: { rows: Row[] } }).satisfaction.rows;
    const plain = await rowsOf('');
    const sampled = await rowsOf('population minimumSample sampleAdequate');
    expect(sampled.map(({ period, suppressed, ikm }) => ({ period, suppressed, ikm }))).toEqual(plain);
    expect(sampled.some((r) => !r.suppressed && r.population !== null)).toBe(true);
  });
});
