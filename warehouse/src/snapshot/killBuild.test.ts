import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBuildLock } from './buildLock.ts';
import { cleanupStale } from './cleanupStale.ts';
import { readCurrent } from './currentPointer.ts';
import { listSnapshots } from './listSnapshots.ts';
import { publishTestSnapshot, readTestSnapshot } from './testing/publishTestSnapshot.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const fixture = join(import.meta.dirname, 'testing', 'buildFixture.ts');

interface FixtureRun {
  readonly child: ChildProcess;
  /** Resolves with the first `PAUSED x` / `PUBLISHED id` line, or rejects when the child exits first. */
  readonly reached: Promise<string>;
  readonly exited: Promise<number | null>;
}

/** Runs testing/buildFixture.ts in a child process (the builder must be a separate process to kill). */
function runFixture(dir: string, mode: 'full' | 'incremental', label: string, pauseAt?: string): FixtureRun {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir, mode, label, '1000'], {
    cwd: repoRoot,
    env: { ...process.env, SNAPSHOT_FIXTURE_PAUSE_AT: pauseAt ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const reached = new Promise<string>((done, fail) => {
    let stdout = '';
    child.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
      const line = stdout.split('\n').find((l) => l.startsWith('PAUSED ') || l.startsWith('PUBLISHED '));
      if (line) done(line);
    });
    void exited.then((code) =>
      fail(new Error(`fixture exited (${code}) before reaching a point:\n${stderr}`)),
    );
  });
  return { child, reached, exited };
}

async function killAt(dir: string, mode: 'full' | 'incremental', point: string): Promise<void> {
  const run = runFixture(dir, mode, 'doomed', point);
  expect(await run.reached).toBe(`PAUSED ${point}`);
  run.child.kill('SIGKILL');
  await run.exited;
}

describe('a builder killed with SIGKILL', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-kill-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes normally when not interrupted (the fixture itself works)', async () => {
    const run = runFixture(dir, 'full', 'child');
    const line = await run.reached;
    expect(await run.exited).toBe(0);
    const current = await readCurrent(dir);
    expect(line).toBe(`PUBLISHED ${current?.id}`);
    expect(await readTestSnapshot(join(dir, current!.file))).toEqual([{ label: 'child', n: 1000 }]);
  });

  it.each([
    ['begun', 'incremental'],
    ['mid-write', 'incremental'],
    ['mid-write', 'full'],
    ['checkpointed', 'incremental'],
    ['renamed', 'incremental'],
  ] as const)(
    'at "%s" (%s) leaves the previous snapshot live and the next build succeeds',
    async (point, mode) => {
      const before = await publishTestSnapshot(dir, 'old', { rows: 3 });

      await killAt(dir, mode, point);

      // The killed run left its lock and files behind, but the live snapshot is untouched.
      const lock = await readBuildLock(dir);
      expect(lock).not.toBe('gone');
      expect(await readCurrent(dir)).toEqual(before);
      expect(await readTestSnapshot(join(dir, before.file))).toEqual([{ label: 'old', n: 3 }]);
      expect((await listSnapshots(dir)).map((s) => s.id)).toEqual([before.id]);
      const leftovers = (await readdir(join(dir, 'snapshots'))).filter(
        (n) => n !== `${before.id}.duckdb` && n.endsWith('.duckdb'),
      );
      // Killed after the rename, the complete but never-published file is an orphan; earlier, a .building- file.
      expect(leftovers).toEqual([
        point === 'renamed' ? expect.stringMatching(/^\d{8}T/) : expect.stringMatching(/^\.building-/),
      ]);

      // The next build (another process again) takes over the stale lock, cleans up and publishes.
      const next = runFixture(dir, 'incremental', 'next');
      expect(await next.reached).toMatch(/^PUBLISHED /);
      expect(await next.exited).toBe(0);
      const after = await readCurrent(dir);
      expect(after?.basedOn).toBe(before.id);
      expect(await readTestSnapshot(join(dir, after!.file))).toEqual([
        { label: 'next', n: 1000 },
        { label: 'old', n: 3 },
      ]);
      const files = await readdir(join(dir, 'snapshots'));
      expect(files.sort()).toEqual(
        [`${before.id}.duckdb`, `${before.id}.json`, `${after!.id}.duckdb`, `${after!.id}.json`].sort(),
      );
      expect(await readBuildLock(dir)).toBe('gone');
    },
  );

  it.each(['begun', 'mid-write', 'checkpointed', 'renamed'] as const)(
    'the first build ever, at "%s": nothing is live or kept, and the next build succeeds',
    async (point) => {
      await killAt(dir, 'full', point);
      expect(await readCurrent(dir)).toBeNull();
      // Killed after its rename, the file looked like a snapshot restored without CURRENT: listed, and
      // the next build was refused (SNAPSHOT_NOT_LIVE) until a rollback made it live.
      expect(await listSnapshots(dir)).toEqual([]);

      const next = runFixture(dir, 'full', 'next');
      expect(await next.reached).toMatch(/^PUBLISHED /);
      expect(await next.exited).toBe(0);
      const after = await readCurrent(dir);
      expect(after?.basedOn).toBeNull();
      expect(await readTestSnapshot(join(dir, after!.file))).toEqual([{ label: 'next', n: 1000 }]);
      expect((await readdir(join(dir, 'snapshots'))).sort()).toEqual(
        [`${after!.id}.duckdb`, `${after!.id}.json`].sort(),
      );
      expect((await listSnapshots(dir)).map((s) => [s.id, s.live])).toEqual([[after!.id, true]]);
    },
  );

  it('the first build ever, killed after its pointer swap: live, and cleanup writes its manifest', async () => {
    await killAt(dir, 'full', 'pointer-swapped');
    const current = await readCurrent(dir);
    expect(await readTestSnapshot(join(dir, current!.file))).toEqual([{ label: 'doomed', n: 1000 }]);
    // Its publish marker goes too: CURRENT names the file.
    expect(await cleanupStale(dir)).toEqual({ skipped: false, removed: [`.publishing-${current!.id}`] });
    expect((await readdir(join(dir, 'snapshots'))).sort()).toEqual(
      [`${current!.id}.duckdb`, `${current!.id}.json`].sort(),
    );
    expect((await listSnapshots(dir)).map((s) => [s.id, s.live])).toEqual([[current!.id, true]]);
  });

  it('after the pointer swap, the new snapshot is live and cleanup repairs its manifest', async () => {
    const before = await publishTestSnapshot(dir, 'old', { rows: 3 });
    await killAt(dir, 'incremental', 'pointer-swapped');

    const current = await readCurrent(dir);
    expect(current?.id).not.toBe(before.id);
    expect(await readTestSnapshot(join(dir, current!.file))).toEqual([
      { label: 'doomed', n: 1000 },
      { label: 'old', n: 3 },
    ]);
    // The dead builder's lock is stale, so cleanupStale runs, writes the missing manifest and removes
    // the publish marker.
    expect(await cleanupStale(dir)).toEqual({ skipped: false, removed: [`.publishing-${current!.id}`] });
    expect((await listSnapshots(dir)).map((s) => [s.id, s.live])).toEqual([
      [before.id, false],
      [current!.id, true],
    ]);
  });

  it('cleanupStale leaves a live build alone', async () => {
    await publishTestSnapshot(dir, 'old');
    const run = runFixture(dir, 'incremental', 'busy', 'mid-write');
    try {
      await run.reached;
      expect(await cleanupStale(dir)).toEqual({ skipped: true, removed: [] });
      expect((await readdir(join(dir, 'snapshots'))).some((n) => n.startsWith('.building-'))).toBe(true);
    } finally {
      run.child.kill('SIGKILL');
      await run.exited;
    }
    expect((await cleanupStale(dir)).removed).toEqual([expect.stringMatching(/^\.building-.*\.duckdb$/)]);
  });
});
