import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { jpCompliance } from './jp-compliance.metric.ts';
import { buildMetricAggregates } from './metric-aggregates.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * The employees with any JP are protected like n, also on the histogram path (no program filter):
 * 12 employee-years, of which only 2 earned JP (5 each, below the threshold: 0 compliant, which
 * hides nobody). With minN 5 the 2 employees with JP hide the row.
 */
describe('jpCompliance: employees with JP protected on the histogram path', () => {
  let db: Db;
  const employees = Array.from({ length: 12 }, (_, i) => `e${i + 1}`);
  beforeAll(async () => {
    db = await openTestMarts();
    await seed(
      db,
      'fct_headcount',
      employees.map((e) => ({ employee_key: e, year: 2024, agency_code: 'A' })),
    );
    await seed(
      db,
      'fct_enrollments',
      ['e1', 'e2'].map((e) => ({
        employee_key: e,
        jp_earned: 5,
        status: 'completed',
        completed_on: '2024-06-01',
      })),
    );
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('hides a row whose employees with JP are 1 … minN − 1 (2 of 12, minN 5)', async () => {
    const { rows } = await jpCompliance(
      db,
      { grain: 'year', filter: { from: '2024-01-01', to: '2024-12-31' } },
      { minN: 5 },
    );
    expect(rows.map((r) => [r.period, r.suppressed, r.n, r.employees, r.compliant])).toEqual([
      ['2024-01-01', true, null, null, null],
    ]);
    // The per-cell histogram (grouped by a person dimension) hides its total row the same way.
    const byGrade = await jpCompliance(db, { grain: 'year', groupBy: ['gradeGroup'] }, { minN: 5 });
    const total = byGrade.rows.find((r) => r.isTotal)!;
    expect([total.suppressed, total.employees]).toEqual([true, null]);
  });

  it('shows the row once the minimum allows the 2 employees with JP (minN 2)', async () => {
    const { rows } = await jpCompliance(
      db,
      { grain: 'year', filter: { from: '2024-01-01', to: '2024-12-31' } },
      { minN: 2 },
    );
    expect(rows.map((r) => [r.suppressed, r.employees, r.compliant, r.jpPerEmployee])).toEqual([
      [false, 12, 0, 10 / 12],
    ]);
  });
});
