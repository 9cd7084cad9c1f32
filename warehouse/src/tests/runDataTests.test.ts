import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../db/index.ts';
import { buildMarts } from '../models/marts/build.ts';
import { miniWorld } from '../models/marts/testing/miniWorld.ts';
import { seedStg } from '../models/marts/testing/seedStg.ts';
import type { StgSpec } from '../models/stg/contract.ts';
import type { DataTestResult } from './dataTest.ts';
import { DATA_TESTS } from './dataTests.ts';
import { hasBlockingFailure } from './hasBlockingFailure.ts';
import { stgNipScan, stgNipScanSql } from './privacyTests.ts';
import { runDataTests } from './runDataTests.ts';
import { miniWorldMarts, withPlanted } from './testing/planted.ts';

describe('runDataTests', () => {
  let db: Db;
  beforeAll(async () => {
    db = await miniWorldMarts();
  });
  afterAll(() => db.close());

  /** Plants a violation, runs every test, and rolls the plant (and the stored results) back. */
  const planted = (sql: string): Promise<DataTestResult[]> => withPlanted(db, sql, () => runDataTests(db));
  const failed = (results: DataTestResult[]) =>
    results.filter((r) => r.status === 'fail').map((r) => [r.name, r.severity, r.failingRows]);

  it('declares unique test names', () => {
    const names = DATA_TESTS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('passes on clean data and stores one result row per test in meta.data_tests', async () => {
    const results = await runDataTests(db, DATA_TESTS, new Date('2026-01-02T03:04:05Z'));
    expect(failed(results)).toEqual([]);
    expect(hasBlockingFailure(results)).toBe(false);
    expect(results).toHaveLength(DATA_TESTS.length);
    expect(
      await db.all(
        `select count(*) as n, count(*) filter (where status = 'pass') as passed,
           min(checked_at) as checked_at, min(sample) as sample from meta.data_tests`,
      ),
    ).toEqual([
      {
        n: DATA_TESTS.length,
        passed: DATA_TESTS.length,
        checked_at: '2026-01-02T03:04:05.000Z',
        sample: '[]',
      },
    ]);
  });

  it('catches a duplicate key', async () => {
    const results = await planted('insert into marts.dim_program select * from marts.dim_program');
    expect(failed(results)).toEqual([['unique_dim_program_program_id', 'error', 1]]);
    expect(results.find((r) => r.status === 'fail')?.sample).toEqual([{ program_id: 1, n: 2 }]);
    expect(hasBlockingFailure(results)).toBe(true);
  });

  it('catches a broken relationship', async () => {
    const results = await planted(`update marts.fct_enrollments set agency_code = 'NOPE'`);
    // Both enrollments now also sit apart from their invitations (employees 10 and 12).
    expect(failed(results)).toEqual([
      ['relationships_fct_enrollments_agency_code__dim_agency', 'error', 1],
      ['person_as_of_offering_fct_invitations', 'error', 2],
    ]);
    expect(hasBlockingFailure(results)).toBe(true);
  });

  it('only warns about an unknown kelurahan', async () => {
    const results = await planted(
      `update marts.fct_service_requests set kelurahan_code = '62.71.09.9999' where request_id = 1`,
    );
    expect(failed(results)).toEqual([
      ['relationships_fct_service_requests_kelurahan_code__dim_region', 'warn', 1],
    ]);
    expect(hasBlockingFailure(results)).toBe(false);
  });

  it('catches a value outside the accepted set and a broken invariant', async () => {
    const results = await planted(`
      update marts.fct_invitations set response = 'maybe' where invitation_id = 2;
      update marts.fct_costs set amount_idr = -1 where cost_id = 1;
      update marts.fct_satisfaction set u9 = 5;`);
    expect(failed(results)).toEqual([
      ['accepted_values_fct_invitations_response', 'error', 1],
      ['range_fct_satisfaction_u1_u9_1_4', 'error', 1],
      ['amount_non_negative_fct_costs', 'error', 1],
    ]);
  });

  it('catches a NIP-like string in a mart without copying it into the results', async () => {
    const results = await planted(`
      update marts.fct_service_requests set kelurahan_code = '19860926 201505 1 001' where request_id = 1;
      update marts.dim_program set provider = 'NIP 198609262015051001' where program_id = 1;`);
    const privacy = results.find((r) => r.name === 'privacy_no_nip_like_strings');
    expect(privacy).toMatchObject({ status: 'fail', severity: 'error', failingRows: 2 });
    expect(JSON.stringify(privacy?.sample)).not.toMatch(/2015051/);
    expect(hasBlockingFailure(results)).toBe(true);
  });

  it('does not mistake digits inside a hex pseudonym for a NIP', async () => {
    const results = await planted(
      `update marts.fct_headcount set employee_key = '123456789012345678901234' || substr(employee_key, 25)`,
    );
    expect(results.find((r) => r.name === 'privacy_no_nip_like_strings')?.status).toBe('pass');
  });

  it('catches a NIP-like string in a stg column that no mart shows (a new table’s raw NIP column)', async () => {
    // Review of 2026-12-05: stg.mentoring_sessions.nomor_induk held NIPs in clear, and the scan read
    // marts only. Planted in stg alone (the marts are not rebuilt), as a copied source column is.
    const results = await planted(`
      update stg.service_requests set kelurahan_code = '199003152015031001' where id in (1, 2);
      update stg.agencies set name = 'Mentor 19900315 201503 1 001' where id = 1;`);
    const privacy = results.find((r) => r.name === 'privacy_no_nip_like_strings');
    // One row per failing column.
    expect(privacy).toMatchObject({ status: 'fail', severity: 'error', failingRows: 2 });
    expect(privacy?.sample).toEqual([
      { model: 'stg.agencies', column_name: 'name', n: 1 },
      { model: 'stg.service_requests', column_name: 'kelurahan_code', n: 2 },
    ]);
    expect(JSON.stringify(privacy?.sample)).not.toMatch(/2015031/);
    expect(hasBlockingFailure(results)).toBe(true);
  });

  it('catches a raw NIP in a stg pseudonym column, and passes its 64-hex keys even when they start with 18 digits', async () => {
    // A `_key` column the ETL computes is scanned for values that are not 64 bytes long: a NIP
    // copied there by mistake fails the run (it used to be skipped by its name alone).
    const results = await planted(`
      update stg.employees set employee_key = '199003152015031001' where id = 10;
      insert into stg.lms_accounts (id, employee_id, actor_key, account_key, mbox_sha1_key, updated_at, _source, _run_id)
        values (1, 10, '${'b'.repeat(64)}', 'NIP 19900315 201503 1 001', '${'c'.repeat(64)}', now(), 'postgres', 'r');
      update stg.employees set employee_key = '123456789012345678' || substr(employee_key, 19) where id <> 10;`);
    const privacy = results.find((r) => r.name === 'privacy_no_nip_like_strings');
    expect(privacy).toMatchObject({ status: 'fail', severity: 'error', failingRows: 2 });
    expect(privacy?.sample).toEqual([
      { model: 'stg.employees', column_name: 'employee_key', n: 1 },
      { model: 'stg.lms_accounts', column_name: 'account_key', n: 1 },
    ]);
  });

  it('scans a stg `*_key` column the ETL does not compute like any other (a source’s legacy_key)', async () => {
    const legacy: StgSpec = {
      name: 'mentoring_sessions',
      columns: [
        { name: 'id', type: 'BIGINT', nullable: false },
        { name: 'legacy_key', type: 'VARCHAR', nullable: true },
        { name: 'mentor_key', type: 'VARCHAR', nullable: true },
        { name: '_run_id', type: 'VARCHAR', nullable: false },
      ],
    };
    expect(stgNipScan('mentoring_sessions', 'legacy_key')).toBe('scan');
    expect(stgNipScan('employees', 'employee_key')).toBe('pseudonym');
    expect(stgNipScan('employees', '_run_id')).toBe('skip');
    const rows = await withPlanted(
      db,
      `create table stg.mentoring_sessions (id bigint, legacy_key varchar, mentor_key varchar, _run_id varchar);
       insert into stg.mentoring_sessions values
         (1, '199003152015031001', '${'a1'.repeat(32)}', 'r'),
         (2, '19900315 201503 1 001', NULL, 'r'),
         (3, 'L-0042', '199003152015031001', 'r')`,
      () => db.all(`${stgNipScanSql([legacy])} ORDER BY 2`),
    );
    expect(rows).toEqual([
      { model: 'stg.mentoring_sessions', column_name: 'legacy_key', n: 2 },
      { model: 'stg.mentoring_sessions', column_name: 'mentor_key', n: 1 },
    ]);
  });

  it('catches a personal-data column in stg or marts', async () => {
    const results = await planted(`
      alter table stg.employees add column nip varchar;
      alter table stg.employees add column nip_key varchar;
      alter table marts.fct_appraisals add column employee_name varchar;`);
    expect(results.find((r) => r.name === 'privacy_no_personal_columns')).toMatchObject({
      status: 'fail',
      failingRows: 2,
      sample: [
        { table_schema: 'marts', table_name: 'fct_appraisals', column_name: 'employee_name' },
        { table_schema: 'stg', table_name: 'employees', column_name: 'nip' },
      ],
    });
  });
});

/**
 * `runDataTests({ incremental })` after an incremental build: unchanged tests keep their stored
 * result, tests of the service-request facts (updated by key) run over the changed rows, and the
 * stored results equal those of a full run on the same marts, failures and deletions included.
 */
describe('runDataTests incremental', () => {
  const NOW = new Date('2026-01-02T03:04:05Z');
  const stored = (db: Db) =>
    db.all('SELECT test_name, model, severity, status, failing_rows, sample FROM meta.data_tests ORDER BY 1');

  async function incrementalEqualsFull(change: string) {
    const db = await Db.open(':memory:', { mode: 'read-write' });
    try {
      await seedStg(db, miniWorld());
      await buildMarts(db);
      await runDataTests(db, DATA_TESTS, NOW);
      await db.exec(change);
      await buildMarts(db, { incremental: true });
      let plan = {
        full: [] as readonly string[],
        delta: [] as readonly string[],
        reused: [] as readonly string[],
      };
      const incremental = await runDataTests(db, DATA_TESTS, NOW, {
        incremental: true,
        onPlan: (p) => (plan = p),
      });
      const incrementalStored = await stored(db);
      const full = await runDataTests(db, DATA_TESTS, NOW);
      expect(JSON.parse(JSON.stringify(incremental))).toEqual(JSON.parse(JSON.stringify(full)));
      expect(incrementalStored).toEqual(await stored(db));
      // Every test, or every part of a test split by mart, is planned once.
      expect(plan.full.length + plan.delta.length + plan.reused.length).toBe(
        DATA_TESTS.reduce((n, t) => n + (t.parts?.length ?? 1), 0),
      );
      return { plan, failed: failed(full) };
    } finally {
      await db.close();
    }
  }
  const failed = (results: DataTestResult[]) =>
    results.filter((r) => r.status === 'fail').map((r) => [r.name, r.severity, r.failingRows]);

  it('keeps the results of unchanged marts and tests changed requests over their rows', async () => {
    const { plan, failed: failures } = await incrementalEqualsFull(`
      DELETE FROM stg.service_requests WHERE id = 1;
      INSERT INTO stg.service_requests
        SELECT * REPLACE ('run-2' AS _run_id, 'rejected' AS status, NULL AS completed_at)
        FROM (SELECT * FROM stg.service_requests WHERE id = 2);
      DELETE FROM stg.service_requests WHERE id = 2 AND _run_id <> 'run-2';`);
    expect(failures).toEqual([]);
    expect(plan.reused).toEqual(
      expect.arrayContaining(['unique_dim_program_program_id', 'not_empty_dim_region']),
    );
    expect(plan.delta).toEqual(
      expect.arrayContaining([
        'unique_fct_service_requests_request_id',
        'accepted_values_fct_service_requests_status',
        'relationships_fct_service_requests_handled_by_key__dim_employee',
        'days_iff_completed_fct_service_requests',
        'privacy_no_nip_like_strings#fct_service_requests',
        'unique_agg_handler_month_employee_key_month_start',
      ]),
    );
    // Only the catalog test and those over stg (events without an assignment, the NIP scan of stg:
    // stg has no mart token, so they are never reused) run in full; fct_headcount (same year range)
    // kept its results.
    expect(plan.full).toEqual([
      'events_without_assignment',
      'privacy_no_personal_columns',
      'privacy_no_nip_like_strings#stg',
    ]);
    expect(plan.reused).toContain('privacy_no_nip_like_strings#fct_headcount');
  });

  it('catches failures in the changed rows exactly as a full run does', async () => {
    const { plan, failed: failures } = await incrementalEqualsFull(`
      INSERT INTO stg.service_requests
        SELECT * REPLACE (90 AS id, 'run-2' AS _run_id, 'lost' AS status, '62.71.09.9999' AS kelurahan_code)
        FROM (SELECT * FROM stg.service_requests WHERE id = 3);
      INSERT INTO stg.service_requests
        SELECT * REPLACE (91 AS id, 'run-2' AS _run_id, 'lost' AS status, '19860926 201505 1 001' AS kelurahan_code)
        FROM (SELECT * FROM stg.service_requests WHERE id = 3);`);
    expect(failures).toEqual([
      ['relationships_fct_service_requests_kelurahan_code__dim_region', 'warn', 2],
      ['accepted_values_fct_service_requests_status', 'error', 1],
      // The planted request, in fct_service_requests and in stg.service_requests.
      ['privacy_no_nip_like_strings', 'error', 2],
    ]);
    expect(plan.delta).toContain('accepted_values_fct_service_requests_status');
  });

  it('runs over the updated rows what an assignment change updated by key, and the relationships to them over the deleted keys', async () => {
    const { plan } = await incrementalEqualsFull(
      `UPDATE stg.employee_assignments SET grade = 'III/b', _run_id = 'run-2' WHERE id = 100`,
    );
    expect(plan.delta).toEqual(
      expect.arrayContaining([
        'unique_dim_employee_employee_key_valid_from',
        'privacy_no_nip_like_strings#dim_employee',
        // The parent was updated by key: only the keys of its deleted rows are looked up.
        'relationships_fct_service_requests_handled_by_key__dim_employee',
      ]),
    );
    expect(plan.full).toEqual([
      'one_current_version_dim_employee',
      'events_without_assignment',
      'privacy_no_personal_columns',
      'privacy_no_nip_like_strings#stg',
    ]);
    expect(plan.reused).toEqual(
      expect.arrayContaining([
        'unique_fct_service_requests_request_id',
        'privacy_no_nip_like_strings#fct_service_requests',
      ]),
    );
  });

  it('catches the children of a parent key removed by key, counted over the whole mart', async () => {
    const { plan, failed: failures } = await incrementalEqualsFull(
      `DELETE FROM stg.employee_assignments WHERE employee_id = 11;
       DELETE FROM stg.invitations WHERE employee_id = 11;
       DELETE FROM stg.appraisals WHERE employee_id = 11;`,
    );
    // Employee 11 left dim_employee (updated by key) but still handles a request (facts unchanged).
    expect(failures).toEqual([
      ['relationships_agg_handler_month_employee_key__dim_employee', 'error', 1],
      ['relationships_fct_service_requests_handled_by_key__dim_employee', 'error', 1],
    ]);
    expect(plan.delta).toEqual(
      expect.arrayContaining([
        'relationships_fct_service_requests_handled_by_key__dim_employee',
        'relationships_fct_invitations_employee_key__dim_employee',
      ]),
    );
    expect(plan.reused).toContain('unique_fct_service_requests_request_id');
  });

  it('counts a removed parent key over old and inserted children when both marts were updated by key', async () => {
    const db = await Db.open(':memory:', { mode: 'read-write' });
    try {
      await seedStg(db, miniWorld());
      await buildMarts(db);
      await runDataTests(db, DATA_TESTS, NOW);
      await db.exec(`
        DELETE FROM stg.employee_assignments WHERE employee_id = 11;
        DELETE FROM stg.invitations WHERE employee_id = 11;
        DELETE FROM stg.appraisals WHERE employee_id = 11;
        INSERT INTO stg.service_requests
          SELECT * REPLACE (90 AS id, 'run-2' AS _run_id) FROM (SELECT * FROM stg.service_requests WHERE id = 4);`);
      await buildMarts(db, { incremental: true });
      let delta: readonly string[] = [];
      const incremental = await runDataTests(db, DATA_TESTS, NOW, {
        incremental: true,
        onPlan: (p) => {
          delta = p.delta;
        },
      });
      const full = await runDataTests(db, DATA_TESTS, NOW);
      expect(JSON.parse(JSON.stringify(incremental))).toEqual(JSON.parse(JSON.stringify(full)));
      const name = 'relationships_fct_service_requests_handled_by_key__dim_employee';
      expect(delta).toContain(name);
      expect(incremental.find((r) => r.name === name)).toMatchObject({
        status: 'fail',
        failingRows: 1,
        sample: [{ n: 2 }],
      });
    } finally {
      await db.close();
    }
  });
});
