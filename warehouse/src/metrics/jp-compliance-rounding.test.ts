import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { jpCompliance } from './jp-compliance.metric.ts';
import { buildMetricAggregates, NEWER_AGGREGATES } from './metric-aggregates.ts';
import { openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * An e-learning completion earns seconds / 60 / 45 JP, a binary fraction, and a floating-point sum
 * depends on its order (audit of 2026-12-06): 1 h + 13 h + 1 h (900 min, exactly 20 JP) summed to
 * 19.999999999999996 and 1 h + 1 h + 13 h to 20, so one of two employees with the same courses was
 * non-compliant. Every JP total per employee-year is rounded to 6 decimals before the threshold.
 */
describe('jpCompliance: JP totals do not depend on the order of their completions', () => {
  let db: Db;
  // As the ETL stores a statement's JP (`jpFromSeconds`, 45 minutes per JP).
  const jpOf = (seconds: number) => seconds / 60 / 45;
  const done = (employee_key: string, jp_earned: number, completed_on: string) => ({
    employee_key,
    jp_earned,
    status: 'completed',
    completed_on,
  });
  const year = { from: '2024-01-01', to: '2024-12-31' };
  const totals = async (): Promise<unknown[]> => {
    const answers = [
      await jpCompliance(db, { grain: 'year', filter: year }, { minN: 1 }),
      await jpCompliance(db, { grain: 'year', filter: year, groupBy: ['gradeGroup'] }, { minN: 1 }),
      // A program filter sums the JP from fct_enrollments in the query.
      await jpCompliance(db, { grain: 'year', filter: { ...year, methods: ['x'] } }, { minN: 1 }),
    ];
    return answers.map(({ rows }) => {
      const t = rows.find((r) => r.isTotal) ?? rows[0];
      return [t?.employees, t?.compliant];
    });
  };

  beforeAll(async () => {
    db = await openTestMarts();
    await seed(
      db,
      'fct_headcount',
      ['e1', 'e2', 'e3'].map((e) => ({ employee_key: e, year: 2024, agency_code: 'A' })),
    );
    await seed(db, 'fct_enrollments', [
      // e1: 1 h, 13 h, 1 h; e2: 1 h, 1 h, 13 h: 20 JP each.
      done('e1', jpOf(3600), '2024-02-01'),
      done('e1', jpOf(46800), '2024-03-01'),
      done('e1', jpOf(3600), '2024-04-01'),
      done('e2', jpOf(3600), '2024-02-01'),
      done('e2', jpOf(3600), '2024-03-01'),
      done('e2', jpOf(46800), '2024-04-01'),
      // e3: 19.99 JP, just below the threshold.
      done('e3', 12, '2024-02-01'),
      done('e3', 7.99, '2024-03-01'),
    ]);
    await buildMetricAggregates(db);
  });
  afterAll(() => db.close());

  it('stores each employee-year total rounded: 20 whichever order, 19.99 below', async () => {
    expect(await db.all('SELECT employee_key, jp FROM marts.agg_jp_employee_year ORDER BY 1')).toEqual([
      { employee_key: 'e1', jp: 20 },
      { employee_key: 'e2', jp: 20 },
      { employee_key: 'e3', jp: 19.99 },
    ]);
  });

  it('counts both 20-JP employees compliant and the 19.99-JP one not, on every path', async () => {
    expect(await totals()).toEqual([
      [3, 2],
      [3, 2],
      [3, 2],
    ]);
  });

  it('rounds the JP of a snapshot built before the totals were rounded (legacy path)', async () => {
    for (const table of NEWER_AGGREGATES) await db.exec(`DROP TABLE IF EXISTS marts.${table}`);
    await db.exec(`UPDATE marts.agg_jp_employee_year SET jp = 19.999999999999996 WHERE employee_key = 'e1'`);
    expect(await totals()).toEqual([
      [3, 2],
      [3, 2],
      [3, 2],
    ]);
  });
});
