import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { jpCompliance } from './jp-compliance.metric.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

describe('jpCompliance', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(
      db,
      'fct_headcount',
      ['e1', 'e2', 'e3', 'e4'].map((e) => ({ employee_key: e, year: 2024, agency_code: 'A' })),
    );
    const jp = (e: string, jp_earned: number, completed_on: string | null = '2024-06-01') => ({
      employee_key: e,
      jp_earned,
      status: completed_on ? 'completed' : 'dropped',
      completed_on,
    });
    await seed(db, 'fct_enrollments', [
      jp('e1', 12),
      jp('e1', 8), // 20 in total: compliant (≥ 20)
      jp('e2', 19.5),
      jp('e3', 30, '2023-12-31'), // previous year: 0 in 2024
      jp('e3', 10, null), // not completed
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('counts employees reaching 20 JP in the year and JP per employee', async () => {
    const { rows } = await jpCompliance(
      db,
      { grain: 'year', filter: { from: '2024-01-01', to: '2024-12-31' } },
      {
        minN: 1,
        jpMinutes: 45,
      },
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect([row.period, row.employees, row.compliant, row.rate]).toEqual(['2024-01-01', 4, 1, 0.25]);
    expect(row.jpPerEmployee).toBe(39.5 / 4);
    expect(row.hoursPerEmployee).toBe(((39.5 / 4) * 45) / 60);
    expect(row.medianJp).toBe(9.75); // 0, 0, 19.5, 20
  });

  it('gives the same answer from the per-cell histogram (grouped by another person dimension)', async () => {
    const { rows } = await jpCompliance(db, { grain: 'year', groupBy: ['gradeGroup'] }, { minN: 1 });
    const total = rows.find((r) => r.isTotal)!;
    expect([total.employees, total.compliant, total.jpPerEmployee, total.medianJp]).toEqual([
      4,
      1,
      39.5 / 4,
      9.75,
    ]);
  });

  it('takes the threshold as a parameter', async () => {
    const { rows } = await jpCompliance(db, { filter: { from: '2024-01-01' } }, { minN: 1, jpThreshold: 19 });
    expect(rows[0]!.compliant).toBe(2);
  });

  it('sums JP from the facts when a program filter restricts which JP count, publishing no JP figures', async () => {
    const { rows } = await jpCompliance(db, { filter: { from: '2024-01-01', methods: ['x'] } }, { minN: 1 });
    // 39.5 JP of method x over 4 employees: one compliant. The JP per employee and the median are
    // not published with a program filter (sums over programs would give a hidden one's by difference).
    expect([rows[0]!.employees, rows[0]!.compliant, rows[0]!.jpPerEmployee, rows[0]!.medianJp]).toEqual([
      4,
      1,
      null,
      null,
    ]);
    const none = await jpCompliance(
      db,
      { filter: { from: '2024-01-01', methods: ['seminar'] } },
      { minN: 1 },
    );
    expect([none.rows[0]!.employees, none.rows[0]!.compliant, none.rows[0]!.jpPerEmployee]).toEqual([
      4,
      0,
      null,
    ]);
  });

  it('reads whole years, says so, and refuses a range inside a year', async () => {
    const { rows, range } = await jpCompliance(
      db,
      { filter: { from: '2024-01-01', to: '2024-12-31' } },
      { minN: 1 },
    );
    expect([rows[0]!.employees, rows[0]!.compliant]).toEqual([4, 1]);
    expect(range).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
      resolution: 'year',
      fact: 'fct_enrollments',
    });
    await expect(
      jpCompliance(db, { grain: 'year', filter: { from: '2024-06-15', to: '2024-06-15' } }, { minN: 1 }),
    ).rejects.toMatchObject({ reason: 'RANGE_NOT_ALIGNED', detail: { unit: 'year', earlier: '2024-01-01' } });
    await expect(jpCompliance(db, { grain: 'month' }, { minN: 1 })).rejects.toMatchObject({
      reason: 'UNSUPPORTED_GRAIN',
      field: 'grain',
    });
  });
});
