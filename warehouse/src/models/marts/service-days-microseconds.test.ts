import { afterEach, describe, expect, it } from 'vitest';
import { Db } from '../../db/index.ts';
import { HANDLER_UNITS_TABLE } from './agg-handler-month.sql.ts';
import { buildMarts } from './build.ts';
import { miniWorld } from './testing/miniWorld.ts';
import { type StgRows, seedStg } from './testing/seedStg.ts';

// stg's TIMESTAMPTZ keeps microseconds; days and sla_met came from epoch_ms, which truncates each
// timestamp. The numerical audit's case: submitted 08:00:00.000100 (Palangka Raya, +07), completed
// three days later at 08:00:00.000900, target 3 days. From milliseconds: exactly 3 days, SLA met;
// it took 3 days and 0.8 µs, so it missed.

const US_PER_DAY = 86_400_000_000;
const world = miniWorld();
const SERVICE_LEVELS = [
  ...(world.service_levels ?? []),
  { id: 3, service_type: 'kk', name: 'Kartu Keluarga', agency_code: 'DISDUKCAPIL', target_days: 3 },
];
/** A completed KK request (`appendRows` would read timestamp strings as JavaScript Dates: ms only). */
const request = (id: number, handledBy: number, submitted: string, completed: string) =>
  `SELECT ${id} AS id, 3 AS service_unit_agency_id, 'kk' AS service_type, ${handledBy} AS handled_by,
    TIMESTAMPTZ '${submitted}' AS submitted_at, TIMESTAMPTZ '${completed}' AS completed_at,
    'completed' AS status, TIMESTAMPTZ '2025-01-01 00:00:00+00' AS updated_at, 'postgres' AS _source,
    'test-run' AS _run_id`;
const REQUESTS = [
  // The audit's case: 3 days and 800 µs.
  request(1, 10, '2024-03-01 08:00:00.000100+07', '2024-03-04 08:00:00.000900+07'),
  // Exactly 3 days (the same sub-millisecond part at both ends): met.
  request(2, 11, '2024-03-01 08:00:00.000100+07', '2024-03-04 08:00:00.000100+07'),
  // 1 µs under 3 days, across a millisecond boundary (epoch_ms gave 3 days − 1 ms): met.
  request(3, 11, '2024-03-05 08:00:00.000999+07', '2024-03-08 08:00:00.000998+07'),
];
const STG: StgRows = { ...world, service_levels: SERVICE_LEVELS, service_requests: [] };

describe('fct_service_requests and agg_handler_month: elapsed time to the microsecond', () => {
  const dbs: Db[] = [];
  const built = async () => {
    const db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
    dbs.push(db);
    await seedStg(db, STG);
    await db.exec(`INSERT INTO stg.service_requests BY NAME ${REQUESTS.join(' UNION ALL ')}`);
    await buildMarts(db);
    return db;
  };
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.close();
  });

  it('judges the SLA on the exact elapsed time: 3 days and 800 µs miss a 3-day target', async () => {
    const db = await built();
    expect(
      await db.all(
        'SELECT request_id, days, target_days, sla_met FROM marts.fct_service_requests ORDER BY 1',
      ),
    ).toEqual([
      { request_id: 1, days: (3 * US_PER_DAY + 800) / US_PER_DAY, target_days: 3, sla_met: false },
      { request_id: 2, days: 3, target_days: 3, sla_met: true },
      { request_id: 3, days: (3 * US_PER_DAY - 1) / US_PER_DAY, target_days: 3, sla_met: true },
    ]);
  });

  it('sums days per handler-month from the same microseconds, the facts’ days to the bit', async () => {
    const db = await built();
    const rows = await db.all<{ sum_days: number; sum_sq_days: number; sla_met: number; days: number }>(
      `SELECT a.sum_days, a.sum_sq_days, a.sla_met, f.days
       FROM marts.agg_handler_month a
       JOIN marts.fct_service_requests f ON f.handled_by_key = a.employee_key AND f.month_start = a.month_start
       ORDER BY f.request_id`,
    );
    // Handler 10 handled request 1 alone: its sum is that request's days, bit for bit.
    expect(rows[0]).toEqual({
      sum_days: (3 * US_PER_DAY + 800) / US_PER_DAY,
      sum_sq_days: (3 * US_PER_DAY + 800) ** 2 / US_PER_DAY ** 2,
      sla_met: 0,
      days: (3 * US_PER_DAY + 800) / US_PER_DAY,
    });
    // Handler 11: 3 days and 3 days − 1 µs, summed exactly (6 days − 1 µs) and divided once.
    expect(rows[1]?.sum_days).toBe((6 * US_PER_DAY - 1) / US_PER_DAY);
    expect(rows[1]?.sla_met).toBe(2);
  });

  it('updates the per-unit sums by delta to what a full build gives', async () => {
    const db = await built();
    // A re-delivered request 3, now completed 2 µs later (1 µs past the target), and a new request.
    await db.exec(`
      DELETE FROM stg.service_requests WHERE id = 3;
      INSERT INTO stg.service_requests BY NAME SELECT * REPLACE (3 AS id, 'run-2' AS _run_id,
          TIMESTAMPTZ '2024-03-05 08:00:00.000999+07' AS submitted_at,
          TIMESTAMPTZ '2024-03-08 08:00:00.001000+07' AS completed_at)
        FROM stg.service_requests WHERE id = 2;
      INSERT INTO stg.service_requests BY NAME SELECT * REPLACE (4 AS id, 'run-2' AS _run_id,
          TIMESTAMPTZ '2024-03-04 08:00:00.000099+07' AS completed_at)
        FROM stg.service_requests WHERE id = 2;`);
    const result = await buildMarts(db, { incremental: true });
    expect(result.updated).toEqual(['fct_service_requests', 'agg_handler_month']);
    const read = () =>
      Promise.all([
        db.all('SELECT * FROM marts.agg_handler_month ORDER BY ALL'),
        db.all(`SELECT * FROM ${HANDLER_UNITS_TABLE} ORDER BY ALL`),
        db.all('SELECT request_id, days, sla_met FROM marts.fct_service_requests ORDER BY 1'),
      ]);
    const incremental = await read();
    await buildMarts(db);
    expect(incremental).toEqual(await read());
    const [months, , facts] = incremental;
    expect(facts).toEqual([
      { request_id: 1, days: (3 * US_PER_DAY + 800) / US_PER_DAY, sla_met: false },
      { request_id: 2, days: 3, sla_met: true },
      { request_id: 3, days: (3 * US_PER_DAY + 1) / US_PER_DAY, sla_met: false },
      { request_id: 4, days: (3 * US_PER_DAY - 1) / US_PER_DAY, sla_met: true },
    ]);
    // Handler 11: 3 days, 3 days + 1 µs and 3 days − 1 µs: exactly 9 days.
    expect(months).toContainEqual(expect.objectContaining({ requests: 3, sum_days: 9, sla_met: 2 }));
  });
});
