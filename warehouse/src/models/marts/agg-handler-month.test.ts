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

/**
 * `completed` is the denominator of mean days (sum_days / completed) and of the SLA rate
 * (sla_met / completed): it counts the completed requests that have a completion time, the ones
 * sum_days and sla_met are over. A 'completed' request without completed_at (days NULL) used to
 * count there as a request of 0 days that missed its SLA.
 */
describe('agg_handler_month completed: the timed completions', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write', threads: 2 });
    await createMartTables((sql) => db.exec(sql));
    // status, days (NULL: no completion time), target 3 days.
    const rows: [string, number | null][] = [
      ['completed', 2],
      ['completed', 4],
      ['completed', null],
      ['in_progress', null],
    ];
    await db.exec(`INSERT INTO marts.fct_service_requests BY NAME
      SELECT row_number() OVER () AS request_id, 'ktp_el' AS service_type, 'A' AS agency_code, 'h' AS handled_by_key,
        TIMESTAMPTZ '2024-05-02 01:00:00+00' AS submitted_at,
        TIMESTAMPTZ '2024-05-02 01:00:00+00' + to_days(CAST(days AS INTEGER)) AS completed_at,
        DATE '2024-05-02' AS submitted_on, DATE '2024-05-01' AS month_start, 2024 AS year, status,
        days, 3.0 AS target_days, days <= 3.0 AS sla_met
      FROM (VALUES ${rows.map(([st, d]) => `('${st}', ${d === null ? 'NULL::DOUBLE' : `${d}.0`})`).join(', ')}) t(status, days)`);
    await db.exec(`INSERT INTO marts.agg_handler_month BY NAME ${aggHandlerMonthSql}`);
  });
  afterAll(() => db.close());

  it('counts 2 of the 3 completed requests, so mean days is 3 and the SLA rate 1/2', async () => {
    const [row] = await db.all<{ requests: number; completed: number; sum_days: number; sla_met: number }>(
      'SELECT requests, completed, sum_days, sla_met FROM marts.agg_handler_month',
    );
    expect(row).toEqual({ requests: 4, completed: 2, sum_days: 6, sla_met: 1 });
    expect(row!.sum_days / row!.completed).toBe(3);
    expect(row!.sla_met / row!.completed).toBe(0.5);
  });
});
