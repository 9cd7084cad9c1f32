import { readFileSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { fileWriteError } from './durableFs.ts';
import { BuildInProgressError } from './snapshotErrors.ts';
import { snapshotLayout } from './snapshotLayout.ts';

/** What `build.lock` holds, so a refusal can name who is building and since when. */
export interface BuildLockInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
  /** Why the lock is held: a build id, or `rollback`. */
  readonly purpose: string;
}

export interface BuildLock {
  readonly info: BuildLockInfo;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): Promise<void>;
}

/**
 * A lock file that was just created but not yet written (the holder died in between) is judged by its
 * age: younger than this it may still be filled in, so it counts as held.
 */
const UNWRITTEN_LOCK_GRACE_MS = 10_000;

/**
 * Takes `<dir>/build.lock` by exclusive create, so at most one process builds (or rolls back) at a time.
 *
 * A lock whose pid is no longer running on this host was left by a killed run: it is taken over, with a
 * message through `log`. A lock from another host cannot be checked and counts as live. Takeover moves
 * the stale file aside with a rename and checks it moved the file it judged, so two processes racing
 * for the same stale lock cannot both win.
 */
export async function acquireBuildLock(
  dir: string,
  purpose: string,
  log: (message: string) => void,
): Promise<BuildLock> {
  const path = snapshotLayout(dir).lock;
  await mkdir(dirname(path), { recursive: true });
  const info: BuildLockInfo = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    purpose,
  };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await tryCreate(path, info)) return heldLock(path, info);
    const holder = await readBuildLock(dir);
    if (holder === 'gone') continue;
    if (holder === 'unwritten') {
      const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age < UNWRITTEN_LOCK_GRACE_MS) {
        throw new BuildInProgressError({ pid: 0, hostname: 'unknown', startedAt: 'just now' }, path);
      }
      log(`Taking over an empty build lock ${path} left by a run that died while creating it.`);
    } else if (isHolderAlive(holder)) {
      throw new BuildInProgressError(holder, path);
    } else {
      log(
        `Taking over stale build lock: pid ${holder.pid} (${holder.purpose}, started ${holder.startedAt}) is no longer running${isProcessAlive(holder.pid) ? ' (the pid now belongs to a process started later)' : ''}.`,
      );
    }
    await moveAsideIfUnchanged(path, holder);
  }
  throw new Error(`Could not take the build lock ${path}: it keeps changing hands.`);
}

/** The current lock holder; `gone` when there is no lock, `unwritten` when the file is empty or torn. */
export async function readBuildLock(dir: string): Promise<BuildLockInfo | 'gone' | 'unwritten'> {
  let text: string;
  try {
    text = await readFile(snapshotLayout(dir).lock, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as BuildLockInfo;
    return typeof parsed.pid === 'number' ? parsed : 'unwritten';
  } catch {
    return 'unwritten';
  }
}

/**
 * True when the holder may still be running: another host, or on this host a process with its pid
 * that started no later than the lock was written. A process started after that holds a reused pid
 * (a killed run's pid given to another program): the lock is stale (review of 2026-12-05, revKill:
 * it blocked every build and rollback until deleted by hand).
 */
export function isHolderAlive(holder: BuildLockInfo): boolean {
  if (holder.hostname !== hostname()) return true;
  if (!isProcessAlive(holder.pid)) return false;
  const started = processStartedAt(holder.pid);
  const locked = Date.parse(holder.startedAt);
  // A second of slack for clock ticks and rounding; without /proc (not Linux), trust the pid.
  return started === null || Number.isNaN(locked) || started <= locked + 1_000;
}

/**
 * When a process started (ms since the epoch), from Linux's /proc: its start time in clock ticks
 * after boot (`/proc/<pid>/stat`, field 22; ticks of 100 Hz, USER_HZ on every Linux port Node runs
 * on) plus the boot time (`btime` in `/proc/stat`). Null where /proc cannot tell.
 */
export function processStartedAt(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
    if (!Number.isFinite(ticks) || btime === undefined) return null;
    return Number(btime) * 1000 + ticks * 10;
  } catch {
    return null;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates the lock file with `info`; false if it exists. A lock that cannot be written (a full disk)
 * is removed again, since this process created it and holds nothing: left empty, it would refuse every
 * build for UNWRITTEN_LOCK_GRACE_MS as one being filled in (review of 2026-12-05, revKill).
 */
async function tryCreate(path: string, info: BuildLockInfo): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw fileWriteError('build lock', path, error);
  }
  try {
    try {
      await handle.writeFile(JSON.stringify(info));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(path, { force: true }).catch(() => undefined);
    throw fileWriteError('build lock', path, error);
  }
  return true;
}

async function moveAsideIfUnchanged(path: string, judged: BuildLockInfo | 'unwritten'): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  const stillStale = judged === 'unwritten' ? !moved.includes('"pid"') : moved === JSON.stringify(judged);
  if (!stillStale) {
    // We moved a lock someone else took a moment ago: put it back. link() never overwrites, so if a
    // third process has taken the lock meanwhile, theirs stays.
    await link(aside, path).catch(() => undefined);
    await rm(aside, { force: true });
    return;
  }
  await rm(aside, { force: true });
}

function heldLock(path: string, info: BuildLockInfo): BuildLock {
  let released = false;
  return {
    info,
    async release() {
      if (released) return;
      released = true;
      const holder = await readFile(path, 'utf8').catch(() => '');
      if (holder === JSON.stringify(info)) await rm(path, { force: true });
    },
  };
}
