import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoWorld } from '../demo/load.ts';
import { readEnv } from '../env.ts';
import { connectSource, type SourceConnection } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import { runEtl } from './runEtl.ts';
import { martsHash, stgContent, stgIds, withLiveSnapshot } from './testing/warehouseContent.ts';

/**
 * Every table of the marts schema (marts and metric pre-aggregates) as an md5 of its sorted rows,
 * and the stored data-test results (without their time): what an incremental build must reproduce.
 */
function warehouseContent(dir: string): Promise<Record<string, string>> {
  return withLiveSnapshot(dir, async (db) => {
    const tables = await db.all<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'marts' order by 1`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await db.all<{ h: string }>(
        `select coalesce(md5(string_agg(cast(t as varchar), chr(10) order by cast(t as varchar))), '') as h
         from marts.${name} t`,
      );
      out[name] = row?.h ?? '';
    }
    out['meta.data_tests'] = JSON.stringify(
      await db.all(
        'select test_name, model, severity, status, failing_rows, sample from meta.data_tests order by test_name',
      ),
    );
    return out;
  });
}

/**
 * Idempotence and incremental = full, judged on the MARTS (what metrics read), with the real mart
 * builder and data tests: the demo world at a tiny scale in an embedded PGlite, then deletions
 * (a leaf row, and an employee whose children cascade away at the source) and updates.
 */
const SCALE = 0.02;
const KEY = 'test-key-0123456789';

describe(`marts: idempotent, and incremental = full (demo world, scale ${SCALE})`, () => {
  let conn: SourceConnection;
  let dir: string;
  let fullDir: string;
  /** The ETL's log lines of the last run (how the marts, aggregates and tests were brought up to date). */
  let logs: string[] = [];
  const run = (warehouseDir: string, mode?: 'full' | 'incremental') => {
    logs = [];
    return runEtl({
      env: readEnv({ WAREHOUSE_DIR: warehouseDir, PSEUDONYM_KEY: KEY }),
      sources: ['postgres'],
      connection: conn,
      threads: 1,
      ...(mode ? { mode } : {}),
      onProgress: (e) => {
        if (e.kind === 'log') logs.push(e.message);
      },
    });
  };

  beforeAll(async () => {
    conn = await connectSource({ embeddedDir: 'memory://' });
    await migrateSource(conn.knex);
    await loadDemoWorld(conn, { scale: SCALE, seed: 20250101 });
    dir = await mkdtemp(join(tmpdir(), 'etl-marts-inc-'));
    fullDir = await mkdtemp(join(tmpdir(), 'etl-marts-full-'));
  }, 300_000);
  afterAll(async () => {
    await conn?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(fullDir, { recursive: true, force: true });
  });

  it('the same input twice gives identical marts', async () => {
    const first = await run(dir);
    expect(first.mode).toBe('full');
    expect(first.record.dataTests?.errors).toEqual([]);
    for (const t of first.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
    const hash = await martsHash(dir);
    expect(Object.keys(hash).length).toBeGreaterThan(5);
    expect(Object.values(hash).some((h) => h !== '')).toBe(true);

    const content = await warehouseContent(dir);
    expect(Object.keys(content)).toEqual(expect.arrayContaining(['agg_service_days', 'meta.data_tests']));

    const again = await run(dir);
    expect(again.mode).toBe('incremental');
    expect(again.tables.every((t) => t.read === 0 && t.deleted === 0)).toBe(true);
    expect(await martsHash(dir)).toEqual(hash);
    expect(await warehouseContent(dir)).toEqual(content);
  }, 300_000);

  it('an incremental run after deletions and updates gives the marts of a full run', async () => {
    const k = conn.knex;
    const [request] = await k('service_requests').select('id').orderBy('id').limit(1);
    // An employee with enrollments: deleting it cascades (enrollments, invitations, appraisals, …)
    // and sets service_requests.handled_by to null, all at the source.
    const [employee] = await k('enrollments').select('employee_id').orderBy('id').limit(1);
    const [program] = await k('programs').select('id').orderBy('id').limit(1);
    await k('service_requests').where({ id: request.id }).del();
    await k('employees').where({ id: employee.employee_id }).del();
    await k('programs').where({ id: program.id }).update({ title: 'Judul baru' });

    const inc = await run(dir);
    expect(inc.mode).toBe('incremental');

    expect(inc.record.dataTests?.errors).toEqual([]);
    for (const t of inc.tables) expect(t.read, t.table).toBe(t.loaded + t.quarantined);
    const byTable = Object.fromEntries(inc.tables.map((t) => [t.table, t]));
    expect(byTable.employees?.deleted).toBe(1);
    expect(byTable.programs).toMatchObject({ read: 1, loaded: 1 });
    // Deleted rows do not linger.
    expect(await stgIds(dir, 'service_requests')).not.toContain(Number(request.id));
    expect(await stgIds(dir, 'employees')).not.toContain(Number(employee.employee_id));

    const full = await run(fullDir, 'full');
    expect(full.mode).toBe('full');
    expect(await stgContent(dir)).toEqual(await stgContent(fullDir));
    expect(await martsHash(dir)).toEqual(await martsHash(fullDir));
    // Pre-aggregates (kept, updated by delta or rebuilt) and data-test results too.
    expect(await warehouseContent(dir)).toEqual(await warehouseContent(fullDir));
  }, 300_000);
  it('an incremental run after request changes updates facts, aggregates and data tests by delta, as a full run', async () => {
    const k = conn.knex;
    // Requests: one changed (a new status), a few rewritten with the same content (the benchmark's
    // change); an assignment rewritten unchanged.
    const [changed] = await k('service_requests')
      .select('id')
      .where('status', 'completed')
      .orderBy('id')
      .offset(5)
      .limit(1);
    await k('service_requests').where({ id: changed.id }).update({ status: 'cancelled', completed_at: null });
    await k.raw('update service_requests set updated_at = now() where id % 50 = 7');
    await k.raw('update employee_assignments set updated_at = now() where id % 50 = 7');
    const [gone] = await k('service_requests').select('id').orderBy('id', 'desc').limit(1);
    await k('service_requests').where({ id: gone.id }).del();

    const inc = await run(dir);
    expect(inc.mode).toBe('incremental');
    expect(inc.record.dataTests?.errors).toEqual([]);
    // The incremental paths were taken (not a silent full rebuild).
    const log = logs.join('\n');
    expect(log).toMatch(
      /Marts: .*updated by key: fct_service_requests, agg_handler_month, rebuilt: dim_region$/m,
    );
    expect(log).toMatch(/Aggregates: .*updated by delta: agg_service_days,/);
    expect(log).toMatch(/Data tests: [1-9]\d* results kept, [1-9]\d* run over changed rows/);

    expect((await run(fullDir, 'full')).mode).toBe('full');
    expect(await stgContent(dir)).toEqual(await stgContent(fullDir));
    expect(await warehouseContent(dir)).toEqual(await warehouseContent(fullDir));
  }, 300_000);

  it('an incremental run after person-side changes updates the person-as-of marts by key, as a full run', async () => {
    const k = conn.knex;
    // The benchmark's kinds of change on a few rows of each table (assignments reclassified, times
    // moved, scores stepped), an assignment moved in time (the person-as-of lookup moves), and
    // deletions: an assessment, a reaction, an enrollment with its children.
    await k.raw(`update employee_assignments set updated_at = now(), position_type = case position_type
      when 'fungsional' then 'pelaksana' when 'pelaksana' then 'fungsional' else position_type end where id % 40 = 3`);
    const [moved] = await k('employee_assignments')
      .select('id', 'employee_id', 'started_on')
      .whereNotNull('ended_on')
      .orderBy('id')
      .limit(1);
    const [next] = await k('employee_assignments')
      .select('id')
      .where('employee_id', moved.employee_id)
      .where('started_on', '>', moved.started_on)
      .orderBy('started_on')
      .limit(1);
    if (next) {
      await k.raw(
        `update employee_assignments set started_on = started_on + 200, updated_at = now() where id = ?`,
        [next.id],
      );
      await k.raw(
        `update employee_assignments set ended_on = ended_on + 200, updated_at = now() where id = ?`,
        [moved.id],
      );
    }
    await k.raw(`update invitations set invited_at = invited_at - interval '1 minute',
      responded_at = responded_at - interval '1 minute', updated_at = now() where id % 40 = 3`);
    await k.raw(
      `update enrollments set completed_at = completed_at + interval '1 minute', updated_at = now() where id % 40 = 3`,
    );
    await k.raw(`update assessments set score = case when score < 100 then score + 1 else score - 1 end,
      updated_at = now() where id % 40 = 3`);
    await k.raw(`update reactions set relevance = case when relevance < 5 then relevance + 1 else relevance - 1 end,
      updated_at = now() where id % 40 = 3`);
    await k.raw(`update appraisals set score = case when score in (75.99, 90.99, 100) then score - 0.01
      else score + 0.01 end, updated_at = now() where id % 40 = 3`);
    const [assessment] = await k('assessments').select('id').orderBy('id', 'desc').limit(1);
    await k('assessments').where({ id: assessment.id }).del();
    const [reaction] = await k('reactions').select('id').orderBy('id', 'desc').limit(1);
    await k('reactions').where({ id: reaction.id }).del();
    const [enrollment] = await k('enrollments')
      .select('id')
      .whereIn('id', k('assessments').select('enrollment_id'))
      .orderBy('id')
      .limit(1);
    await k('assessments').where({ enrollment_id: enrollment.id }).del();
    await k('reactions').where({ enrollment_id: enrollment.id }).del();
    await k('enrollments').where({ id: enrollment.id }).del();

    const inc = await run(dir);
    expect(inc.mode).toBe('incremental');
    expect(inc.record.dataTests?.errors).toEqual([]);
    const log = logs.join('\n');
    expect(log).toMatch(
      /Marts: .*updated by key: dim_employee, fct_invitations, fct_enrollments, fct_appraisals, fct_headcount, rebuilt: dim_region$/m,
    );
    expect(log).toMatch(
      /Aggregates: .*updated by delta: .*agg_participation_employee_year, agg_jp_employee_year/,
    );
    expect(log).not.toMatch(/agg_invitations_day_agency/);

    expect((await run(fullDir, 'full')).mode).toBe('full');
    expect(await stgContent(dir)).toEqual(await stgContent(fullDir));
    expect(await warehouseContent(dir)).toEqual(await warehouseContent(fullDir));
  }, 300_000);
});
