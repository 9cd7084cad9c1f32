import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRunRecords, readCurrent } from '@asn/warehouse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { DemoPseudonymKeyError, keyFingerprint, PseudonymKeyChangedError } from '../load/keyFingerprint.ts';
import { hmacHex } from '../load/pseudonyms.ts';
import type { SourceConnection } from '../source/connect.ts';
import type { StagedTable } from '../sources/staged.ts';
import { landingColumns } from '../validate/checkedColumns.ts';
import { runEtl } from './runEtl.ts';
import { withLiveSnapshot } from './testing/warehouseContent.ts';

const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const NIP = '198005122005031001';

function employees(): StagedTable {
  const columns = landingColumns('employees').map((c) => c.name);
  const row: Record<string, string> = {
    id: '1',
    nip: NIP,
    sex: 'M',
    birth_date: '1980-05-12',
    employment_type: 'PNS',
    appointed_on: '2006-03-01',
  };
  return {
    table: 'employees',
    source: 'files:employees.csv',
    columns,
    rows: [columns.map((c) => row[c] ?? null)],
    rowNumbers: [2],
    rawRows: [JSON.stringify(row)],
    rejected: [],
  };
}

const liveKey = (dir: string) =>
  withLiveSnapshot(dir, async (db) => ({
    employee: (await db.all<{ k: string }>('select employee_key as k from stg.employees'))[0]?.k,
    fingerprint: (await db.all<{ f: string }>('select fingerprint as f from meta.pseudonym_key'))[0]?.f,
  }));

describe('PSEUDONYM_KEY', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'etl-key-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the demo default is refused with a source that is not the embedded demo, unless ALLOW_DEMO_PSEUDONYM_KEY', async () => {
    const fake = (embedded: boolean): SourceConnection =>
      ({
        knex: null,
        url: 'postgres://postgres@127.0.0.1:1/none',
        embedded,
        supportsCopyFrom: !embedded,
        close: async () => undefined,
      }) as unknown as SourceConnection;
    const run = (env: ReturnType<typeof readEnv>, embedded: boolean) =>
      runEtl({ env, sources: ['postgres'], connection: fake(embedded), steps: noMarts }).then(
        () => null,
        (e: unknown) => e,
      );
    const refused = await run(readEnv({ WAREHOUSE_DIR: dir }), false);
    expect(refused).toBeInstanceOf(DemoPseudonymKeyError);
    expect((refused as Error).message).toMatch(/PSEUDONYM_KEY/);
    // Opted out, or the embedded demo: past the check (the fake source then fails to extract).
    for (const [env, embedded] of [
      [readEnv({ WAREHOUSE_DIR: dir, ALLOW_DEMO_PSEUDONYM_KEY: 'true' }), false],
      [readEnv({ WAREHOUSE_DIR: dir }), true],
      [readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'a-real-secret-0123456789' }), false],
    ] as const) {
      const error = await run(env, embedded);
      expect(error).not.toBeInstanceOf(DemoPseudonymKeyError);
    }
  });

  it('the demo default is refused for file drops and xAPI files, even beside the embedded demo, unless ALLOW_DEMO_PSEUDONYM_KEY', async () => {
    const drops = join(dir, 'drops');
    await mkdir(drops);
    await writeFile(
      join(drops, 'employees.csv'),
      'id,nip,sex,birth_date,employment_type,appointed_on\n1,199001012015031002,M,1990-01-01,PNS,2015-03-01\n',
    );
    const xapi = join(dir, 'statements.json');
    await writeFile(xapi, '[]');
    const embedded = {
      knex: null,
      url: 'postgres://postgres@127.0.0.1:1/none',
      embedded: true,
      supportsCopyFrom: false,
      close: async () => undefined,
    } as unknown as SourceConnection;
    const demo = readEnv({ WAREHOUSE_DIR: dir });
    const attempts = [
      { sources: ['files'], filesDir: drops },
      { sources: ['postgres', 'files'], filesDir: drops, connection: embedded },
      { sources: ['xapi'], xapiPaths: [xapi] },
      { sources: [], staged: [employees()] },
    ] as const;
    for (const attempt of attempts) {
      const error = await runEtl({ env: demo, steps: noMarts, ...attempt }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, attempt.sources.join(',')).toBeInstanceOf(DemoPseudonymKeyError);
      expect((error as Error).message).toMatch(/ALLOW_DEMO_PSEUDONYM_KEY=true/);
    }
    // Nothing was published; each attempt is in the run log as failed.
    expect(await readCurrent(dir)).toBeNull();
    const runs = await listRunRecords(dir);
    expect(runs.map((r) => r.status)).toEqual(attempts.map(() => 'failed'));
    expect(runs.map((r) => r.error)).toEqual(attempts.map(() => expect.stringMatching(/file drops|xAPI/)));

    // Test data, said so: loaded under the demo key.
    const allowed = readEnv({ WAREHOUSE_DIR: dir, ALLOW_DEMO_PSEUDONYM_KEY: 'true' });
    const run = await runEtl({ env: allowed, sources: ['files'], filesDir: drops, steps: noMarts });
    expect(run.tables.find((t) => t.table === 'employees')).toMatchObject({ read: 1, loaded: 1 });
    expect((await liveKey(dir)).employee).toBe(hmacHex(allowed.PSEUDONYM_KEY, '199001012015031002'));
  });

  it('a changed key is detected by its fingerprint: incremental refused, a full run re-keys every employee', async () => {
    const envA = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'key-A-0123456789abcdef' });
    const envB = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'key-B-0123456789abcdef' });
    await runEtl({ env: envA, sources: [], staged: [employees()], steps: noMarts });
    expect(await liveKey(dir)).toEqual({
      employee: hmacHex(envA.PSEUDONYM_KEY, NIP),
      fingerprint: keyFingerprint(envA.PSEUDONYM_KEY),
    });
    // The fingerprint is not the key, nor recoverable into it.
    expect(keyFingerprint(envA.PSEUDONYM_KEY)).not.toContain(envA.PSEUDONYM_KEY);

    const incremental = await runEtl({ env: envB, sources: [], steps: noMarts, mode: 'incremental' }).catch(
      (e: unknown) => e,
    );
    expect(incremental).toBeInstanceOf(PseudonymKeyChangedError);
    expect((incremental as Error).message).toMatch(/--full/);
    // It names the snapshot by its id (it printed `[object Object]`).
    expect((incremental as Error).message).toMatch(
      /since snapshot \d{8}T\d{9}Z-[0-9a-f]{4} \(key fingerprint/,
    );
    expect((incremental as Error).message).not.toMatch(/object Object/);
    // A full run would carry the file-drop employees keyed under A: refused, saying what to run.
    const carried = await runEtl({ env: envB, sources: [], steps: noMarts, mode: 'full' }).catch(
      (e: unknown) => e,
    );
    expect(carried).toBeInstanceOf(PseudonymKeyChangedError);
    expect((carried as Error).message).toMatch(/--discard-drops/);
    expect((await liveKey(dir)).employee).toBe(hmacHex(envA.PSEUDONYM_KEY, NIP));

    await runEtl({
      env: envB,
      sources: [],
      staged: [employees()],
      steps: noMarts,
      mode: 'full',
      carryDrops: false,
    });
    expect(await liveKey(dir)).toEqual({
      employee: hmacHex(envB.PSEUDONYM_KEY, NIP),
      fingerprint: keyFingerprint(envB.PSEUDONYM_KEY),
    });
    // Same key again: incremental runs go on.
    await runEtl({ env: envB, sources: [], steps: noMarts, mode: 'incremental' });
  });
});

/**
 * A restore drill of 2026-12-06: a warehouse restored without its PSEUDONYM_KEY (the demo default
 * in use) was told to run a full build, then `--discard-drops`, both of which re-key every employee
 * under the public demo key; and a full run under a mistyped key re-keyed everyone without a word.
 */
describe('PSEUDONYM_KEY not set, or not the warehouse’s', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'etl-key-unset-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the demo default on a warehouse built under a real key says the key is not set, in an incremental and a full run', async () => {
    const real = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'a-real-secret-0123456789' });
    await runEtl({ env: real, sources: [], staged: [employees()], steps: noMarts });
    const unset = readEnv({ WAREHOUSE_DIR: dir });
    for (const mode of ['incremental', 'full'] as const) {
      const refused = await runEtl({ env: unset, sources: [], steps: noMarts, mode }).catch(
        (e: unknown) => e,
      );
      expect(refused, mode).toBeInstanceOf(PseudonymKeyChangedError);
      const message = (refused as Error).message;
      expect(message, mode).toMatch(
        /^PSEUDONYM_KEY is not set: the public demo default is in use, but snapshot /,
      );
      expect(message, mode).toContain(`(fingerprint ${keyFingerprint(real.PSEUDONYM_KEY)}, demo `);
      expect(message, mode).not.toMatch(/--full|--discard-drops/);
    }
    expect((await liveKey(dir)).employee).toBe(hmacHex(real.PSEUDONYM_KEY, NIP));
  });

  it('a full run under another key with nothing to carry re-keys, and says so', async () => {
    const envA = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'key-A-0123456789abcdef' });
    const envB = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'key-B-0123456789abcdef' });
    await runEtl({ env: envA, sources: [], steps: noMarts });
    const live = await readCurrent(dir);
    const logs: string[] = [];
    await runEtl({
      env: envB,
      sources: [],
      steps: noMarts,
      mode: 'full',
      onProgress: (e) => e.kind === 'log' && logs.push(e.message),
    });
    expect(logs.filter((m) => m.includes('re-keys every employee'))).toEqual([
      `PSEUDONYM_KEY differs from the one snapshot ${live?.id} was built under (key fingerprint ${keyFingerprint(envA.PSEUDONYM_KEY)}, now ${keyFingerprint(envB.PSEUDONYM_KEY)}): ` +
        'this full run re-keys every employee; its keys will not join with earlier snapshots or exports. ' +
        `If the key was not rotated on purpose, stop and set the warehouse key (the run publishes a new snapshot; roll back with npm run snapshots -- --rollback ${live?.id}).`,
    ]);
    // The same key again: nothing to say.
    const again: string[] = [];
    await runEtl({
      env: envB,
      sources: [],
      steps: noMarts,
      mode: 'full',
      onProgress: (e) => e.kind === 'log' && again.push(e.message),
    });
    expect(again.some((m) => m.includes('re-keys'))).toBe(false);
  });
});
