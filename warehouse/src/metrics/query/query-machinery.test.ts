import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { findRecoverableCells } from '../../disclosure/index.ts';
import { invitationFunnel } from '../invitation-funnel.metric.ts';
import { resistance } from '../resistance.metric.ts';
import { serviceTimes } from '../service-times.metric.ts';
import { eachOwnEmployee, openTestMarts, seed } from '../testing/mart-fixture.ts';
import { comparison } from './finish-rows.ts';
import { MetricInputError } from './metric-input-error.ts';

describe('common query machinery (through the invitation funnel)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    // Accepted-and-completed share by quarter: 2023Q1 1/2, 2023Q4 1/1, 2024Q1 3/4.
    const inv = (invited_on: string, done: boolean, agency_code = 'A') => ({
      invited_on,
      agency_code,
      response: done ? 'accepted' : 'declined',
      enrolled: done,
      enrollment_status: done ? 'completed' : null,
    });
    await seed(
      db,
      'fct_invitations',
      eachOwnEmployee([
        inv('2023-02-01', true),
        inv('2023-02-02', false),
        inv('2023-11-01', true),
        inv('2024-01-05', true),
        inv('2024-02-05', true),
        inv('2024-03-05', true),
        inv('2024-03-06', false),
      ]),
    );
  });
  afterAll(() => db.close());

  it('compares each period with the previous one and the same period last year', async () => {
    const { rows } = await invitationFunnel(
      db,
      { grain: 'quarter', compare: true, filter: { from: '2024-01-01', to: '2024-03-31' } },
      { minN: 1 },
    );
    expect(rows).toHaveLength(1); // the year before is read for the comparison, not reported
    const row = rows[0]!;
    expect(row.period).toBe('2024-01-01');
    expect(row.overallRate).toBe(0.75);
    expect(row.previousPeriod).toEqual({ value: 1, delta: -0.25, deltaPct: -25 });
    expect(row.samePeriodLastYear).toEqual({ value: 0.5, delta: 0.25, deltaPct: 50 });
  });

  it('gives differences without floating-point noise', () => {
    expect(0.3 - 0.1).not.toBe(0.2); // what IEEE doubles give
    expect(comparison(0.3, 0.1)).toEqual({ value: 0.1, delta: 0.2, deltaPct: 200 });
    expect(comparison(1.2, 1.4)).toEqual({ value: 1.4, delta: -0.2, deltaPct: -14.2857142857 });
    expect(comparison(null, 1)).toEqual({ value: 1, delta: null, deltaPct: null });
    expect(comparison(2, 0)).toEqual({ value: 0, delta: 2, deltaPct: null });
  });

  it('fills periods from the data range when the filter has none', async () => {
    const { rows } = await invitationFunnel(db, { grain: 'quarter' }, { minN: 1 });
    expect(rows.map((r) => [r.period, r.invited])).toEqual([
      ['2023-01-01', 2],
      ['2023-04-01', 0],
      ['2023-07-01', 0],
      ['2023-10-01', 1],
      ['2024-01-01', 4],
    ]);
  });

  it('suppresses a small cell and a complementary cell, keeping the total', async () => {
    await seed(
      db,
      'fct_invitations',
      eachOwnEmployee([
        ...Array.from({ length: 6 }, () => ({
          agency_code: 'B',
          invited_on: '2025-01-01',
          response: 'declined',
        })),
        ...Array.from({ length: 7 }, () => ({
          agency_code: 'C',
          invited_on: '2025-01-01',
          response: 'declined',
        })),
        ...Array.from({ length: 2 }, () => ({
          agency_code: 'D',
          invited_on: '2025-01-01',
          response: 'declined',
        })),
      ]),
    );
    const { rows } = await invitationFunnel(db, { groupBy: ['agency'], filter: { from: '2025-01-01' } });
    expect(rows.map((r) => [r.keys.agency, r.n, r.invited, r.pctOfTotal, r.suppressionReason])).toEqual([
      ['B', null, null, null, 'complementary'],
      ['C', 7, 7, 46.666666666666664, null],
      ['D', null, null, null, 'primary'],
      [null, 15, 15, 100, null],
    ]);
    // Attack: total − visible cells = B + D = 8, which does not pin D down.
    const visible = rows.filter((r) => !r.isTotal && !r.suppressed).reduce((s, r) => s + (r.n ?? 0), 0);
    expect(15 - visible).toBe(8);
  });

  it('survives the disclosure audit on a two-way grouping (agency × tenure band)', async () => {
    const bands = ['<5', '5-9', '10-19'];
    const sizes: Record<string, number[]> = { E: [2, 9, 8], F: [7, 6, 12], G: [8, 1, 9] };
    await seed(
      db,
      'fct_invitations',
      eachOwnEmployee(
        Object.entries(sizes).flatMap(([agency_code, counts]) =>
          counts.flatMap((k, b) =>
            Array.from({ length: k }, () => ({
              agency_code,
              tenure_band: bands[b]!,
              invited_on: '2027-06-01',
              response: 'accepted',
            })),
          ),
        ),
      ),
    );
    const query = { groupBy: ['agency', 'tenureBand'] as const, filter: { from: '2027-01-01' } };
    const truth = await invitationFunnel(db, query, { minN: 1 });
    const published = await invitationFunnel(db, query);
    const hidden = published.rows.filter((r) => r.suppressed);
    expect(hidden.filter((r) => r.suppressionReason === 'primary').map((r) => r.n ?? -1)).toEqual([-1, -1]);
    expect(hidden.length).toBeGreaterThanOrEqual(4); // two small cells need a cycle of complements
    // The attacker knows every published n plus the row and column margins (assumed public).
    const audit = truth.rows.map((r, i) => ({
      n: r.n ?? 0,
      suppressed: published.rows[i]!.suppressed,
      a: r.keys.agency ?? null,
      b: r.keys.tenureBand ?? null,
    }));
    expect(findRecoverableCells(audit, { groupKeys: ['a', 'b'] })).toEqual([]);
  });

  it('rejects filters and groupings the metric cannot honour, with a typed error', async () => {
    await expect(invitationFunnel(db, { filter: { serviceTypes: ['KTP'] } })).rejects.toThrow(
      MetricInputError,
    );
    await expect(invitationFunnel(db, { filter: { serviceTypes: ['KTP'] } })).rejects.toThrow(
      /invitationFunnel cannot be filtered by serviceTypes/,
    );
    await expect(serviceTimes(db, { groupBy: ['tenureBand'] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'groupBy',
    });
    await expect(invitationFunnel(db, { filter: { from: '2024-02-30' } })).rejects.toThrow(/ISO date/);
    await expect(invitationFunnel(db, { filter: { from: '2024-02-01', to: '2024-01-01' } })).rejects.toThrow(
      /after/,
    );
    await expect(invitationFunnel(db, { compare: true })).rejects.toThrow(/grain/);
    await expect(invitationFunnel(db, {}, { minN: 0 })).rejects.toThrow(MetricInputError);
  });

  it('binds filter values as parameters: a quote is just data', async () => {
    await seed(
      db,
      'fct_invitations',
      eachOwnEmployee([{ agency_code: "O'Brien", invited_on: '2026-01-01', response: 'declined' }]),
    );
    const countRows = async () => (await db.all('select count(*) as n from marts.fct_invitations'))[0]!.n;
    const before = await countRows();
    const { rows } = await resistance(
      db,
      { filter: { agencies: ["O'Brien", "x'); DROP TABLE marts.fct_invitations; --"] } },
      {
        minN: 1,
      },
    );
    expect(rows.map((r) => [r.invited, r.declined])).toEqual([[1, 1]]);
    expect(await countRows()).toBe(before);
  });
});
