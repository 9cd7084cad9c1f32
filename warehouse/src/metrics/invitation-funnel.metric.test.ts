import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { invitationFunnel } from './invitation-funnel.metric.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

describe('invitationFunnel', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const inv = (agency: string, response: string, status: string | null, invited_on = '2024-02-10') => ({
      agency_code: agency,
      response,
      enrolled: status !== null,
      enrollment_status: status,
      invited_on,
      year: Number(invited_on.slice(0, 4)),
    });
    await seed(db, 'fct_invitations', [
      inv('A', 'accepted', 'completed'),
      inv('A', 'accepted', 'completed'),
      inv('A', 'accepted', 'dropped'),
      inv('A', 'accepted', null),
      inv('A', 'declined', null),
      inv('A', 'no_response', null),
      inv('B', 'accepted', 'completed', '2024-05-01'),
      inv('B', 'declined', null, '2024-05-01'),
    ]);
  });
  afterAll(() => db.close());

  it('counts the nested steps and their rates, by agency with a total', async () => {
    const { rows } = await invitationFunnel(db, { groupBy: ['agency'] }, { minN: 1 });
    expect(
      rows.map((r) => [r.keys.agency, r.isTotal, r.invited, r.accepted, r.enrolled, r.completed]),
    ).toEqual([
      ['A', false, 6, 4, 3, 2],
      ['B', false, 2, 1, 1, 1],
      [null, true, 8, 5, 4, 3],
    ]);
    const a = rows[0]!;
    expect(a.acceptanceRate).toBeCloseTo(4 / 6, 12);
    expect(a.enrollmentRate).toBe(3 / 4);
    expect(a.completionRate).toBe(2 / 3);
    expect(a.overallRate).toBe(2 / 6);
    expect(a.n).toBe(6);
    expect(a.pctOfTotal).toBe(75);
  });

  it('fills empty quarters with zero counts and null rates', async () => {
    const { rows } = await invitationFunnel(
      db,
      { grain: 'quarter', filter: { from: '2024-01-01', to: '2024-12-31' } },
      { minN: 1 },
    );
    expect(rows.map((r) => [r.period, r.invited, r.overallRate])).toEqual([
      ['2024-01-01', 6, 2 / 6],
      ['2024-04-01', 2, 1 / 2],
      ['2024-07-01', 0, null],
      ['2024-10-01', 0, null],
    ]);
  });
});
