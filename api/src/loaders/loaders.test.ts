import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const callsOf = (metric: string, from: number) =>
  t.calls
    .slice(from)
    .filter((c) => c.metric === metric)
    .map((c) => c.args);

describe('per-request DataLoaders', () => {
  it('agencies { scorecard } is ONE batched scorecard call for every agency and year', async () => {
    const from = t.calls.length;
    const res = await gql(
      t.url,
      '{ agencies { code a: scorecard(year: 2023) { headcount } b: scorecard(year: 2024) { headcount budgetRealisation } } }',
      { token: TOKENS.planner },
    );
    expect(res.body.errors).toBeUndefined();
    expect(callsOf('agencyScorecard', from)).toEqual([
      { agencies: ['BKPSDM', 'DINKES', 'DISDUKCAPIL'], years: [2023, 2024] },
    ]);
  });

  it('programs { outcomes } is one call per outcome metric for all programs', async () => {
    const from = t.calls.length;
    const res = await gql(
      t.url,
      `{ programs { code outcomes(filter: { from: "2024-01-01", to: "2024-12-31" }) {
      completion { rate n } reaction { mean } learning { meanGain } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    // The whole table by program, whichever programs the request lists (see the next test).
    const programs = (c: unknown) => (c as { filter: { programs?: string[] } }).filter.programs ?? 'all';
    expect(callsOf('completion', from).map(programs)).toEqual(['all']);
    expect(callsOf('reaction', from).map(programs)).toEqual(['all']);
    expect(callsOf('learning', from).map(programs)).toEqual(['all']);
  });

  it('a program’s outcomes do not depend on which other programs the request lists', async () => {
    // A batch filtered to the programs asked for had relaxations of its own: one program alone hid
    // cells every program together showed (privacy review of 2026-12-04, TIK-CO 2024 with a tenure
    // band filter).
    const q = (list: string) =>
      `{ programs(codes: ${list}) { code outcomes(filter: { from: "2024-01-01", to: "2024-12-31" }) {
      funnel { n suppressed enrolled } completion { n suppressed } } } }`;
    const from = t.calls.length;
    const alone = await gql(t.url, q('["PLY-PRIMA"]'), { token: TOKENS.analyst });
    const both = await gql(t.url, q('["PLY-PRIMA", "DIGI-101"]'), { token: TOKENS.analyst });
    expect(alone.body.errors).toBeUndefined();
    const ply = (res: typeof alone) =>
      (res.body.data as { programs: { code: string }[] }).programs.find((p) => p.code === 'PLY-PRIMA');
    expect(ply(alone)).toEqual(ply(both));
    const calls = t.calls
      .slice(from)
      .filter((c) => c.metric === 'completion' || c.metric === 'invitationFunnel');
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) {
      const args = c.args as { filter: { programs?: string[] }; groupBy: string[] };
      expect([args.filter.programs, args.groupBy]).toEqual([undefined, ['program']]);
    }
  });

  it('warehouse queries per operation do not grow with the number of agencies', async () => {
    const q = (codes: string) =>
      `{ agencies(codes: ${codes}) { code scorecard(year: 2024) { headcount ikm } } }`;
    // The snapshot's codes (which check `codes`) are read once per snapshot, by the first request
    // that names one: read them before counting.
    await gql(t.url, '{ agencies(codes: ["DINKES"]) { code } }');
    // Planner role: a cache miss for each (role is part of the cache key), so each operation executes.
    // The first scorecard batch of a snapshot also reads what satisfaction and service times by
    // agency are checked against (their answers by service type and the agency–service type
    // pairs, kept per snapshot): 2 more. Before the pairs were kept, every batch read them 3
    // times (18 cold, 16 warm).
    await gql(t.url, q('["BKPSDM"]'), { token: TOKENS.planner });
    const cold = t.operations.at(-1)!.queries;
    await gql(t.url, q('["DINKES"]'), { token: TOKENS.planner });
    const one = t.operations.at(-1)!.queries;
    await gql(t.url, q('["BKPSDM", "DINKES", "DISDUKCAPIL"]'), { token: TOKENS.planner });
    const all = t.operations.at(-1)!.queries;
    expect(one).toBeGreaterThan(0);
    expect(all).toBe(one);
    // agency list (1) + one scorecard batch (fixed number of metric queries).
    expect(all).toBeLessThanOrEqual(13);
    expect(cold).toBeLessThanOrEqual(15);
  });
});
