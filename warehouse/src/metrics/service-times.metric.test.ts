import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { serviceTimes } from './service-times.metric.ts';
import { openTestMarts, seed, seedAgencyKinds } from './testing/mart-fixture.ts';

describe('serviceTimes', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const req = (
      service_type: string,
      days: number | null,
      handler: string,
      month = '2024-03-01',
      kel = 'K1',
    ) => ({
      service_type,
      agency_code: 'DUKCAPIL',
      handled_by_key: handler,
      kelurahan_code: kel,
      submitted_on: month,
      // The data end is the latest completion (April 4): every request's 2-day target has elapsed.
      submitted_at: `${month}T00:00:00Z`,
      completed_at: days === null ? null : new Date(Date.parse(month) + days * 86_400_000).toISOString(),
      month_start: month,
      year: Number(month.slice(0, 4)),
      days,
      target_days: 2,
      sla_met: days === null ? null : days <= 2,
    });
    await seed(db, 'fct_service_requests', [
      req('KTP', 0.5, 'h1'),
      req('KTP', 1.5, 'h1'),
      req('KTP', 2.5, 'h2'),
      req('KTP', 4, 'h2'),
      req('KTP', null, 'h2'), // not completed yet
      req('KK', 1, 'h1', '2024-03-01', 'K2'),
      req('KK', 3, 'h3', '2024-04-01', 'K2'),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('gives exact quantiles, mean, SLA rate and requests per handler by service type', async () => {
    const { rows } = await serviceTimes(db, { groupBy: ['serviceType'] }, { minN: 1 });
    const pick = (r: (typeof rows)[number]) => [
      r.keys.serviceType,
      r.requests,
      r.completed,
      r.meanDays,
      r.medianDays,
      r.p90Days,
      r.slaMetRate,
      r.handlerMonths,
      r.requestsPerHandlerMonth,
    ];
    expect(rows.map(pick)).toEqual([
      ['KK', 2, 2, 2, 2, 2.8, 0.5, 2, 1],
      // days 0.5, 1.5, 2.5, 4: median 2, p90 at h = 2.7 → 2.5 + 0.7 × 1.5 = 3.55
      ['KTP', 5, 4, 2.125, 2, 2.5 + (3 * 0.9 - 2) * 1.5, 0.5, 2, 2.5],
      // all six: 0.5 1 1.5 2.5 3 4: median 2, p90 at h = 4.5 → 3.5
      // handler-months over both types: March h1 (KTP and KK: once) and h2, April h3
      [null, 7, 6, 12.5 / 6, 2, 3.5, 0.5, 3, 7 / 3],
    ]);
  });

  it('counts an employee once per month on rows over several service types, whatever the query', async () => {
    const perHandler = (r: { handlerMonths: number | null; requestsPerHandlerMonth: number | null }) => [
      r.handlerMonths,
      r.requestsPerHandlerMonth,
    ];
    // By agency (every type): the agency row and the total are over both types.
    const byAgency = await serviceTimes(db, { groupBy: ['agency'] }, { minN: 1 });
    expect(byAgency.rows.map((r) => [r.keys.agency, ...perHandler(r)])).toEqual([
      ['DUKCAPIL', 3, 7 / 3],
      [null, 3, 7 / 3],
    ]);
    // Per month: March h1 and h2 (h1 handled both types), April h3.
    const monthly = await serviceTimes(
      db,
      { grain: 'month', filter: { from: '2024-03-01', to: '2024-04-30' } },
      { minN: 1 },
    );
    expect(monthly.rows.map((r) => [r.period, ...perHandler(r)])).toEqual([
      ['2024-03-01', 2, 3],
      ['2024-04-01', 1, 1],
    ]);
    // Two types named in the filter: counted from the handler cells of those types.
    const filtered = await serviceTimes(
      db,
      { groupBy: ['serviceType'], filter: { serviceTypes: ['KK', 'KTP'] } },
      { minN: 1 },
    );
    expect(filtered.rows.map((r) => [r.keys.serviceType, ...perHandler(r)])).toEqual([
      ['KK', 2, 1],
      ['KTP', 2, 2.5],
      [null, 3, 7 / 3],
    ]);
    // One type: its own rows.
    const one = await serviceTimes(db, { filter: { serviceTypes: ['KK'] } }, { minN: 1 });
    expect(one.rows.map(perHandler)).toEqual([[2, 1]]);
  });

  it('switches to the kelurahan aggregate (no per-handler figure) and fills months', async () => {
    const { rows } = await serviceTimes(
      db,
      { groupBy: ['kelurahan'], grain: 'month', filter: { from: '2024-03-01', to: '2024-05-31' } },
      { minN: 1 },
    );
    expect(
      rows.map((r) => [r.period, r.keys.kelurahan, r.requests, r.medianDays, r.requestsPerHandlerMonth]),
    ).toEqual([
      ['2024-03-01', 'K1', 5, 2, null],
      ['2024-03-01', 'K2', 1, 1, null],
      ['2024-03-01', null, 6, 1.5, null],
      ['2024-04-01', 'K1', 0, null, null],
      ['2024-04-01', 'K2', 1, 3, null],
      ['2024-04-01', null, 1, 3, null],
      ['2024-05-01', 'K1', 0, null, null],
      ['2024-05-01', 'K2', 0, null, null],
      ['2024-05-01', null, 0, null, null],
    ]);
  });

  it('hides a row whose requests are many but whose handler-months are few (one or two employees)', async () => {
    const ktp = { filter: { serviceTypes: ['KTP'] } };
    // 5 requests ≥ minN, but handled by h1 and h2 in one month: 2 handler-months.
    const shown = await serviceTimes(db, ktp, { minN: 2 });
    expect(shown.rows.map((r) => [r.n, r.handlerMonths, r.requestsPerHandlerMonth, r.suppressed])).toEqual([
      [5, 2, 2.5, false],
    ]);
    const hidden = await serviceTimes(db, ktp, { minN: 5 });
    expect(hidden.rows.map((r) => [r.n, r.medianDays, r.handlerMonths, r.suppressionReason])).toEqual([
      [null, null, null, 'primary'],
    ]);
    // With kelurahan there is no handler figure; n and the completed and due requests count.
    const byKelurahan = await serviceTimes(db, { ...ktp, groupBy: ['kelurahan'] }, { minN: 4 });
    expect(byKelurahan.rows.map((r) => [r.keys.kelurahan, r.n, r.completed, r.suppressed])).toEqual([
      ['K1', 5, 4, false],
      [null, 5, 4, false],
    ]);
  });

  it('hides a row whose requests are many but whose day statistics or SLA rate rest on few of them', async () => {
    // KTP: 5 requests, 4 completed (the day statistics are of those 4), 5 due (4 completed and one
    // open past its 2-day target). With minN 5 the mean would be 4 requests' durations.
    const ktp = { filter: { serviceTypes: ['KTP'] }, groupBy: ['kelurahan' as const] };
    const hidden = await serviceTimes(db, ktp, { minN: 5 });
    expect(
      hidden.rows.map((r) => [r.keys.kelurahan, r.n, r.completed, r.meanDays, r.slaMetRate, r.suppressed]),
    ).toEqual([
      ['K1', null, null, null, null, true],
      [null, null, null, null, null, true],
    ]);
    // The due requests alike: 5 of them, but 4 is under a minimum of 6 only for completed.
    const sla = await serviceTimes(db, { filter: { serviceTypes: ['KTP'] } }, { minN: 5 });
    expect(sla.rows.map((r) => [r.slaDue, r.suppressed])).toEqual([[null, true]]);
  });

  it('names every filter and groupBy it accepts in an input error (kelurahan too)', async () => {
    const accepted = ['agency', 'serviceType', 'kelurahan'];
    await expect(serviceTimes(db, { filter: { gradeGroups: ['III'] } }, { minN: 1 })).rejects.toMatchObject({
      message:
        'serviceTimes cannot be filtered by gradeGroups; supported filters: agencies, serviceTypes, kelurahan',
      reason: 'UNSUPPORTED_FILTER',
      detail: { accepted: ['agencies', 'serviceTypes', 'kelurahan'] },
    });
    await expect(serviceTimes(db, { groupBy: ['gradeGroup'] }, { minN: 1 })).rejects.toMatchObject({
      message: 'serviceTimes cannot be grouped by gradeGroup; supported: agency, serviceType, kelurahan',
      reason: 'UNSUPPORTED_GROUP_BY',
      detail: { accepted },
    });
    // The same words whichever pre-aggregate the rest of the query would read.
    await expect(
      serviceTimes(db, { grain: 'year', groupBy: ['serviceType', 'gradeGroup'] }, { minN: 1 }),
    ).rejects.toMatchObject({ reason: 'UNSUPPORTED_GROUP_BY', detail: { accepted } });
  });

  it('reads whole months, and refuses one day (February ends on the 29th in 2024)', async () => {
    const march = await serviceTimes(
      db,
      { grain: 'month', filter: { from: '2024-03-01', to: '2024-03-31' } },
      { minN: 1 },
    );
    expect(march.rows.map((r) => r.requests)).toEqual([6]);
    expect(march.range).toEqual({
      from: '2024-03-01',
      to: '2024-03-31',
      resolution: 'month',
      fact: 'fct_service_requests',
    });
    await expect(
      serviceTimes(db, { grain: 'month', filter: { from: '2024-02-10', to: '2024-02-10' } }, { minN: 1 }),
    ).rejects.toMatchObject({
      reason: 'RANGE_NOT_ALIGNED',
      field: 'filter.from',
      detail: { unit: 'month', earlier: '2024-02-01', later: '2024-03-01' },
    });
    await expect(
      serviceTimes(db, { grain: 'month', filter: { from: '2024-02-01', to: '2024-02-10' } }, { minN: 1 }),
    ).rejects.toMatchObject({ detail: { field: 'filter.to', earlier: '2024-01-31', later: '2024-02-29' } });
  });
});

describe('serviceTimes: complementary suppression on the completed requests', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const req = (kel: string, days: number | null, i: number) => ({
      service_type: 'AKTA',
      agency_code: 'DUKCAPIL',
      handled_by_key: `h${i}`,
      kelurahan_code: kel,
      submitted_on: '2024-03-01',
      submitted_at: '2024-03-01T00:00:00Z',
      completed_at:
        days === null ? null : new Date(Date.parse('2024-03-01') + days * 86_400_000).toISOString(),
      month_start: '2024-03-01',
      year: 2024,
      days,
      target_days: 30,
      sla_met: days === null ? null : days <= 30,
    });
    // K3: 5 requests, 2 completed (3 and 5 days); K4: 6 requests, all completed in 1 day.
    await seed(db, 'fct_service_requests', [
      req('K3', 3, 1),
      req('K3', 5, 2),
      ...[3, 4, 5].map((i) => req('K3', null, i)),
      ...[6, 7, 8, 9, 10, 11].map((i) => req('K4', 1, i)),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('hides a second row, or the mean of the total and of K4 would give K3’s two durations back', async () => {
    const rows = (await serviceTimes(db, { groupBy: ['kelurahan'] }, { minN: 3 })).rows;
    expect(rows.map((r) => [r.keys.kelurahan, r.suppressed, r.suppressionReason ?? null])).toEqual([
      ['K3', true, 'primary'],
      ['K4', true, 'complementary'],
      [null, false, null],
    ]);
    // Before 2026-12-05 K3 showed n 5 and meanDays 4 (its two requests), K4 meanDays 1.
    expect(rows.at(-1)?.meanDays).toBeCloseTo((3 + 5 + 6) / 8, 12);
  });
});

describe('serviceTimes: a kecamatan’s requests with no kelurahan', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedAgencyKinds(db, { 'KEC-A': 'kecamatan', 'KEC-B': 'kecamatan', DUKCAPIL: 'dinas' });
    const req = (agency: string, type: string, kel: string | null, i: number) => ({
      service_type: type,
      agency_code: agency,
      handled_by_key: `h${i % 3}`,
      kelurahan_code: kel,
      submitted_on: '2024-03-01',
      submitted_at: '2024-03-01T00:00:00Z',
      completed_at: new Date(Date.parse('2024-03-01') + 86_400_000).toISOString(),
      month_start: '2024-03-01',
      year: 2024,
      days: 1,
      target_days: 5,
      sla_met: true,
    });
    const many = (n: number, agency: string, type: string, kel: string | null) =>
      Array.from({ length: n }, (_, i) => req(agency, type, kel, i));
    // KEC-A serves its kelurahan A1 and A2 (6 and 7 requests) and 1 request with no kelurahan; KEC-B
    // serves B1 (8); Dukcapil serves every kelurahan (and 6 with none).
    await seed(db, 'fct_service_requests', [
      ...many(6, 'KEC-A', 'SURAT', 'A1'),
      ...many(7, 'KEC-A', 'SURAT', 'A2'),
      ...many(1, 'KEC-A', 'SURAT', null),
      ...many(8, 'KEC-B', 'SURAT', 'B1'),
      ...many(9, 'DUKCAPIL', 'KTP', 'A1'),
      ...many(10, 'DUKCAPIL', 'KTP', 'B1'),
      ...many(6, 'DUKCAPIL', 'KTP', null),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('leaves the kecamatan agencies out of answers by or filtered to kelurahan', async () => {
    const byAgency = await serviceTimes(db, { groupBy: ['agency'] }, { minN: 1 });
    expect(byAgency.rows.map((r) => [r.keys.agency, r.n])).toEqual([
      ['DUKCAPIL', 25],
      ['KEC-A', 14],
      ['KEC-B', 8],
      [null, 47],
    ]);
    // Before 2026-12-05 the answer by kelurahan had every type's requests: SURAT's A1 6 and A2 7, so
    // KEC-A's 14 less 13 gave its 1 request with no kelurahan, a cell no answer shows (the row with
    // no kelurahan pools every agency's). Now it has Dukcapil's only.
    const all = await serviceTimes(db, { groupBy: ['kelurahan'] }, { minN: 1 });
    expect(all.rows.map((r) => [r.keys.kelurahan, r.n])).toEqual([
      ['A1', 9],
      ['B1', 10],
      [null, 6],
      [null, 25],
    ]);
    const byKelurahan = await serviceTimes(db, { groupBy: ['agency', 'kelurahan'] }, { minN: 1 });
    expect(
      byKelurahan.rows.filter((r) => !r.isTotal).map((r) => [r.keys.agency, r.keys.kelurahan, r.n]),
    ).toEqual([
      ['DUKCAPIL', 'A1', 9],
      ['DUKCAPIL', 'B1', 10],
      ['DUKCAPIL', null, 6],
    ]);
    const filtered = await serviceTimes(db, { filter: { kelurahan: ['A1', 'A2'] } }, { minN: 1 });
    expect(filtered.rows.map((r) => r.n)).toEqual([9]);
  });

  it('refuses a kelurahan answer naming a kecamatan agency or a type the kecamatan serve, not a false zero', async () => {
    const refused = (filter: Record<string, string[]>, groupBy: 'kelurahan'[] = []) =>
      serviceTimes(db, { groupBy, filter }, { minN: 1 });
    await expect(refused({ agencies: ['KEC-A', 'DUKCAPIL'] }, ['kelurahan'])).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      detail: {
        reason: 'KECAMATAN_BY_KELURAHAN',
        field: 'filter.agencies',
        metric: 'serviceTimes',
        values: ['KEC-A'],
      },
    });
    await expect(refused({ serviceTypes: ['KTP', 'SURAT'], kelurahan: ['A1'] })).rejects.toMatchObject({
      detail: { reason: 'KECAMATAN_BY_KELURAHAN', field: 'filter.serviceTypes', values: ['SURAT'] },
    });
    // The same filters without kelurahan are answered; a city-wide agency or type with kelurahan too.
    expect((await refused({ agencies: ['KEC-A'] })).rows.map((r) => r.n)).toEqual([14]);
    expect((await refused({ serviceTypes: ['KTP'] }, ['kelurahan'])).rows.map((r) => r.n)).toEqual([
      9, 10, 6, 25,
    ]);
  });
});
