import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildInProgressError, listRunRecords, readCurrent } from '@asn/warehouse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { DataTestsFailedError, runEtl } from './runEtl.ts';
import { stagedRows } from './testing/stagedRows.ts';
import { withLiveSnapshot } from './testing/warehouseContent.ts';
import type { EtlStage } from './types.ts';
import type { DataTestOutcome } from './warehouseSteps.ts';

/** Runs that must not publish: a second concurrent run, and a run whose data tests fail. */
const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };

const agencies = (name: string) =>
  stagedRows('agencies', [{ id: '1', code: 'SETDA', name, kind: 'sekretariat', valid_from: '2020-01-01' }]);

const liveName = (dir: string) =>
  withLiveSnapshot(dir, async (db) => (await db.all('select name from stg.agencies'))[0]?.name);

describe('runs that must not publish', () => {
  let dir: string;
  let env: ReturnType<typeof readEnv>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'etl-guards-'));
    env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a drop folder or xAPI file for a source the run does not read is refused, not ignored', async () => {
    for (const [options, message] of [
      [{ sources: [], filesDir: dir }, 'filesDir is read only with the files source'],
      [
        { sources: ['postgres', 'files'], filesDir: dir, xapiPaths: ['s.json'] },
        'xapiPaths is read only with the xapi source',
      ],
    ] as const) {
      await expect(runEtl({ env, steps: noMarts, ...options })).rejects.toThrow(message);
    }
    expect(await readCurrent(dir)).toBeNull();
  });

  it('refuses a second concurrent run with a readable BUILD_IN_PROGRESS error, and lets the first finish', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let reached: (stage: EtlStage) => void = () => undefined;
    const paused = new Promise<EtlStage>((r) => {
      reached = r;
    });
    const first = runEtl({
      env,
      sources: [],
      staged: [agencies('First')],
      steps: noMarts,
      onStage: async (stage) => {
        if (stage !== 'extracted') return;
        reached(stage);
        await gate;
      },
    });
    expect(await paused).toBe('extracted');

    const second = runEtl({ env, sources: [], staged: [agencies('Second')], steps: noMarts });
    const error = await second.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BuildInProgressError);
    expect((error as BuildInProgressError).code).toBe('BUILD_IN_PROGRESS');
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Another warehouse build is running \\(pid ${process.pid} on .+, started .+\\)\\. Wait for it to finish\\.`,
      ),
    );

    release();
    const done = await first;
    expect((await readCurrent(dir))?.id).toBe(done.snapshotId);
    expect(await liveName(dir)).toBe('First');
    // Both are on record: the refused one as failed with the same readable message.
    const runs = await listRunRecords(dir);
    expect(runs.map((r) => r.status).sort()).toEqual(['failed', 'succeeded']);
    const refused = runs.find((r) => r.status === 'failed');
    expect(refused?.error).toMatch(/^Another warehouse build is running/);
    expect(refused?.snapshotId).toBeNull();
  });

  it('records a run whose error-level data tests fail as failed, with its error, and publishes nothing', async () => {
    const ok = await runEtl({ env, sources: [], staged: [agencies('Before')], steps: noMarts });
    const failing: DataTestOutcome[] = [
      { name: 'unique_dim_agency_key', severity: 'error', status: 'fail', failingRows: 2 },
      { name: 'rows_in_fct_costs', severity: 'warn', status: 'fail', failingRows: 1 },
      { name: 'not_null_dim_agency_key', severity: 'error', status: 'pass', failingRows: 0 },
    ];
    const run = runEtl({
      env,
      sources: [],
      staged: [agencies('After')],
      steps: { buildMarts: async () => undefined, runDataTests: async () => failing },
    });
    await expect(run).rejects.toBeInstanceOf(DataTestsFailedError);
    await expect(run).rejects.toThrow(
      'data tests failed (error level): unique_dim_agency_key; nothing was published',
    );

    expect((await readCurrent(dir))?.id).toBe(ok.snapshotId);
    expect(await liveName(dir)).toBe('Before');
    const [record] = await listRunRecords(dir, { limit: 1 });
    expect(record).toMatchObject({
      status: 'failed',
      snapshotId: null,
      error: 'data tests failed (error level): unique_dim_agency_key; nothing was published',
      dataTests: { total: 3, failed: 2, errors: ['unique_dim_agency_key'] },
    });
    expect(record?.finishedAt).not.toBeNull();
    // The counts of the failed run are kept, and reconcile.
    expect(record?.tables).toEqual([
      expect.objectContaining({ table: 'agencies', read: 1, loaded: 1, quarantined: 0 }),
    ]);
    expect(await readdir(join(dir, 'scratch'))).toEqual([]);

    // A warn-level failure alone does not block publication.
    const warnOnly = await runEtl({
      env,
      sources: [],
      staged: [agencies('After')],
      steps: { buildMarts: async () => undefined, runDataTests: async () => failing.slice(1) },
    });
    expect((await readCurrent(dir))?.id).toBe(warnOnly.snapshotId);
    expect(await liveName(dir)).toBe('After');
  });
});
