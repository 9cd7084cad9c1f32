import { mkdtemp, readFile, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Db } from '../db/index.ts';
import { beginBuild } from './beginBuild.ts';
import { readCurrent, writeCurrent } from './currentPointer.ts';
import { listSnapshots } from './listSnapshots.ts';
import { rollbackSnapshot } from './rollbackSnapshot.ts';
import { snapshotLayout } from './snapshotLayout.ts';
import { SnapshotReader } from './snapshotReader.ts';
import { damageTableBlock } from './testing/damageBlock.ts';
import { publishTestSnapshot } from './testing/publishTestSnapshot.ts';
import { verifySnapshot } from './verifySnapshot.ts';

describe('rollbackSnapshot on an unreadable snapshot', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-rollback-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses with SNAPSHOT_UNREADABLE and leaves CURRENT on the live snapshot', async () => {
    const a = await publishTestSnapshot(dir, 'a', { rows: 5000 });
    const b = await publishTestSnapshot(dir, 'b');
    await truncate(snapshotLayout(dir).snapshotFile(a.id), 1024);
    const before = await readFile(snapshotLayout(dir).current, 'utf8');
    await expect(rollbackSnapshot(dir, a.id, () => undefined)).rejects.toMatchObject({
      code: 'SNAPSHOT_UNREADABLE',
      message: expect.stringContaining(`Snapshot ${a.id} cannot be read`),
    });
    expect(await readFile(snapshotLayout(dir).current, 'utf8')).toBe(before);
    expect((await readCurrent(dir))?.id).toBe(b.id);
    expect((await listSnapshots(dir)).filter((s) => s.live).map((s) => s.id)).toEqual([b.id]);
    // The build lock was released: a rollback to a readable one still works.
    await publishTestSnapshot(dir, 'c');
    expect((await rollbackSnapshot(dir, b.id, () => undefined)).id).toBe(b.id);
  });

  it('refuses a truncated file DuckDB still opens (its catalog lies before the cut)', async () => {
    const a = await publishTestSnapshot(dir, 'a', { rows: 300_000 });
    await publishTestSnapshot(dir, 'b');
    const file = snapshotLayout(dir).snapshotFile(a.id);
    const bytes = (await stat(file)).size;
    await truncate(file, bytes - 262_144);
    await expect(rollbackSnapshot(dir, a.id, () => undefined)).rejects.toMatchObject({
      code: 'SNAPSHOT_UNREADABLE',
      message: expect.stringContaining(`its header says ${bytes}: it was truncated`),
    });
  });

  it('refuses a file whose table data fails its checksum, which metadata alone does not show', async () => {
    const a = await publishTestSnapshot(dir, 'a', { rows: 5000 });
    const b = await publishTestSnapshot(dir, 'b');
    const file = snapshotLayout(dir).snapshotFile(a.id);
    await damageTableBlock(file, 'main.t');
    // The header, catalog and row counts still read: only the deep check finds the damage.
    await expect(verifySnapshot(a.id, file)).resolves.toBeUndefined();
    const before = await readFile(snapshotLayout(dir).current, 'utf8');
    await expect(rollbackSnapshot(dir, a.id, () => undefined)).rejects.toMatchObject({
      code: 'SNAPSHOT_UNREADABLE',
      message: expect.stringMatching(
        new RegExp(`Snapshot ${a.id} cannot be read .*reading main\\.t failed: .*checksum`),
      ),
    });
    expect(await readFile(snapshotLayout(dir).current, 'utf8')).toBe(before);
    expect((await readCurrent(dir))?.id).toBe(b.id);
  });

  it('refuses an empty snapshot file too', async () => {
    const a = await publishTestSnapshot(dir, 'a');
    await publishTestSnapshot(dir, 'b');
    await truncate(snapshotLayout(dir).snapshotFile(a.id), 0);
    await expect(rollbackSnapshot(dir, a.id, () => undefined)).rejects.toMatchObject({
      code: 'SNAPSHOT_UNREADABLE',
    });
  });
});

describe('SnapshotReader with an unreadable CURRENT at start', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-unreadable-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to open with one coded message naming the file and the newest readable kept snapshot', async () => {
    const a = await publishTestSnapshot(dir, 'a');
    const b = await publishTestSnapshot(dir, 'b', { rows: 5000 });
    await truncate(snapshotLayout(dir).snapshotFile(b.id), 1024);
    const error = await SnapshotReader.open(dir).then(
      () => null,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.code).toBe('SNAPSHOT_UNREADABLE');
    expect(error?.message).not.toContain('\n');
    expect(error?.message).toContain(`live snapshot ${b.id}`);
    expect(error?.message).toContain(join(dir, b.file));
    expect(error?.message).toContain(`npm run snapshots -- --rollback ${a.id}`);
  });

  it('refuses a truncated CURRENT that DuckDB still opens, and a running reader keeps its snapshot', async () => {
    const a = await publishTestSnapshot(dir, 'a', { rows: 300_000 });
    const b = await publishTestSnapshot(dir, 'b');
    const file = snapshotLayout(dir).snapshotFile(a.id);
    await truncate(file, (await stat(file)).size - 262_144);
    const warnings: string[] = [];
    const reader = await SnapshotReader.open(dir, { log: (m) => warnings.push(m) });
    try {
      await writeCurrent(dir, a);
      const lease = await reader.acquire();
      expect(lease.snapshot.id).toBe(b.id);
      lease.release();
      expect(warnings[0]).toMatch(
        new RegExp(`^Could not open snapshot ${a.id}, still serving ${b.id}: .*truncated`),
      );
    } finally {
      await reader.close();
    }
    await expect(SnapshotReader.open(dir)).rejects.toMatchObject({
      code: 'SNAPSHOT_UNREADABLE',
      message: expect.stringMatching(
        new RegExp(`^the live snapshot ${a.id} .*it was truncated; .*--rollback ${b.id}$`),
      ),
    });
  });

  it('says so when no kept snapshot is readable', async () => {
    const a = await publishTestSnapshot(dir, 'a');
    await writeCurrent(dir, a);
    await truncate(snapshotLayout(dir).snapshotFile(a.id), 1024);
    await expect(SnapshotReader.open(dir)).rejects.toMatchObject({
      code: 'SNAPSHOT_UNREADABLE',
      message: expect.stringContaining('no other kept snapshot is readable'),
    });
  });
});

describe('a snapshot whose freed tail DuckDB trimmed (review of 2026-12-05, revOps)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-trimmed-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is read, rolled back to and served: total_blocks counts blocks the file no longer holds', async () => {
    await publishTestSnapshot(dir, 'a');
    // An incremental build that frees its last blocks (a table rebuilt, the old one dropped), as every
    // second incremental ETL run on a demo world did.
    const build = await beginBuild(dir, { mode: 'incremental', log: () => undefined });
    await build.db.exec(`create table big as select range as x, range::varchar as s from range(2000000)`);
    await build.db.exec('checkpoint');
    await build.db.exec('drop table big');
    const b = await build.publish({ label: 'b' });
    const file = snapshotLayout(dir).snapshotFile(b.id);
    const db = await Db.open(file, { mode: 'read-only' });
    const [size] = await db.all<{ block_size: number; total_blocks: number; used_blocks: number }>(
      'select block_size, total_blocks, used_blocks from pragma_database_size()',
    );
    await db.close();
    // The state itself: fewer blocks in the file than total_blocks says (the old check refused it).
    expect((await stat(file)).size).toBeLessThan(
      3 * 4096 + Number(size!.block_size) * Number(size!.total_blocks),
    );
    await expect(verifySnapshot(b.id, file)).resolves.toBeUndefined();
    const reader = await SnapshotReader.open(dir);
    try {
      const lease = await reader.acquire();
      expect(lease.snapshot.id).toBe(b.id);
      lease.release();
    } finally {
      await reader.close();
    }
    await publishTestSnapshot(dir, 'c');
    expect((await rollbackSnapshot(dir, b.id, () => undefined)).id).toBe(b.id);
  });
});
