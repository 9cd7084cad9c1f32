import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { resistance } from './resistance.metric.ts';
import { eachOwnEmployee, openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * The rows publish each shown group's declines; they are the margins of the reason tables. A small
 * one (here: X's one decline, Y's three) cannot protect its breakdown: hidden reason rows still name
 * their reason, and their sum is the published margin (the review of 2026-12-04 recovered
 * "KEL …1001: schedule = 1" this way). Since the declined are protected like n (statistics audit of
 * 2026-12-06), the rows hide such a group themselves, and its breakdown with it: the same figure is
 * hidden in both places, and the other groups' breakdowns are protected as a two-way table.
 */
describe('resistance byReason against the declines the rows publish', () => {
  let db: Db;
  const invitations = (
    agency_code: string,
    tenure_band: string,
    declined: readonly string[],
    accepted: number,
  ) => [
    ...declined.map((decline_reason) => ({
      agency_code,
      tenure_band,
      invited_on: '2024-03-01',
      response: 'declined',
      decline_reason,
    })),
    ...Array.from({ length: accepted }, () => ({
      agency_code,
      tenure_band,
      invited_on: '2024-03-01',
      response: 'accepted',
    })),
  ];
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(
      db,
      'fct_invitations',
      eachOwnEmployee([
        ...invitations('X', '<5', ['schedule'], 7),
        ...invitations('Y', '20+', ['workload', 'workload', 'workload'], 6),
        ...invitations('Z', '<5', ['schedule', 'schedule', 'schedule', 'workload', 'workload', 'health'], 9),
        ...invitations('W', '20+', ['schedule', 'schedule', 'workload', 'workload', 'workload', 'health'], 9),
      ]),
    );
  });
  afterAll(() => db.close());

  const year = { from: '2024-01-01', to: '2024-12-31' };

  it('by agency: the rows hide X and Y (1 and 3 declines), and their breakdowns with them', async () => {
    const { rows, byReason } = await resistance(db, { filter: year, groupBy: ['agency'] });
    // 8 and 9 invitations of as many employees, but 1 and 3 declines: hidden (before: shown, and
    // the whole breakdown withheld for them). X and Y hide each other.
    expect(rows.map((r) => [r.keys.agency, r.declined, r.suppressed])).toEqual([
      ['W', 6, false],
      ['X', null, true],
      ['Y', null, true],
      ['Z', 6, false],
      [null, 16, false],
    ]);
    // Every total is hidden where its row is, shown (the same declines) where it is shown; the
    // reasons of 1–4 hidden.
    expect(byReason.filter((r) => r.isTotal).map((r) => [r.keys.agency, r.declines, r.suppressed])).toEqual([
      ['W', 6, false],
      ['X', null, true],
      ['Y', null, true],
      ['Z', 6, false],
      [null, 16, false],
    ]);
    expect(byReason.filter((r) => !r.isTotal && !r.suppressed && r.declines! < 5)).toEqual([]);
  });

  it('filtered to X alone: its one decline is hidden, in the rows and in the breakdown', async () => {
    const { rows, byReason } = await resistance(db, { filter: { ...year, agencies: ['X'] } });
    // Before: shown (declined 1), and the breakdown withheld for it.
    expect(rows.map((r) => [r.declined, r.suppressed])).toEqual([[null, true]]);
    // A hidden group's reasons are hidden with it, as for any group the rows hide (a reason row is
    // a count of at least 1, as every hidden cell is; published, a filtered breakdown is withheld
    // whole: guarded-metrics' resistance).
    expect(byReason.map((r) => [r.keys.declineReason ?? null, r.isTotal, r.declines, r.suppressed])).toEqual([
      ['schedule', false, null, true],
      [null, true, null, true],
    ]);
  });

  it('by tenure band, where every shown margin is at least 5: the reasons are published', async () => {
    const { byReason } = await resistance(db, { filter: year, groupBy: ['tenureBand'] });
    // <5: X and Z, 7 declines; 20+: Y and W, 9: tables the solver protects against their margins.
    expect(byReason.filter((r) => r.isTotal).map((r) => [r.keys.tenureBand, r.declines])).toEqual([
      ['<5', 7],
      ['20+', 9],
      [null, 16],
    ]);
    expect(byReason.filter((r) => !r.isTotal && !r.suppressed).length).toBeGreaterThan(0);
  });
});
