import { invitationFunnel, SnapshotReader } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

interface Funnel {
  keys: { method: string | null };
  isTotal: boolean;
  n: number | null;
  invited: number | null;
  accepted: number | null;
  enrolled: number | null;
  completed: number | null;
  acceptanceRate: number | null;
  overallRate: number | null;
  suppressed: boolean;
}

const FUNNEL_FIELDS =
  'keys { method } period isTotal n suppressed invited accepted enrolled completed acceptanceRate enrollmentRate completionRate overallRate';

describe('invitationFunnel', () => {
  it('is public, takes the shared filter/groupBy/grain args, and returns exactly the warehouse rows', async () => {
    const variables = { filter: { from: '2023-01-01', to: '2024-12-31' } };
    const res = await gql<{ invitationFunnel: { minN: number; rows: Funnel[] } }>(
      t.url,
      `query F($filter: MetricFilterInput) {
        invitationFunnel(filter: $filter, groupBy: [method], grain: year) { minN rows { ${FUNNEL_FIELDS} } }
      }`,
      { variables },
    );
    expect(res.body.errors).toBeUndefined();
    const rows = res.body.data?.invitationFunnel.rows ?? [];
    expect(rows.some((r) => r.isTotal)).toBe(true);
    for (const r of rows.filter((r) => !r.suppressed)) {
      expect(r.invited).toBe(r.n);
      expect(r.invited ?? 0).toBeGreaterThanOrEqual(r.accepted ?? 0);
      expect(r.accepted ?? 0).toBeGreaterThanOrEqual(r.enrolled ?? 0);
      expect(r.enrolled ?? 0).toBeGreaterThanOrEqual(r.completed ?? 0);
    }
    // Same answer as the metric function on the same snapshot.
    const reader = await SnapshotReader.open(t.dir);
    const lease = await reader.acquire();
    try {
      const direct = await invitationFunnel(
        lease.db,
        { filter: { from: '2023-01-01', to: '2024-12-31' }, groupBy: ['method'], grain: 'year' },
        { minN: res.body.data?.invitationFunnel.minN ?? 0 },
      );
      expect(rows.map((r) => [r.keys.method, r.isTotal, r.invited, r.completed, r.overallRate])).toEqual(
        direct.rows.map((r) => [r.keys.method ?? null, r.isTotal, r.invited, r.completed, r.overallRate]),
      );
    } finally {
      lease.release();
      await reader.close();
    }
  });

  it('refuses an unknown groupBy dimension with a validation error', async () => {
    const res = await gql(t.url, '{ invitationFunnel(groupBy: [nope]) { minN } }');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('programs { outcomes { funnel } } is ONE batched funnel call for every program', async () => {
    const from = t.calls.length;
    const res = await gql<{ programs: { code: string; outcomes: { funnel: Funnel | null } }[] }>(
      t.url,
      `{ programs { code outcomes(filter: { from: "2023-01-01", to: "2024-12-31" }) { funnel { ${FUNNEL_FIELDS} } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const programs = res.body.data?.programs ?? [];
    const calls = t.calls.slice(from).filter((c) => c.metric === 'invitationFunnel');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args).toMatchObject({
      groupBy: ['program'],
      filter: { programs: programs.map((p) => p.code) },
    });
    expect(programs.some((p) => p.outcomes.funnel !== null)).toBe(true);
  });
});

describe('roi ikmChanges', () => {
  it('lists the IKM intangibles as numbers: change = post − pre, matching the text intangibles', async () => {
    const res = await gql<{
      roi: {
        intangibles: { name: string }[];
        ikmChanges: {
          agencyCode: string;
          pre: { ikm: number; band: string; respondents: number } | null;
          post: { ikm: number; band: string; respondents: number } | null;
          change: number | null;
        }[];
      };
    }>(
      t.url,
      `query R($input: RoiInput!) { roi(input: $input) {
        intangibles { name }
        ikmChanges { agencyCode change pre { ikm band respondents } post { ikm band respondents } }
      } }`,
      {
        token: TOKENS.planner,
        variables: {
          input: { selector: { kind: 'program', value: 'PLY-PRIMA' }, from: '2023-01-01', to: '2023-12-31' },
        },
      },
    );
    expect(res.body.errors).toBeUndefined();
    const { ikmChanges, intangibles } = res.body.data?.roi ?? { ikmChanges: [], intangibles: [] };
    expect(Array.isArray(ikmChanges)).toBe(true);
    for (const c of ikmChanges) {
      if (c.pre && c.post) expect(c.change).toBeCloseTo(c.post.ikm - c.pre.ikm, 6);
      else expect(c.change).toBeNull();
    }
    const surveyed = ikmChanges.filter((c) => c.pre || c.post).map((c) => `IKM ${c.agencyCode}`);
    expect(intangibles.map((i) => i.name)).toEqual(surveyed);
  });

  it('serves every IKM field the warehouse returns (pre/post readings, null change)', async () => {
    const known = [
      {
        agencyCode: 'DISDUKCAPIL',
        pre: { ikm: 76.5, band: 'C', respondents: 40 },
        post: { ikm: 82.25, band: 'B', respondents: 55 },
        change: 5.75,
      },
      { agencyCode: 'DINKES', pre: null, post: { ikm: 90, band: 'A', respondents: 12 }, change: null },
    ];
    const w = await startTestServer({}, (m) => ({
      ...m,
      roi: async (db, spec, o) => ({ ...(await m.roi(db, spec, o)), ikmChanges: known }),
    }));
    try {
      const res = await gql<{ roi: { ikmChanges: unknown[] } }>(
        w.url,
        `{ roi(input: { selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-31" }) {
          ikmChanges { agencyCode change pre { ikm band respondents } post { ikm band respondents } } } }`,
        { token: TOKENS.planner },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.roi.ikmChanges).toEqual(known);
    } finally {
      await w.close();
    }
  });

  it('is not public', async () => {
    const res = await gql(
      t.url,
      `{ roi(input: { selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-31" }) { ikmChanges { agencyCode } } }`,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("echoes the server's JP_MINUTES as a default, and a request's own jpMinutes as an override", async () => {
    const sources = async (assumptions: string) => {
      const res = await gql<{ roi: { assumptions: { name: string; value: number; source: string }[] } }>(
        t.url,
        `{ roi(input: { selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-31"${assumptions} }) { assumptions { name value source } } }`,
        { token: TOKENS.planner },
      );
      expect(res.body.errors).toBeUndefined();
      return Object.fromEntries(res.body.data!.roi.assumptions.map((a) => [a.name, [a.value, a.source]]));
    };
    const plain = await sources('');
    expect(plain.jpMinutes).toEqual([45, 'default']);
    expect(Object.values(plain).every(([, source]) => source === 'default')).toBe(true);
    const set = await sources(', assumptions: { jpMinutes: 40, confidence: 0.6 }');
    expect(set.jpMinutes).toEqual([40, 'override']);
    expect(set.confidence).toEqual([0.6, 'override']);
    expect(set.attribution?.[1]).toBe('default');
  });
});
