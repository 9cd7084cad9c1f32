import { afterEach, describe, expect, it } from 'vitest';
import { Db } from '../db/index.ts';
import { buildMarts } from '../models/marts/build.ts';
import { miniWorld } from '../models/marts/testing/miniWorld.ts';
import { type StgRows, seedStg } from '../models/marts/testing/seedStg.ts';
import {
  buildMetricAggregates,
  DAYS_BUCKET_SQL,
  ELAPSED_US_SQL,
  KELURAHAN_DAYS_BUCKET_SQL,
} from './metric-aggregates.ts';
import { serviceTimes } from './service-times.metric.ts';
import { openTestMarts, seed, serviceRequest } from './testing/mart-fixture.ts';

// The service-day pre-aggregates on the facts' microseconds (numerical audit of 2026-12-06): sums
// exact to the µs and divided once, buckets half-up in integers, the due test in µs as sla_met is,
// and serviceTimes' mean independent of the order of the pre-aggregate rows.

const US_PER_DAY = 86_400_000_000;
const dbs: Db[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
});
const marts = async () => {
  const db = await openTestMarts();
  dbs.push(db);
  return db;
};

describe('agg_service_days: Σ days exact to the microsecond', () => {
  const world = miniWorld();
  const STG: StgRows = {
    ...world,
    service_levels: [
      ...(world.service_levels ?? []),
      { id: 3, service_type: 'kk', name: 'Kartu Keluarga', agency_code: 'DISDUKCAPIL', target_days: 3 },
    ],
    service_requests: [],
  };
  /** A completed KK request with microsecond timestamps (SQL: `appendRows` keeps milliseconds only). */
  const request = (id: number, handledBy: number, submitted: string, completed: string, run = 'run-1') =>
    `SELECT ${id} AS id, 3 AS service_unit_agency_id, 'kk' AS service_type, ${handledBy} AS handled_by,
      TIMESTAMPTZ '${submitted}' AS submitted_at, TIMESTAMPTZ '${completed}' AS completed_at,
      'completed' AS status, TIMESTAMPTZ '2025-01-01 00:00:00+00' AS updated_at, 'postgres' AS _source,
      '${run}' AS _run_id`;
  const built = async () => {
    const db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
    dbs.push(db);
    await seedStg(db, STG);
    await db.exec(
      `INSERT INTO stg.service_requests BY NAME ${[
        // February: 3 days and 800 µs, alone in its cell (integer ms made it 3 days and 1 ms).
        request(1, 10, '2024-02-01 08:00:00.000100+07', '2024-02-04 08:00:00.000900+07'),
        // March: 3 days, and 3 days less 1 µs across a millisecond boundary (one cell: bucket 3).
        request(2, 11, '2024-03-01 08:00:00.000100+07', '2024-03-04 08:00:00.000100+07'),
        request(3, 11, '2024-03-05 08:00:00.000999+07', '2024-03-08 08:00:00.000998+07'),
      ].join(' UNION ALL ')}`,
    );
    await buildMarts(db);
    await buildMetricAggregates(db);
    return db;
  };
  const cells = (db: Db) =>
    db.all<{ month_start: string; days_bucket: number; requests: number; sum_days: number }>(
      `SELECT CAST(month_start AS VARCHAR) AS month_start, days_bucket, requests, sum_days
       FROM marts.agg_service_days ORDER BY month_start`,
    );

  it('gives a one-request cell the facts’ days and agg_handler_month’s sum to the bit', async () => {
    const db = await built();
    const exact = (3 * US_PER_DAY + 800) / US_PER_DAY;
    const [fact] = await db.all<{ days: number }>(
      'SELECT days FROM marts.fct_service_requests WHERE request_id = 1',
    );
    const [handler] = await db.all<{ sum_days: number }>(
      `SELECT sum_days FROM marts.agg_handler_month WHERE month_start = DATE '2024-02-01'`,
    );
    expect([fact?.days, handler?.sum_days]).toEqual([exact, exact]);
    const rows = await cells(db);
    // Integer milliseconds gave 3.0000000115740743.
    expect(rows[0]).toEqual({ month_start: '2024-02-01', days_bucket: 3, requests: 1, sum_days: exact });
    // Two requests, 6 days less 1 µs, summed exactly and divided once.
    expect(rows[1]).toEqual({
      month_start: '2024-03-01',
      days_bucket: 3,
      requests: 2,
      sum_days: (6 * US_PER_DAY - 1) / US_PER_DAY,
    });
    // The rollups: March by kelurahan and over agencies, the year (9 days and 799 µs).
    const sums = (table: string) =>
      db
        .all<{ s: number }>(`SELECT sum_days AS s FROM marts.${table} ORDER BY ALL`)
        .then((r) => r.map((x) => x.s));
    expect(await sums('agg_service_days_kelurahan')).toEqual([exact, (6 * US_PER_DAY - 1) / US_PER_DAY]);
    expect(await sums('agg_service_days_type')).toEqual([exact, (6 * US_PER_DAY - 1) / US_PER_DAY]);
    expect(await sums('agg_service_days_year')).toEqual([(9 * US_PER_DAY + 799) / US_PER_DAY]);
    const { rows: months } = await serviceTimes(
      db,
      { grain: 'month', filter: { from: '2024-02-01', to: '2024-02-29' } },
      { minN: 1 },
    );
    expect(months[0]?.meanDays).toBe(exact);
  });

  it('updates the sums by delta to what a full build gives', async () => {
    const db = await built();
    // Request 3 delivered again 2 µs later (3 days + 1 µs), and a new March request of 3 days and
    // 400 µs (integer milliseconds dropped both).
    await db.exec(`
      DELETE FROM stg.service_requests WHERE id = 3;
      INSERT INTO stg.service_requests BY NAME ${request(3, 11, '2024-03-05 08:00:00.000999+07', '2024-03-08 08:00:00.001000+07', 'run-2')};
      INSERT INTO stg.service_requests BY NAME ${request(4, 11, '2024-03-01 08:00:00.000100+07', '2024-03-04 08:00:00.000500+07', 'run-2')};`);
    await buildMarts(db, { incremental: true });
    const result = await buildMetricAggregates(db, { incremental: true });
    expect(result.updated).toEqual(
      expect.arrayContaining(['agg_service_days', 'agg_service_days_year', 'agg_service_days_type']),
    );
    const tables = [
      'agg_service_days',
      'agg_service_days_kelurahan',
      'agg_service_days_year',
      'agg_service_days_type',
    ];
    const read = () => Promise.all(tables.map((t) => db.all(`SELECT * FROM marts.${t} ORDER BY ALL`)));
    const incremental = await read();
    await buildMetricAggregates(db);
    expect(incremental).toEqual(await read());
    // March: 3 days, 3 days + 1 µs, 3 days + 400 µs: 9 days and 401 µs.
    expect((await cells(db))[1]).toEqual({
      month_start: '2024-03-01',
      days_bucket: 3,
      requests: 3,
      sum_days: (9 * US_PER_DAY + 401) / US_PER_DAY,
    });
  });
});

describe('agg_service_due: due to the microsecond, as sla_met', () => {
  it('does not count an open request 0.8 ms short of its target past it', async () => {
    const db = await marts();
    // KTP, target 2 days. The data end is request 1's completion, 2024-04-30 12:00:00.000100 UTC.
    await seed(db, 'fct_service_requests', [
      serviceRequest('KTP', '2024-04-29T12:00:00Z', 'completed', '2024-04-30T12:00:00Z'),
      // Submitted 2 days − 0.8 ms before the data end (epoch_ms truncates each timestamp: 2 days).
      serviceRequest('KTP', '2024-04-28T12:00:00Z', 'in_progress'),
      // Submitted exactly 2 days before it: due, a known miss.
      serviceRequest('KTP', '2024-04-28T12:00:00Z', 'in_progress'),
    ]);
    await db.exec(`
      UPDATE marts.fct_service_requests SET completed_at = TIMESTAMPTZ '2024-04-30 12:00:00.000100+00'
        WHERE request_id = 1;
      UPDATE marts.fct_service_requests SET submitted_at = TIMESTAMPTZ '2024-04-28 12:00:00.000900+00'
        WHERE request_id = 2;
      UPDATE marts.fct_service_requests SET submitted_at = TIMESTAMPTZ '2024-04-28 12:00:00.000100+00'
        WHERE request_id = 3;`);
    await buildMetricAggregates(db);
    expect(
      await db.all('SELECT open_requests, open_past_target, not_due_completed FROM marts.agg_service_due'),
    ).toEqual([{ open_requests: 2, open_past_target: 1, not_due_completed: 1 }]);
    const { rows } = await serviceTimes(
      db,
      { grain: 'month', filter: { from: '2024-04-01', to: '2024-04-30' } },
      { minN: 1 },
    );
    expect([rows[0]?.openRequests, rows[0]?.openPastTarget, rows[0]?.incomplete]).toEqual([2, 1, true]);
  });
});

describe('days buckets: half-up in integers', () => {
  it('rounds every exact half-bucket tie up', async () => {
    const db = await marts();
    // Every tie below 10 days (0.005-day steps below 1, 0.05-day steps to 10) and to 30 days, with
    // days as the facts store it (µs / µs per day, rounded once) and its exact half-up bucket.
    // DuckDB's round(days, 2) had rounded 4 of these 210 down: 0.145, 0.285, 0.565 and 0.575.
    const ties = [
      ...Array.from({ length: 100 }, (_, k) => ({ us: 432_000_000 * (2 * k + 1), fine: (k + 1) / 100 })),
      ...Array.from({ length: 90 }, (_, i) => ({
        us: 4_320_000_000 * (2 * (i + 10) + 1),
        fine: (i + 11) / 10,
      })),
      ...Array.from({ length: 20 }, (_, i) => ({ us: 43_200_000_000 * (2 * (i + 10) + 1), fine: i + 11 })),
    ];
    const rows = await db.all<{ us: number; fine: number; coarse: number }>(
      `SELECT us, ${DAYS_BUCKET_SQL} AS fine, ${KELURAHAN_DAYS_BUCKET_SQL} AS coarse
       FROM (SELECT ${ELAPSED_US_SQL} AS us
         FROM (SELECT unnest([${ties.map((t) => t.us).join(', ')}]) / 86400000000.0 AS days)) ORDER BY us`,
    );
    expect(rows.map((r) => [r.us, r.fine])).toEqual(ties.map((t) => [t.us, t.fine]));
    // Kelurahan: 0.1 day below 10 days (0.005-day ties fall inside a bucket), then 1 day.
    const coarse = (us: number) =>
      us < 10 * US_PER_DAY
        ? Math.floor((us + US_PER_DAY / 20) / (US_PER_DAY / 10)) / 10
        : Math.floor(us / US_PER_DAY + 0.5);
    expect(rows.map((r) => r.coarse)).toEqual(ties.map((t) => coarse(t.us)));
  });

  it('publishes a median and p90 of 0.145 days as their mean: 0.15 (half-up), not 0.14', async () => {
    const db = await marts();
    const ms = 12_528_000; // 0.145 days (3 h 28 min 48 s)
    await seed(
      db,
      'fct_service_requests',
      Array.from({ length: 12 }, (_, i) => ({
        ...serviceRequest(
          'KTP',
          '2024-03-01T00:00:00Z',
          'completed',
          new Date(Date.parse('2024-03-01') + ms).toISOString(),
        ),
        request_id: i + 1,
        handled_by_key: `h${i % 4}`,
      })),
    );
    await buildMetricAggregates(db);
    const { rows } = await serviceTimes(db, {}, { minN: 1 });
    expect([rows[0]?.meanDays, rows[0]?.medianDays, rows[0]?.p90Days]).toEqual([
      (12 * ms) / 86_400_000 / 12,
      0.15,
      0.15,
    ]);
  });
});

describe('serviceTimes: the mean does not depend on the order of the pre-aggregate rows', () => {
  it('answers identically after an incremental-style re-append, with the exact Σ divided once', async () => {
    const db = await marts();
    const rows = [];
    const hours = [7, 13, 29, 41, 53, 61, 71, 83, 97, 101, 113, 131, 149, 163, 179, 191];
    let us = 0n;
    for (let m = 1; m <= 12; m++)
      for (const [i, h] of hours.entries()) {
        const s = `2024-${String(m).padStart(2, '0')}-0${1 + (i % 9)}T01:00:00.000Z`;
        const elapsed = h * 3_600_000 + 1_234_567 * (i + 1);
        rows.push({
          ...serviceRequest(
            i % 2 ? 'KTP' : 'KK',
            s,
            'completed',
            new Date(Date.parse(s) + elapsed).toISOString(),
          ),
          request_id: rows.length + 1,
        });
        us += BigInt(elapsed) * 1000n;
      }
    await seed(db, 'fct_service_requests', rows);
    await buildMetricAggregates(db);
    const year = { from: '2024-01-01', to: '2024-12-31' };
    const queries = [
      { filter: year },
      { filter: year, groupBy: ['serviceType' as const] },
      { filter: year, grain: 'quarter' as const },
      { filter: { from: '2024-02-01', to: '2024-11-30' }, grain: 'month' as const },
    ];
    const answers = async () => {
      const out = [];
      for (const q of queries) out.push((await serviceTimes(db, q, { minN: 1 })).rows.map((r) => r.meanDays));
      return out;
    };
    const before = await answers();
    // The whole year: Σ µs / µs per day, divided once, over the 192 requests.
    expect(before[0]?.[0]).toBe(Number(us) / US_PER_DAY / rows.length);
    // The rows of a delta merge are deleted and appended again: move some to the end.
    for (const t of ['agg_service_days', 'agg_service_days_type', 'agg_service_days_year']) {
      for (const where of [`service_type = 'KK'`, 'days_bucket < 3'])
        await db.exec(`CREATE TEMP TABLE moved AS SELECT * FROM marts.${t} WHERE ${where};
          DELETE FROM marts.${t} WHERE ${where}; INSERT INTO marts.${t} BY NAME SELECT * FROM moved;
          DROP TABLE moved`);
    }
    expect(await answers()).toEqual(before);
  });
});
