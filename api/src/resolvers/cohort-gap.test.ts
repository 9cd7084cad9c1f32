import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

/** gapMonths over HTTP (cohortComparison and programEffects), on the fixture snapshot. */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const COHORT = `query C($c: CohortInput!) {
  cohortComparison(cohort: $c) { windows { placebo { from to } pre { from to } post { from to } } }
}`;
const EFFECTS =
  'query E($i: ProgramEffectsInput!) { programEffects(input: $i) { windows { pre { from to } } } }';
const cohort = (extra: Record<string, unknown>) => ({
  selector: { kind: 'program', value: 'PLY-PRIMA' },
  from: '2024-01-01',
  to: '2024-06-30',
  outcome: 'service_days',
  windowMonths: 6,
  ...extra,
});
type Windows = Record<'placebo' | 'pre' | 'post', { from: string; to: string }>;

describe('gapMonths', () => {
  it('moves the pre and placebo windows back by the gap, post unmoved', async () => {
    const res = await gql<{ cohortComparison: { windows: Windows } }>(t.url, COHORT, {
      token: TOKENS.analyst,
      variables: { c: cohort({ gapMonths: 3 }) },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.cohortComparison.windows).toEqual({
      placebo: { from: '2022-10-01', to: '2023-03-31' },
      pre: { from: '2023-04-01', to: '2023-09-30' },
      post: { from: '2024-07-01', to: '2024-12-31' },
    });
    const effects = await gql<{ programEffects: { windows: Pick<Windows, 'pre'> } }>(t.url, EFFECTS, {
      token: TOKENS.analyst,
      variables: { i: { from: '2024-01-01', to: '2024-06-30', windowMonths: 6, gapMonths: 3 } },
    });
    expect(effects.body.errors).toBeUndefined();
    expect(effects.body.data!.programEffects.windows.pre).toEqual({ from: '2023-04-01', to: '2023-09-30' });
  });

  it('refuses a gap out of range, and for appraisals one that is not whole years, before any query', async () => {
    const error = async (c: Record<string, unknown>) =>
      (await gql(t.url, COHORT, { token: TOKENS.analyst, variables: { c } })).body.errors?.[0]?.extensions;
    expect(await error(cohort({ gapMonths: -1 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'OUT_OF_RANGE',
      field: 'cohort.gapMonths',
      min: 0,
      max: 60,
    });
    expect(await error(cohort({ gapMonths: 61 }))).toMatchObject({
      reason: 'OUT_OF_RANGE',
      field: 'cohort.gapMonths',
    });
    expect(
      await error(
        cohort({
          outcome: 'appraisal_score',
          from: '2024-01-01',
          to: '2024-12-31',
          windowMonths: 12,
          gapMonths: 6,
        }),
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'RANGE_NOT_ALIGNED',
      field: 'cohort.gapMonths',
      value: '6',
      earlier: '0',
      later: '12',
    });
    const effects = await gql(t.url, EFFECTS, {
      token: TOKENS.analyst,
      variables: { i: { from: '2024-01-01', to: '2024-06-30', gapMonths: 100 } },
    });
    expect(effects.body.errors?.[0]?.extensions).toMatchObject({
      reason: 'OUT_OF_RANGE',
      field: 'input.gapMonths',
    });
  });
});
