import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { krejcieMorganSample } from '../ikm/index.ts';
import { satisfaction as guardedSatisfaction } from './guarded-metrics.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { satisfaction } from './satisfaction.metric.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * `sampleAdequate`: the respondents against the Krejcie–Morgan sample (PermenPANRB 14/2017) of the
 * service requests submitted in the row's months, for its agencies and service types.
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
  const requests = (k: number, service_type: string, month: string) =>
    Array.from({ length: k }, () => ({
      service_type,
      agency_code: 'DUKCAPIL',
      handled_by_key: 'h1',
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
      // Three requests: a population below minN (5) is not compared.
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

  it('the textbook minimums these rows are judged by', () => {
    expect([30, 230, 12, 245].map(krejcieMorganSample)).toEqual([28, 144, 12, 150]);
  });

  it('by month and service type: 29 of 30 requests is enough, 6 forms of an unknown or tiny population is not judged', async () => {
    const { rows } = await satisfaction(db, { grain: 'month', groupBy: ['serviceType'] }, { minN: 5 });
    // The month grain lists every service type each month; those without forms have no judgement.
    const empty = rows.filter((r) => r.respondents === 0);
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.every((r) => r.sampleAdequate === null)).toBe(true);
    expect(
      rows
        .filter((r) => r.respondents !== 0)
        .map((r) => [r.period, r.keys.serviceType, r.respondents, r.sampleAdequate]),
    ).toEqual([
      ['2024-07-01', 'IZIN', 6, null],
      ['2024-07-01', 'KTP', 29, true], // 29 ≥ 28 (N = 30)
      ['2024-07-01', null, 35, true], // 35 ≥ 28: July's 30 requests, all KTP
      ['2024-08-01', 'KK', 12, true], // 12 ≥ 12 (N = 12)
      ['2024-08-01', null, 12, true],
      ['2024-09-01', 'KIA', 6, null], // N = 3 < minN
      ['2024-09-01', null, 6, null],
    ]);
  });

  it('by year: the population counts every month of the period, surveyed or not', async () => {
    const { rows } = await satisfaction(db, { grain: 'year', groupBy: ['serviceType'] }, { minN: 5 });
    expect(rows.map((r) => [r.keys.serviceType, r.respondents, r.sampleAdequate])).toEqual([
      ['IZIN', 6, null],
      ['KIA', 6, null],
      ['KK', 12, true],
      ['KTP', 29, false], // 29 < 144: June's 200 requests and July's 30
      [null, 53, false], // 53 < 150 (N = 245)
    ]);
  });

  it('filtered by agency and months, the population is filtered alike', async () => {
    const q3 = { agencies: ['DUKCAPIL'], from: '2024-07-01', to: '2024-09-30' };
    const { rows } = await satisfaction(
      db,
      { filter: q3, grain: 'quarter', groupBy: ['serviceType'] },
      { minN: 5 },
    );
    expect(rows.map((r) => [r.keys.serviceType, r.respondents, r.sampleAdequate])).toEqual([
      ['KIA', 6, null],
      ['KK', 12, true],
      ['KTP', 29, true], // June left out: N = 30
      [null, 47, true], // 47 ≥ 40 (N = 45)
    ]);
    expect(krejcieMorganSample(45)).toBe(40);
  });

  it('a hidden row says nothing about its sample', async () => {
    const { rows } = await satisfaction(db, { grain: 'year', groupBy: ['serviceType'] }, { minN: 10 });
    const hidden = rows.filter((r) => r.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    for (const r of hidden) expect(r.sampleAdequate).toBeNull();
  });

  it('as published (guarded) the rows carry the same judgement', async () => {
    const { rows } = await guardedSatisfaction(db, { grain: 'year', groupBy: ['serviceType'] }, { minN: 5 });
    expect(rows.map((r) => [r.keys.serviceType, r.sampleAdequate])).toEqual([
      ['IZIN', null],
      ['KIA', null],
      ['KK', true],
      ['KTP', false],
      [null, false],
    ]);
  });

  it('sampleCheck false: not judged, and the requests are not read', async () => {
    const before = db.queryCount;
    const { rows } = await satisfaction(db, { groupBy: ['serviceType'] }, { minN: 5, sampleCheck: false });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.sampleAdequate === null)).toBe(true);
    expect(db.queryCount - before).toBe(1);
  });
});
