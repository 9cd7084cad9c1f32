import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { agencyScorecard } from './agency-scorecard.metric.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { serviceTimes } from './service-times.metric.ts';
import { openTestMarts, seed, serviceRequest } from './testing/mart-fixture.ts';

/**
 * Requests still open when the data ends: the last observed time is 2024-04-30 12:00 UTC (the latest
 * submission or completion). An open request already older than its service type's target is a
 * known SLA miss; one younger than the target may still make it.
 */
describe('serviceTimes with requests still open at the data end', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const req = serviceRequest;
    await seed(db, 'fct_service_requests', [
      // March: every request done (1 and 4 days, one within 2 days).
      req('KTP', '2024-03-01T00:00:00Z', 'completed', '2024-03-02T00:00:00Z'),
      req('KTP', '2024-03-05T00:00:00Z', 'completed', '2024-03-09T00:00:00Z'),
      // April, KTP (target 2 days): two done in 1 day, one open 20.5 days (past target), one open
      // 1 day (not yet), one rejected (never open).
      req('KTP', '2024-04-27T12:00:00Z', 'completed', '2024-04-28T12:00:00Z'),
      req('KTP', '2024-04-29T12:00:00Z', 'completed', '2024-04-30T12:00:00Z'), // the data end
      req('KTP', '2024-04-10T00:00:00Z', 'in_progress'),
      req('KTP', '2024-04-29T12:00:00Z', 'in_progress'),
      req('KTP', '2024-04-20T00:00:00Z', 'rejected'),
      // April, KK (target 10 days): one done in 3 days, one open 5 days (not yet past target).
      req('KK', '2024-04-02T00:00:00Z', 'completed', '2024-04-05T00:00:00Z'),
      req('KK', '2024-04-25T12:00:00Z', 'in_progress'),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('agg_service_due counts the open requests per cell, those past target and the completed not yet due at the data end', async () => {
    expect(
      await db.all(
        `SELECT month_start, service_type, open_requests, open_past_target, not_due_completed, not_due_met,
           CAST(data_end AS VARCHAR) AS data_end
         FROM marts.agg_service_due ORDER BY ALL`,
      ),
    ).toEqual([
      {
        month_start: '2024-04-01',
        service_type: 'KK',
        open_requests: 1,
        open_past_target: 0,
        not_due_completed: 0,
        not_due_met: 0,
        data_end: '2024-04-30 12:00:00+00',
      },
      {
        month_start: '2024-04-01',
        service_type: 'KTP',
        open_requests: 2,
        open_past_target: 1,
        not_due_completed: 1,
        not_due_met: 1,
        data_end: '2024-04-30 12:00:00+00',
      },
    ]);
  });

  it('counts an open request past its target as an SLA miss, flags rows with open requests and compares none of them', async () => {
    const { rows } = await serviceTimes(
      db,
      {
        grain: 'month',
        compare: true,
        groupBy: ['serviceType'],
        filter: { from: '2024-03-01', to: '2024-04-30' },
      },
      { minN: 1 },
    );
    expect(
      rows.map((r) => [
        r.period,
        r.keys.serviceType,
        r.requests,
        r.completed,
        r.openRequests,
        r.openPastTarget,
        r.slaMetRate,
        r.medianDays,
        r.incomplete,
        r.previousPeriod?.value ?? null,
        r.previousPeriod?.delta ?? null,
      ]),
    ).toEqual([
      ['2024-03-01', 'KK', 0, 0, 0, 0, null, null, false, null, null],
      ['2024-03-01', 'KTP', 2, 2, 0, 0, 0.5, 2.5, false, null, null],
      ['2024-03-01', null, 2, 2, 0, 0, 0.5, 2.5, false, null, null],
      // KK: its one open request is not yet past 10 days: 1 met of 1 due.
      ['2024-04-01', 'KK', 2, 1, 1, 0, 1, 3, true, null, null],
      // KTP: 1 met of 1 completed due (the one completed on the data end is not yet due) + 1 open
      // past target; median of the completed only (1 day), so the comparison with March (2.5) has
      // no delta.
      ['2024-04-01', 'KTP', 5, 2, 2, 1, 1 / 2, 1, true, 2.5, null],
      ['2024-04-01', null, 7, 3, 3, 1, 2 / 3, 1, true, 2.5, null],
    ]);
    expect(rows.find((r) => r.period === '2024-04-01' && r.isTotal)?.previousPeriod).toEqual({
      value: 2.5,
      delta: null,
      deltaPct: null,
    });
  });

  it('uses the same definition whichever pre-aggregate it reads (year, kelurahan) and on the agency scorecard', async () => {
    const year = await serviceTimes(db, { grain: 'year', groupBy: ['agency'] }, { minN: 1 });
    // 2024: 3 met (March 1 day, April 1, 3 days) of 4 completed due + 1 open past target.
    expect(
      year.rows.map((r) => [r.keys.agency, r.openRequests, r.openPastTarget, r.slaMetRate, r.incomplete]),
    ).toEqual([
      ['DUKCAPIL', 3, 1, 3 / 5, true],
      [null, 3, 1, 3 / 5, true],
    ]);
    const kel = await serviceTimes(
      db,
      { grain: 'month', groupBy: ['kelurahan'], filter: { from: '2024-04-01', to: '2024-04-30' } },
      { minN: 1 },
    );
    expect(kel.rows.map((r) => [r.keys.kelurahan, r.openRequests, r.openPastTarget, r.slaMetRate])).toEqual([
      ['K1', 3, 1, 2 / 3],
      [null, 3, 1, 2 / 3],
    ]);
    const [card] = await agencyScorecard(db, { agencies: ['DUKCAPIL'], years: [2024] }, { minN: 1 });
    expect(card?.slaMetRate).toBe(3 / 5);
  });

  // Last: it drops the table.
  it('answers a snapshot published before agg_service_due from the facts, identically', async () => {
    const query = {
      grain: 'month' as const,
      compare: true,
      groupBy: ['serviceType' as const],
      filter: { from: '2024-03-01', to: '2024-04-30' },
    };
    const current = await serviceTimes(db, query, { minN: 1 });
    await db.exec('DROP TABLE marts.agg_service_due');
    const legacy = await serviceTimes(db, query, { minN: 1 });
    expect(legacy).toEqual(current);
    expect(legacy.rows.map((r) => r.openPastTarget)).toEqual([0, 0, 0, 0, 1, 1]);
  });
});
