import { readFile } from 'node:fs/promises';
import { type EtlRunRecord, writeQuarantineCounts, writeRunMeta, writeRunRecord } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';
import { QUARANTINE_REASONS, QUARANTINE_TABLES } from './data-quality.resolver.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const quarantine = (args: string) =>
  gql<{ dataQuality: { quarantine: { total: number } } }>(
    t.url,
    `{ dataQuality { quarantine(${args}) { total } } }`,
    { token: TOKENS.admin },
  );

describe("dataQuality.quarantine's filters are checked like every other code argument", () => {
  it('the reason filter takes exactly the codes README documents (the argument’s description points there)', async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = readme.split('## ETL: validation rules and reason codes')[1]?.split('\n## ')[0] ?? '';
    const documented = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThan(10);
    expect([...QUARANTINE_REASONS].sort()).toEqual([...documented].sort());
    expect(QUARANTINE_TABLES).toContain('service_requests');
    expect(QUARANTINE_TABLES).toContain('xapi_statements');
  });

  it('every documented code is accepted as a filter (an answer, not BAD_USER_INPUT)', async () => {
    for (const code of QUARANTINE_REASONS) {
      const res = await quarantine(`reason: "${code}"`);
      expect(res.body.errors, code).toBeUndefined();
      expect(res.body.data?.dataQuality?.quarantine?.total, code).toBe(0);
    }
  });

  it('an unknown reason or table is UNKNOWN_VALUE listing the accepted ones', async () => {
    const reason = await quarantine('reason: "NOPE"');
    expect(reason.body.data?.dataQuality ?? null).toBeNull();
    expect(reason.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'UNKNOWN_VALUE',
      field: 'reason',
      unknown: ['NOPE'],
      accepted: [...QUARANTINE_REASONS],
    });
    const table = await quarantine('table: "x"');
    expect(table.body.errors?.[0]?.extensions).toMatchObject({
      reason: 'UNKNOWN_VALUE',
      field: 'table',
      unknown: ['x'],
    });
    expect(table.body.errors?.[0]?.message).toMatch(/^Unknown value in table: "x" \(accepted: agencies, /);
  });

  it('a runId that is no run id, or a run the log does not hold, is UNKNOWN_VALUE', async () => {
    const path = await quarantine('runId: "../../etc"');
    expect(path.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'UNKNOWN_VALUE',
      field: 'runId',
      unknown: ['../../etc'],
    });
    expect(path.body.errors?.[0]?.message).toMatch(/not a run id/);
    const absent = await quarantine('runId: "20000101T000000000Z-0000"');
    expect(absent.body.errors?.[0]?.extensions).toMatchObject({ reason: 'UNKNOWN_VALUE', field: 'runId' });
    expect(absent.body.errors?.[0]?.message).toMatch(/no such ETL run/);
  });

  it('known values answer (a count, 0 when nothing matched): a run in the run log or with a quarantine folder', async () => {
    const logged = '20250101T000000000Z-0a1b';
    await writeRunRecord(t.dir, {
      runId: logged,
      mode: 'full',
      sources: ['files'],
      status: 'failed',
      startedAt: '2025-01-01T00:00:00.000Z',
      finishedAt: null,
      durationMs: null,
      watermarks: {},
      tables: [],
      dataTests: null,
      snapshotId: null,
      error: 'test',
      pid: 1,
    });
    await writeQuarantineCounts(t.dir, 'run-with-quarantine', []);
    for (const runId of [logged, 'run-with-quarantine']) {
      const res = await quarantine(`runId: "${runId}", table: "employees", reason: "NIP_MALFORMED"`);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.dataQuality).toEqual({ quarantine: { total: 0 } });
    }
  });
});

/**
 * The Kualitas page sums `quarantineCounts` into its cards: it summed every run a snapshot kept (an
 * incremental run appends its counts), so 17 bad rows then 1 read as 18. The field gives the counts
 * of the run that built the snapshot.
 */
describe('dataQuality.quarantineCounts: the run that built the snapshot', () => {
  const run = (n: number): EtlRunRecord => ({
    runId: `20261205T10000${n}000Z-abcd`,
    mode: 'incremental',
    sources: ['files'],
    status: 'succeeded',
    startedAt: `2026-12-05T10:00:0${n}.000Z`,
    finishedAt: `2026-12-05T10:00:0${n}.500Z`,
    durationMs: 500,
    watermarks: {},
    tables: [],
    dataTests: null,
    snapshotId: `snap-${n}`,
    error: null,
    pid: 1,
  });
  let server: TestServer;
  beforeAll(async () => {
    const [r1, r2] = [run(1), run(2)];
    server = await startTestServer({}, undefined, async (db) => {
      await writeRunMeta(db, [r1], {}, [
        { runId: r1.runId, source: 'files', table: 'employees', reason: 'NOT_ACCEPTED_VALUE', rows: 4 },
        { runId: r1.runId, source: 'files', table: 'enrollments', reason: 'UNKNOWN_REFERENCE', rows: 13 },
      ]);
      await writeRunMeta(db, [r2, r1], {}, [
        { runId: r2.runId, source: 'files', table: 'employees', reason: 'NOT_ACCEPTED_VALUE', rows: 1 },
      ]);
    });
  });
  afterAll(() => server?.close());

  it('17 bad rows, then 1: the field answers 1, not 18', async () => {
    const res = await gql<{
      dataQuality: { quarantineCounts: { runId: string; reason: string; rows: number }[] };
    }>(server.url, '{ dataQuality { quarantineCounts { runId reason rows } } }', { token: TOKENS.analyst });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.dataQuality.quarantineCounts).toEqual([
      { runId: run(2).runId, reason: 'NOT_ACCEPTED_VALUE', rows: 1 },
    ]);
  });
});
