import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { DisclosureTooComplexError } from '../disclosure/index.ts';
import { krejcieMorganSample } from '../ikm/index.ts';
import { agencyScorecard } from './agency-scorecard.metric.ts';
import type { MetricQuery } from './filter.ts';
import { guardedSatisfaction, satisfaction, serviceTimes } from './guarded-metrics.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { MetricInputError } from './query/metric-input-error.ts';
import { ikmSample, withIkmSample } from './satisfaction-sample.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * `sampleAdequate`: the respondents against the Krejcie–Morgan sample (PermenPANRB 14/2017) of the
 * row's population, the requests serviceTimes publishes for the same row.
 */
describe('satisfaction: is the SKM sample large enough?', () => {
  let db: Db;
  const form = (agency_code: string, service_type: string, surveyed_on: string) => ({
    agency_code,
    service_type,
    surveyed_on,
    year: Number(surveyed_on.slice(0, 4)),
    ...Object.fromEntries(Array.from({ length: 9 }, (_, u) => [`u${u + 1}`, 3])),
  });
  const forms = (k: number, agency: string, service: string, on: string) =>
    Array.from({ length: k }, () => form(agency, service, on));
  // Six handlers a month, so that serviceTimes shows the rows (its handler-months are protected too).
  const requests = (k: number, service_type: string, month: string) =>
    Array.from({ length: k }, (_, i) => ({
      service_type,
      agency_code: 'DUKCAPIL',
      handled_by_key: `h${i % 6}`,
      kelurahan_code: 'K1',
      submitted_on: month,
      submitted_at: `${month}T00:00:00Z`,
      completed_at: `${month}T12:00:00Z`,
      month_start: month,
      year: Number(month.slice(0, 4)),
      days: 0.5,
      target_days: 2,
      sla_met: true,
    }));

  beforeAll(async () => {
    db = await openTestMarts();
    await seed(db, 'fct_satisfaction', [
      ...forms(29, 'DUKCAPIL', 'KTP', '2024-07-10'),
      ...forms(12, 'DUKCAPIL', 'KK', '2024-08-05'),
      // Surveyed, but the service data holds no request of this agency: population unknown.
      ...forms(6, 'DPMPTSP', 'IZIN', '2024-07-11'),
      // Three requests: serviceTimes hides them, so no population.
      ...forms(6, 'DUKCAPIL', 'KIA', '2024-09-02'),
    ]);
    await seed(db, 'fct_service_requests', [
      ...requests(30, 'KTP', '2024-07-01'),
      // June: no survey that month, yet its requests are the year's population too.
      ...requests(200, 'KTP', '2024-06-01'),
      ...requests(12, 'KK', '2024-08-01'),
      ...requests(3, 'KIA', '2024-09-01'),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  const judged = <R extends { respondents: number | null }>(rows: readonly R[]) =>
    rows.filter((r) => r.respondents !== 0);

  it('by month and service type: 29 questionnaires of 30 requests are enough (28), 12 of 12 too', async () => {
    const { rows } = await satisfaction(db, { grain: 'month', groupBy: ['serviceType'] }, { minN: 5 });
    // The month grain lists every service type each month; those without forms are not judged.
    const empty = rows.filter((r) => r.respondents === 0);
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.every((r) => r.sampleAdequate === null)).toBe(true);
    expect(
      judged(rows).map((r) => [
        r.period,
        r.keys.serviceType,
        r.respondents,
        r.population,
        r.minimumSample,
        r.sampleAdequate,
      ]),
    ).toEqual([
      ['2024-07-01', 'IZIN', 6, null, null, null], // no request of DPMPTSP in the service data
      ['2024-07-01', 'KTP', 29, 30, 28, true],
      // 6 of July's 35 questionnaires are about DPMPTSP's IZIN, whose population is unknown.
      ['2024-07-01', null, 35, null, null, null],
      // serviceTimes hides August too, as a complement of September's small cell (below).
      ['2024-08-01', 'KK', 12, null, null, null],
      ['2024-08-01', null, 12, null, null, null],
      ['2024-09-01', 'KIA', 6, null, null, null], // 3 requests: serviceTimes hides them
      ['2024-09-01', null, 6, null, null, null],
    ]);
  });

  it('the months serviceTimes hides: September’s 3 requests, and August as their complement', async () => {
    const { rows } = await serviceTimes(db, { grain: 'month', groupBy: ['serviceType'] }, { minN: 5 });
    const hidden = rows
      .filter((r) => r.suppressed && (r.period === '2024-08-01' || r.period === '2024-09-01'))
      .map((r) => [r.period, r.keys.serviceType, r.suppressionReason]);
    // Over the year, the months' totals add up to the year's: one more month must be hidden.
    expect(hidden).toEqual([
      ['2024-08-01', 'KK', 'complementary'],
      ['2024-08-01', null, 'complementary'],
      ['2024-09-01', 'KIA', 'primary'],
      ['2024-09-01', null, 'primary'],
    ]);
  });

  it('by year: the population counts every month of the period, surveyed or not', async () => {
    const { rows } = await satisfaction(db, { grain: 'year', groupBy: ['serviceType'] }, { minN: 5 });
    const ktp = rows.find((r) => r.keys.serviceType === 'KTP');
    // 29 < 144: June's 200 requests and July's 30.
    expect([ktp?.population, ktp?.minimumSample, ktp?.sampleAdequate]).toEqual([230, 144, false]);
    expect(krejcieMorganSample(230)).toBe(144);
  });

  it('filtered by agency and months, the population is filtered alike', async () => {
    const q3 = { agencies: ['DUKCAPIL'], from: '2024-07-01', to: '2024-09-30' };
    const { rows } = await satisfaction(
      db,
      { filter: q3, grain: 'quarter', groupBy: ['serviceType'] },
      { minN: 5 },
    );
    const ktp = rows.find((r) => r.keys.serviceType === 'KTP');
    expect([ktp?.respondents, ktp?.population, ktp?.sampleAdequate]).toEqual([29, 30, true]); // June left out
  });

  const year2024 = { from: '2024-01-01', to: '2024-12-31' };
  const queries: MetricQuery[] = [
    { grain: 'month', groupBy: ['serviceType'] },
    { grain: 'month', groupBy: ['serviceType'], compare: true },
    { grain: 'quarter', groupBy: ['agency'] },
    { grain: 'year', groupBy: ['serviceType'] },
    { filter: year2024, groupBy: ['agency'] },
    { filter: year2024, groupBy: ['agency', 'serviceType'] },
    { filter: { ...year2024, serviceTypes: ['KTP', 'KIA'] }, groupBy: ['serviceType'] },
    { filter: { ...year2024, agencies: ['DUKCAPIL'] } },
  ];

  it.each(queries)('publishes only what serviceTimes publishes for the same query (%j)', async (query) => {
    for (const minN of [1, 5, 13]) {
      const [ikm, service] = await Promise.all([
        satisfaction(db, query, { minN }),
        serviceTimes(db, query, { minN }),
      ]);
      const same = (a: (typeof ikm.rows)[number], b: (typeof service.rows)[number]) =>
        a.period === b.period &&
        a.isTotal === b.isTotal &&
        (query.groupBy ?? []).every((d) => a.keys[d] === b.keys[d]);
      let withPopulation = 0;
      for (const r of ikm.rows) {
        const twin = service.rows.find((s) => same(r, s));
        if (r.population === null) continue;
        withPopulation++;
        // A population is the twin row's published request count, never a hidden one's.
        expect(twin?.suppressed, JSON.stringify([minN, r.period, r.keys])).toBe(false);
        expect(r.population).toBe(twin?.requests);
        expect(r.minimumSample).toBe(krejcieMorganSample(r.population));
        expect(r.suppressed).toBe(false);
        expect(r.sampleAdequate).toBe((r.respondents ?? 0) >= (r.minimumSample ?? Infinity));
      }
      // At minN 1 nothing is hidden: every query here has rows to judge (KTP's and KK's).
      if (minN === 1) expect(withPopulation, JSON.stringify(query)).toBeGreaterThan(0);
      for (const r of ikm.rows) expect(r).not.toHaveProperty('uncoveredRespondents');
    }
  });

  it('rows over more than a year, or over all the data, are not judged (and the requests not read)', async () => {
    for (const query of [
      { groupBy: ['agency'] },
      { filter: { from: '2023-01-01', to: '2024-12-31' }, groupBy: ['serviceType'] },
      {},
    ] as MetricQuery[]) {
      const before = db.queryCount;
      const { rows } = await satisfaction(db, query, { minN: 1 });
      const reads = db.queryCount - before;
      expect(rows.some((r) => (r.respondents ?? 0) > 0)).toBe(true);
      expect(rows.every((r) => r.population === null && r.sampleAdequate === null)).toBe(true);
      // One statement: the questionnaires; serviceTimes not called.
      expect(reads, JSON.stringify(query)).toBe(1);
    }
    // One year without a grain is one survey period (without a grain a range is whole years).
    const { rows } = await satisfaction(db, { filter: year2024 }, { minN: 1 });
    expect(rows.map((r) => [r.respondents, r.population])).toEqual([[53, null]]); // IZIN: unknown part
    const ktp = await satisfaction(db, { filter: { ...year2024, serviceTypes: ['KTP'] } }, { minN: 1 });
    expect(ktp.rows.map((r) => [r.respondents, r.population, r.sampleAdequate])).toEqual([[29, 230, false]]);
  });

  it('the agency scorecard judges its IKM as satisfaction by agency and year does', async () => {
    const cards = await agencyScorecard(
      db,
      { agencies: ['DUKCAPIL', 'DPMPTSP'], years: [2024] },
      { minN: 5 },
    );
    // DUKCAPIL: 47 questionnaires of 245 requests (150 needed); DPMPTSP: no request data.
    expect(cards.map((c) => [c.agency, c.ikmSampleAdequate])).toEqual([
      ['DUKCAPIL', false],
      ['DPMPTSP', null],
    ]);
    const { rows } = await satisfaction(
      db,
      { filter: year2024, grain: 'year', groupBy: ['agency'] },
      { minN: 5 },
    );
    for (const c of cards) {
      expect(rows.find((r) => !r.isTotal && r.keys.agency === c.agency)?.sampleAdequate).toBe(
        c.ikmSampleAdequate,
      );
    }
  });

  it('a hidden row says nothing about its sample', async () => {
    const { rows } = await satisfaction(db, { grain: 'year', groupBy: ['serviceType'] }, { minN: 10 });
    const hidden = rows.filter((r) => r.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    for (const r of hidden)
      expect([r.population, r.minimumSample, r.sampleAdequate]).toEqual([null, null, null]);
  });

  it('the IKM itself is the guarded satisfaction’s, unchanged', async () => {
    const query: MetricQuery = { grain: 'year', groupBy: ['serviceType'] };
    const [sampled, plain] = await Promise.all([
      satisfaction(db, query, { minN: 5 }),
      guardedSatisfaction(db, query, { minN: 5 }),
    ]);
    expect(sampled.rows.map(({ population, minimumSample, sampleAdequate, ...r }) => r)).toEqual(plain.rows);
    expect(sampled.rows.some((r) => r.population !== null)).toBe(true);
  });

  it('when serviceTimes refuses the query, no row is judged; any other failure fails the call', async () => {
    const refusing = withIkmSample(guardedSatisfaction, async () => {
      throw new DisclosureTooComplexError(1);
    });
    const { rows } = await refusing(db, { grain: 'year', groupBy: ['serviceType'] }, { minN: 5 });
    expect(rows.some((r) => !r.suppressed && (r.respondents ?? 0) > 0)).toBe(true);
    expect(rows.every((r) => r.population === null && r.sampleAdequate === null)).toBe(true);
    const refusingInput = withIkmSample(guardedSatisfaction, async () => {
      throw new MetricInputError('serviceTimes cannot answer this', {
        reason: 'UNSUPPORTED_FILTER',
        field: 'filter.serviceTypes',
        metric: 'serviceTimes',
      });
    });
    const again = await refusingInput(db, { grain: 'year', groupBy: ['serviceType'] }, { minN: 5 });
    expect(again.rows.some((r) => !r.suppressed && (r.respondents ?? 0) > 0)).toBe(true);
    expect(again.rows.every((r) => r.population === null && r.sampleAdequate === null)).toBe(true);
    const broken = withIkmSample(guardedSatisfaction, async () => {
      throw new Error('connection closed');
    });
    await expect(broken(db, { grain: 'year', groupBy: ['serviceType'] }, { minN: 5 })).rejects.toThrow(
      'connection closed',
    );
  });

  it('ikmSample: no population, no judgement; no respondents, a minimum but no judgement', () => {
    expect(ikmSample(40, null)).toEqual({ population: null, minimumSample: null, sampleAdequate: null });
    expect(ikmSample(0, 100)).toEqual({ population: 100, minimumSample: 80, sampleAdequate: null });
    expect(ikmSample(79, 100)).toEqual({ population: 100, minimumSample: 80, sampleAdequate: false });
    expect(ikmSample(80, 100)).toEqual({ population: 100, minimumSample: 80, sampleAdequate: true });
    expect(ikmSample(5, 0)).toEqual({ population: 0, minimumSample: null, sampleAdequate: null });
  });
});
