import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { resistance } from './resistance.metric.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

describe('resistance', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const inv = (
      tenure_band: string,
      response: string,
      decline_reason: string | null = null,
      status: string | null = null,
    ) => ({
      tenure_band,
      agency_code: tenure_band === '<5' ? 'A' : 'B',
      invited_on: '2024-03-01',
      response,
      decline_reason,
      enrolled: status !== null,
      enrollment_status: status,
    });
    await seed(db, 'fct_invitations', [
      inv('<5', 'accepted', null, 'completed'),
      inv('<5', 'accepted', null, 'no_show'),
      inv('<5', 'declined', 'workload'),
      inv('<5', 'accepted', null, 'completed'),
      inv('20+', 'declined', 'already_experienced'),
      inv('20+', 'declined', 'already_experienced'),
      inv('20+', 'declined', 'workload'),
      inv('20+', 'no_response'),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('rates declines, non-responses and no-shows over invitations by tenure band', async () => {
    const { rows } = await resistance(db, { groupBy: ['tenureBand'] }, { minN: 1 });
    expect(
      rows.map((r) => [r.keys.tenureBand, r.invited, r.declined, r.noResponse, r.noShow, r.rate]),
    ).toEqual([
      ['20+', 4, 3, 1, 0, 1],
      ['<5', 4, 1, 0, 1, 0.5],
      [null, 8, 4, 1, 1, 0.75],
    ]);
  });

  it('breaks declines down by reason within each tenure band', async () => {
    const { byReason } = await resistance(db, { groupBy: ['tenureBand'] }, { minN: 1 });
    expect(
      byReason.map((r) => [r.keys.tenureBand, r.keys.declineReason, r.isTotal, r.declines, r.share]),
    ).toEqual([
      ['20+', 'already_experienced', false, 2, 2 / 3],
      ['20+', 'workload', false, 1, 1 / 3],
      ['20+', null, true, 3, 1],
      ['<5', 'workload', false, 1, 1],
      ['<5', null, true, 1, 1],
    ]);
  });

  it('gives the same counts by agency, read from the per-day agency pre-aggregate', async () => {
    const { rows } = await resistance(
      db,
      {
        groupBy: ['agency'],
        grain: 'month',
        filter: { from: '2024-03-01', to: '2024-03-31', agencies: ['A', 'B'] },
      },
      { minN: 1, withReasons: false },
    );
    expect(rows.map((r) => [r.keys.agency, r.invited, r.declined, r.noResponse, r.noShow, r.rate])).toEqual([
      ['A', 4, 1, 0, 1, 0.5],
      ['B', 4, 3, 1, 0, 1],
      [null, 8, 4, 1, 1, 0.75],
    ]);
    const outside = await resistance(db, { filter: { from: '2024-03-02' } }, { minN: 1, withReasons: false });
    expect(outside.rows.map((r) => r.invited)).toEqual([0]);
  });
});
