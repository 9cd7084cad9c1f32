import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { resistance } from './resistance.metric.ts';
import { eachOwnEmployee, openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * The rows publish each shown group's declines; they are the margins of the reason tables. A small
 * one (here: X's one decline, Y's three) cannot protect its breakdown: hidden reason rows still name
 * their reason, and their sum is the published margin (the review of 2026-12-04 recovered
 * "KEL …1001: schedule = 1" this way).
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

  it('by agency: the rows show X and Y with 1 and 3 declines, so no reason of the table is listed', async () => {
    const { rows, byReason } = await resistance(db, { filter: year, groupBy: ['agency'] });
    // The rows are published (8 and 9 invitations of as many employees): their declines with them.
    expect(rows.map((r) => [r.keys.agency, r.declined, r.suppressed])).toEqual([
      ['W', 6, false],
      ['X', 1, false],
      ['Y', 3, false],
      ['Z', 6, false],
      [null, 16, false],
    ]);
    expect(
      byReason.map((r) => [r.keys.agency, r.keys.declineReason ?? null, r.isTotal, r.declines, r.suppressed]),
    ).toEqual([
      ['W', null, true, null, true],
      ['X', null, true, null, true],
      ['Y', null, true, null, true],
      ['Z', null, true, null, true],
      [null, null, true, null, true],
    ]);
  });

  it('filtered to X alone: its one decline has no reason listed either', async () => {
    const { rows, byReason } = await resistance(db, { filter: { ...year, agencies: ['X'] } });
    expect(rows.map((r) => [r.declined, r.suppressed])).toEqual([[1, false]]);
    expect(byReason.map((r) => [r.keys.declineReason ?? null, r.isTotal, r.declines, r.suppressed])).toEqual([
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
