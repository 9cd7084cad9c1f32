import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

/**
 * Lists of agency and program codes are taken the same way everywhere: a code the snapshot does not
 * know is UNKNOWN_VALUE (not an empty answer that reads as "no such data"), and a code named twice
 * is one agency, one card.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

describe('codes in list arguments', () => {
  it('agencyComparison gives each agency one card, in code order, however often it is named', async () => {
    const res = await gql<{ agencyComparison: { agency: string }[] }>(
      t.url,
      '{ agencyComparison(year: 2024, agencies: ["DINKES", "BKPSDM", "DINKES", "BKPSDM"]) { agency } }',
      { token: TOKENS.planner },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.agencyComparison.map((c) => c.agency)).toEqual(['BKPSDM', 'DINKES']);
  });

  it('agencies and programs list a code named twice once', async () => {
    const res = await gql<{ agencies: { code: string }[]; programs: { code: string }[] }>(
      t.url,
      '{ agencies(codes: ["DINKES", "DINKES"]) { code } programs(codes: ["PLY-PRIMA", "PLY-PRIMA"]) { code } }',
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ agencies: [{ code: 'DINKES' }], programs: [{ code: 'PLY-PRIMA' }] });
  });

  it('an empty list of codes is no restriction, as in a filter and agencyComparison (and priced as all)', async () => {
    const all = await gql<{ agencies: { code: string }[]; programs: { code: string }[] }>(
      t.url,
      '{ agencies { code } programs { code } }',
    );
    const empty = await gql<{ agencies: { code: string }[]; programs: { code: string }[] }>(
      t.url,
      '{ agencies(codes: []) { code } programs(codes: []) { code } }',
    );
    expect(empty.body.errors).toBeUndefined();
    expect(all.body.data?.agencies.length).toBeGreaterThan(1);
    expect(empty.body.data).toEqual(all.body.data);
    const comparison = await gql<{ agencyComparison: unknown[] }>(
      t.url,
      '{ agencyComparison(year: 2024, agencies: []) { agency } }',
      { token: TOKENS.planner },
    );
    expect(comparison.body.data?.agencyComparison.length).toBeGreaterThan(1);
  });

  it.each([
    ['agencies', '{ agencies(codes: ["DINKES", "NOPE"]) { code } }'],
    ['programs', '{ programs(codes: ["NOPE"]) { code } }'],
    ['agencyComparison', '{ agencyComparison(year: 2024, agencies: ["NOPE"]) { agency } }'],
  ])('%s refuses an unknown code with UNKNOWN_VALUE', async (name, query) => {
    const res = await gql(t.url, query, { token: TOKENS.planner });
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'UNKNOWN_VALUE',
      field: name === 'agencyComparison' ? 'agencies' : 'codes',
      unknown: ['NOPE'],
    });
    expect(JSON.parse(res.text).errors[0].path).toEqual([name]);
  });
});
