import { buildMetricAggregates, SnapshotReader, serviceTimes } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMartRows, publishFixture } from '../testing/fixture-snapshot.ts';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

interface ServiceRow {
  keys: { serviceType: string | null };
  isTotal: boolean;
  n: number | null;
  requests: number | null;
  handlerMonths: number | null;
  requestsPerHandlerMonth: number | null;
  handlers: number | null;
  requestsPerHandler: number | null;
}
interface ServiceResult {
  rows: ServiceRow[];
  range: { from: string | null; to: string | null; resolution: string };
}

const SERVICE_FIELDS =
  'range { from to resolution } rows { keys { serviceType } isTotal n requests handlerMonths requestsPerHandlerMonth handlers requestsPerHandler }';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

describe('serviceTimes: requests per handler-month, under the new and the deprecated names', () => {
  it('answers handlers / requestsPerHandler (deprecated) with the handler-month values, never null', async () => {
    const filter = { agencies: ['DISDUKCAPIL'], from: '2023-01-01', to: '2024-12-31' };
    const res = await gql<{
      serviceTimes: ServiceResult;
      kirkpatrick: { results: { serviceTimes: ServiceResult } };
    }>(
      t.url,
      `query S($f: MetricFilterInput) {
        serviceTimes(filter: $f, groupBy: [serviceType]) { ${SERVICE_FIELDS} }
        kirkpatrick(filter: $f, groupBy: [serviceType]) { results { serviceTimes { ${SERVICE_FIELDS} } } }
      }`,
      { variables: { f: filter } },
    );
    expect(res.body.errors).toBeUndefined();
    const rows = res.body.data!.serviceTimes.rows;
    expect(rows.map((r) => r.keys.serviceType)).toEqual(['KK', 'KTP-EL', null]);
    for (const r of rows) {
      expect(r.handlerMonths, String(r.keys.serviceType)).toBeGreaterThan(0);
      expect(r.requestsPerHandlerMonth).toBeGreaterThan(0);
      expect([r.handlers, r.requestsPerHandler]).toEqual([r.handlerMonths, r.requestsPerHandlerMonth]);
    }
    // Fixture: 120 DISDUKCAPIL requests, 10 in each of 12 months, by a few distinct handlers per
    // month and service type: 20 handler-months for KK (40 requests), 40 for KTP-EL (80 requests).
    expect(rows.map((r) => [r.requests, r.handlerMonths, r.requestsPerHandlerMonth])).toEqual([
      [40, 20, 2],
      [80, 40, 2],
      [120, 60, 2],
    ]);
    // The same numbers as the metric called directly, and through kirkpatrick.results.
    const reader = await SnapshotReader.open(t.dir);
    const lease = await reader.acquire();
    try {
      const direct = await serviceTimes(lease.db, { filter, groupBy: ['serviceType'] }, { minN: 5 });
      expect(rows.map((r) => [r.n, r.handlerMonths, r.requestsPerHandlerMonth])).toEqual(
        direct.rows.map((r) => [r.n, r.handlerMonths, r.requestsPerHandlerMonth]),
      );
    } finally {
      lease.release();
      await reader.close();
    }
    expect(res.body.data!.kirkpatrick.results.serviceTimes.rows).toEqual(rows);
    expect(res.body.data!.serviceTimes.range).toEqual({
      from: '2023-01-01',
      to: '2024-12-31',
      resolution: 'month',
    });
  });

  it('says in the response which days a month reads, and refuses one day (rows cover whole periods)', async () => {
    const res = await gql<{ serviceTimes: ServiceResult; satisfaction: { range: ServiceResult['range'] } }>(
      t.url,
      `{ serviceTimes(filter: { from: "2024-02-01", to: "2024-02-29" }, grain: month) { ${SERVICE_FIELDS} }
         satisfaction(filter: { from: "2024-02-01", to: "2024-02-29" }, grain: month) { range { from to resolution } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const expected = { from: '2024-02-01', to: '2024-02-29', resolution: 'month' };
    expect(res.body.data!.serviceTimes.range).toEqual(expected);
    expect(res.body.data!.satisfaction.range).toEqual(expected);
    expect(res.body.data!.serviceTimes.rows[0]!.requests).toBe(10); // all of February 2024
    // Within the data, and beyond it: the range says which fact and whether the rows are "no data".
    const ranges = await gql<{
      snapshot: { coverage: { fact: string; first: string; last: string }[] };
      inside: { range: { fact: string; beyondData: boolean } };
      after: { range: { fact: string; beyondData: boolean }; rows: { n: number | null }[] };
      open: { range: { beyondData: boolean } };
    }>(
      t.url,
      `{ snapshot { coverage { fact first last } }
         inside: serviceTimes(filter: { from: "2024-02-01", to: "2024-02-29" }, grain: month) { range { fact beyondData } }
         after: serviceTimes(filter: { from: "2031-01-01", to: "2031-12-31" }, grain: month) { range { fact beyondData } rows { n } }
         open: satisfaction { range { beyondData } } }`,
    );
    expect(ranges.body.errors).toBeUndefined();
    const data = ranges.body.data!;
    const requests = data.snapshot.coverage.find((c) => c.fact === 'fct_service_requests');
    expect(requests && requests.first <= '2024-02-01' && requests.last >= '2024-02-29').toBe(true);
    expect(data.inside.range).toEqual({ fact: 'fct_service_requests', beyondData: false });
    expect(data.after.range).toEqual({ fact: 'fct_service_requests', beyondData: true });
    expect(data.open.range.beyondData).toBe(false);
    const day = await gql(
      t.url,
      '{ serviceTimes(filter: { from: "2024-02-15", to: "2024-02-15" }) { minN } }',
    );
    expect(day.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'RANGE_NOT_ALIGNED',
    });
  });
});

describe('kirkpatrick.behaviour and the kirkpatrick filter', () => {
  const BEHAVIOUR = `query K($f: MetricFilterInput, $g: [Dimension!], $grain: TimeGrain) {
    kirkpatrick(filter: $f, groupBy: $g, grain: $grain) {
      reaction { rows { n } }
      behaviour(selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-31") { outcome }
    }
  }`;
  const behaviour = (variables: Record<string, unknown>) =>
    gql<{ kirkpatrick: { reaction: { rows: { n: number | null }[] }; behaviour: unknown } }>(
      t.url,
      BEHAVIOUR,
      {
        variables,
        token: TOKENS.analyst,
      },
    );
  const cohortCalls = () => t.calls.filter((c) => c.metric === 'cohortComparison');

  it('refuses a behaviour window that cuts a month, naming behaviour.to, before any comparison runs', async () => {
    const before = cohortCalls().length;
    const res = await gql<{ kirkpatrick: { behaviour: unknown } | null }>(
      t.url,
      `{ kirkpatrick { behaviour(selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-30") { outcome } } }`,
      { token: TOKENS.analyst },
    );
    expect(res.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'RANGE_NOT_ALIGNED',
      field: 'behaviour.to',
      unit: 'month',
      value: '2023-12-30',
      earlier: '2023-11-30',
      later: '2023-12-31',
    });
    expect(cohortCalls().length).toBe(before);
  });

  it('applies filter.agencies to both groups (no longer the whole city)', async () => {
    const before = cohortCalls().length;
    const res = await behaviour({ f: { agencies: ['DISDUKCAPIL'], programs: ['PLY-PRIMA'] } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.kirkpatrick.behaviour).not.toBeNull();
    expect(
      cohortCalls()
        .slice(before)
        .map((c) => c.args),
    ).toEqual([
      expect.objectContaining({
        selector: { kind: 'program', value: 'PLY-PRIMA' },
        from: '2023-01-01',
        to: '2023-12-31',
        outcome: 'appraisal_score',
        agencies: ['DISDUKCAPIL'],
      }),
    ]);
    // Without agencies: no restriction, as before.
    await behaviour({ f: { from: '2023-01-01', to: '2023-12-31' } });
    expect(cohortCalls().at(-1)!.args).not.toHaveProperty('agencies');
  });

  it.each([
    [
      'a grade group (the matched comparison cannot restrict it)',
      { f: { agencies: ['DISDUKCAPIL'], gradeGroups: ['III'] } },
      { reason: 'UNSUPPORTED_FILTER', field: 'filter.gradeGroups' },
    ],
    [
      'a tenure band',
      { f: { tenureBands: ['<5'] } },
      { reason: 'UNSUPPORTED_FILTER', field: 'filter.tenureBands' },
    ],
    [
      'a program other than the selector',
      { f: { programs: ['PLY-PRIMA', 'DIGI-101'] } },
      { reason: 'UNSUPPORTED_FILTER', field: 'filter.programs' },
    ],
    [
      'a period other than its window',
      { f: { from: '2024-01-01' } },
      { reason: 'UNSUPPORTED_FILTER', field: 'filter.from' },
    ],
    ['a groupBy', { g: ['agency'] }, { reason: 'UNSUPPORTED_GROUP_BY', field: 'groupBy', value: 'agency' }],
    ['a grain', { grain: 'year' }, { reason: 'UNSUPPORTED_GRAIN', field: 'grain', value: 'year' }],
  ])(
    'refuses %s with a coded error on behaviour only, never ignores it',
    async (_name, variables, expected) => {
      const before = cohortCalls().length;
      const res = await behaviour(variables);
      expect(res.body.errors).toHaveLength(1);
      const error = res.body.errors![0]!;
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', metric: 'behaviour', ...expected });
      expect((error as { path?: unknown }).path).toEqual(['kirkpatrick', 'behaviour']);
      expect(res.body.data!.kirkpatrick.behaviour).toBeNull();
      expect(res.body.data!.kirkpatrick.reaction.rows.length).toBeGreaterThan(0); // the other levels still answer
      expect(cohortCalls().length).toBe(before); // nothing ran
    },
  );
});

describe('kirkpatrick: a level that cannot honour the filter fails alone', () => {
  it('answers L1 and L2 for a program filter; L4 service outcomes are null with UNSUPPORTED_FILTER', async () => {
    const res = await gql<{
      kirkpatrick: {
        reaction: { rows: { n: number | null }[] } | null;
        learning: { rows: unknown[] } | null;
        results: { satisfaction: unknown; serviceTimes: unknown };
      };
    }>(
      t.url,
      `query K($f: MetricFilterInput) { kirkpatrick(filter: $f) {
        reaction { rows { n } } learning { rows { n } }
        results { satisfaction { rows { n } } serviceTimes { rows { n } } }
      } }`,
      { variables: { f: { programs: ['PLY-PRIMA'] } }, token: TOKENS.analyst },
    );
    const k = res.body.data!.kirkpatrick;
    expect(k.reaction!.rows.length).toBeGreaterThan(0);
    expect(k.learning).not.toBeNull();
    expect(k.results).toEqual({ satisfaction: null, serviceTimes: null });
    const errors = (res.body.errors ?? []).map((e) => ({
      path: (e as { path?: unknown }).path,
      code: e.extensions?.code,
      reason: e.extensions?.reason,
      field: e.extensions?.field,
    }));
    expect(errors).toEqual(
      expect.arrayContaining([
        {
          path: ['kirkpatrick', 'results', 'satisfaction'],
          code: 'BAD_USER_INPUT',
          reason: 'UNSUPPORTED_FILTER',
          field: 'filter.programs',
        },
        {
          path: ['kirkpatrick', 'results', 'serviceTimes'],
          code: 'BAD_USER_INPUT',
          reason: 'UNSUPPORTED_FILTER',
          field: 'filter.programs',
        },
      ]),
    );
    expect(errors).toHaveLength(2);
  });
});

describe('kirkpatrick filter.from/to: whole periods, checked once for every level', () => {
  // L3 takes its own from/to: one calendar year (2023).
  const ALL_LEVELS = `query K($f: MetricFilterInput, $grain: TimeGrain) {
    kirkpatrick(filter: $f, grain: $grain) {
      reaction { rows { n } }
      learning { rows { n } }
      behaviour(selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-31") { outcome }
      results { serviceTimes { rows { n } } satisfaction { rows { n } } }
    }
  }`;
  const BEHAVIOUR_ONLY = `query K($f: MetricFilterInput) {
    kirkpatrick(filter: $f) {
      behaviour(selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-01-01", to: "2023-12-31") { outcome }
    }
  }`;
  const REACTION_ONLY =
    'query K($f: MetricFilterInput) { kirkpatrick(filter: $f) { reaction { rows { n } } } }';
  const run = (query: string, variables: Record<string, unknown>) =>
    gql<{ kirkpatrick: Record<string, unknown> | null }>(t.url, query, { variables, token: TOKENS.analyst });

  it.each([
    ['every level', ALL_LEVELS],
    ['behaviour alone (which would take the window)', BEHAVIOUR_ONLY],
    ['reaction alone', REACTION_ONLY],
  ])(
    'refuses a filter range over part of a year once, on kirkpatrick, selecting %s',
    async (_name, query) => {
      const before = t.calls.length;
      const res = await run(query, { f: { from: '2023-03-01', to: '2023-08-31' } });
      // One error for the whole query, not one per section (nor a partial answer).
      expect(res.body.errors).toHaveLength(1);
      const error = res.body.errors![0]!;
      expect((error as { path?: unknown }).path).toEqual(['kirkpatrick']);
      expect(error.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'RANGE_NOT_ALIGNED',
        field: 'filter.from',
        unit: 'year',
        value: '2023-03-01',
        earlier: '2023-01-01',
        later: '2024-01-01',
      });
      // It names the whole years around the range and how to keep an L3 window.
      expect(error.message).toContain('2023-01-01 … 2023-12-31');
      expect(error.message).toContain("L3 behaviour's treatment window is its own from/to");
      expect(error.message).toContain('one calendar year');
      expect(res.body.data).toBeNull();
      expect(t.calls.length).toBe(before); // no metric ran
    },
  );

  it('names filter.to when only the end cuts a period', async () => {
    const res = await run(REACTION_ONLY, { f: { from: '2023-01-01', to: '2023-08-31' } });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'RANGE_NOT_ALIGNED',
      field: 'filter.to',
      unit: 'year',
      value: '2023-08-31',
      earlier: '2022-12-31',
      later: '2023-12-31',
    });
    expect(res.body.errors![0]!.message).toContain('2023-01-01 … 2023-12-31');
    expect((res.body.errors![0] as { path?: unknown }).path).toEqual(['kirkpatrick']);
  });

  it('refuses a reversed range once, too', async () => {
    const res = await run(ALL_LEVELS, { f: { from: '2024-01-01', to: '2023-12-31' } });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]!.extensions).toMatchObject({ reason: 'RANGE_REVERSED', field: 'filter.from' });
    expect((res.body.errors![0] as { path?: unknown }).path).toEqual(['kirkpatrick']);
  });

  it('answers every level when the window is given to behaviour alone (filter.from/to left out)', async () => {
    const before = t.calls.length;
    const res = await run(ALL_LEVELS, { f: { agencies: ['DISDUKCAPIL'] } });
    expect(res.body.errors).toBeUndefined();
    const k = res.body.data!.kirkpatrick!;
    expect(k.behaviour).toEqual({ outcome: 'appraisal_score' });
    const calls = t.calls.slice(before);
    expect(calls.find((c) => c.metric === 'cohortComparison')!.args).toMatchObject({
      from: '2023-01-01',
      to: '2023-12-31',
    });
    // The other levels ran over the filter as given: no range widened or narrowed for them.
    const others = calls.filter((c) => c.metric !== 'cohortComparison');
    expect(others.map((c) => c.metric).sort()).toEqual([
      'learning',
      'reaction',
      'satisfaction',
      'serviceTimes',
    ]);
    for (const c of others)
      expect((c.args as { filter: Record<string, unknown> }).filter, c.metric).toEqual({
        agencies: ['DISDUKCAPIL'],
      });
  });

  it('refuses an L3 window other than one calendar year, at behaviour.from / behaviour.to, before any query', async () => {
    // Privacy review of 2026-12-05: windows a month apart (same appraisal years) differed by a few
    // employees, whose SKP their treated means gave back (KEP-EL from March against April 2023).
    const behaviour = (from: string, to: string) =>
      `{ kirkpatrick { behaviour(selector: { kind: program, value: "PLY-PRIMA" }, from: "${from}", to: "${to}") { outcome } } }`;
    const before = t.calls.length;
    for (const [from, to, field, earlier, later] of [
      ['2023-04-01', '2023-12-31', 'behaviour.from', '2023-01-01', '2024-01-01'],
      ['2023-01-01', '2023-08-31', 'behaviour.to', '2022-12-31', '2023-12-31'],
      ['2022-01-01', '2023-12-31', 'behaviour.to', '2022-12-31', '2022-12-31'],
    ] as const) {
      const res = await run(behaviour(from, to), {});
      expect(res.body.errors?.[0]?.extensions, `${from} … ${to}`).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'RANGE_NOT_ALIGNED',
        field,
        unit: 'year',
        earlier,
        later,
      });
    }
    expect(t.calls.length).toBe(before);
    // The same rule for every analysis of appraisals: cohortComparison and programEffects.
    const cohort = await run(
      `{ cohortComparison(cohort: { selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-03-01", to: "2023-12-31", outcome: appraisal_score }) { suppressed } }`,
      {},
    );
    expect(cohort.body.errors?.[0]?.extensions).toMatchObject({
      reason: 'RANGE_NOT_ALIGNED',
      field: 'cohort.from',
      unit: 'year',
    });
    const effects = await run(
      `{ programEffects(input: { from: "2023-01-01", to: "2023-06-30", outcome: appraisal_score }) { outcome } }`,
      {},
    );
    expect(effects.body.errors?.[0]?.extensions).toMatchObject({
      reason: 'RANGE_NOT_ALIGNED',
      field: 'input.to',
      unit: 'year',
    });
    // Service outcomes keep whole months.
    const days = await run(
      `{ cohortComparison(cohort: { selector: { kind: program, value: "PLY-PRIMA" }, from: "2023-03-01", to: "2023-12-31", outcome: service_days }) { suppressed } }`,
      {},
    );
    expect(days.body.errors).toBeUndefined();
  });

  it('takes the behaviour window’s months with grain month (behaviour alone refuses the grain)', async () => {
    const res = await run(ALL_LEVELS, { f: { from: '2023-01-01', to: '2023-12-31' }, grain: 'month' });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]!.extensions).toMatchObject({
      reason: 'UNSUPPORTED_GRAIN',
      metric: 'behaviour',
    });
    expect((res.body.errors![0] as { path?: unknown }).path).toEqual(['kirkpatrick', 'behaviour']);
    const k = res.body.data!.kirkpatrick!;
    expect(k.behaviour).toBeNull();
    expect((k.reaction as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    expect((k.learning as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
  });
});

describe('reaction (L1) disclosure: completers without respondents', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    // 2025: one BKPSDM completer of PLY-PRIMA who gave no reaction; DINKES 6 and DISDUKCAPIL 7
    // completers who all did.
    await publishFixture(s.dir, 'reaction-gap', async (db) => {
      const done = (id: number, agency_code: string, answered: boolean) => ({
        enrollment_id: 9000 + id,
        offering_id: 20250,
        program_id: 1,
        program_code: 'PLY-PRIMA',
        method: 'workshop',
        competency_area: 'soft_skills',
        employee_key: `gap${id}`,
        agency_code,
        agency_kind: 'dinas',
        grade_group: 'III',
        tenure_band: '<5',
        employment_type: 'PNS',
        grade: 'III/a',
        status: 'completed',
        jp_earned: 24,
        start_date: '2025-03-01',
        completed_on: '2025-03-05',
        year: 2025,
        source: 'postgres',
        has_reaction: answered,
        ...(answered
          ? {
              reaction_relevance: 4,
              reaction_satisfaction: 4,
              reaction_facilitator: 4,
              reaction_intent_to_apply: 4,
            }
          : {}),
      });
      await insertMartRows(db, 'fct_enrollments', [
        done(0, 'BKPSDM', false),
        ...Array.from({ length: 6 }, (_, i) => done(1 + i, 'DINKES', true)),
        ...Array.from({ length: 7 }, (_, i) => done(10 + i, 'DISDUKCAPIL', true)),
      ]);
      await buildMetricAggregates(db);
    });
  });
  afterAll(() => s?.close());

  const ROW = 'keys { agency } isTotal n completed respondents responseRate suppressed suppressionReason';

  it('hides the one completer in kirkpatrick (filtered) and in program outcomes', async () => {
    const res = await gql<{
      kirkpatrick: { reaction: { rows: Record<string, unknown>[] } };
      program: { outcomes: { reaction: Record<string, unknown> | null } };
    }>(
      s.url,
      `{ kirkpatrick(filter: { programs: ["PLY-PRIMA"], agencies: ["BKPSDM"], from: "2025-01-01", to: "2025-12-31" }) {
           reaction { rows { ${ROW} } } }
         program(code: "PLY-PRIMA") {
           outcomes(filter: { agencies: ["BKPSDM"], from: "2025-01-01", to: "2025-12-31" }) { reaction { ${ROW} } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const hidden = {
      n: null,
      completed: null,
      respondents: null,
      responseRate: null,
      suppressed: true,
      // The API says what is hidden, not which hidden row is the small one (it would bound it).
      suppressionReason: null,
    };
    expect(res.body.data!.kirkpatrick.reaction.rows).toEqual([
      { keys: { agency: null }, isTotal: true, ...hidden },
    ]);
    expect(res.body.data!.program.outcomes.reaction).toMatchObject(hidden);
  });

  it('grouped by agency: the small cell and a complement are hidden, the total shown', async () => {
    const res = await gql<{ kirkpatrick: { reaction: { rows: Record<string, unknown>[] } } }>(
      s.url,
      `{ kirkpatrick(filter: { from: "2025-01-01", to: "2025-12-31" }, groupBy: [agency]) { reaction { rows { ${ROW} } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const rows = res.body.data!.kirkpatrick.reaction.rows;
    expect(rows.map((r) => [r.keys, r.completed, r.respondents, r.suppressed, r.suppressionReason])).toEqual([
      [{ agency: 'BKPSDM' }, null, null, true, null],
      [{ agency: 'DINKES' }, null, null, true, null],
      [{ agency: 'DISDUKCAPIL' }, 7, 7, false, null],
      [{ agency: null }, 14, 13, false, null],
    ]);
  });
});
