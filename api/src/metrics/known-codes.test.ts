import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { FIXTURE_COHORT, FIXTURE_ROI } from '../testing/inputs.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

/**
 * A code the snapshot does not know is a BAD_USER_INPUT that names the value, its argument path and
 * where the known values are listed, before any metric runs; a known code (or none) answers as before.
 */
describe('codes in requests are checked against the snapshot', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  const METRIC = 'query Q($f: MetricFilterInput) { participation(filter: $f) { rows { n } } }';
  const cohort = FIXTURE_COHORT;
  const roiIn = FIXTURE_ROI;

  interface Case {
    readonly name: string;
    readonly query: string;
    readonly variables: Record<string, unknown>;
    readonly field: string;
    readonly unknown: readonly string[];
    readonly hint: RegExp;
  }
  const CASES: readonly Case[] = [
    {
      name: 'a metric filter: agencies (repeats reported once)',
      query: METRIC,
      variables: { f: { agencies: ['DINKES', 'DINKEZ', 'dinkes', 'DINKEZ'] } },
      field: 'filter.agencies',
      unknown: ['DINKEZ', 'dinkes'],
      hint: /\(not in snapshot; the `agencies` query lists the agency codes\)\.$/,
    },
    {
      name: 'a metric filter: programs',
      query: METRIC,
      variables: { f: { programs: ['NOPE'] } },
      field: 'filter.programs',
      unknown: ['NOPE'],
      hint: /`programs` query/,
    },
    {
      name: 'a metric filter: a method spelled another way',
      query: METRIC,
      variables: { f: { methods: ['e-learning'] } },
      field: 'filter.methods',
      unknown: ['e-learning'],
      hint: /\(accepted: classroom, coaching, e_learning, seminar, workshop\)\.$/,
    },
    {
      name: 'a metric filter: tenure band',
      query: 'query Q($f: MetricFilterInput) { resistance(filter: $f) { minN } }',
      variables: { f: { tenureBands: ['0-4'] } },
      field: 'filter.tenureBands',
      unknown: ['0-4'],
      hint: /accepted: .*<5/,
    },
    {
      name: 'a metric filter: kelurahan without dots',
      query: 'query Q($f: MetricFilterInput) { serviceTimes(filter: $f) { minN } }',
      variables: { f: { kelurahan: ['6271011001'] } },
      field: 'filter.kelurahan',
      unknown: ['6271011001'],
      hint: /dotted Kemendagri codes/,
    },
    {
      name: 'a program outcome filter',
      query: 'query Q($f: MetricFilterInput) { programs { outcomes(filter: $f) { completion { n } } } }',
      variables: { f: { agencies: ['X'] } },
      field: 'filter.agencies',
      unknown: ['X'],
      hint: /`agencies` query/,
    },
    {
      name: 'a Kirkpatrick filter',
      query: 'query Q($f: MetricFilterInput) { kirkpatrick(filter: $f) { reaction { minN } } }',
      variables: { f: { serviceTypes: ['ktp'] } },
      field: 'filter.serviceTypes',
      unknown: ['ktp'],
      hint: /serviceType/,
    },
    {
      name: 'a cohort selector: program',
      query: 'query Q($c: CohortInput!) { cohortComparison(cohort: $c) { n } }',
      variables: { c: { ...cohort, selector: { kind: 'program', value: 'PLY-PRIME' } } },
      field: 'cohort.selector.value',
      unknown: ['PLY-PRIME'],
      hint: /`programs` query/,
    },
    {
      name: 'a cohort selector: method',
      query: 'query Q($c: CohortInput!) { cohortComparison(cohort: $c) { n } }',
      variables: { c: { ...cohort, selector: { kind: 'method', value: 'dance' } } },
      field: 'cohort.selector.value',
      unknown: ['dance'],
      hint: /accepted: classroom/,
    },
    {
      name: 'cohort agencies',
      query: 'query Q($c: CohortInput!) { cohortComparison(cohort: $c) { n } }',
      variables: { c: { ...cohort, agencies: ['DISDUKCAPIL', 'DUKCAPIL'] } },
      field: 'cohort.agencies',
      unknown: ['DUKCAPIL'],
      hint: /`agencies` query/,
    },
    {
      name: 'an ROI selector',
      query: 'query Q($i: RoiInput!) { roi(input: $i) { n } }',
      variables: { i: { ...roiIn, selector: { kind: 'competencyArea', value: 'cooking' } } },
      field: 'input.selector.value',
      unknown: ['cooking'],
      hint: /accepted: .*soft_skills/,
    },
    {
      name: 'a budget scenario agency',
      query: 'query Q($i: BudgetScenarioInput!) { budgetScenario(input: $i) { seats } }',
      variables: { i: { agency: 'NOWHERE', program: 'PLY-PRIMA', budgetIdr: 1e8 } },
      field: 'input.agency',
      unknown: ['NOWHERE'],
      hint: /`agencies` query/,
    },
    {
      name: 'a budget scenario program',
      query: 'query Q($i: BudgetScenarioInput!) { budgetScenario(input: $i) { seats } }',
      variables: { i: { agency: 'DISDUKCAPIL', program: 'NOPE', budgetIdr: 1e8 } },
      field: 'input.program',
      unknown: ['NOPE'],
      hint: /`programs` query/,
    },
    {
      name: 'agencies side by side',
      query: 'query Q($a: [String!]) { agencyComparison(year: 2024, agencies: $a) { agency } }',
      variables: { a: ['DINKES', 'BKD'] },
      field: 'agencies',
      unknown: ['BKD'],
      hint: /`agencies` query/,
    },
  ];

  for (const c of CASES) {
    it(`refuses an unknown value in ${c.name}`, async () => {
      const before = t.calls.length;
      const res = await gql(t.url, c.query, { variables: c.variables, token: TOKENS.admin });
      const error = res.body.errors?.[0];
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.field).toBe(c.field);
      expect(error?.extensions?.unknown).toEqual(c.unknown);
      expect(error?.message).toContain(c.field);
      for (const v of c.unknown) expect(error?.message).toContain(JSON.stringify(v));
      expect(error?.message).toMatch(c.hint);
      // Refused before any metric ran.
      expect(t.calls.length).toBe(before);
    });
  }

  it('names a long unknown value without replaying it whole', async () => {
    const long = 'X'.repeat(5_000);
    const res = await gql(t.url, METRIC, { variables: { f: { agencies: [long] } } });
    const error = res.body.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.unknown).toEqual([`${'X'.repeat(63)}…`]);
    expect(error!.message.length).toBeLessThan(300);
  });

  it('answers known codes as before, and reads the vocabulary once per snapshot', async () => {
    const first = await gql(t.url, METRIC, {
      variables: { f: { agencies: ['DINKES'], methods: ['workshop'], tenureBands: ['20+'] } },
    });
    expect(first.body.errors).toBeUndefined();
    const ops = t.operations.length;
    const again = await gql(t.url, METRIC, {
      variables: { f: { agencies: ['BKPSDM'], programs: ['DIGI-101'] } },
    });
    expect(again.body.errors).toBeUndefined();
    // The second request issues only the metric's own queries, no vocabulary read: the metric and,
    // for its two list filters, the disclosure guard's exact run and its three relaxations
    // (agencies dropped, programs dropped, both: guardFilterComplements), plus the one year-mask read
    // of a participation over several years without a grain (guardDistinctYears); and the table the
    // one-agency answer is a slice of (by agency, filtered to the program: sliceHidden), as published:
    // its own run, its year-mask read, its exact run and its relaxation (programs dropped).
    // Participation cannot be grouped by program, so the program list is no slice. The exact runs
    // read what the runs read, and within one call a read runs once (`sharingReads`,
    // headcount-partners.ts): 2 fewer than the 10 above.
    expect(t.operations.slice(ops).map((o) => o.queries)).toEqual([8]);
  });

  it('reads nothing extra for a request without codes', async () => {
    const ops = t.operations.length;
    const res = await gql(t.url, METRIC, { variables: { f: { from: '2024-01-01' } } });
    expect(res.body.errors).toBeUndefined();
    // The metric and, its range open-ended (it may span several years), the year-mask read that
    // guards distinct participants across ranges (guardDistinctYears): no vocabulary read.
    expect(t.operations.slice(ops).map((o) => o.queries)).toEqual([2]);
  });
});
