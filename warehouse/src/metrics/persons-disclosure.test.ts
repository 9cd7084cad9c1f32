import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { completion } from './completion.metric.ts';
import { invitationFunnel as publishedFunnel } from './guarded-metrics.ts';
import { invitationFunnel } from './invitation-funnel.metric.ts';
import { learning } from './learning.metric.ts';
import type { MetricRowBase } from './query/metric-row.ts';
import { reaction } from './reaction.metric.ts';
import { resistance } from './resistance.metric.ts';
import {
  acceptedInvitations2024,
  AGENCY_KINDS as KIND,
  openTestMarts,
  seed,
  seedAgencyKinds,
} from './testing/mart-fixture.ts';

/**
 * Small-cell suppression counts people, not only events: a row resting on 1 … minN − 1 distinct
 * employees is hidden however many invitations, enrollments or responses they had. Each world has
 * agency A with one employee behind six events, B with eight employees and C with six, one event
 * each: A is hidden (primary), and a complement with it, so that the total minus the shown rows
 * does not give A back.
 */
const people = (agency: string, persons: number, eventsEach: number) =>
  Array.from({ length: persons * eventsEach }, (_, i) => ({
    agency_code: agency,
    employee_key: `${agency}-${Math.floor(i / eventsEach)}`,
  }));
const world = [...people('A', 1, 6), ...people('B', 8, 1), ...people('C', 6, 1)];

const shape = (rows: readonly (MetricRowBase & { n: number | null })[]) =>
  rows.map((r) => [r.keys.agency ?? null, r.isTotal, r.n, r.suppressionReason]);

/** Whatever is published: the hidden rows' n is not the total minus the shown rows'. */
function notRecoverable(rows: readonly (MetricRowBase & { n: number | null })[], trueA: number): void {
  const total = rows.find((r) => r.isTotal)!.n!;
  const shown = rows.filter((r) => !r.isTotal && !r.suppressed).reduce((s, r) => s + r.n!, 0);
  expect(total - shown).not.toBe(trueA);
}

describe('disclosure control counts distinct employees (events of one employee are one person)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(db, 'fct_invitations', [
      ...world.map((w, i) => ({
        ...w,
        invited_on: '2024-03-01',
        year: 2024,
        // A's one employee declines everything; the others accept and complete.
        response: w.agency_code === 'A' ? 'declined' : 'accepted',
        decline_reason: w.agency_code === 'A' ? 'workload' : null,
        enrolled: w.agency_code !== 'A',
        enrollment_status: w.agency_code === 'A' ? null : 'completed',
        invitation_id: i + 1,
      })),
      // And B's and C's employees each decline one more invitation: the declined are protected
      // like n, with their employees, so the total's declines rest on more than A's one employee.
      ...[...people('B', 8, 1), ...people('C', 6, 1)].map((w, i) => ({
        ...w,
        invited_on: '2024-03-01',
        year: 2024,
        response: 'declined',
        decline_reason: 'schedule',
        enrolled: false,
        enrollment_status: null,
        invitation_id: world.length + i + 1,
      })),
    ]);
    await seed(
      db,
      'fct_enrollments',
      world.map((w, i) => ({
        ...w,
        enrollment_id: i + 1,
        status: 'completed',
        start_date: '2024-03-01',
        completed_on: '2024-03-20',
        year: 2024,
        pre_score: 50 + i,
        post_score: 60 + i,
        has_reaction: true,
        reaction_relevance: 4,
        reaction_satisfaction: 4,
        reaction_facilitator: 4,
        reaction_intent_to_apply: 4,
      })),
    );
  });
  afterAll(() => db.close());

  const query = { groupBy: ['agency' as const], filter: { from: '2024-01-01', to: '2024-12-31' } };
  const expected = [
    ['A', false, null, 'primary'],
    ['B', false, 8, null],
    ['C', false, null, 'complementary'],
    [null, true, 20, null],
  ];

  // The metrics over invitations: B's and C's declined invitations too (16 and 12 invitations).
  const invitationsExpected = [
    ['A', false, null, 'primary'],
    ['B', false, 16, null],
    ['C', false, null, 'complementary'],
    [null, true, 34, null],
  ];

  it('invitationFunnel hides one employee’s six invitations', async () => {
    const { rows } = await invitationFunnel(db, query);
    expect(shape(rows)).toEqual(invitationsExpected);
    expect(rows[0]!.invited).toBeNull();
    expect(rows[0]!.acceptanceRate).toBeNull();
    notRecoverable(rows, 6);
  });

  it('resistance hides one employee’s six declines, in the rows and in byReason', async () => {
    const { rows, byReason } = await resistance(db, query);
    expect(shape(rows)).toEqual(invitationsExpected);
    expect(rows[0]!.declined).toBeNull();
    notRecoverable(rows, 6);
    // A group hidden in the rows is hidden in byReason too.
    const a = byReason.filter((r) => r.keys.agency === 'A');
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((r) => r.suppressed && r.declines === null)).toBe(true);
  });

  it('resistance byReason without groupBy hides a reason one employee gave six times', async () => {
    const { byReason } = await resistance(db, { filter: query.filter });
    // 'workload' is A's one employee (six declines): hidden, and 'schedule' (B's and C's 14) with
    // it, so the total the rows show (20 declines of 15 employees) does not give it back.
    expect(byReason.map((r) => [r.keys.declineReason ?? null, r.isTotal, r.declines, r.suppressed])).toEqual([
      ['schedule', false, null, true],
      ['workload', false, null, true],
      [null, true, 20, false],
    ]);
  });

  it('completion hides one employee’s six enrollments', async () => {
    const { rows } = await completion(db, query);
    expect(shape(rows)).toEqual(expected);
    expect(rows[0]!.rate).toBeNull();
    notRecoverable(rows, 6);
  });

  it('reaction (L1) hides one employee’s six forms', async () => {
    const { rows } = await reaction(db, query);
    expect(shape(rows)).toEqual(expected);
    expect(rows[0]!.mean).toBeNull();
    notRecoverable(rows, 6);
  });

  it('learning (L2) hides one employee’s six pre/post scores', async () => {
    const { rows } = await learning(db, query);
    expect(shape(rows)).toEqual(expected);
    expect([rows[0]!.meanPre, rows[0]!.meanPost, rows[0]!.learners]).toEqual([null, null, null]);
    notRecoverable(rows, 6);
  });

  it('at grain month too: the month with one employee is hidden, and the months do not give it back', async () => {
    const { rows } = await invitationFunnel(db, { ...query, grain: 'month' });
    const march = rows.filter((r) => r.period === '2024-03-01');
    expect(shape(march)).toEqual(invitationsExpected);
    // Every other month is empty: the year (sum of the months) minus B's months leaves A + C.
    notRecoverable(march, 6);
  });

  it('publishes a row of five or more employees whatever their events', async () => {
    const { rows } = await invitationFunnel(db, { filter: query.filter, groupBy: [] });
    expect(rows.map((r) => [r.isTotal, r.n, r.suppressed])).toEqual([[true, 34, false]]);
  });
});

describe('the guards across queries see a row hidden for its employees as hidden', () => {
  let db: Db;
  const YEAR = { from: '2024-01-01', to: '2024-12-31' };
  beforeAll(async () => {
    db = await openTestMarts();
    // D1 × P2: six invitations of one employee (n 6, one person); every other cell one per employee.
    const rows = acceptedInvitations2024(
      [
        ['D1', 'P1', 10],
        ['D1', 'P2', 6],
        ['D2', 'P1', 10],
        ['D2', 'P2', 10],
        ['D3', 'P1', 10],
        ['D3', 'P2', 10],
        ['B1', 'P1', 7],
        ['B1', 'P2', 7],
      ],
      (agency) => ({ agency_kind: KIND[agency]! }),
    ).map((r) => (r.agency_code === 'D1' && r.program_code === 'P2' ? { ...r, employee_key: 'solo' } : r));
    await seed(db, 'fct_invitations', rows);
    await seedAgencyKinds(db, KIND);
  });
  afterAll(() => db.close());

  it('coarse complements: by agency kind, dinas × P2 less D2 and D3 does not give D1 × P2 back', async () => {
    const byAgency = await publishedFunnel(db, { filter: YEAR, groupBy: ['agency', 'program'] }, { minN: 5 });
    const d1p2 = byAgency.rows.find((r) => r.keys.agency === 'D1' && r.keys.program === 'P2')!;
    expect([d1p2.suppressed, d1p2.suppressionReason]).toEqual([true, 'primary']);
    const byKind = await publishedFunnel(
      db,
      { filter: YEAR, groupBy: ['agencyKind', 'program'] },
      { minN: 5 },
    );
    const dinasP2 = byKind.rows.find((r) => r.keys.agencyKind === 'dinas' && r.keys.program === 'P2')!;
    const shownParts = byAgency.rows.filter(
      (r) => !r.isTotal && r.keys.program === 'P2' && ['D2', 'D3'].includes(r.keys.agency!) && !r.suppressed,
    );
    // Either the kind's cell is hidden, or not every other dinas cell of P2 is shown.
    expect(dinasP2.suppressed || shownParts.length < 2).toBe(true);
    if (!dinasP2.suppressed)
      expect(dinasP2.invited! - shownParts.reduce((a, r) => a + r.invited!, 0)).not.toBe(6);
  });

  it('filter complements: agencies [D1, D2] less [D2] is one employee’s six invitations to P2', async () => {
    const q = (agencies: string[]) => ({ filter: { ...YEAR, agencies, programs: ['P2'] } });
    const wide = await publishedFunnel(db, q(['D1', 'D2']), { minN: 5 });
    const narrow = await publishedFunnel(db, q(['D2']), { minN: 5 });
    const [w, n] = [wide.rows[0]!, narrow.rows[0]!];
    // 16 and 10 invitations (both ≥ 5, and 6 apart), but 11 and 10 employees: one of them hidden.
    expect(w.suppressed || n.suppressed).toBe(true);
    expect(w.invited === null || n.invited === null).toBe(true);
  });
});

describe('over time, a quarter or year is decided on its own distinct employees', () => {
  let db: Db;
  const YEAR = { from: '2024-01-01', to: '2024-12-31' };
  // Invitations as employee:month. A: 3 employees, 7 invitations. B: 8 employees. C: 7 employees.
  // Per quarter B has 7 + 5 = 12 employees and C 7 + 5 = 12: the sums tie, the years (8, 7) do not.
  const WORLD: Record<string, string> = {
    A: '0:3 1:2 1:1 1:1 2:4 2:4 2:3',
    B: '0:4 0:1 0:4 1:2 1:1 2:3 2:4 3:3 3:3 3:1 4:4 4:1 5:1 5:1 5:3 6:4 6:2 7:4',
    C: '0:4 0:3 0:1 1:1 2:1 3:1 3:3 3:4 4:4 4:3 4:4 5:2 5:4 5:3 6:4 6:3',
  };
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(
      db,
      'fct_invitations',
      Object.entries(WORLD).flatMap(([agency, list]) =>
        list.split(' ').map((pair) => {
          const [employee, month] = pair.split(':');
          return {
            agency_code: agency,
            employee_key: `${agency}${employee}`,
            invited_on: `2024-0${month}-10`,
            year: 2024,
            response: 'accepted',
          };
        }),
      ),
    );
  });
  afterAll(() => db.close());

  it('keeps what the year query hides for too few employees, and its complement, hidden in the quarters and months', async () => {
    const year = await invitationFunnel(db, { filter: YEAR, groupBy: ['agency'] });
    expect(shape(year.rows)).toEqual([
      ['A', false, null, 'primary'],
      ['B', false, 18, null],
      ['C', false, null, 'complementary'],
      [null, true, 41, null],
    ]);
    for (const grain of ['quarter', 'month'] as const) {
      const series = await invitationFunnel(db, { filter: YEAR, groupBy: ['agency'], grain });
      // Were every period of C shown, C's year (16) would follow, and A's: 41 − 18 − 16 = 7.
      const c = series.rows.filter((r) => r.keys.agency === 'C' && r.n !== 0);
      expect(c.some((r) => r.suppressed)).toBe(true);
    }
  });
});
