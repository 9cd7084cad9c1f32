import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beginBuild, readCurrent, snapshotLayout } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { damageTableBlock } from '../../../warehouse/src/snapshot/testing/damageBlock.ts';
import { snapshotsCommand } from './snapshots-command.ts';

async function publish(dir: string, runId: string, rows = 1): Promise<string> {
  const build = await beginBuild(dir, { mode: 'full', log: () => undefined });
  await build.db.exec(`CREATE TABLE t AS SELECT i FROM range(${rows}) r(i)`);
  return (await build.publish({ runId })).id;
}

describe('npm run snapshots', () => {
  let dir: string;
  let first: string;
  let second: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asn-snapshots-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('says there is nothing yet in an empty warehouse', async () => {
    const r = await snapshotsCommand(dir, {});
    expect(r).toEqual({ code: 0, out: [`no snapshot in ${dir} yet: run npm run etl`], err: [] });
  });

  it('lists the kept snapshots newest first, the live one starred, with their ETL runs', async () => {
    first = await publish(dir, 'run-1');
    second = await publish(dir, 'run-2');
    const r = await snapshotsCommand(dir, {});
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^live\s+snapshot\s+published \(UTC\)\s+mode\s+based on\s+ETL run$/);
    expect(r.out[1]).toMatch(new RegExp(`^\\*\\s+${second}\\s+\\S+Z\\s+full\\s+run-2$`));
    expect(r.out[2]).toMatch(new RegExp(`^\\s+${first}\\s+\\S+Z\\s+full\\s+run-1$`));
    expect(r.out.at(-1)).toContain('--rollback <snapshot>');
  });

  it('rolls back to a kept snapshot and lists it as live', async () => {
    const r = await snapshotsCommand(dir, { rollback: first });
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out[0]).toContain(`live snapshot is now ${first}`);
    expect((await readCurrent(dir))?.id).toBe(first);
    const list = await snapshotsCommand(dir, {});
    expect(list.out[2]).toMatch(new RegExp(`^\\*\\s+${first}`));
  });

  it('refuses an unknown snapshot, and a rollback during a build, with the reason code', async () => {
    const unknown = await snapshotsCommand(dir, { rollback: '20200101T000000000Z-0000' });
    expect(unknown.code).toBe(1);
    expect(unknown.err[0]).toMatch(/^rollback refused \(SNAPSHOT_NOT_FOUND\)/);
    const build = await beginBuild(dir, { mode: 'full', log: () => undefined });
    try {
      const busy = await snapshotsCommand(dir, { rollback: second });
      expect(busy.code).toBe(1);
      expect(busy.err[0]).toMatch(/^rollback refused \(BUILD_IN_PROGRESS\)/);
    } finally {
      await build.abort();
    }
    expect((await readCurrent(dir))?.id).toBe(first);
  });
});

describe('npm run snapshots -- --verify, and a damaged CURRENT', () => {
  let dir: string;
  let first: string;
  let second: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asn-snapshots-verify-'));
    first = await publish(dir, 'run-1', 5000);
    second = await publish(dir, 'run-2', 5000);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads every kept snapshot back, newest first, and exits 0 when all do', async () => {
    const r = await snapshotsCommand(dir, { verify: true });
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      expect.stringMatching(
        new RegExp(`^ok\\s+${second} \\(live\\): 1 tables, 5000 rows read back in [0-9.]+ s$`),
      ),
      expect.stringMatching(new RegExp(`^ok\\s+${first}: 1 tables, 5000 rows read back`)),
    ]);
    expect(r.err).toEqual([]);
  });

  it('reports a damaged snapshot with the table, exits 1, and names the way out', async () => {
    await damageTableBlock(snapshotLayout(dir).snapshotFile(second), 'main.t');
    const all = await snapshotsCommand(dir, { verify: true });
    expect(all.code).toBe(1);
    expect(all.out).toEqual([
      `DAMAGED  ${second} (live)`,
      expect.stringMatching(new RegExp(`^ok\\s+${first}:`)),
    ]);
    expect(all.err[0]).toMatch(
      new RegExp(`^${second} \\(SNAPSHOT_DAMAGED\\): Snapshot ${second} is damaged: reading main\\.t failed`),
    );
    expect(all.err[1]).toBe(
      `The live snapshot is damaged: run a full build (npm run etl -- --full), or roll back to ${first} (npm run snapshots -- --rollback ${first}).`,
    );
    const one = await snapshotsCommand(dir, { verify: first });
    expect(one).toMatchObject({ code: 0, err: [] });
    expect(one.out).toHaveLength(1);
    const unknown = await snapshotsCommand(dir, { verify: '20200101T000000000Z-0000' });
    expect(unknown.code).toBe(1);
    expect(unknown.err[0]).toMatch(/^verify refused \(SNAPSHOT_NOT_FOUND\)/);
  });

  it('lists the kept snapshots with a damaged CURRENT, none starred, with a warning naming it', async () => {
    await writeFile(snapshotLayout(dir).current, '');
    const r = await snapshotsCommand(dir, {});
    expect(r.code).toBe(0);
    expect(r.out[1]).toMatch(new RegExp(`^\\s+${second}\\s`));
    expect(r.out[2]).toMatch(new RegExp(`^\\s+${first}\\s`));
    expect(r.err).toEqual([
      expect.stringMatching(/^warning \(CURRENT_DAMAGED\): CURRENT is damaged \(.*not valid JSON/),
    ]);
    expect(r.err[0]).toContain(
      `npm run snapshots -- --rollback <id> (kept, newest first: ${second}, ${first};`,
    );
  });

  it('a rollback to a readable kept snapshot rewrites the damaged CURRENT', async () => {
    const r = await snapshotsCommand(dir, { rollback: first });
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out[0]).toBe(
      `live snapshot is now ${first} (published ${(await readCurrent(dir))?.publishedAt}); the damaged CURRENT was rewritten`,
    );
    expect(JSON.parse(await readFile(snapshotLayout(dir).current, 'utf8')).id).toBe(first);
    const list = await snapshotsCommand(dir, {});
    expect(list.err).toEqual([]);
    expect(list.out[2]).toMatch(new RegExp(`^\\*\\s+${first}`));
  });
});

describe('npm run snapshots -- --rollback, after a restore without manifests', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asn-snapshots-restored-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('says which snapshots got their manifests back, then the result', async () => {
    const older = await publish(dir, 'run-1');
    await publish(dir, 'run-2');
    // Restored from a backup of `*.duckdb` and CURRENT only: the older one's manifest is missing.
    await rm(snapshotLayout(dir).manifestFile(older));
    const r = await snapshotsCommand(dir, { rollback: older });
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(
      `Found snapshot ${older} without its manifest (restored from a backup?): kept, manifest rebuilt`,
    );
    expect(r.out[1]).toContain(`live snapshot is now ${older}`);
    expect((await readCurrent(dir))?.id).toBe(older);
  });
});
