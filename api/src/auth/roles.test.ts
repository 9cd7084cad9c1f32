import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const COHORT = `{ cohortComparison(cohort: { selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-31", outcome: service_days }) { n suppressed } }`;
const EFFECTS = `{ programEffects(input: { from: "2023-01-01", to: "2023-12-31" }) { n } }`;
const ETL_RUNS = '{ etlRuns { total } }';
const AGENCY_COMPARISON = '{ agencyComparison(year: 2024) { agency headcount } }';
const BUDGET_TREND = '{ budgetTrend { year allocatedIdr } }';
// The same cards through each agency: the same role.
const AGENCY_SCORECARD = '{ agencies { code scorecard(year: 2024) { headcount } } }';
const QUARANTINE = '{ dataQuality { quarantine { total } } }';
const REFRESH = 'mutation { refreshWarehouse { launchId status } }';
const SNAPSHOTS = '{ snapshots { id live } }';
// Not a kept snapshot: an admin gets BAD_USER_INPUT, anyone else FORBIDDEN before it is looked at.
const ROLLBACK = 'mutation { rollbackWarehouse(snapshotId: "20200101T000000000Z-0000") { id } }';

async function codeOf(query: string, token?: string): Promise<string | undefined> {
  const res = await gql(t.url, query, token ? { token } : {});
  return res.body.errors?.[0]?.extensions?.code as string | undefined;
}

describe('role boundaries (public < analyst < planner < admin)', () => {
  it('public reads aggregate metrics but not analyst fields', async () => {
    expect(await codeOf('{ resistance { rows { rate } } }')).toBeUndefined();
    expect(await codeOf(COHORT)).toBe('FORBIDDEN');
    expect(await codeOf(EFFECTS)).toBe('FORBIDDEN');
    expect(await codeOf(ETL_RUNS)).toBe('FORBIDDEN');
    expect(await codeOf(SNAPSHOTS)).toBe('FORBIDDEN');
  });

  it('analyst gets cohort comparison and etlRuns, not planner fields', async () => {
    expect(await codeOf(COHORT, TOKENS.analyst)).toBeUndefined();
    expect(await codeOf(EFFECTS, TOKENS.analyst)).toBeUndefined();
    expect(await codeOf(ETL_RUNS, TOKENS.analyst)).toBeUndefined();
    expect(await codeOf(SNAPSHOTS, TOKENS.analyst)).toBeUndefined();
    expect(await codeOf(AGENCY_COMPARISON, TOKENS.analyst)).toBe('FORBIDDEN');
    expect(await codeOf(BUDGET_TREND, TOKENS.analyst)).toBe('FORBIDDEN');
    expect(await codeOf(BUDGET_TREND)).toBe('FORBIDDEN');
    expect(await codeOf(AGENCY_SCORECARD, TOKENS.analyst)).toBe('FORBIDDEN');
    expect(await codeOf(AGENCY_SCORECARD)).toBe('FORBIDDEN');
    // The agency list itself stays public.
    expect(await codeOf('{ agencies { code name } }')).toBeUndefined();
  });

  it('planner gets agency comparison, not admin fields', async () => {
    expect(await codeOf(AGENCY_COMPARISON, TOKENS.planner)).toBeUndefined();
    expect(await codeOf(BUDGET_TREND, TOKENS.planner)).toBeUndefined();
    expect(await codeOf(AGENCY_SCORECARD, TOKENS.planner)).toBeUndefined();
    expect(await codeOf(QUARANTINE, TOKENS.planner)).toBe('FORBIDDEN');
    expect(await codeOf(REFRESH, TOKENS.planner)).toBe('FORBIDDEN');
    expect(await codeOf(ROLLBACK, TOKENS.planner)).toBe('FORBIDDEN');
  });

  it('admin gets quarantine rows and refreshWarehouse (which starts the ETL child)', async () => {
    expect(await codeOf(QUARANTINE, TOKENS.admin)).toBeUndefined();
    const res = await gql(t.url, REFRESH, { token: TOKENS.admin });
    expect(res.body.errors).toBeUndefined();
    expect(t.launches).toEqual(['incremental']);
    expect(await codeOf(ROLLBACK, TOKENS.admin)).toBe('BAD_USER_INPUT');
  });

  it('FORBIDDEN says what was refused with the verb of the operation, the role it has and the role it needs', async () => {
    const message = async (query: string, token?: string) =>
      (await gql(t.url, query, token ? { token } : {})).body.errors?.[0]?.message;
    expect(await message(REFRESH, TOKENS.planner)).toBe(
      'Your role (planner) may not run the mutation refreshWarehouse: it needs admin.',
    );
    expect(await message(ROLLBACK, TOKENS.analyst)).toBe(
      'Your role (analyst) may not run the mutation rollbackWarehouse: it needs admin.',
    );
    expect(await message(ETL_RUNS)).toBe(
      'Your role (public) may not read etlRuns: it needs analyst or higher.',
    );
    expect(await message(QUARANTINE, TOKENS.planner)).toBe(
      'Your role (planner) may not read dataQuality.quarantine: it needs admin.',
    );
    expect(await message(AGENCY_COMPARISON, TOKENS.analyst)).toBe(
      'Your role (analyst) may not read agencyComparison: it needs planner or higher.',
    );
  });

  it('a refusal repeated at every item of a list is one error, with the number of items', async () => {
    const agencies = (await gql<{ agencies: unknown[] }>(t.url, '{ agencies { code } }')).body.data?.agencies;
    expect(agencies?.length).toBeGreaterThan(1);
    const res = await gql(t.url, AGENCY_SCORECARD, { token: TOKENS.analyst });
    expect(res.body.errors).toHaveLength(1);
    const [error] = (res.body.errors ?? []) as { message: string; path?: unknown; extensions?: unknown }[];
    expect(error?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      repeated: agencies?.length,
      pathPattern: 'agencies.*.scorecard',
    });
    expect(error?.path).toEqual(['agencies', 0, 'scorecard']);
    expect(error?.message).toBe(
      `Your role (analyst) may not read agencies.0.scorecard: it needs planner or higher. (the same at ${agencies?.length} list items: agencies.*.scorecard)`,
    );
  });

  it('data-test samples (may be person-level) are null below admin', async () => {
    const res = await gql<{ dataQuality: { viewerRole: string } }>(
      t.url,
      '{ dataQuality { viewerRole dataTests { sample } } }',
    );
    expect(res.body.data?.dataQuality.viewerRole).toBe('public');
  });

  it('an unknown token is UNAUTHENTICATED (401), never silently public', async () => {
    const res = await gql(t.url, '{ snapshot { id } }', { token: 'nope' });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('anonymous access switched off', () => {
  it('answers UNAUTHENTICATED without a token and serves a valid one', async () => {
    const closed = await startTestServer({ ALLOW_ANONYMOUS: false });
    try {
      const anon = await gql(closed.url, '{ snapshot { id } }');
      expect(anon.status).toBe(401);
      expect(anon.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const ok = await gql(closed.url, '{ snapshot { id } }', { token: TOKENS.analyst });
      expect(ok.body.errors).toBeUndefined();
    } finally {
      await closed.close();
    }
  });
});

describe('anonymous role raised (the embedded demo)', () => {
  it('serves planner fields to anonymous callers, but never admin ones', async () => {
    const demo = await startTestServer({ ANONYMOUS_ROLE: 'planner' });
    try {
      const planner = await gql(demo.url, AGENCY_COMPARISON);
      expect(planner.body.errors).toBeUndefined();
      const admin = await gql(demo.url, QUARANTINE);
      expect(admin.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await demo.close();
    }
  });
});
