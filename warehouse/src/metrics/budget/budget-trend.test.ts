import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { participation } from '../guarded-metrics.ts';
import { buildMetricAggregates } from '../metric-aggregates.ts';
import { MetricInputError } from '../query/metric-input-error.ts';
import { openTestMarts, seed } from '../testing/mart-fixture.ts';
import { budgetTrend } from './budget-trend.ts';

/**
 * Known answers: two agencies over 2020–2022. A holds 6 employees every year, B 4 (5 in 2022); the
 * 2021 budgets are 60 % of 2020's (a 40 % cut), and only A has a 2022 line.
 */
describe('budgetTrend', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const staff = (agency: string, n: number, year: number) =>
      Array.from({ length: n }, (_, i) => ({ employee_key: `${agency}${i}`, year, agency_code: agency }));
    await seed(db, 'fct_headcount', [
      ...[2020, 2021, 2022].flatMap((y) => staff('A', 6, y)),
      ...[2020, 2021].flatMap((y) => staff('B', 4, y)),
      ...staff('B', 5, 2022),
    ]);
    const done = (employee_key: string, on: string) => ({
      employee_key,
      status: 'completed',
      completed_on: on,
      start_date: on,
      method: 'workshop',
    });
    // 2020: 3 of 10 took part; 2021: 1 of 10; 2022: 4 of 11 (A0 twice: once).
    await seed(db, 'fct_enrollments', [
      done('A0', '2020-03-01'),
      done('A1', '2020-04-01'),
      done('B0', '2020-05-01'),
      done('A0', '2021-06-01'),
      done('A0', '2022-02-01'),
      done('A0', '2022-09-01'),
      done('A1', '2022-02-01'),
      done('B0', '2022-02-01'),
      done('B4', '2022-02-01'),
    ]);
    await seed(db, 'fct_budgets', [
      { agency_code: 'A', fiscal_year: 2020, allocated_idr: 6_000_000, realized_idr: 5_400_000 },
      { agency_code: 'B', fiscal_year: 2020, allocated_idr: 4_000_000, realized_idr: 3_000_000 },
      { agency_code: 'A', fiscal_year: 2021, allocated_idr: 3_600_000, realized_idr: 3_600_000 },
      { agency_code: 'B', fiscal_year: 2021, allocated_idr: 2_400_000, realized_idr: 2_000_000 },
      { agency_code: 'A', fiscal_year: 2022, allocated_idr: 6_600_000, realized_idr: 6_000_000 },
    ]);
    await seed(db, 'dim_offering', [
      { offering_id: 10, organizer_agency_code: 'A', year: 2021 },
      { offering_id: 12, organizer_agency_code: 'A', year: 2021 },
      { offering_id: 11, organizer_agency_code: 'B', year: 2022 },
    ]);
    await seed(db, 'fct_costs', [
      { offering_id: 10, organizer_agency_code: 'A', year: 2021, amount_idr: 1_000_000 },
      { offering_id: 10, organizer_agency_code: 'A', year: 2021, amount_idr: 200_000 },
      { offering_id: 11, organizer_agency_code: 'B', year: 2022, amount_idr: 500_000 },
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('adds up the city’s budgets, costs, offerings and staff per fiscal year', async () => {
    const rows = await budgetTrend(db, {}, { minN: 1 });
    expect(rows).toEqual([
      {
        year: 2020,
        agencies: 2,
        allocatedIdr: 10_000_000,
        realizedIdr: 8_400_000,
        realisation: 0.84,
        allocatedChange: null,
        programCostIdr: null,
        offerings: 0,
        headcount: 10,
        allocatedPerEmployeeIdr: 1_000_000,
        participationRate: 0.3,
        headcountSuppressed: false,
      },
      {
        year: 2021,
        agencies: 2,
        allocatedIdr: 6_000_000,
        realizedIdr: 5_600_000,
        realisation: 5_600_000 / 6_000_000,
        allocatedChange: -0.4,
        programCostIdr: 1_200_000,
        offerings: 2,
        headcount: 10,
        allocatedPerEmployeeIdr: 600_000,
        participationRate: 0.1,
        headcountSuppressed: false,
      },
      {
        year: 2022,
        agencies: 1,
        allocatedIdr: 6_600_000,
        realizedIdr: 6_000_000,
        realisation: 6_000_000 / 6_600_000,
        // Like for like: A alone (B has no 2022 line), 3.6 M → 6.6 M; not 6.0 M → 6.6 M (+10 %).
        allocatedChange: 3_000_000 / 3_600_000,
        programCostIdr: 500_000,
        offerings: 1,
        headcount: 11,
        allocatedPerEmployeeIdr: 600_000,
        participationRate: 4 / 11,
        headcountSuppressed: false,
      },
    ]);
  });

  it('narrows every figure to the agencies asked for, and names years without a budget line', async () => {
    const rows = await budgetTrend(db, { agencies: ['B'] }, { minN: 1 });
    expect(
      rows.map((r) => [r.year, r.allocatedIdr, r.allocatedChange, r.headcount, r.allocatedPerEmployeeIdr]),
    ).toEqual([
      [2020, 4_000_000, null, 4, 1_000_000],
      [2021, 2_400_000, -0.4, 4, 600_000],
      // No budget line for B in 2022: its offering and cost still count; nothing per employee.
      [2022, null, null, 5, null],
    ]);
    expect(rows[2]).toMatchObject({ agencies: 0, realisation: null, programCostIdr: 500_000, offerings: 1 });
    expect(rows.map((r) => r.participationRate)).toEqual([0.25, 0, 0.4]);
  });

  it('reads an empty or repeated agency list as the whole city or each agency once', async () => {
    const city = await budgetTrend(db, {}, { minN: 1 });
    expect(await budgetTrend(db, { agencies: [] }, { minN: 1 })).toEqual(city);
    expect(await budgetTrend(db, { agencies: ['B', 'A', 'B'] }, { minN: 1 })).toEqual(city);
  });

  it('does not read a missing budget line as a cut: the change is over the agencies with a line in both years', async () => {
    // A's line of 2021 missing: 2021 is B's alone (−40 % on B's 2020), 2022 has no agency with a
    // 2021 line, so no change; the sums would say −76 % and +175 %.
    const partial = await openTestMarts();
    try {
      await seed(partial, 'fct_budgets', [
        { agency_code: 'A', fiscal_year: 2020, allocated_idr: 6_000_000, realized_idr: 0 },
        { agency_code: 'B', fiscal_year: 2020, allocated_idr: 4_000_000, realized_idr: 0 },
        { agency_code: 'B', fiscal_year: 2021, allocated_idr: 2_400_000, realized_idr: 0 },
        { agency_code: 'A', fiscal_year: 2022, allocated_idr: 6_600_000, realized_idr: 0 },
      ]);
      await buildMetricAggregates(partial);
      const rows = await budgetTrend(partial, {}, { minN: 1 });
      expect(rows.map((r) => [r.year, r.agencies, r.allocatedIdr, r.allocatedChange])).toEqual([
        [2020, 2, 10_000_000, null],
        [2021, 1, 2_400_000, -0.4],
        [2022, 1, 6_600_000, null],
      ]);
    } finally {
      await partial.close();
    }
  });

  it('lists every year of a range given, with nothing where the data has nothing', async () => {
    const rows = await budgetTrend(db, { from: 2019, to: 2023 }, { minN: 1 });
    expect(rows.map((r) => r.year)).toEqual([2019, 2020, 2021, 2022, 2023]);
    expect(rows[0]).toEqual({
      year: 2019,
      agencies: 0,
      allocatedIdr: null,
      realizedIdr: null,
      realisation: null,
      allocatedChange: null,
      programCostIdr: null,
      offerings: 0,
      headcount: null,
      allocatedPerEmployeeIdr: null,
      participationRate: null,
      headcountSuppressed: false,
    });
    // 2021's change is on 2020 even when 2020 is outside the range.
    expect(
      (await budgetTrend(db, { from: 2021 }, { minN: 1 })).map((r) => [r.year, r.allocatedChange]),
    ).toEqual([
      [2021, -0.4],
      [2022, 3_000_000 / 3_600_000],
    ]);
    expect((await budgetTrend(db, { to: 2020 }, { minN: 1 })).map((r) => r.year)).toEqual([2020]);
  });

  it('hides the headcount, the budget per employee and the rate where published participation hides them', async () => {
    // minN 5: B's 4 employees of 2020 and 2021 are a small cell, and so are its 2 participants of
    // 2022 (of 5); its money stays (public finance).
    const rows = await budgetTrend(db, { agencies: ['B'] }, { minN: 5 });
    expect(rows.map((r) => [r.year, r.headcountSuppressed, r.headcount, r.participationRate])).toEqual([
      [2020, true, null, null],
      [2021, true, null, null],
      [2022, true, null, null],
    ]);
    expect(rows.map((r) => r.allocatedPerEmployeeIdr)).toEqual([null, null, null]);
    expect(rows.map((r) => r.allocatedIdr)).toEqual([4_000_000, 2_400_000, null]);
    // City-wide at minN 3, each year's headcount and rate are the published participation's total row.
    const city = await budgetTrend(db, {}, { minN: 3 });
    const published = await participation(
      db,
      { filter: { from: '2020-01-01', to: '2022-12-31' }, grain: 'year' },
      { minN: 3 },
    );
    const totals = published.rows.filter((r) => r.isTotal);
    expect(city.map((r) => [r.headcountSuppressed, r.headcount, r.participationRate])).toEqual(
      totals.map((t) => [t.suppressed, t.suppressed ? null : t.headcount, t.suppressed ? null : t.rate]),
    );
    expect(city.map((r) => r.headcountSuppressed)).toEqual([false, true, false]);
    expect(city[1]!.allocatedPerEmployeeIdr).toBeNull();
  });

  it('refuses years outside 1990 … 2100 and a reversed range, naming the field', async () => {
    await expect(budgetTrend(db, { from: 1800 })).rejects.toMatchObject({
      reason: 'OUT_OF_RANGE',
      field: 'from',
    });
    await expect(budgetTrend(db, { to: 2020.5 })).rejects.toBeInstanceOf(MetricInputError);
    await expect(budgetTrend(db, { from: 2022, to: 2021 })).rejects.toMatchObject({
      reason: 'RANGE_REVERSED',
      field: 'from',
    });
  });

  it('answers an empty warehouse with no years', async () => {
    const empty = await openTestMarts();
    try {
      await buildMetricAggregates(empty);
      expect(await budgetTrend(empty, {})).toEqual([]);
    } finally {
      await empty.close();
    }
  });

  it('hides the headcount where the published participation’s list guard hides it (a left-out small agency)', async () => {
    // A (6 employees) and C (2, no budget line): A alone leaves out C's 2 employees, which the
    // answer for every agency would give back by subtraction, so A's headcount is not shown; the
    // bare count would be 6.
    const small = await openTestMarts();
    try {
      await seed(small, 'fct_headcount', [
        ...Array.from({ length: 6 }, (_, i) => ({ employee_key: `A${i}`, year: 2021, agency_code: 'A' })),
        ...Array.from({ length: 2 }, (_, i) => ({ employee_key: `C${i}`, year: 2021, agency_code: 'C' })),
      ]);
      await seed(small, 'fct_budgets', [
        { agency_code: 'A', fiscal_year: 2021, allocated_idr: 6_000_000, realized_idr: 6_000_000 },
      ]);
      await buildMetricAggregates(small);
      const [a] = await budgetTrend(small, { agencies: ['A'] }, { minN: 5 });
      expect(a).toMatchObject({
        year: 2021,
        allocatedIdr: 6_000_000,
        headcountSuppressed: true,
        headcount: null,
      });
      expect(a!.allocatedPerEmployeeIdr).toBeNull();
      // minN 1: nothing is hidden, and the same query shows the 6.
      expect((await budgetTrend(small, { agencies: ['A'] }, { minN: 1 }))[0]).toMatchObject({
        headcount: 6,
        allocatedPerEmployeeIdr: 1_000_000,
      });
    } finally {
      await small.close();
    }
  });
});
