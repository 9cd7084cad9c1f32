import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../db/index.ts';
import { aggHandlerMonthSql } from './agg-handler-month.sql.ts';
import { createMartTables } from './contract.ts';

/** The unit of a handler-month is the one with most requests; on a tie the smallest code. */
describe('agg_handler_month unit', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write', threads: 2 });
    await createMartTables((sql) => db.exec(sql));
    const rows = [
      ['x', 'B'],
      ['x', 'B'],
      ['x', 'A'],
      ['x', 'A'],
      ['x', 'C'],
      ['y', 'A'],
      ['y', 'Z'],
      ['y', 'Z'],
      ['y', 'Z'],
    ];
    await db.exec(`INSERT INTO marts.fct_service_requests BY NAME
      SELECT row_number() OVER () AS request_id, 'ktp_el' AS service_type, agency_code, handled_by_key,
        TIMESTAMPTZ '2024-05-02 01:00:00+00' AS submitted_at, TIMESTAMPTZ '2024-05-03 01:00:00+00' AS completed_at,
        DATE '2024-05-02' AS submitted_on, DATE '2024-05-01' AS month_start, 2024 AS year, 'completed' AS status,
        1.0 AS days, 1.0 AS target_days, true AS sla_met
      FROM (VALUES ${rows.map(([h, a]) => `('${h}', '${a}')`).join(', ')}) t(handled_by_key, agency_code)`);
    await db.exec(`INSERT INTO marts.agg_handler_month BY NAME ${aggHandlerMonthSql}`);
  });
  afterAll(() => db.close());

  it('picks the busiest unit, the smallest code on a tie, and sums over every unit', async () => {
    expect(
      await db.all(
        'SELECT employee_key, agency_code, requests, completed, sum_days, sla_met FROM marts.agg_handler_month ORDER BY 1',
      ),
    ).toEqual([
      { employee_key: 'x', agency_code: 'A', requests: 5, completed: 5, sum_days: 5, sla_met: 5 },
      { employee_key: 'y', agency_code: 'Z', requests: 4, completed: 4, sum_days: 4, sla_met: 4 },
    ]);
  });
});
