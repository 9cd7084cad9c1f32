import { afterEach, describe, expect, it } from 'vitest';
import { Db } from '../../db/index.ts';
import { buildMetricAggregates } from '../../metrics/metric-aggregates.ts';
import { buildMarts } from './build.ts';
import { miniWorld } from './testing/miniWorld.ts';
import { seedStg } from './testing/seedStg.ts';

/** md5 of every table of the marts schema (marts and metric pre-aggregates), row order ignored. */
async function contentHash(db: Db): Promise<Record<string, string>> {
  const tables = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'marts' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.all<{ h: string }>(
      `SELECT coalesce(md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY CAST(t AS VARCHAR))), '') AS h
       FROM marts.${name} t`,
    );
    out[name] = row?.h ?? '';
  }
  return out;
}

/**
 * `buildMarts({ incremental: true })` and `buildMetricAggregates({ incremental: true })` after stg
 * changes (deletes, and inserts stamped with a new run id, as the ETL makes them) must give exactly
 * the marts and pre-aggregates of a full build on the same stg.
 */
describe('buildMarts incremental', () => {
  const dbs: Db[] = [];
  const open = async () => {
    const db = await Db.open(':memory:', { mode: 'read-write', threads: 2 });
    dbs.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.close();
  });

  /** Applies `change` to stg, builds incrementally, then checks against a full build of the same stg. */
  async function incrementalEqualsFull(change: string) {
    const db = await open();
    await seedStg(db, miniWorld());
    await buildMarts(db);
    await buildMetricAggregates(db);
    await db.exec(change);
    const result = await buildMarts(db, { incremental: true });
    const aggregates = await buildMetricAggregates(db, { incremental: true });
    const incremental = await contentHash(db);
    expect(Object.keys(incremental)).toEqual(expect.arrayContaining(['agg_service_days', 'fct_headcount']));
    await buildMarts(db);
    await buildMetricAggregates(db);
    expect(incremental).toEqual(await contentHash(db));
    return { ...result, aggregates };
  }

  it('keeps every mart when stg did not change (dim_region is always reloaded)', async () => {
    const result = await incrementalEqualsFull('SELECT 1');
    expect(result.rebuilt).toEqual(['dim_region']);
    expect(result.updated).toEqual([]);
    expect(result.aggregates.rebuilt).toEqual([]);
    expect(result.aggregates.updated).toEqual([]);
  });

  it('updates the service-request facts by key when only requests changed', async () => {
    const result = await incrementalEqualsFull(`
      DELETE FROM stg.service_requests WHERE id IN (1, 2);
      INSERT INTO stg.service_requests
        SELECT * REPLACE ('run-2' AS _run_id, 'rejected' AS status) FROM (SELECT * FROM stg.service_requests WHERE id = 4);
      DELETE FROM stg.service_requests WHERE id = 4 AND _run_id <> 'run-2';
      INSERT INTO stg.service_requests
        SELECT * REPLACE (9 AS id, 'run-2' AS _run_id, 11 AS handled_by) FROM (SELECT * FROM stg.service_requests WHERE id = 3);
      INSERT INTO stg.service_requests
        SELECT * REPLACE (2 AS id, 'run-2' AS _run_id, TIMESTAMPTZ '2024-07-01 00:00:00+00' AS submitted_at)
        FROM (SELECT * FROM stg.service_requests WHERE id = 3);`);
    expect(result.updated).toEqual(['fct_service_requests', 'agg_handler_month']);
    // Same year range of the facts: the headcount is kept.
    expect(result.kept).toEqual(expect.arrayContaining(['fct_enrollments', 'fct_headcount']));
    // The service-request histograms and handler cells follow the facts' delta.
    expect(result.aggregates.updated).toEqual([
      'agg_service_days',
      'agg_service_days_kelurahan',
      'agg_service_days_year',
      'agg_service_days_type',
      'agg_service_handler_cells',
    ]);
    expect(result.aggregates.kept).toEqual(expect.arrayContaining(['agg_satisfaction_month']));
  });

  it("rebuilds the headcount when a changed request widens the facts' year range", async () => {
    const result = await incrementalEqualsFull(`
      INSERT INTO stg.service_requests
        SELECT * REPLACE (9 AS id, 'run-2' AS _run_id, TIMESTAMPTZ '2031-03-01 00:00:00+00' AS submitted_at,
          NULL AS completed_at, 'in_progress' AS status)
        FROM (SELECT * FROM stg.service_requests WHERE id = 3);`);
    expect(result.updated).toEqual(['fct_service_requests', 'agg_handler_month']);
    expect(result.rebuilt).toContain('fct_headcount');
  });

  it('replaces only the requests whose facts changed (a rewrite with the same content changes nothing)', async () => {
    const db = await open();
    await seedStg(db, miniWorld());
    await buildMarts(db);
    await buildMetricAggregates(db);
    await db.exec(`
      CREATE TEMP TABLE r AS SELECT * REPLACE ('run-2' AS _run_id) FROM stg.service_requests WHERE id IN (3, 4);
      DELETE FROM stg.service_requests WHERE id IN (3, 4);
      INSERT INTO stg.service_requests SELECT * FROM r;
      UPDATE stg.service_requests SET status = 'cancelled', completed_at = NULL WHERE id = 4;
      DELETE FROM stg.service_requests WHERE id = 1;`);
    const result = await buildMarts(db, { incremental: true });
    expect(result.updated).toEqual(['fct_service_requests', 'agg_handler_month']);
    // Request 3 was rewritten unchanged: only 4 (changed) and 1 (gone) leave, only 4 comes back.
    expect(await db.all('SELECT request_id FROM fsr_old ORDER BY 1')).toEqual([
      { request_id: 1 },
      { request_id: 4 },
    ]);
    expect(await db.all('SELECT request_id, status FROM fsr_new')).toEqual([
      { request_id: 4, status: 'cancelled' },
    ]);
    await buildMetricAggregates(db, { incremental: true });
    const incremental = await contentHash(db);
    await buildMarts(db);
    await buildMetricAggregates(db);
    expect(incremental).toEqual(await contentHash(db));
  });

  it('keeps the marts of stg rows rewritten by a later run with the same content', async () => {
    const result = await incrementalEqualsFull(`
      CREATE TEMP TABLE a AS SELECT * REPLACE ('run-2' AS _run_id, TIMESTAMPTZ '2026-01-01 00:00:00+00' AS updated_at)
        FROM stg.employee_assignments WHERE id = 100;
      DELETE FROM stg.employee_assignments WHERE id = 100;
      INSERT INTO stg.employee_assignments SELECT * FROM a;
      CREATE TEMP TABLE i AS SELECT * REPLACE ('run-2' AS _run_id) FROM stg.invitations;
      DELETE FROM stg.invitations;
      INSERT INTO stg.invitations SELECT * FROM i;`);
    expect(result.rebuilt).toEqual(['dim_region']);
    expect(result.kept).toEqual(expect.arrayContaining(['dim_employee', 'fct_invitations', 'fct_headcount']));
    expect(result.aggregates.rebuilt).toEqual([]);
  });

  it('rebuilds what an assignment change feeds, and the requests when an employee is gone', async () => {
    const moved = await incrementalEqualsFull(`
      UPDATE stg.employee_assignments SET grade = 'III/b', _run_id = 'run-2' WHERE id = 100`);
    expect(moved.rebuilt).toEqual(
      expect.arrayContaining(['dim_employee', 'fct_invitations', 'fct_headcount']),
    );
    expect(moved.kept).toEqual(expect.arrayContaining(['fct_service_requests', 'dim_program']));

    const gone = await incrementalEqualsFull(`
      DELETE FROM stg.employees WHERE id = 11;
      DELETE FROM stg.employee_assignments WHERE employee_id = 11;
      DELETE FROM stg.invitations WHERE employee_id = 11;
      DELETE FROM stg.enrollments WHERE employee_id = 11;
      DELETE FROM stg.appraisals WHERE employee_id = 11;
      UPDATE stg.service_requests SET handled_by = NULL WHERE handled_by = 11`);
    expect(gone.rebuilt).toContain('fct_service_requests');
  });

  it('rebuilds a mart whose recorded model signature differs', async () => {
    const db = await open();
    await seedStg(db, miniWorld());
    await buildMarts(db);
    await db.exec(`UPDATE meta.mart_state SET signature = 'old' WHERE name = 'dim_program'`);
    await db.exec('DELETE FROM marts.dim_program');
    const result = await buildMarts(db, { incremental: true });
    expect(result.rebuilt).toContain('dim_program');
    expect(await db.all('SELECT count(*) AS n FROM marts.dim_program')).toEqual(
      await db.all('SELECT count(*) AS n FROM stg.programs'),
    );
  });
});
