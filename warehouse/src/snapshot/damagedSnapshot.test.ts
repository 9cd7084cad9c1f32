import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beginBuild } from './beginBuild.ts';
import { readCurrent } from './currentPointer.ts';
import { listSnapshots } from './listSnapshots.ts';
import { rollbackSnapshot } from './rollbackSnapshot.ts';
import type { CurrentDamagedError } from './snapshotErrors.ts';
import { snapshotLayout } from './snapshotLayout.ts';
import { damageTableBlock } from './testing/damageBlock.ts';
import { publishTestSnapshot, readTestSnapshot } from './testing/publishTestSnapshot.ts';
import { verifySnapshot } from './verifySnapshot.ts';

/** Publishes an incremental snapshot that keeps everything of the live one and adds `marts.kept`. */
async function publishWithKeptMart(dir: string, label: string): Promise<string> {
  const build = await beginBuild(dir, { mode: 'incremental', log: () => undefined });
  await build.db.exec(`create schema if not exists marts`);
  await build.db.exec(
    `create table if not exists marts.kept as select 'k' || i as code, i * 1.5 as amount from range(20000) r(i)`,
  );
  return (await build.publish({ label })).id;
}

describe('a damaged block in the live snapshot', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-damaged-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes the metadata check but not the deep one, which names the table', async () => {
    const a = await publishTestSnapshot(dir, 'a', { rows: 5000 });
    const file = snapshotLayout(dir).snapshotFile(a.id);
    await damageTableBlock(file, 'main.t');
    await expect(verifySnapshot(a.id, file)).resolves.toBeUndefined();
    await expect(verifySnapshot(a.id, file, { deep: true })).rejects.toMatchObject({
      code: 'SNAPSHOT_DAMAGED',
      tables: ['main.t'],
      message: expect.stringMatching(/reading main\.t failed .*checksum/),
    });
  });

  it('an intact snapshot passes the deep check, every row read', async () => {
    const a = await publishTestSnapshot(dir, 'a', { rows: 5000 });
    await publishWithKeptMart(dir, 'b');
    const live = await readCurrent(dir);
    const check = await verifySnapshot(live!.id, join(dir, live!.file), { deep: true });
    expect(check).toMatchObject({ tables: 2, rows: 25_000 });
    expect((await verifySnapshot(a.id, snapshotLayout(dir).snapshotFile(a.id), { deep: true }))?.rows).toBe(
      5000,
    );
  });

  it('refuses an incremental build on it: nothing built, published or pruned, and the way out named', async () => {
    const a = await publishTestSnapshot(dir, 'a', { rows: 5000 });
    const b = await publishWithKeptMart(dir, 'b');
    await damageTableBlock(snapshotLayout(dir).snapshotFile(b), 'marts.kept');
    const before = await readdir(snapshotLayout(dir).snapshotsDir);
    const logs: string[] = [];
    const error = await beginBuild(dir, { mode: 'incremental', keep: 1, log: (m) => logs.push(m) }).then(
      async (build) => {
        // The old code built on the copy: publish it, as a quiet run does, to show what got out.
        await build.publish({ label: 'c' });
        return null;
      },
      (e: unknown) => e as Error & { code?: string; tables?: string[] },
    );
    expect(error?.code).toBe('SNAPSHOT_DAMAGED');
    expect(error?.tables).toContain('marts.kept');
    expect(error?.message).toContain(`The live snapshot ${b} is damaged: reading marts.kept`);
    expect(error?.message).toContain('npm run etl -- --full');
    expect(error?.message).toContain(`npm run snapshots -- --rollback ${a.id}`);
    expect((await readCurrent(dir))?.id).toBe(b);
    expect(await readdir(snapshotLayout(dir).snapshotsDir)).toEqual(before);
    // The lock was released: the rollback it names works, and a build on that snapshot publishes.
    await rollbackSnapshot(dir, a.id, () => undefined);
    const c = await publishWithKeptMart(dir, 'c');
    expect(await readTestSnapshot(snapshotLayout(dir).snapshotFile(c))).toEqual([{ label: 'a', n: 5000 }]);
  });

  it('says so when no other kept snapshot reads back either', async () => {
    const a = await publishTestSnapshot(dir, 'a', { rows: 5000 });
    const b = await publishWithKeptMart(dir, 'b');
    await damageTableBlock(snapshotLayout(dir).snapshotFile(a.id), 'main.t');
    await damageTableBlock(snapshotLayout(dir).snapshotFile(b), 'main.t');
    const error = await beginBuild(dir, { mode: 'incremental', log: () => undefined }).then(
      async (build) => {
        await build.abort();
        return null;
      },
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.code).toBe('SNAPSHOT_DAMAGED');
    expect(error?.message).toContain('no other kept snapshot reads back in full');
    expect(error?.message).not.toContain('--rollback');
    // A full build does not read the live file: it still works.
    await publishTestSnapshot(dir, 'c');
  });
});

describe('a damaged CURRENT pointer', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-current-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const [what, damage] of [
    ['empty', () => ''],
    ['torn', (text: string) => text.slice(0, 40)],
  ] as const) {
    it(`${what}: listed without a live mark and a warning, repaired by a rollback`, async () => {
      const a = await publishTestSnapshot(dir, 'a');
      const b = await publishTestSnapshot(dir, 'b');
      const current = snapshotLayout(dir).current;
      await writeFile(current, damage(await readFile(current, 'utf8')));

      const warnings: CurrentDamagedError[] = [];
      const kept = await listSnapshots(dir, { onDamagedCurrent: (e) => warnings.push(e) });
      expect(kept.map((s) => [s.id, s.live])).toEqual([
        [a.id, false],
        [b.id, false],
      ]);
      expect(warnings.map((w) => w.code)).toEqual(['CURRENT_DAMAGED']);
      await expect(readCurrent(dir)).rejects.toMatchObject({
        code: 'CURRENT_DAMAGED',
        kept: [b.id, a.id],
        message: expect.stringContaining(
          `npm run snapshots -- --rollback <id> (kept, newest first: ${b.id}, ${a.id};`,
        ),
      });

      const info = await rollbackSnapshot(dir, a.id, () => undefined);
      expect(info.id).toBe(a.id);
      expect((await readCurrent(dir))?.id).toBe(a.id);
      expect(JSON.parse(await readFile(current, 'utf8'))).toMatchObject({ id: a.id, file: a.file });
      expect((await listSnapshots(dir)).map((s) => [s.id, s.live])).toEqual([
        [a.id, true],
        [b.id, false],
      ]);
      // No temp file of the atomic write is left beside it.
      expect((await readdir(dir)).filter((n) => n.startsWith('.CURRENT'))).toEqual([]);
    });
  }

  it('a rollback alone repairs it', async () => {
    const a = await publishTestSnapshot(dir, 'a');
    await writeFile(snapshotLayout(dir).current, '');
    expect((await rollbackSnapshot(dir, a.id, () => undefined)).id).toBe(a.id);
    expect((await readCurrent(dir))?.id).toBe(a.id);
  });

  it('with nothing kept, the error says to delete CURRENT and run a full build', async () => {
    await writeFile(snapshotLayout(dir).current, '{"id": "x"');
    await expect(readCurrent(dir)).rejects.toMatchObject({
      code: 'CURRENT_DAMAGED',
      message: expect.stringContaining('No snapshot is kept to roll back to: delete'),
    });
  });
});
