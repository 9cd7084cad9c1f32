import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beginBuild, readCurrent } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotsCommand } from './snapshots-command.ts';

async function publish(dir: string, runId: string): Promise<string> {
  const build = await beginBuild(dir, { mode: 'full', log: () => undefined });
  await build.db.exec('CREATE TABLE t AS SELECT 1 AS i');
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
