import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db, listQuarantine, readCurrent } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { runEtl } from '../run/runEtl.ts';
import { writeDrop, writeDrops } from '../run/testing/dropFiles.ts';
import { LMS_ACCOUNTS, lmsCourseDrops } from '../run/testing/lms-course-drops.ts';
import { withLiveSnapshot } from '../run/testing/warehouseContent.ts';
import { rebuildXapiEnrollments } from './xapiEnrollments.ts';

/**
 * xAPI statements through `runEtl` against what the warehouse knows: voiding (in the same export
 * and of a statement stored by an earlier run), JP capped at the program's, a completion before the
 * offering starts, and statements whose LMS account stops answering: none counts, and the last two
 * are quarantined on the run, never dropped silently.
 */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const COURSE = 'https://lms.example.go.id/course/dig-16';
const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

const completed = (id: string, mbox: string, timestamp: string, duration?: string) => ({
  id,
  timestamp,
  actor: { objectType: 'Agent', mbox },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: { id: COURSE, objectType: 'Activity' },
  result: { completion: true, ...(duration ? { duration } : {}) },
});
/** Statement ids: UUIDs, as xAPI 1.0.3 requires (the parser refuses any other id). */
const uuid = (n: number) => `5a7e3e00-0000-4000-8000-${String(n).padStart(12, '0')}`;
const A1 = uuid(1);
const A2 = uuid(2);
const A3 = uuid(3);
const A4 = uuid(4);
const V1 = uuid(5);
const V2 = uuid(6);
const H1 = uuid(11);
const H2 = uuid(12);
const voiding = (id: string, target: string) => ({
  id,
  timestamp: '2023-06-01T00:00:00+07:00',
  actor: { objectType: 'Agent', mbox: 'mailto:admin@example.go.id' },
  verb: { id: VOIDED_VERB, display: { 'en-US': 'voided' } },
  object: { objectType: 'StatementRef', id: target },
});

/**
 * A new warehouse directory holding the DIG-16 course (16 JP) and its LMS accounts from file drops,
 * loaded by one files run under `env`: what the statements of both suites map to.
 */
async function courseWarehouse(prefix: string, env: (dir: string) => ReturnType<typeof readEnv>) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const drops = join(dir, 'drops');
  await mkdir(drops);
  await writeDrops(drops, 'csv', lmsCourseDrops(COURSE, { code: 'DIG-16', jp: 16 }));
  await runEtl({ env: env(dir), sources: ['files'], filesDir: drops, steps: noMarts });
  return { dir, drops };
}

describe('xAPI statements against the warehouse: voiding, JP cap, dates, accounts that stop answering', () => {
  let dir: string;
  let drops: string;
  const env = () => readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
  const enrollments = () =>
    withLiveSnapshot(dir, (db) =>
      db.all<{ employee_id: number; status: string; jp_earned: number }>(
        'select employee_id, status, jp_earned from stg.xapi_enrollments order by employee_id',
      ),
    );
  const xapi = async (name: string, statements: unknown[]) => {
    const path = join(dir, name);
    await writeFile(path, JSON.stringify(statements));
    return runEtl({ env: env(), sources: ['xapi'], xapiPaths: [path], steps: noMarts });
  };

  beforeAll(async () => {
    ({ dir, drops } = await courseWarehouse('etl-xapi-checks-', (d) => {
      dir = d;
      return env();
    }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('caps JP at the program, leaves out a completion before the offering starts (quarantined) and a statement voided in the same export', async () => {
    const run = await xapi('first.json', [
      completed(A1, 'mailto:budi@example.go.id', '2023-05-10T09:00:00+07:00', 'P1D'), // 32 JP reported
      completed(A2, 'mailto:sari@example.go.id', '2023-05-10T09:00:00+07:00', 'PT1H30M'), // 2 JP
      completed(A3, 'mailto:rina@example.go.id', '2023-04-30T23:00:00+07:00'), // before 1 May (WIB)
      completed(A4, 'mailto:rina@example.go.id', '2023-05-12T09:00:00+07:00'),
      voiding(V1, A4),
    ]);
    expect(await enrollments()).toEqual([
      { employee_id: 1, status: 'completed', jp_earned: 16 },
      { employee_id: 2, status: 'completed', jp_earned: 2 },
    ]);
    const { rows } = await listQuarantine(dir, { runId: run.runId });
    expect(rows.map((r) => [r.reason, JSON.parse(r.raw).statement_id])).toEqual([['DATES_OUT_OF_ORDER', A3]]);
    expect(rows[0]?.detail).toMatch(/before the offering starts \(2023-05-01\)/);
    const [counts] = run.tables;
    // The voided statement and its voiding statement are not enrollment events: neither is read. The
    // early completion is stored (loaded) and quarantined by the enrollment check while it does not count.
    expect(counts).toMatchObject({ table: 'xapi_statements', read: 3, loaded: 3, quarantined: 0 });
  });

  it('a voiding statement in a later export removes the stored statement it names', async () => {
    const run = await xapi('second.json', [voiding(V2, A2)]);
    expect(run.tables[0]).toMatchObject({ table: 'xapi_statements', deleted: 1 });
    expect((await enrollments()).map((e) => e.employee_id)).toEqual([1]);
    expect(
      await withLiveSnapshot(dir, (db) =>
        db.all(`select 1 from stg.xapi_statements where statement_id = '${A2}'`),
      ),
    ).toEqual([]);
  });

  it('statements whose LMS account stops answering are quarantined as XAPI_UNMAPPED_ACTOR on that run, not dropped', async () => {
    // Budi's account now has another mailbox: his statements no longer map to anyone.
    await writeDrop(drops, 'lms_accounts', 'csv', {
      header: LMS_ACCOUNTS.header,
      rows: [['1', '1', 'mailto:budi.baru@example.go.id', null, null]],
    });
    const run = await runEtl({ env: env(), sources: ['files'], filesDir: drops, steps: noMarts });
    expect(await enrollments()).toEqual([]);
    const { rows } = await listQuarantine(dir, { runId: run.runId });
    const unmapped = rows.filter((r) => r.reason === 'XAPI_UNMAPPED_ACTOR');
    expect(unmapped.map((r) => JSON.parse(r.raw).statement_id)).toEqual([A1]);
    expect(unmapped[0]).toMatchObject({ table: 'xapi_statements', source: 'xapi:first.json' });
    expect(unmapped[0]?.detail).toMatch(/maps to no lms_accounts row any more/);
    // Kept: the account answering again brings the enrollment back.
    await writeDrop(drops, 'lms_accounts', 'csv', LMS_ACCOUNTS);
    await runEtl({ env: env(), sources: ['files'], filesDir: drops, steps: noMarts });
    expect(await enrollments()).toEqual([{ employee_id: 1, status: 'completed', jp_earned: 16 }]);
  });

  it('a stored statement id sent again with other content is refused (DUPLICATE_CONFLICT) and the stored statement kept; the same statement again loads', async () => {
    const stored = () =>
      withLiveSnapshot(dir, (db) =>
        db.all<{ duration_seconds: number }>(
          `select duration_seconds from stg.xapi_statements where statement_id = '${A1}'`,
        ),
      );
    // a1 is Budi's P1D completion, stored by the first run: an LMS re-export now says PT1H.
    const changed = await xapi('third.json', [
      completed(A1, 'mailto:budi@example.go.id', '2023-05-10T09:00:00+07:00', 'PT1H'),
    ]);
    expect(changed.tables[0]).toMatchObject({ table: 'xapi_statements', read: 1, loaded: 0, quarantined: 1 });
    // (a3, stored by the first run, is quarantined again as every run does while it does not count.)
    const rows = (await listQuarantine(dir, { runId: changed.runId })).rows.filter(
      (r) => r.source === 'xapi:third.json',
    );
    expect(rows.map((r) => [r.reason, JSON.parse(r.raw).id])).toEqual([['DUPLICATE_CONFLICT', A1]]);
    expect(rows[0]?.detail).toMatch(/already stored with other content: xAPI statements are immutable/);
    expect(await stored()).toEqual([{ duration_seconds: 86400 }]);
    expect(await enrollments()).toEqual([{ employee_id: 1, status: 'completed', jp_earned: 16 }]);
    // Two exports in one run end the same: the same pair together is quarantined as a pair, and the
    // stored statement still stands.
    const both = await xapi('fourth.json', [
      completed(A1, 'mailto:budi@example.go.id', '2023-05-10T09:00:00+07:00', 'P1D'),
      completed(A1, 'mailto:budi@example.go.id', '2023-05-10T09:00:00+07:00', 'PT1H'),
    ]);
    expect(both.tables[0]).toMatchObject({ read: 2, loaded: 0, quarantined: 2 });
    expect(await stored()).toEqual([{ duration_seconds: 86400 }]);
    // The statement as stored, sent again: loads, replaces itself, changes nothing.
    const same = await xapi('fifth.json', [
      completed(A1, 'mailto:budi@example.go.id', '2023-05-10T09:00:00+07:00', 'P1D'),
    ]);
    expect(same.tables[0]).toMatchObject({ read: 1, loaded: 1, quarantined: 0 });
    expect(await stored()).toEqual([{ duration_seconds: 86400 }]);
    expect(await enrollments()).toEqual([{ employee_id: 1, status: 'completed', jp_earned: 16 }]);
  });
});

// Statement ids are UUIDs, whose hex digits RFC 4122 §3 reads case-insensitively, and xAPI 1.0.3
// §2.3.1 calls a timestamp in another zone, or another case of a case-insensitive value, no change.
// A review of 2026-12-06 found an id in capitals missed by its voiding statement and loaded beside
// its lower-case twin, and two such copies of one statement refused in one run but loaded in two.
describe('xAPI copies that xAPI calls the same: ids in any case, another zone, an mbox in capitals', () => {
  let dir: string;
  const env = () => readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
  const xapi = async (name: string, statements: unknown[]) => {
    const path = join(dir, name);
    await writeFile(path, JSON.stringify(statements));
    return runEtl({ env: env(), sources: ['xapi'], xapiPaths: [path], steps: noMarts });
  };
  const storedIds = () =>
    withLiveSnapshot(dir, (db) =>
      db.all<{ statement_id: string }>('select statement_id from stg.xapi_statements order by 1'),
    );
  const quarantined = async (runId: string, source: string) =>
    (await listQuarantine(dir, { runId })).rows
      .filter((r) => r.source === source)
      .map((r) => [r.row_number, r.reason]);

  beforeAll(async () => {
    ({ dir } = await courseWarehouse('etl-xapi-same-', (d) => {
      dir = d;
      return env();
    }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('voids a statement named in another case, in the same export and in a later one', async () => {
    const [same, later] = [uuid(21), uuid(22)];
    const first = await xapi('void-case-1.json', [
      completed(same.toUpperCase(), 'mailto:budi@example.go.id', '2023-05-10T09:00:00+07:00', 'PT1H'),
      voiding(uuid(23), same),
      completed(later, 'mailto:sari@example.go.id', '2023-05-10T09:00:00+07:00', 'PT1H'),
    ]);
    expect(first.tables[0]).toMatchObject({ read: 1, loaded: 1, quarantined: 0 });
    expect(await storedIds()).toEqual([{ statement_id: later }]);
    const second = await xapi('void-case-2.json', [voiding(uuid(24), later.toUpperCase())]);
    expect(second.tables[0]).toMatchObject({ deleted: 1 });
    expect(await storedIds()).toEqual([]);
  });

  it('refuses one id in two cases with other content as DUPLICATE_CONFLICT, as it would the same case', async () => {
    const id = uuid(31);
    const run = await xapi('dup-case.json', [
      completed(id, 'mailto:budi@example.go.id', '2023-05-10T09:00:00+07:00', 'PT1H'),
      completed(id.toUpperCase(), 'mailto:budi@example.go.id', '2023-05-10T09:00:00+07:00', 'PT8H'),
    ]);
    expect(run.tables[0]).toMatchObject({ read: 2, loaded: 0, quarantined: 2 });
    expect(await quarantined(run.runId, 'xapi:dup-case.json')).toEqual([
      [1, 'DUPLICATE_CONFLICT'],
      [2, 'DUPLICATE_CONFLICT'],
    ]);
    expect(await storedIds()).toEqual([]);
  });

  it('takes a statement stored in capitals by an earlier version as the same statement', async () => {
    const id = uuid(51);
    await xapi('legacy-1.json', [
      completed(id, 'mailto:rina@example.go.id', '2023-05-10T09:00:00+07:00', 'PT1H'),
    ]);
    // Before 2026-12-06 ids were stored as sent: put this one back in capitals, as such a snapshot holds it.
    const current = await readCurrent(dir);
    if (!current) throw new Error('nothing published');
    const db = await Db.open(join(dir, current.file), { mode: 'read-write', threads: 1 });
    try {
      await db.run(
        `update stg.xapi_statements set statement_id = upper(statement_id) where statement_id = '${id}'`,
      );
    } finally {
      await db.close();
    }
    // The same statement again: replaces the stored one, no second row beside it.
    const same = await xapi('legacy-2.json', [
      completed(id, 'mailto:rina@example.go.id', '2023-05-10T09:00:00+07:00', 'PT1H'),
    ]);
    expect(same.tables[0]).toMatchObject({ read: 1, loaded: 1, quarantined: 0 });
    expect((await storedIds()).filter((r) => r.statement_id.toLowerCase() === id)).toEqual([
      { statement_id: id },
    ]);
    // Other content under that id: refused, the stored statement kept.
    const other = await xapi('legacy-3.json', [
      completed(id, 'mailto:rina@example.go.id', '2023-05-10T09:00:00+07:00', 'PT5H'),
    ]);
    expect(other.tables[0]).toMatchObject({ read: 1, loaded: 0, quarantined: 1 });
    expect(await quarantined(other.runId, 'xapi:legacy-3.json')).toEqual([[1, 'DUPLICATE_CONFLICT']]);
  });

  it('loads copies written in another zone, with the mbox in capitals, in one run as in two', async () => {
    const id = uuid(41);
    const asSent = completed(id, 'mailto:sari@example.go.id', '2023-05-10T02:00:00Z', 'PT1H30M');
    const rewritten = completed(id, 'SARI@Example.go.id', '2023-05-10T09:00:00+07:00', 'PT90M');
    // One run: the two copies are one statement, loaded once.
    const one = await xapi('same-one-run.json', [asSent, rewritten]);
    expect(one.tables[0]).toMatchObject({ read: 2, loaded: 2, collapsed: 1, inserted: 1, quarantined: 0 });
    // Two runs: the rewritten copy against the stored one, as before.
    const two = await xapi('same-two-runs.json', [rewritten]);
    expect(two.tables[0]).toMatchObject({ read: 1, loaded: 1, quarantined: 0 });
    expect(
      await withLiveSnapshot(dir, (db) =>
        db.all<{ statement_id: string; ms: number; duration_seconds: number }>(
          `select statement_id, epoch_ms("timestamp") as ms, duration_seconds from stg.xapi_statements where lower(statement_id) = '${id}'`,
        ),
      ),
    ).toEqual([{ statement_id: id, ms: Date.parse('2023-05-10T02:00:00Z'), duration_seconds: 5400 }]);
  });
});

// JP_MINUTES is a parameter (DOMAIN §2): a statement's JP is its duration at the run's length, not
// part of the statement. A review of 2026-12-06 sent one PT1H statement at 45 min/JP, then the
// identical file with JP_MINUTES=60: refused as DUPLICATE_CONFLICT, and a full run left 1.3333 JP.
describe('xAPI JP under a changed JP_MINUTES', () => {
  let dir: string;
  let drops: string;
  const env = (jpMinutes?: string) =>
    readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789', JP_MINUTES: jpMinutes });
  const x1 = [
    completed(H1, 'mailto:budi@example.go.id', '2023-05-10T09:00:00+07:00', 'PT1H'),
    completed(H2, 'mailto:sari@example.go.id', '2023-05-11T09:00:00+07:00', 'PT3H'),
  ];
  const statementJp = (db: Db) =>
    db.all<{ statement_id: string; jp: number }>(
      'select statement_id, jp from stg.xapi_statements order by 1',
    );
  const enrollmentJp = (db: Db) =>
    db.all<{ employee_id: number; jp_earned: number }>(
      'select employee_id, jp_earned from stg.xapi_enrollments order by 1',
    );

  beforeAll(async () => {
    ({ dir, drops } = await courseWarehouse('etl-xapi-jp-minutes-', (d) => {
      dir = d;
      return env();
    }));
    await writeFile(join(dir, 'x1.json'), JSON.stringify(x1));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the same export sent again with another JP_MINUTES loads (no DUPLICATE_CONFLICT), at the new length', async () => {
    const xapi = (jpMinutes?: string) =>
      runEtl({ env: env(jpMinutes), sources: ['xapi'], xapiPaths: [join(dir, 'x1.json')], steps: noMarts });
    await xapi();
    expect(await withLiveSnapshot(dir, statementJp)).toEqual([
      { statement_id: H1, jp: 60 / 45 },
      { statement_id: H2, jp: 180 / 45 },
    ]);
    const again = await xapi('60');
    expect(again.tables[0]).toMatchObject({ table: 'xapi_statements', read: 2, loaded: 2, quarantined: 0 });
    expect((await listQuarantine(dir, { runId: again.runId })).rows).toEqual([]);
    expect(await withLiveSnapshot(dir, statementJp)).toEqual([
      { statement_id: H1, jp: 1 },
      { statement_id: H2, jp: 3 },
    ]);
    expect(await withLiveSnapshot(dir, enrollmentJp)).toEqual([
      { employee_id: 1, jp_earned: 1 },
      { employee_id: 2, jp_earned: 3 },
    ]);
  });

  it("a run without xAPI, incremental or full, derives the stored statements' JP again at its JP_MINUTES", async () => {
    const both = async () => ({
      statements: await withLiveSnapshot(dir, statementJp),
      enrollments: await withLiveSnapshot(dir, enrollmentJp),
    });
    // Stored at 60 min/JP by the test above; an incremental run of the file drops alone at 45.
    await runEtl({ env: env(), sources: ['files'], filesDir: drops, steps: noMarts });
    expect(await both()).toEqual({
      statements: [
        { statement_id: H1, jp: 3600 / 60 / 45 },
        { statement_id: H2, jp: 10800 / 60 / 45 },
      ],
      enrollments: [
        { employee_id: 1, jp_earned: 3600 / 60 / 45 },
        { employee_id: 2, jp_earned: 4 },
      ],
    });
    // A full run (the statements carried forward from the live snapshot) at 60.
    await runEtl({ env: env('60'), mode: 'full', sources: ['files'], filesDir: drops, steps: noMarts });
    expect(await both()).toEqual({
      statements: [
        { statement_id: H1, jp: 1 },
        { statement_id: H2, jp: 3 },
      ],
      enrollments: [
        { employee_id: 1, jp_earned: 1 },
        { employee_id: 2, jp_earned: 3 },
      ],
    });
  });

  it("rebuildXapiEnrollments derives every stored statement's JP again from its duration at the run's JP_MINUTES", async () => {
    // The live snapshot (statements stored at 60 min/JP by the test above), copied to build on.
    const current = await readCurrent(dir);
    if (!current) throw new Error('nothing published');
    const build = join(dir, 'rebuild.duckdb');
    await copyFile(join(dir, current.file), build);
    const db = await Db.open(build, { mode: 'read-write', threads: 1 });
    try {
      await rebuildXapiEnrollments(db, 45);
      // As a statement read at 45 min/JP stores it (jpFromSeconds): the same double.
      expect(await statementJp(db)).toEqual([
        { statement_id: H1, jp: 3600 / 60 / 45 },
        { statement_id: H2, jp: 10800 / 60 / 45 },
      ]);
      expect(await enrollmentJp(db)).toEqual([
        { employee_id: 1, jp_earned: 3600 / 60 / 45 },
        { employee_id: 2, jp_earned: 4 },
      ]);
      // Still capped at the program's 16 JP: 3 h at 10 min/JP are 18 JP.
      await rebuildXapiEnrollments(db, 10);
      expect(await enrollmentJp(db)).toEqual([
        { employee_id: 1, jp_earned: 6 },
        { employee_id: 2, jp_earned: 16 },
      ]);
      await expect(rebuildXapiEnrollments(db, 0)).rejects.toThrow(/positive/);
    } finally {
      await db.close();
    }
  });
});
