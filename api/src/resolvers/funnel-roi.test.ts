import { type Db, invitationFunnel, SnapshotReader } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMartRows, PROGRAMS, publishFixture } from '../testing/fixture-snapshot.ts';
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

  it('refuses an unknown groupBy dimension before execution, as a caller mistake', async () => {
    const res = await gql(t.url, '{ invitationFunnel(groupBy: [nope]) { minN } }');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_LITERAL',
      type: 'Dimension',
    });
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
    // The whole table by program, not filtered to the programs listed (programMetricLoader).
    expect(calls[0]?.args).toEqual({
      groupBy: ['program'],
      filter: { from: '2023-01-01', to: '2024-12-31' },
    });
    expect(programs.some((p) => p.outcomes.funnel !== null)).toBe(true);
  });
});

describe('roi ikmChanges', () => {
  // The fixture's 2023 cohort has no matched agency, so there are no IKM readings: both lists are
  // empty, explicitly. The known answer (change = post − pre, one intangible per agency surveyed)
  // is warehouse/src/metrics/roi-metric/roi.test.ts's; the next test serves every field.
  it('has no IKM change and no IKM intangible where the cohort has no matched agency', async () => {
    const res = await gql<{ roi: { intangibles: { name: string }[]; ikmChanges: { agencyCode: string }[] } }>(
      t.url,
      `query R($input: RoiInput!) { roi(input: $input) { intangibles { name } ikmChanges { agencyCode } } }`,
      {
        token: TOKENS.planner,
        variables: {
          input: { selector: { kind: 'program', value: 'PLY-PRIMA' }, from: '2023-01-01', to: '2023-12-31' },
        },
      },
    );
    expect(res.body.errors).toBeUndefined();
    const roi = res.body.data?.roi;
    expect(roi?.ikmChanges).toEqual([]);
    expect(roi?.intangibles.filter((i) => i.name.startsWith('IKM'))).toEqual([]);
  });

  it('serves every IKM field the warehouse returns (pre/post readings, null change, a withheld reading)', async () => {
    const known = [
      {
        agencyCode: 'DISDUKCAPIL',
        pre: { ikm: 76.5, band: 'C', respondents: 40 },
        post: { ikm: 82.25, band: 'B', respondents: 55 },
        change: 5.75,
        preSuppressed: false,
        postSuppressed: false,
      },
      {
        agencyCode: 'DINKES',
        pre: null,
        post: { ikm: 90, band: 'A', respondents: 12 },
        change: null,
        preSuppressed: true,
        postSuppressed: false,
      },
    ];
    const w = await startTestServer({}, (m) => ({
      ...m,
      roi: async (db, spec, o) => ({ ...(await m.roi(db, spec, o)), ikmChanges: known }),
    }));
    try {
      const res = await gql<{ roi: { ikmChanges: unknown[] } }>(
        w.url,
        `{ roi(input: { selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-31" }) {
          ikmChanges { agencyCode change pre { ikm band respondents } post { ikm band respondents } preSuppressed postSuppressed } } }`,
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

/**
 * The fixture with its offerings (PLY-PRIMA 2023 and 2024: Rp 15,000,000 each) and a salary-scale
 * cost for its one grade, III/a (Rp 6,500,000 a month: 40,000 an hour at 162.5 hours), so costs and
 * participant time can be priced.
 */
async function offerings(db: Db): Promise<void> {
  await insertMartRows(
    db,
    'dim_offering',
    [2023, 2024].flatMap((year) =>
      PROGRAMS.map((program_code, p) => ({
        offering_id: year * 10 + p,
        program_id: p + 1,
        program_code,
        method: p ? 'e_learning' : 'workshop',
        competency_area: p ? 'it' : 'soft_skills',
        organizer_agency_code: 'BKPSDM',
        starts_on: `${year}-01-10`,
        ends_on: `${year}-01-12`,
        year,
        capacity: 40,
      })),
    ),
  );
  await insertMartRows(db, 'dim_grade', [
    { grade: 'III/a', grade_group: 'III', monthly_cost_idr: 6_500_000 },
  ]);
}

describe('roi and budgetScenario over priced offerings', () => {
  let w: TestServer;
  beforeAll(async () => {
    w = await startTestServer();
    await publishFixture(w.dir, 'offerings', offerings);
  });
  afterAll(() => w?.close());

  it('prices participant time at a monthlySalaryCostIdr the request sets, and echoes what it used', async () => {
    type Priced = {
      participantHours: number;
      costs: { participantTimeIdr: number };
      assumptions: { name: string; value: number; source: string }[];
    };
    const price = async (assumptions: string) => {
      const res = await gql<{ roi: Priced }>(
        w.url,
        `{ roi(input: { selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-31"${assumptions} }) {
          participantHours costs { participantTimeIdr } assumptions { name value source } } }`,
        { token: TOKENS.planner },
      );
      expect(res.body.errors).toBeUndefined();
      const r = res.body.data!.roi;
      return { ...r, echo: Object.fromEntries(r.assumptions.map((a) => [a.name, [a.value, a.source]])) };
    };
    // Default: the participants' grade mix (all III/a: 6,500,000 a month), 40,000 an hour, and the
    // echoed hourly cost is the echoed monthly cost / 162.5 working hours.
    const plain = await price('');
    expect(plain.participantHours).toBeGreaterThan(0);
    expect(plain.echo.monthlySalaryCostIdr).toEqual([6_500_000, 'default']);
    expect(plain.echo.hourlySalaryCostIdr).toEqual([40_000, 'default']);
    expect(plain.costs.participantTimeIdr).toBeCloseTo(plain.participantHours * 40_000, 4);
    // 8,125,000 / 162.5 = 50,000 per participant hour.
    const set = await price(', assumptions: { monthlySalaryCostIdr: 8125000 }');
    expect(set.costs.participantTimeIdr).toBeCloseTo(set.participantHours * 50_000, 4);
    expect(set.costs.participantTimeIdr).not.toBeCloseTo(plain.costs.participantTimeIdr, 0);
    expect(set.echo.monthlySalaryCostIdr).toEqual([8_125_000, 'override']);
    expect(set.echo.hourlySalaryCostIdr).toEqual([50_000, 'override']);
  });

  const BUDGET = `query B($i: BudgetScenarioInput!) { budgetScenario(input: $i) {
    seats seatsCapped headcount headcountYear leftoverIdr requestsPerYear volumeCapped
    history { costPerParticipantIdr } roi { costs { programIdr } }
    assumptions { name value source } caveats { code id en } } }`;
  type Budget = {
    seats: number | null;
    seatsCapped: boolean;
    headcount: number | null;
    headcountYear: number | null;
    leftoverIdr: number | null;
    history: { costPerParticipantIdr: number };
    roi: { costs: { programIdr: number } };
    assumptions: { name: string; value: number; source: string }[];
    caveats: { code: string; id: string; en: string }[];
  };
  const ask = (i: Record<string, unknown>) =>
    gql<{ budgetScenario: Budget }>(w.url, BUDGET, {
      token: TOKENS.planner,
      variables: { i: { agency: 'DISDUKCAPIL', program: 'PLY-PRIMA', ...i } },
    });

  it('echoes every assumption as a default when the input sets none, JP_MINUTES included', async () => {
    const res = await ask({ budgetIdr: 1e9 });
    expect(res.body.errors).toBeUndefined();
    const { assumptions } = res.body.data!.budgetScenario;
    expect(assumptions.find((a) => a.name === 'jpMinutes')).toEqual({
      name: 'jpMinutes',
      value: 45,
      source: 'default',
    });
    expect(assumptions.filter((a) => a.source !== 'default')).toEqual([]);
  });

  it('refuses a budget above Rp 1,000 trillion (1e15) and a year outside 1990 … 2100, without partial data', async () => {
    for (const budgetIdr of [1e23, 1e300, 1e308, 1e15 + 1]) {
      const res = await ask({ budgetIdr });
      expect(res.body.data ?? null, String(budgetIdr)).toBeNull();
      expect(res.body.errors, String(budgetIdr)).toHaveLength(1);
      expect(res.body.errors![0]!.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'OUT_OF_RANGE',
        field: 'input.budgetIdr',
        min: 0,
        max: 1e15,
      });
    }
    for (const year of [9999, 1900, 1989, 2101, 0]) {
      const res = await ask({ budgetIdr: 1e9, year });
      expect(res.body.errors?.[0]?.extensions, String(year)).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'OUT_OF_RANGE',
        field: 'input.year',
        min: 1990,
        max: 2100,
      });
      expect(res.body.errors![0]!.message).toBe(`input.year ${year} is out of range (1990 … 2100).`);
    }
  });

  it('says what the CI of the effect priced shows, and warns effect_ci_includes_zero first when it contains 0', async () => {
    const res = await gql<{
      budgetScenario: {
        evidence: string;
        daysSavedPerRequest: { low: number; base: number } | null;
        caveats: { code: string; id: string; en: string }[];
      };
    }>(
      w.url,
      `query B($i: BudgetScenarioInput!) { budgetScenario(input: $i) { evidence daysSavedPerRequest { low base } caveats { code id en } } }`,
      {
        token: TOKENS.planner,
        variables: { i: { agency: 'DISDUKCAPIL', program: 'PLY-PRIMA', budgetIdr: 1e8 } },
      },
    );
    expect(res.body.errors).toBeUndefined();
    const b = res.body.data!.budgetScenario;
    expect(['faster', 'slower', 'inconclusive', 'not_estimated']).toContain(b.evidence);
    const codes = b.caveats.map((c) => c.code);
    expect(codes.includes('effect_ci_includes_zero')).toBe(b.evidence === 'inconclusive');
    expect(codes.includes('effect_adverse')).toBe(b.evidence === 'slower');
    if (b.evidence === 'inconclusive') {
      expect(codes[0]).toBe('effect_ci_includes_zero');
      expect(b.daysSavedPerRequest!.low).toBe(0);
      expect(b.caveats[0]!.en).toMatch(/^The effect priced is not shown: the 95 % confidence interval/);
      expect(b.caveats[0]!.id).toMatch(/^Dampak yang dihitung belum terbukti/);
    }
  });

  it('prices at most one seat per employee of the agency, and says so (fixture: 20 at DISDUKCAPIL)', async () => {
    const res = await ask({ budgetIdr: 1e15 });
    expect(res.body.errors).toBeUndefined();
    const b = res.body.data!.budgetScenario;
    expect(b).toMatchObject({ seats: 20, seatsCapped: true, headcount: 20, headcountYear: 2024 });
    const cost = b.history.costPerParticipantIdr;
    expect(b.roi.costs.programIdr).toBeCloseTo(20 * cost, 4);
    expect(b.leftoverIdr).toBeCloseTo(1e15 - 20 * cost, 0);
    const capped = b.caveats.find((c) => c.code === 'seats_capped_at_headcount')!;
    expect(capped.id).toMatch(
      /lebih dari jumlah pegawai instansi \(20\) pada 30 Juni 2024: yang dihitung 20 kursi/,
    );
    expect(capped.en).toMatch(/more than the agency's employees \(20\) on 30 June 2024: 20 seats are priced/);
    // A budget the headcount does not bind: ⌊budget / cost⌋ seats, no cap.
    const small = (await ask({ budgetIdr: 3.5 * cost })).body.data!.budgetScenario;
    expect(small).toMatchObject({ seats: 3, seatsCapped: false });
    expect(small.caveats.map((c) => c.code)).not.toContain('seats_capped_at_headcount');
  });
});
