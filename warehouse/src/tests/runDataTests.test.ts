import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../db/index.ts';
import { buildMarts } from '../models/marts/build.ts';
import { miniWorld } from '../models/marts/testing/miniWorld.ts';
import { seedStg } from '../models/marts/testing/seedStg.ts';
import type { DataTestResult } from './dataTest.ts';
import { DATA_TESTS } from './dataTests.ts';
import { hasBlockingFailure } from './hasBlockingFailure.ts';
import { runDataTests } from './runDataTests.ts';

describe('runDataTests', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write' });
    await seedStg(db, miniWorld());
    await buildMarts(db);
  });
  afterAll(() => db.close());

  /** Plants a violation, runs every test, and rolls the plant (and the stored results) back. */
  async function withPlanted(sql: string): Promise<DataTestResult[]> {
    await db.exec('BEGIN TRANSACTION');
    try {
      await db.exec(sql);
      return await runDataTests(db);
    } finally {
      await db.exec('ROLLBACK');
    }
  }
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
    const results = await withPlanted('insert into marts.dim_program select * from marts.dim_program');
    expect(failed(results)).toEqual([['unique_dim_program_program_id', 'error', 1]]);
    expect(results.find((r) => r.status === 'fail')?.sample).toEqual([{ program_id: 1, n: 2 }]);
    expect(hasBlockingFailure(results)).toBe(true);
  });

  it('catches a broken relationship', async () => {
    const results = await withPlanted(`update marts.fct_enrollments set agency_code = 'NOPE'`);
    expect(failed(results)).toEqual([['relationships_fct_enrollments_agency_code__dim_agency', 'error', 1]]);
    expect(hasBlockingFailure(results)).toBe(true);
  });

  it('only warns about an unknown kelurahan', async () => {
    const results = await withPlanted(
      `update marts.fct_service_requests set kelurahan_code = '62.71.09.9999' where request_id = 1`,
    );
    expect(failed(results)).toEqual([
      ['relationships_fct_service_requests_kelurahan_code__dim_region', 'warn', 1],
    ]);
    expect(hasBlockingFailure(results)).toBe(false);
  });

  it('catches a value outside the accepted set and a broken invariant', async () => {
    const results = await withPlanted(`
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
    const results = await withPlanted(`
      update marts.fct_service_requests set kelurahan_code = '19860926 201505 1 001' where request_id = 1;
      update marts.dim_program set provider = 'NIP 198609262015051001' where program_id = 1;`);
    const privacy = results.find((r) => r.name === 'privacy_no_nip_like_strings');
    expect(privacy).toMatchObject({ status: 'fail', severity: 'error', failingRows: 2 });
    expect(JSON.stringify(privacy?.sample)).not.toMatch(/2015051/);
    expect(hasBlockingFailure(results)).toBe(true);
  });

  it('does not mistake digits inside a hex pseudonym for a NIP', async () => {
    const results = await withPlanted(
      `update marts.fct_headcount set employee_key = '123456789012345678901234' || substr(employee_key, 25)`,
    );
    expect(results.find((r) => r.name === 'privacy_no_nip_like_strings')?.status).toBe('pass');
  });

  it('catches a personal-data column in stg or marts', async () => {
    const results = await withPlanted(`
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
