import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beginBuild } from './beginBuild.ts';
import { readCurrent } from './currentPointer.ts';
import { listSnapshots } from './listSnapshots.ts';
import { pruneSnapshots } from './pruneSnapshots.ts';
import { rollbackSnapshot } from './rollbackSnapshot.ts';
import { BuildInProgressError } from './snapshotErrors.ts';
import { snapshotLayout } from './snapshotLayout.ts';
import { fillDisk } from './testing/fullDisk.ts';
import { publishTestSnapshot, readTestSnapshot } from './testing/publishTestSnapshot.ts';

const quiet = () => undefined;
const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('beginBuild / publish', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-snapshot-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds, publishes atomically and the result is readable read-only', async () => {
    const info = await publishTestSnapshot(dir, 'first', { rows: 4 });
    expect(info).toMatchObject({
      file: `snapshots/${info.id}.duckdb`,
      mode: 'full',
      basedOn: null,
      meta: { label: 'first' },
    });
    expect(await readCurrent(dir)).toEqual(info);
    expect(await readTestSnapshot(join(dir, info.file))).toEqual([{ label: 'first', n: 4 }]);
    // Nothing left behind: no building file, no WAL, no lock, no temp files.
    expect((await readdir(join(dir, 'snapshots'))).sort()).toEqual([`${info.id}.duckdb`, `${info.id}.json`]);
    expect((await readdir(dir)).sort()).toEqual(['CURRENT', 'snapshots']);
  });

  it('incremental builds start from a copy and never modify the live file', async () => {
    const base = await publishTestSnapshot(dir, 'base', { rows: 3 });
    const livePath = join(dir, base.file);
    const before = { hash: await sha256(livePath), mtimeMs: (await stat(livePath)).mtimeMs };

    const build = await beginBuild(dir, { mode: 'incremental', log: quiet });
    expect(build.basedOn?.id).toBe(base.id);
    await build.db.appendRows('t', ['label', 'i'], [['delta', 1]]);
    expect(await build.db.all('select label, count(*) as n from t group by label order by label')).toEqual([
      { label: 'base', n: 3 },
      { label: 'delta', n: 1 },
    ]);
    const info = await build.publish();

    expect(info.basedOn).toBe(base.id);
    expect(await sha256(livePath)).toBe(before.hash);
    expect((await stat(livePath)).mtimeMs).toBe(before.mtimeMs);
    expect(await readTestSnapshot(livePath)).toEqual([{ label: 'base', n: 3 }]);
    expect(await readTestSnapshot(join(dir, info.file))).toEqual([
      { label: 'base', n: 3 },
      { label: 'delta', n: 1 },
    ]);
  });

  it('an incremental build with nothing published starts empty and says so', async () => {
    const messages: string[] = [];
    const build = await beginBuild(dir, { mode: 'incremental', log: (m) => messages.push(m) });
    expect(build.basedOn).toBeNull();
    expect(
      await build.db.all(
        'select count(*) as n from duckdb_tables() where database_name = current_database()',
      ),
    ).toEqual([{ n: 0 }]);
    await build.abort();
    expect(messages).toEqual([expect.stringContaining('nothing is published yet')]);
  });

  it('abort discards the build and leaves the live snapshot as it was', async () => {
    const base = await publishTestSnapshot(dir, 'base');
    const build = await beginBuild(dir, { mode: 'incremental', log: quiet });
    await build.db.exec('delete from t');
    await build.abort();
    await build.abort();
    expect(await readCurrent(dir)).toEqual(base);
    expect(await readTestSnapshot(join(dir, base.file))).toEqual([{ label: 'base', n: 3 }]);
    expect((await readdir(join(dir, 'snapshots'))).sort()).toEqual([`${base.id}.duckdb`, `${base.id}.json`]);
    await expect(readFile(snapshotLayout(dir).lock)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a second concurrent build with a message naming the holder', async () => {
    const first = await beginBuild(dir, { mode: 'full', log: quiet });
    const second = beginBuild(dir, { mode: 'full', log: quiet });
    await expect(second).rejects.toBeInstanceOf(BuildInProgressError);
    await expect(second).rejects.toThrow(
      new RegExp(
        `Another warehouse build is running \\(pid ${process.pid} on .*, started \\d{4}-\\d\\d-\\d\\dT`,
      ),
    );
    await expect(second).rejects.toMatchObject({ code: 'BUILD_IN_PROGRESS' });
    // The refused build created nothing; the first one is unaffected and can publish.
    expect((await readdir(join(dir, 'snapshots'))).filter((n) => n.startsWith('.building-'))).toHaveLength(1);
    await first.db.exec('create table t (label varchar, i integer)');
    await first.publish();
    const next = await beginBuild(dir, { mode: 'incremental', log: quiet });
    await next.abort();
  });

  it('takes over a stale lock whose pid is dead, with a message', async () => {
    const layout = snapshotLayout(dir);
    await mkdir(layout.snapshotsDir, { recursive: true });
    const pid = deadPid();
    await writeFile(
      layout.lock,
      JSON.stringify({
        pid,
        hostname: hostname(),
        startedAt: '2026-01-01T00:00:00.000Z',
        purpose: 'build x',
      }),
    );
    await writeFile(join(layout.snapshotsDir, '.building-20260101T000000000Z-dead.duckdb'), 'half a build');
    // A run record whose atomic write was cut (a kill, a full disk): removed too.
    await mkdir(join(dir, 'runs'), { recursive: true });
    await writeFile(join(dir, 'runs', '.20260101T000000000Z-dead.json.tmp-1-2'), '');

    const messages: string[] = [];
    const build = await beginBuild(dir, { mode: 'full', log: (m) => messages.push(m) });
    expect(messages).toEqual([
      `Taking over stale build lock: pid ${pid} (build x, started 2026-01-01T00:00:00.000Z) is no longer running.`,
      'Removed files left by earlier killed builds: .building-20260101T000000000Z-dead.duckdb',
    ]);
    expect(JSON.parse(await readFile(layout.lock, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(await readdir(join(dir, 'runs'))).toEqual([]);
    await build.abort();
  });

  /**
   * DuckDB spills a build that outgrows its memory into `.building-<id>.duckdb.tmp/`, its temp
   * directory; a SIGKILLed (or OOM-killed) build leaves it. Every later run then failed with
   * `ERR_FS_EISDIR: Path is a directory: rm returned EISDIR` (review of 2026-12-06, diskfull).
   */
  it('removes the spill directory of a killed build, never following a symlink out of snapshots', async () => {
    const layout = snapshotLayout(dir);
    await mkdir(layout.snapshotsDir, { recursive: true });
    const killed = '.building-20260101T000000000Z-dead.duckdb';
    await writeFile(join(layout.snapshotsDir, killed), 'half a build');
    await mkdir(join(layout.snapshotsDir, `${killed}.tmp`));
    await writeFile(join(layout.snapshotsDir, `${killed}.tmp`, 'duckdb_temp_storage_S32K-0.tmp'), 'spilled');
    // A spill directory's name that is a symlink: the link goes, what it points at stays.
    const outside = await mkdtemp(join(tmpdir(), 'warehouse-outside-'));
    try {
      await writeFile(join(outside, 'keep.txt'), 'not the warehouse');
      const linked = '.building-20260101T000000000Z-beef.duckdb.tmp';
      await symlink(outside, join(layout.snapshotsDir, linked));
      expect(await readlink(join(layout.snapshotsDir, linked))).toBe(outside);
      // A directory that is not a build's spill directory is not ours: left alone, and no failure.
      await mkdir(join(layout.snapshotsDir, '.building-notes'));
      await writeFile(join(layout.snapshotsDir, '.building-notes', 'mine.txt'), 'an operator note');

      const messages: string[] = [];
      const build = await beginBuild(dir, { mode: 'full', log: (m) => messages.push(m) });
      const prefix = 'Removed files left by earlier killed builds: ';
      expect(messages).toEqual([expect.stringMatching(new RegExp(`^${prefix}`))]);
      expect(messages[0]?.slice(prefix.length).split(', ').sort()).toEqual(
        [killed, `${killed}.tmp`, linked].sort(),
      );
      expect((await readdir(layout.snapshotsDir)).sort()).toEqual([
        `.building-${build.id}.duckdb`,
        '.building-notes',
      ]);
      expect(await readFile(join(outside, 'keep.txt'), 'utf8')).toBe('not the warehouse');
      expect(await readFile(join(layout.snapshotsDir, '.building-notes', 'mine.txt'), 'utf8')).toBe(
        'an operator note',
      );
      await build.db.exec('create table t (label varchar, i integer)');
      expect((await build.publish()).id).toBe(build.id);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("abort removes the build's WAL, even one DuckDB's close left behind", async () => {
    const build = await beginBuild(dir, { mode: 'full', log: quiet });
    await build.db.exec('create table t (label varchar, i integer)');
    // DuckDB folds its WAL in and removes it on a clean close: a WAL still there after the close
    // (one the close could not fold in) is left for abort to remove.
    await build.db.close();
    await writeFile(`${snapshotLayout(dir).buildingFile(build.id)}.wal`, 'a write-ahead log');
    expect((await readdir(join(dir, 'snapshots'))).sort()).toEqual([
      `.building-${build.id}.duckdb`,
      `.building-${build.id}.duckdb.wal`,
    ]);
    await build.abort();
    expect(await readdir(join(dir, 'snapshots'))).toEqual([]);
    await expect(readFile(snapshotLayout(dir).lock)).rejects.toThrow(/ENOENT/);
  });

  it("abort, and a build that fails to begin, remove the build's spill directory", async () => {
    const spill = async (id: string) => {
      const path = `${snapshotLayout(dir).buildingFile(id)}.tmp`;
      await mkdir(path);
      await writeFile(join(path, 'duckdb_temp_storage_S32K-0.tmp'), 'spilled');
    };
    const build = await beginBuild(dir, { mode: 'full', log: quiet });
    await spill(build.id);
    await build.abort();
    expect(await readdir(join(dir, 'snapshots'))).toEqual([]);

    const failed = beginBuild(dir, {
      mode: 'full',
      log: quiet,
      onStep: async (step, id) => {
        await spill(id);
        throw new Error(`stopped at ${step}`);
      },
    });
    await expect(failed).rejects.toThrow('stopped at begun');
    expect(await readdir(join(dir, 'snapshots'))).toEqual([]);
    await expect(readFile(snapshotLayout(dir).lock)).rejects.toThrow(/ENOENT/);
  });

  it('a pointer that cannot be written removes the renamed, never-published file at once', async () => {
    const base = await publishTestSnapshot(dir, 'base');
    const build = await beginBuild(dir, { mode: 'incremental', log: quiet });
    await build.db.exec('delete from t');
    const freeSpace = fillDisk(dir, (path) => path.includes('.CURRENT.tmp-'));
    try {
      await expect(build.publish()).rejects.toMatchObject({
        code: 'ENOSPC',
        message: `cannot write snapshot pointer ${snapshotLayout(dir).current}: ENOSPC: no space left on device`,
      });
    } finally {
      freeSpace();
    }
    expect(await readCurrent(dir)).toEqual(base);
    expect((await readdir(join(dir, 'snapshots'))).sort()).toEqual([`${base.id}.duckdb`, `${base.id}.json`]);
    await expect(readFile(snapshotLayout(dir).lock)).rejects.toThrow(/ENOENT/);
  });

  it('the first publish ever, its pointer not written, removes the renamed file too (no CURRENT names any)', async () => {
    const build = await beginBuild(dir, { mode: 'full', log: quiet });
    await build.db.exec('create table t (label varchar, i integer)');
    const freeSpace = fillDisk(dir, (path) => path.includes('.CURRENT.tmp-'));
    try {
      await expect(build.publish()).rejects.toMatchObject({ code: 'ENOSPC' });
    } finally {
      freeSpace();
    }
    expect(await readCurrent(dir)).toBeNull();
    expect(await readdir(join(dir, 'snapshots'))).toEqual([]);
    await expect(readFile(snapshotLayout(dir).lock)).rejects.toThrow(/ENOENT/);
  });

  it('a failure once CURRENT cannot be read keeps the renamed file: it may be the live one', async () => {
    const base = await publishTestSnapshot(dir, 'base');
    const build = await beginBuild(dir, {
      mode: 'incremental',
      log: quiet,
      onStep: async (step) => {
        if (step !== 'pointer-swapped') return;
        await writeFile(snapshotLayout(dir).current, '{torn');
        throw new Error('stopped after the swap');
      },
    });
    await build.db.appendRows('t', ['label', 'i'], [['delta', 1]]);
    await expect(build.publish()).rejects.toThrow('stopped after the swap');
    await expect(readCurrent(dir)).rejects.toMatchObject({ code: 'CURRENT_DAMAGED' });
    // Its publish marker with it: whoever repairs CURRENT, the next cleanup judges the two together.
    expect((await readdir(join(dir, 'snapshots'))).sort()).toEqual(
      [`${base.id}.duckdb`, `${base.id}.json`, `${build.id}.duckdb`, `.publishing-${build.id}`].sort(),
    );
    // Listed while CURRENT is damaged (it may be the live one), so a rollback can make it live.
    expect((await listSnapshots(dir)).map((s) => s.id)).toEqual([base.id, build.id]);
    expect(await readTestSnapshot(join(dir, 'snapshots', `${build.id}.duckdb`))).toEqual([
      { label: 'base', n: 3 },
      { label: 'delta', n: 1 },
    ]);
  });

  it('a failure after the pointer swap keeps the snapshot CURRENT names', async () => {
    const base = await publishTestSnapshot(dir, 'base');
    const build = await beginBuild(dir, {
      mode: 'incremental',
      log: quiet,
      onStep: (step) => {
        if (step === 'pointer-swapped') throw new Error('stopped after the swap');
      },
    });
    await build.db.appendRows('t', ['label', 'i'], [['delta', 1]]);
    await expect(build.publish()).rejects.toThrow('stopped after the swap');
    const live = await readCurrent(dir);
    expect(live?.id).toBe(build.id);
    expect(await readTestSnapshot(join(dir, live?.file ?? ''))).toEqual([
      { label: 'base', n: 3 },
      { label: 'delta', n: 1 },
    ]);
    expect(await readTestSnapshot(join(dir, base.file))).toEqual([{ label: 'base', n: 3 }]);
  });

  it('takes over a lock whose pid now belongs to a process started after it (a reused pid)', async () => {
    const layout = snapshotLayout(dir);
    await mkdir(layout.snapshotsDir, { recursive: true });
    // A live process started after the lock was written: the killed holder's pid, given to it.
    const later = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await writeFile(
        layout.lock,
        JSON.stringify({
          pid: later.pid,
          hostname: hostname(),
          startedAt: '2026-01-01T00:00:00.000Z',
          purpose: 'build x',
        }),
      );
      const messages: string[] = [];
      const build = await beginBuild(dir, { mode: 'full', log: (m) => messages.push(m) });
      expect(messages).toEqual([
        `Taking over stale build lock: pid ${later.pid} (build x, started 2026-01-01T00:00:00.000Z) is no longer running (the pid now belongs to a process started later).`,
      ]);
      await build.abort();
      // The same pid with a lock written after the process started is a live holder: refused.
      await writeFile(
        layout.lock,
        JSON.stringify({
          pid: later.pid,
          hostname: hostname(),
          startedAt: new Date().toISOString(),
          purpose: 'build y',
        }),
      );
      await expect(beginBuild(dir, { mode: 'full', log: quiet })).rejects.toMatchObject({
        code: 'BUILD_IN_PROGRESS',
      });
    } finally {
      later.kill();
    }
  });

  it('keeps the last N snapshots and never prunes the live one', async () => {
    const published = [];
    for (const label of ['a', 'b', 'c', 'd'])
      published.push(await publishTestSnapshot(dir, label, { keep: 2 }));
    const ids = published.map((p) => p.id);
    expect((await listSnapshots(dir)).map((s) => [s.id, s.live])).toEqual([
      [ids[2], false],
      [ids[3], true],
    ]);

    // After a rollback the live snapshot is the oldest one, yet pruning to 1 keeps it (and the newest
    // one); once a new snapshot is live, both older ones go.
    await rollbackSnapshot(dir, ids[2]!, quiet);
    expect(await pruneSnapshots(dir, 1)).toEqual([]);
    expect((await listSnapshots(dir)).map((s) => [s.id, s.live])).toEqual([
      [ids[2], true],
      [ids[3], false],
    ]);
    const e = await publishTestSnapshot(dir, 'e', { keep: 1 });
    expect((await listSnapshots(dir)).map((s) => s.id)).toEqual([e.id]);
    expect((await readdir(join(dir, 'snapshots'))).sort()).toEqual([`${e.id}.duckdb`, `${e.id}.json`]);
  });

  it('rollback re-points CURRENT at a kept snapshot and refuses unknown ids', async () => {
    const a = await publishTestSnapshot(dir, 'a');
    const b = await publishTestSnapshot(dir, 'b');
    expect((await readCurrent(dir))?.id).toBe(b.id);
    expect(await rollbackSnapshot(dir, a.id, quiet)).toEqual(a);
    expect(await readCurrent(dir)).toEqual(a);
    await expect(rollbackSnapshot(dir, '20990101T000000000Z-0000', quiet)).rejects.toMatchObject({
      code: 'SNAPSHOT_NOT_FOUND',
    });
    // The next incremental build starts from the rolled-back snapshot.
    const build = await beginBuild(dir, { mode: 'incremental', log: quiet });
    expect(build.basedOn?.id).toBe(a.id);
    await build.abort();
  });
});
