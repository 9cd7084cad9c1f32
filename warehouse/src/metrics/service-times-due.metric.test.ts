import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { agencyScorecard } from './agency-scorecard.metric.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { serviceTimes } from './service-times.metric.ts';
import { openTestMarts, seed, serviceRequest } from './testing/mart-fixture.ts';

/**
 * The SLA rate over the requests that were due by the data end (submitted_at + target ≤ the last
 * observed time, 2024-04-30 12:00 UTC): a request completed quickly but not yet due is left out with
 * its slower siblings still open, so the latest months are not biased upward. A row is incomplete
 * when a request not yet due is still open (its outcome may change), not for a stale open request.
 */
describe('serviceTimes: the SLA rate over due requests, incomplete rows', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const req = serviceRequest;
    await seed(db, 'fct_service_requests', [
      // 2022: one request, 1 day. 2023: one of 3 days and one left open forever (a stale miss).
      req('KTP', '2022-06-01T00:00:00Z', 'completed', '2022-06-02T00:00:00Z'),
      req('KTP', '2023-06-01T00:00:00Z', 'completed', '2023-06-04T00:00:00Z'),
      req('KTP', '2023-07-01T00:00:00Z', 'in_progress'),
      // February 2024: 2 days (met).
      req('KTP', '2024-02-01T00:00:00Z', 'completed', '2024-02-03T00:00:00Z'),
      // March: 1 day (met), 4 days (missed) and one open since March 10 (a stale miss).
      req('KTP', '2024-03-01T00:00:00Z', 'completed', '2024-03-02T00:00:00Z'),
      req('KTP', '2024-03-05T00:00:00Z', 'completed', '2024-03-09T00:00:00Z'),
      req('KTP', '2024-03-10T00:00:00Z', 'in_progress'),
      // April, KTP (target 2 days): due by the data end: one done in 1 day, one open since April 10
      // (a miss); not yet due: two done in half a day and a day, one open 1 day.
      req('KTP', '2024-04-27T00:00:00Z', 'completed', '2024-04-28T00:00:00Z'),
      req('KTP', '2024-04-10T00:00:00Z', 'in_progress'),
      req('KTP', '2024-04-29T00:00:00Z', 'completed', '2024-04-29T12:00:00Z'),
      req('KTP', '2024-04-29T12:00:00Z', 'completed', '2024-04-30T12:00:00Z'), // the data end
      req('KTP', '2024-04-29T12:00:00Z', 'in_progress'),
      // April, KK (target 10 days): due: 14 days (missed); not yet due: 1 day. Nothing open.
      req('KK', '2024-04-01T00:00:00Z', 'completed', '2024-04-15T00:00:00Z'),
      req('KK', '2024-04-25T12:00:00Z', 'completed', '2024-04-26T12:00:00Z'),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('counts per month the SLA over due requests and flags only months with open requests not yet due', async () => {
    const { rows } = await serviceTimes(
      db,
      {
        grain: 'month',
        compare: true,
        groupBy: ['serviceType'],
        filter: { from: '2024-02-01', to: '2024-04-30' },
      },
      { minN: 1 },
    );
    expect(
      rows.map((r) => [
        r.period,
        r.keys.serviceType,
        r.completed,
        r.openRequests,
        r.openPastTarget,
        r.slaDue,
        r.slaMetRate,
        r.medianDays,
        r.incomplete,
        r.previousPeriod?.delta ?? null,
      ]),
    ).toEqual([
      ['2024-02-01', 'KK', 0, 0, 0, 0, null, null, false, null],
      ['2024-02-01', 'KTP', 1, 0, 0, 1, 1, 2, false, null],
      ['2024-02-01', null, 1, 0, 0, 1, 1, 2, false, null],
      ['2024-03-01', 'KK', 0, 0, 0, 0, null, null, false, null],
      // Every request due: the rate is today's, 1 met of 2 completed + 1 stale open. The stale open
      // request does not make March incomplete: it keeps its delta against February (2.5 − 2).
      ['2024-03-01', 'KTP', 2, 1, 1, 3, 1 / 3, 2.5, false, 0.5],
      ['2024-03-01', null, 2, 1, 1, 3, 1 / 3, 2.5, false, 0.5],
      // KK: all completed (final), but the 1-day request is not yet due: 0 met of 1 due.
      ['2024-04-01', 'KK', 2, 0, 0, 1, 0, 7.5, false, null],
      // KTP: 1 met of 1 completed due + 1 open past target; a request not yet due still open.
      ['2024-04-01', 'KTP', 3, 2, 1, 2, 1 / 2, 1, true, null],
      ['2024-04-01', null, 5, 2, 1, 3, 1 / 3, 1, true, null],
    ]);
  });

  it('keeps a finished year with a stale open request comparable; the scorecard and kelurahan rows follow', async () => {
    const year = await serviceTimes(db, { grain: 'year', compare: true, groupBy: ['agency'] }, { minN: 1 });
    expect(
      year.rows.map((r) => [
        r.period,
        r.keys.agency,
        r.slaDue,
        r.slaMetRate,
        r.incomplete,
        r.previousPeriod?.delta ?? null,
      ]),
    ).toEqual([
      ['2022-01-01', 'DUKCAPIL', 1, 1, false, null],
      ['2022-01-01', null, 1, 1, false, null],
      // 2023: 0 met of 1 completed + 1 stale open; median 3 against 1 the year before.
      ['2023-01-01', 'DUKCAPIL', 2, 0, false, 2],
      ['2023-01-01', null, 2, 0, false, 2],
      // 2024: met Feb, Mar 1 day, Apr KTP 1 day = 3 of (Feb 1, Mar 2, Apr 2 completed due + 2 open).
      ['2024-01-01', 'DUKCAPIL', 7, 3 / 7, true, null],
      ['2024-01-01', null, 7, 3 / 7, true, null],
    ]);
    const kel = await serviceTimes(
      db,
      { grain: 'month', groupBy: ['kelurahan'], filter: { from: '2024-04-01', to: '2024-04-30' } },
      { minN: 1 },
    );
    expect(kel.rows.map((r) => [r.keys.kelurahan, r.slaDue, r.slaMetRate, r.incomplete])).toEqual([
      ['K1', 3, 1 / 3, true],
      [null, 3, 1 / 3, true],
    ]);
    const [card] = await agencyScorecard(db, { agencies: ['DUKCAPIL'], years: [2024] }, { minN: 1 });
    expect(card?.slaMetRate).toBe(3 / 7);
  });

  // Last: it drops the table.
  it('answers a snapshot published before agg_service_due from the facts, identically', async () => {
    const query = { grain: 'month' as const, compare: true, groupBy: ['serviceType' as const] };
    const current = await serviceTimes(db, query, { minN: 1 });
    // The dashboard's kelurahan list (KelurahanCatalog) and a kelurahan filter, too.
    const byKelurahan = { groupBy: ['kelurahan' as const] };
    const currentKel = await serviceTimes(db, byKelurahan, { minN: 1 });
    await db.exec('DROP TABLE marts.agg_service_due');
    expect(await serviceTimes(db, query, { minN: 1 })).toEqual(current);
    expect(await serviceTimes(db, byKelurahan, { minN: 1 })).toEqual(currentKel);
  });
});
