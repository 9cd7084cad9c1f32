import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRunRecords, readCurrent, snapshotLayout } from '@asn/warehouse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { damageTableBlock } from '../../../warehouse/src/snapshot/testing/damageBlock.ts';
import { readEnv } from '../env.ts';
import { runEtl } from './runEtl.ts';
import { stagedRows } from './testing/stagedRows.ts';
import { withLiveSnapshot } from './testing/warehouseContent.ts';
import type { WarehouseSteps } from './warehouseSteps.ts';

/** A mart a full run builds and an incremental run keeps as it is (its inputs did not change). */
const keptMart: WarehouseSteps = {
  async buildMarts(db, options) {
    if (options?.incremental) return;
    await db.exec('CREATE SCHEMA IF NOT EXISTS marts');
    await db.exec(
      `CREATE OR REPLACE TABLE marts.fct_kept AS SELECT i AS id, 'row ' || i AS label FROM range(20000) r(i)`,
    );
  },
  runDataTests: async () => [],
};

/** One agency from a spreadsheet drop (a source only the warehouse keeps). */
const agencies = () =>
  stagedRows('agencies', [
    { id: '1', code: 'SETDA', name: 'Sekretariat Daerah', kind: 'sekretariat', valid_from: '2020-01-01' },
  ]);

describe('an ETL run on a damaged warehouse', () => {
  let dir: string;
  let env: ReturnType<typeof readEnv>;
  const run = (options: { mode?: 'full'; carryDrops?: false; staged?: boolean } = {}) =>
    runEtl({
      env,
      sources: [],
      steps: keptMart,
      ...(options.staged ? { staged: [agencies()] } : {}),
      ...(options.mode ? { mode: options.mode } : {}),
      ...(options.carryDrops === false ? { carryDrops: false } : {}),
    });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'etl-damaged-'));
    env = readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789', SNAPSHOTS_KEEP: '2' });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('an incremental run refuses a live snapshot with a damaged block of a kept mart: nothing published or pruned', async () => {
    const a = await run({ staged: true });
    const b = await run();
    expect(b.mode).toBe('incremental');
    await damageTableBlock(snapshotLayout(dir).snapshotFile(b.snapshotId), 'marts.fct_kept');
    const files = await readdir(snapshotLayout(dir).snapshotsDir);

    const error = await run().then(
      () => null,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.code).toBe('SNAPSHOT_DAMAGED');
    expect(error?.message).toContain(
      `The live snapshot ${b.snapshotId} is damaged: reading marts.fct_kept failed`,
    );
    expect(error?.message).toContain('`npm run etl -- --full`');
    expect(error?.message).toContain(`npm run snapshots -- --rollback ${a.snapshotId}`);
    expect((await readCurrent(dir))?.id).toBe(b.snapshotId);
    expect(await readdir(snapshotLayout(dir).snapshotsDir)).toEqual(files);
    const runs = await listRunRecords(dir);
    expect(runs.find((r) => r.status === 'failed')?.error).toContain('is damaged: reading marts.fct_kept');

    // The full run it names does not need the damaged mart: it publishes, with the dropped agency.
    const full = await run({ mode: 'full' });
    expect((await readCurrent(dir))?.id).toBe(full.snapshotId);
    expect(await withLiveSnapshot(dir, (db) => db.all('select code from stg.agencies'))).toEqual([
      { code: 'SETDA' },
    ]);
  });

  it('a full run that cannot read the drops it carries says so and offers --discard-drops', async () => {
    const a = await run({ staged: true });
    await damageTableBlock(snapshotLayout(dir).snapshotFile(a.snapshotId), 'meta.pseudonym_key');
    await expect(run({ mode: 'full' })).rejects.toThrow(
      new RegExp(
        `cannot read the file-drop and xAPI rows of the live snapshot ${a.snapshotId} .*--discard-drops`,
      ),
    );
    expect((await readCurrent(dir))?.id).toBe(a.snapshotId);
    const fresh = await run({ mode: 'full', carryDrops: false, staged: true });
    expect((await readCurrent(dir))?.id).toBe(fresh.snapshotId);
  });

  it('a damaged CURRENT stops the run with an error naming the rollback and the kept snapshots', async () => {
    const a = await run({ staged: true });
    await writeFile(snapshotLayout(dir).current, '{"id": "');
    for (const mode of [undefined, 'full'] as const) {
      const error = await run(mode ? { mode } : {}).then(
        () => null,
        (e: unknown) => e as Error & { code?: string },
      );
      expect(error?.code).toBe('CURRENT_DAMAGED');
      expect(error?.message).toMatch(/^CURRENT is damaged \(.*CURRENT is not valid JSON/);
      expect(error?.message).toContain(
        `npm run snapshots -- --rollback <id> (kept, newest first: ${a.snapshotId};`,
      );
    }
  });
});
