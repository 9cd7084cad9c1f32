import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { participation } from './participation.metric.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

// Every known answer holds on both paths: the month-mask pre-aggregate and the facts.
describe.each([false, true])('participation (fromFacts: %s)', (fromFacts) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    // 2024: A has e1..e4, B has e5, e6. e3 moves to B in 2025.
    await seed(db, 'fct_headcount', [
      ...['e1', 'e2', 'e3', 'e4'].map((e) => ({ employee_key: e, year: 2024, agency_code: 'A' })),
      ...['e5', 'e6'].map((e) => ({ employee_key: e, year: 2024, agency_code: 'B' })),
      ...['e1', 'e2'].map((e) => ({ employee_key: e, year: 2025, agency_code: 'A' })),
      { employee_key: 'e3', year: 2025, agency_code: 'B' },
    ]);
    const done = (e: string, on: string, method = 'workshop', status = 'completed') => ({
      employee_key: e,
      status,
      completed_on: status === 'completed' ? on : null,
      start_date: on,
      method,
    });
    await seed(db, 'fct_enrollments', [
      done('e1', '2024-02-01'),
      done('e1', '2024-03-01'), // second completion: still one participant
      done('e2', '2024-03-10', 'e_learning'),
      done('e5', '2024-11-20'),
      done('e6', '2024-05-05', 'workshop', 'dropped'), // not completed
      done('e3', '2025-01-15'), // in B in 2025
      done('e9', '2024-01-01'), // not in the headcount: ignored
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('divides distinct participants by the headcount, per agency and year, with totals', async () => {
    const { rows } = await participation(db, { groupBy: ['agency'], grain: 'year' }, { minN: 1, fromFacts });
    expect(rows.map((r) => [r.period, r.keys.agency, r.participants, r.headcount, r.rate])).toEqual([
      ['2024-01-01', 'A', 2, 4, 0.5],
      ['2024-01-01', 'B', 1, 2, 0.5],
      ['2024-01-01', null, 3, 6, 0.5],
      ['2025-01-01', 'A', 0, 2, 0],
      ['2025-01-01', 'B', 1, 1, 1],
      ['2025-01-01', null, 1, 3, 1 / 3],
    ]);
    expect(rows[0]!.pctOfTotal).toBeCloseTo(200 / 3, 12);
  });

  it('measures months against their year headcount and fills months without completions with 0', async () => {
    const { rows } = await participation(
      db,
      { grain: 'month', filter: { from: '2024-01-01', to: '2024-04-30' } },
      { minN: 1, fromFacts },
    );
    expect(rows.map((r) => [r.period, r.participants, r.headcount])).toEqual([
      ['2024-01-01', 0, 6],
      ['2024-02-01', 1, 6],
      ['2024-03-01', 2, 6],
      ['2024-04-01', 0, 6],
    ]);
  });

  it('pools years without a grain and lets a method filter restrict the completions', async () => {
    const all = await participation(db, {}, { minN: 1, fromFacts });
    expect(all.rows.map((r) => [r.participants, r.headcount])).toEqual([[4, 6]]);
    const elearning = await participation(
      db,
      { filter: { methods: ['e_learning'] } },
      { minN: 1, fromFacts },
    );
    expect(elearning.rows.map((r) => [r.participants, r.headcount])).toEqual([[1, 6]]);
  });

  it('reports the periods of the range, each whole: months of spring, quarters of the year', async () => {
    const spring = { from: '2024-03-01', to: '2024-05-31' };
    const monthly = await participation(db, { filter: spring, grain: 'month' }, { minN: 1, fromFacts });
    // e1 (1 March) and e2 (10 March); e1's February and e5's November completions fall outside.
    expect(monthly.rows.map((r) => [r.period, r.participants, r.headcount])).toEqual([
      ['2024-03-01', 2, 6],
      ['2024-04-01', 0, 6],
      ['2024-05-01', 0, 6],
    ]);
    const quarterly = await participation(
      db,
      { filter: { from: '2024-04-01', to: '2024-12-31' }, grain: 'quarter' },
      { minN: 1, fromFacts },
    );
    // Q1 (e1, e2) is read for disclosure control but not reported; Q4 holds e5's 20 November.
    expect(quarterly.rows.map((r) => [r.period, r.participants, r.headcount])).toEqual([
      ['2024-04-01', 0, 6],
      ['2024-07-01', 0, 6],
      ['2024-10-01', 1, 6],
    ]);
  });

  it('refuses a range that cuts a period of its grain (a year without one), naming the aligned dates', async () => {
    // Spring at grain year would be part of 2024 in a row labelled 2024: against another range it
    // would give a difference down to a day.
    const spring = { from: '2024-03-01', to: '2024-05-31' };
    await expect(
      participation(db, { filter: spring, grain: 'year' }, { minN: 1, fromFacts }),
    ).rejects.toMatchObject({
      name: 'MetricInputError',
      code: 'BAD_USER_INPUT',
      detail: { reason: 'RANGE_NOT_ALIGNED', field: 'filter.from', unit: 'year', value: '2024-03-01' },
    });
    await expect(participation(db, { filter: spring }, { minN: 1, fromFacts })).rejects.toThrow(
      /filter.from must be the first day of a year \(no grain.*use 2024-01-01 or 2025-01-01/,
    );
    await expect(
      participation(
        db,
        { filter: { from: '2024-03-01', to: '2024-03-20' }, grain: 'month' },
        { minN: 1, fromFacts },
      ),
    ).rejects.toMatchObject({
      detail: {
        field: 'filter.to',
        unit: 'month',
        value: '2024-03-20',
        earlier: '2024-02-29',
        later: '2024-03-31',
      },
    });
    const { range } = await participation(
      db,
      { filter: { from: '2024-03-01', to: '2024-03-31' }, grain: 'month' },
      { minN: 1, fromFacts },
    );
    expect(range).toEqual({
      from: '2024-03-01',
      to: '2024-03-31',
      resolution: fromFacts ? 'day' : 'month',
      fact: 'fct_enrollments',
    });
  });

  it('rejects a groupBy the headcount cannot carry', async () => {
    await expect(participation(db, { groupBy: ['method'] })).rejects.toMatchObject({
      name: 'MetricInputError',
      code: 'BAD_USER_INPUT',
    });
  });
});
