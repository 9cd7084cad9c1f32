import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { serviceTimes } from './service-times.metric.ts';
import { openTestMarts, seed, serviceRequest } from './testing/mart-fixture.ts';

/**
 * The due boundary (submitted_at + target_days ≤ data end): a request whose target elapses exactly
 * at the data end is due, its SLA outcome known.
 */
describe('serviceTimes: a request due exactly at the data end', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const req = serviceRequest;
    await seed(db, 'fct_service_requests', [
      // KTP, target 2 days; the data end is 2024-04-30 12:00 UTC (the last completion).
      // Submitted exactly 2 days before the data end: one done in a day (met), one still open.
      req('KTP', '2024-04-28T12:00:00Z', 'completed', '2024-04-29T12:00:00Z'),
      req('KTP', '2024-04-28T12:00:00Z', 'in_progress'),
      // Not yet due: submitted a day before the data end, completed at it.
      req('KTP', '2024-04-29T12:00:00Z', 'completed', '2024-04-30T12:00:00Z'),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('counts both requests submitted target_days before the data end as due', async () => {
    const { rows } = await serviceTimes(
      db,
      { grain: 'month', groupBy: ['serviceType'], filter: { from: '2024-04-01', to: '2024-04-30' } },
      { minN: 1 },
    );
    const ktp = rows.find((r) => r.keys.serviceType === 'KTP');
    expect([
      ktp?.completed,
      ktp?.openRequests,
      ktp?.openPastTarget,
      ktp?.slaDue,
      ktp?.slaMetRate,
      ktp?.incomplete,
    ]).toEqual([2, 1, 1, 2, 1 / 2, false]);
  });
});
