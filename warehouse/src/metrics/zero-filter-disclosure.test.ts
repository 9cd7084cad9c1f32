import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { participation, resistance } from './guarded-metrics.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { withoutZeroSeries } from './query/filter-complements.ts';
import type { MetricRowBase } from './query/metric-row.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * A filter to a program with no training in the period (the placebo in 2021 on the demo) answers
 * zeros: nobody is behind them, so they are published (rules in apply-suppression.ts). The guard
 * across queries hid the whole answer, every agency and the total, because the same query without
 * the program filter has agencies with 1 … 4 participants (review of 2026-12-05, scale-1 demo:
 * PLACEBO-BUDAYA 2021 by agency, all 53 agencies and the total "dirahasiakan"). The difference of
 * the two answers is then the unfiltered answer's own count, which that answer protects.
 */
const OPTS = { minN: 5 };
const Y2021 = { from: '2021-01-01', to: '2021-12-31' };
const Y2022 = { from: '2022-01-01', to: '2022-12-31' };

const range = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

const byAgency = (rows: readonly (MetricRowBase & { participants: number | null })[]) =>
  Object.fromEntries(
    rows.map((r) => [r.isTotal ? 'total' : String(r.keys.agency), r.suppressed ? 'hidden' : r.participants]),
  );

describe('participation filtered to a program without training in the period', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    // Three offices of 10 employees in 2021 and 2022.
    const employees = [...range('a', 10), ...range('b', 10), ...range('c', 10)];
    await seed(
      db,
      'fct_headcount',
      [2021, 2022].flatMap((year) =>
        employees.map((e) => ({ employee_key: e, year, agency_code: e[0]!.toUpperCase() })),
      ),
    );
    const done = (employee: string, program: string, on: string) => ({
      employee_key: employee,
      program_code: program,
      status: 'completed',
      completed_on: on,
      start_date: on,
      year: Number(on.slice(0, 4)),
    });
    await seed(db, 'fct_enrollments', [
      // 2021: A's 3 took OTHER, B's 6 and C's 7 took REG; nobody took PLACEBO.
      ...range('a', 3).map((e) => done(e, 'OTHER', '2021-04-10')),
      ...range('b', 6).map((e) => done(e, 'REG', '2021-05-10')),
      ...range('c', 7).map((e) => done(e, 'REG', '2021-06-10')),
      // 2022: PLACEBO with A's 2 (small), B's 6 and C's 6.
      ...range('a', 2).map((e) => done(e, 'PLACEBO', '2022-03-10')),
      ...range('b', 6).map((e) => done(e, 'PLACEBO', '2022-03-10')),
      ...range('c', 6).map((e) => done(e, 'PLACEBO', '2022-03-10')),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('publishes the zeros, by agency and in total (hidden whole before)', async () => {
    // The unfiltered 2021 answer has A's 3: a small count, hidden there.
    const unfiltered = await participation(db, { groupBy: ['agency'], filter: Y2021 }, OPTS);
    expect(byAgency(unfiltered.rows).A).toBe('hidden');
    const { rows } = await participation(
      db,
      { groupBy: ['agency'], filter: { ...Y2021, programs: ['PLACEBO'] } },
      OPTS,
    );
    expect(
      rows.map((r) => [r.keys.agency, r.isTotal, r.suppressed, r.participants, r.headcount, r.rate]),
    ).toEqual([
      ['A', false, false, 0, 10, 0],
      ['B', false, false, 0, 10, 0],
      ['C', false, false, 0, 10, 0],
      [null, true, false, 0, 30, 0],
    ]);
  });

  it('publishes the zeros of every month too', async () => {
    const { rows } = await participation(
      db,
      { grain: 'month', groupBy: ['agency'], filter: { ...Y2021, programs: ['PLACEBO'] } },
      OPTS,
    );
    expect(rows).toHaveLength(12 * 4);
    expect(rows.filter((r) => r.suppressed || r.participants !== 0)).toEqual([]);
  });

  it('still hides an agency with 1–4 participants, with a complement', async () => {
    const { rows } = await participation(
      db,
      { groupBy: ['agency'], filter: { ...Y2022, programs: ['PLACEBO'] } },
      OPTS,
    );
    const shown = byAgency(rows);
    expect(shown.A).toBe('hidden');
    // Not derivable from the total less the other agencies: one of them is hidden too.
    expect([shown.B, shown.C, shown.total].filter((v) => v === 'hidden').length).toBeGreaterThan(0);
  });

  it('still hides a filtered answer with participants whose difference leaves out a few', async () => {
    // REG in 2021: A 0, B 6, C 7. Without the filter A has 3: REG's published B and C bound the
    // unfiltered answer's hidden cells (at least 6 and 7), so the zero beside them is no exemption.
    const { rows } = await participation(
      db,
      { groupBy: ['agency'], filter: { ...Y2021, programs: ['REG'] } },
      OPTS,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.suppressed)).toBe(true);
  });
});

describe('withoutZeroSeries', () => {
  const row = (table: string, period: string | null, values: number[], actual: number[]) => ({
    name: 'rows',
    table,
    row: 'C[]',
    period,
    values,
    actual,
  });

  it('drops the left-out counts of a count the answer shows as 0 throughout a table', () => {
    const out = withoutZeroSeries([row('|[]', null, [0, 3], [40, 0]), row('|[]', null, [0, 7], [12, 0])]);
    expect(out.map((t) => t.values)).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('keeps them where a row of the table, or a period of the same year, is not 0', () => {
    const out = withoutZeroSeries([
      // One table: a zero row beside a non-zero one.
      row('|[]', null, [2], [0]),
      row('|[]', null, [1], [6]),
      // One year by month: January zero, February not.
      row('2021-01-01|[]', '2021-01-01', [3], [0]),
      row('2021-02-01|[]', '2021-02-01', [1], [8]),
      // Another year, zero throughout: dropped.
      row('2022-01-01|[]', '2022-01-01', [3], [0]),
      row('2022-02-01|[]', '2022-02-01', [2], [0]),
    ]);
    expect(out.map((t) => t.values)).toEqual([[2], [1], [3], [1], [0], [0]]);
  });
});

describe('resistance filtered to a program without invitations in the period', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const invite = (employee: string, agency: string, program: string, response: string) => ({
      employee_key: employee,
      agency_code: agency,
      program_code: program,
      response,
      decline_reason: response === 'declined' ? 'workload' : null,
      enrolled: false,
      enrollment_status: null,
      invited_on: '2021-03-01',
      year: 2021,
    });
    await seed(db, 'fct_invitations', [
      // REG in 2021: A 8 invited, 3 declined; B 8 invited, none declined.
      ...range('a', 8).map((e, i) => invite(e, 'A', 'REG', i < 3 ? 'declined' : 'accepted')),
      ...range('b', 8).map((e) => invite(e, 'B', 'REG', 'accepted')),
    ]);
  });
  afterAll(() => db.close());

  it('shows the breakdown of no declines as 0 (hidden before), not withheld', async () => {
    const result = await resistance(
      db,
      { groupBy: ['agency'], filter: { ...Y2021, programs: ['PLACEBO'] } },
      OPTS,
    );
    expect(result.rows.map((r) => [r.isTotal, r.suppressed, r.invited, r.declined])).toEqual([
      [true, false, 0, 0],
    ]);
    expect(result.byReason.map((r) => [r.isTotal, r.suppressed, r.n, r.declines, r.share])).toEqual([
      [true, false, 0, 0, null],
    ]);
  });

  it('still withholds the breakdown of a filtered group with declines', async () => {
    const result = await resistance(
      db,
      { groupBy: ['agency'], filter: { ...Y2021, programs: ['REG'] } },
      OPTS,
    );
    const reasons = Object.fromEntries(
      result.byReason.map((r) => [
        r.isTotal && r.keys.agency === null ? 'total' : String(r.keys.agency),
        r.suppressed ? 'hidden' : r.declines,
      ]),
    );
    const rows = Object.fromEntries(
      result.rows.map((r) => [
        r.isTotal ? 'total' : String(r.keys.agency),
        r.suppressed ? 'hidden' : r.declined,
      ]),
    );
    // A's 3 declines and the total's are hidden (protected like n) and so are their breakdowns;
    // B's row shows 0 declines: its breakdown is 0.
    expect(rows).toEqual({ A: 'hidden', B: 0, total: 'hidden' });
    expect(reasons).toEqual({ A: 'hidden', B: 0, total: 'hidden' });
    expect(result.byReason.filter((r) => !r.isTotal)).toEqual([]);
  });
});
