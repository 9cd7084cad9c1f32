import { afterEach, describe, expect, it } from 'vitest';
import { Db } from '../../db/index.ts';
import { buildMetricAggregates } from '../../metrics/metric-aggregates.ts';
import { buildMarts } from './build.ts';
import { miniWorld } from './testing/miniWorld.ts';
import { type StgRows, seedStg } from './testing/seedStg.ts';

/**
 * md5 of every table of the marts schema (marts and metric pre-aggregates) and of the handler-month
 * unit sums the next incremental build starts from, row order ignored.
 */
async function contentHash(db: Db): Promise<Record<string, string>> {
  const tables = await db.all<{ name: string }>(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
     WHERE table_schema = 'marts' OR (table_schema = 'meta' AND table_name = 'agg_handler_month_units') ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.all<{ h: string }>(
      `SELECT coalesce(md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY CAST(t AS VARCHAR))), '') AS h
       FROM ${name} t`,
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
  async function incrementalEqualsFull(change: string, world: StgRows = miniWorld()) {
    const db = await open();
    await seedStg(db, world);
    await buildMarts(db);
    await buildMetricAggregates(db);
    await db.exec(change);
    const result = await buildMarts(db, { incremental: true });
    const aggregates = await buildMetricAggregates(db, { incremental: true });
    const incremental = await contentHash(db);
    expect(Object.keys(incremental)).toEqual(
      expect.arrayContaining([
        'marts.agg_service_days',
        'marts.fct_headcount',
        'meta.agg_handler_month_units',
      ]),
    );
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
    // The open and not-yet-due requests move with the data end: rebuilt (equal to the full build).
    expect(result.aggregates.rebuilt).toEqual(expect.arrayContaining(['agg_service_due']));
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
    expect(moved.updated).toEqual(
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

  /**
   * The mini world with more events per person: a second offering, source enrollments of every
   * employee (employee 12's shadows the xAPI enrollment of the same offering), several assessments
   * and reactions (the highest reaction id wins), appraisals over two years.
   */
  const personWorld = (): StgRows => {
    const w = miniWorld();
    return {
      ...w,
      offerings: [
        ...(w.offerings ?? []),
        {
          id: 2,
          program_id: 1,
          organizer_agency_id: 3,
          starts_on: '2024-06-01',
          ends_on: '2024-06-02',
          capacity: 20,
        },
      ],
      invitations: [
        ...(w.invitations ?? []),
        { id: 4, offering_id: 2, employee_id: 10, invited_at: '2024-05-01T02:00:00Z', response: 'accepted' },
        {
          id: 5,
          offering_id: 2,
          employee_id: 11,
          invited_at: '2024-05-01T02:00:00Z',
          response: 'no_response',
        },
      ],
      enrollments: [
        ...(w.enrollments ?? []),
        { id: 2, offering_id: 1, employee_id: 11, status: 'no_show', jp_earned: 0 },
        {
          id: 3,
          offering_id: 1,
          employee_id: 12,
          status: 'completed',
          jp_earned: 24,
          completed_at: '2023-03-03T10:00:00Z',
        },
        {
          id: 4,
          offering_id: 2,
          employee_id: 10,
          status: 'completed',
          jp_earned: 16,
          completed_at: '2024-06-02T09:00:00Z',
        },
      ],
      assessments: [
        ...(w.assessments ?? []),
        { id: 3, enrollment_id: 3, kind: 'pre', score: 40 },
        { id: 4, enrollment_id: 3, kind: 'post', score: 70 },
        { id: 5, enrollment_id: 4, kind: 'pre', score: 60 },
        { id: 6, enrollment_id: 4, kind: 'post', score: 90 },
        { id: 7, enrollment_id: 4, kind: 'post', score: 95 },
      ],
      reactions: [
        ...(w.reactions ?? []),
        { id: 2, enrollment_id: 4, relevance: 3, satisfaction: 3, facilitator: 3, intent_to_apply: 3 },
        { id: 3, enrollment_id: 4, relevance: 4, satisfaction: 5, facilitator: 4, intent_to_apply: 4 },
        { id: 4, enrollment_id: 3, relevance: 2, satisfaction: 2, facilitator: 2, intent_to_apply: 2 },
      ],
      appraisals: [
        ...(w.appraisals ?? []),
        { id: 3, employee_id: 10, period: 2024, score: 88, rating: 'baik' },
        { id: 4, employee_id: 12, period: 2024, score: 75, rating: 'baik' },
      ],
    };
  };
  /** Rewrites the rows of `table` matching `where` as a later run would: deleted, then inserted with `set`. */
  const rewrite = (table: string, where: string, set: string) => `
    CREATE OR REPLACE TEMP TABLE rw AS SELECT * REPLACE (${set}, 'run-2' AS _run_id) FROM stg.${table} WHERE ${where};
    DELETE FROM stg.${table} WHERE ${where};
    INSERT INTO stg.${table} SELECT * FROM rw;
    DROP TABLE rw;`;
  const PERSON = ['dim_employee', 'fct_invitations', 'fct_enrollments', 'fct_appraisals', 'fct_headcount'];
  const FACTS = ['fct_invitations', 'fct_enrollments', 'fct_appraisals'];

  it('updates the person marts by key when an assignment moves the person-as-of lookup', async () => {
    // Employee 10's transfer moves from 2022-01-01 to 2023-06-01: the 2023 events now fall in BKPP.
    const moved = await incrementalEqualsFull(
      `${rewrite('employee_assignments', 'id = 100', "DATE '2023-05-31' AS ended_on")}
       ${rewrite('employee_assignments', 'id = 101', "DATE '2023-06-01' AS started_on")}`,
      personWorld(),
    );
    expect(moved.updated).toEqual(expect.arrayContaining(PERSON));
    expect(moved.rebuilt).toEqual(['dim_region']);
    // The aggregates of employee-years follow the marts' deltas.
    expect(moved.aggregates.updated).toEqual(['agg_participation_employee_year', 'agg_jp_employee_year']);
    // A deleted assignment (employee 10's promotion), and a new one for employee 12.
    const gone = await incrementalEqualsFull(
      `DELETE FROM stg.employee_assignments WHERE id = 102;
       INSERT INTO stg.employee_assignments
         SELECT * REPLACE (105 AS id, DATE '2024-01-01' AS started_on, 'IV/b' AS grade, 'run-2' AS _run_id)
         FROM stg.employee_assignments WHERE id = 104;
       ${rewrite('employee_assignments', 'id = 104', "DATE '2023-12-31' AS ended_on")}`,
      personWorld(),
    );
    expect(gone.updated).toEqual(expect.arrayContaining(PERSON));
    expect(gone.rebuilt).toEqual(['dim_region']);
  });

  it('updates the facts by key when an invitation, an enrollment or an appraisal changed', async () => {
    const result = await incrementalEqualsFull(
      `${rewrite('invitations', 'id = 5', "TIMESTAMPTZ '2024-05-02 20:00:00+00' AS invited_at, 'accepted' AS response")}
       ${rewrite('enrollments', 'id = 2', "'completed' AS status, 24 AS jp_earned, TIMESTAMPTZ '2023-03-03 11:00:00+00' AS completed_at")}
       ${rewrite('enrollments', 'id = 3', '2 AS offering_id')}
       ${rewrite('appraisals', 'id = 4', '2023 AS period, 70 AS score')}
       ${rewrite('appraisals', 'id = 2', '91 AS score')}`,
      personWorld(),
    );
    expect(result.updated).toEqual(expect.arrayContaining(FACTS));
    expect(result.kept).toEqual(expect.arrayContaining(['dim_employee', 'fct_headcount']));
    expect(result.rebuilt).toEqual(['dim_region']);
  });

  it('updates the enrollments when assessments and reactions changed or were deleted', async () => {
    const changed = await incrementalEqualsFull(
      `${rewrite('assessments', 'id = 5', '65 AS score')}
       ${rewrite('reactions', 'id = 3', '1 AS relevance')}
       INSERT INTO stg.assessments SELECT * REPLACE (8 AS id, 2 AS enrollment_id, 'run-2' AS _run_id) FROM stg.assessments WHERE id = 1;`,
      personWorld(),
    );
    expect(changed.updated).toEqual(expect.arrayContaining(['fct_enrollments']));
    expect(changed.aggregates.updated).toEqual(['agg_participation_employee_year', 'agg_jp_employee_year']);
    expect(changed.kept).toEqual(
      expect.arrayContaining(['fct_invitations', 'fct_appraisals', 'dim_employee']),
    );
    expect(changed.rebuilt).toEqual(['dim_region']);
    // Deletions leave no row of the new run: found per block of enrollment ids.
    const deleted = await incrementalEqualsFull(
      `DELETE FROM stg.assessments WHERE id = 7;
       DELETE FROM stg.reactions WHERE id IN (3, 4);
       DELETE FROM stg.assessments WHERE id = 1;`,
      personWorld(),
    );
    expect(deleted.updated).toEqual(['fct_enrollments']);
    expect(deleted.rebuilt).toEqual(['dim_region']);
  });

  it('updates the facts by key when an enrollment, an invitation or an appraisal was deleted', async () => {
    // Enrollment 3 gone with its children: employee 12's xAPI enrollment of offering 1 shows again,
    // and invitation 3 takes its status.
    const result = await incrementalEqualsFull(
      `DELETE FROM stg.enrollments WHERE id = 3;
       DELETE FROM stg.assessments WHERE enrollment_id = 3;
       DELETE FROM stg.reactions WHERE enrollment_id = 3;
       DELETE FROM stg.invitations WHERE id = 5;
       DELETE FROM stg.appraisals WHERE id = 1;`,
      personWorld(),
    );
    expect(result.updated).toEqual(expect.arrayContaining(FACTS));
    expect(result.rebuilt).toEqual(['dim_region']);
  });

  it('rebuilds the person marts when employees or xAPI enrollments changed', async () => {
    const result = await incrementalEqualsFull(
      `${rewrite('employees', 'id = 11', "'F' AS sex")}
       ${rewrite('xapi_enrollments', 'enrollment_id = 900001', '21 AS jp_earned')}`,
      personWorld(),
    );
    expect(result.rebuilt).toEqual(expect.arrayContaining(PERSON));
  });

  it('drops agg_invitations_day_agency (retired) when the snapshot built on still holds it', async () => {
    const db = await open();
    await seedStg(db, personWorld());
    await buildMarts(db);
    await buildMetricAggregates(db);
    // A snapshot published before the aggregate was retired: the table and its recorded state.
    await db.exec(`CREATE TABLE marts.agg_invitations_day_agency AS
        SELECT invited_on, agency_code, count(*) AS invited FROM marts.fct_invitations GROUP BY ALL;
      INSERT INTO meta.aggregate_state VALUES ('agg_invitations_day_agency', 'old-token')`);
    // An invitation changed: the invitation facts are updated by key, as they fed the old aggregate.
    await db.exec(rewrite('invitations', 'id = 5', "'accepted' AS response"));
    expect((await buildMarts(db, { incremental: true })).updated).toContain('fct_invitations');
    const aggregates = await buildMetricAggregates(db, { incremental: true });
    expect([...aggregates.rebuilt, ...aggregates.updated, ...aggregates.kept]).not.toContain(
      'agg_invitations_day_agency',
    );
    const incremental = await contentHash(db);
    expect(Object.keys(incremental)).not.toContain('marts.agg_invitations_day_agency');
    expect(Object.keys(incremental)).toContain('marts.agg_service_days');
    expect(await db.all(`SELECT name FROM meta.aggregate_state WHERE name LIKE 'agg_invitations%'`)).toEqual(
      [],
    );
    // The same tables and content as a full build of the same stg in a fresh database.
    const fresh = await open();
    await seedStg(fresh, personWorld());
    await fresh.exec(rewrite('invitations', 'id = 5', "'accepted' AS response"));
    await buildMarts(fresh);
    await buildMetricAggregates(fresh);
    expect(incremental).toEqual(await contentHash(fresh));
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

  it('rebuilds every mart on another DuckDB version: person_id (hash) is never mixed across two', async () => {
    const db = await open();
    await seedStg(db, miniWorld());
    await buildMarts(db);
    // An invitation changed: on the same engine the invitation facts are updated by key …
    await db.exec(
      `UPDATE stg.invitations SET response = 'declined' WHERE id = (SELECT min(id) FROM stg.invitations)`,
    );
    const same = await buildMarts(db, { incremental: true });
    expect(same.updated).toContain('fct_invitations');
    // … on another, every model is rebuilt, the unchanged ones too.
    await db.exec(
      `UPDATE stg.invitations SET response = 'accepted' WHERE id = (SELECT min(id) FROM stg.invitations)`,
    );
    const other = await buildMarts(db, { incremental: true, engine: 'v9.9.9-another' });
    expect(other.updated).toEqual([]);
    expect(other.kept).toEqual([]);
    expect(other.rebuilt).toEqual(
      expect.arrayContaining(['fct_invitations', 'fct_enrollments', 'dim_program']),
    );
  });
});
