import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Db, type QueryEvent } from '../db/index.ts';
import { readCurrent } from './currentPointer.ts';
import { type KeptSnapshot, listSnapshots } from './listSnapshots.ts';
import { rollbackSnapshot } from './rollbackSnapshot.ts';
import { CurrentDamagedError, NoSnapshotError, SnapshotUnreadableError } from './snapshotErrors.ts';
import type { SnapshotInfo } from './snapshotInfo.ts';
import { snapshotLayout } from './snapshotLayout.ts';
import { oneLine, verifySnapshot } from './verifySnapshot.ts';

export interface SnapshotReaderOptions {
  /** Read-only connections per open snapshot (parallel queries). Default 1. */
  readonly connections?: number;
  readonly threads?: number;
  /** Called once a newly published (or rolled-back) snapshot serves new leases: drop caches here. */
  readonly onSwitch?: (next: SnapshotInfo, previous: SnapshotInfo | null) => void;
  /** Called for every query on any lease (e.g. metrics). Per-lease counts are on `lease.db`. */
  readonly onQuery?: (event: QueryEvent) => void;
  readonly log?: (message: string) => void;
}

/** One request's hold on a snapshot. The snapshot stays open until every lease on it is released. */
export interface SnapshotLease {
  /** A session on the snapshot's read-only Db: its `queryCount` counts only this lease's queries. */
  readonly db: Db;
  readonly snapshot: SnapshotInfo;
  /** Idempotent. Always release, or a replaced snapshot is never closed. */
  release(): void;
}

interface OpenSnapshot {
  readonly info: SnapshotInfo;
  readonly db: Db;
  leases: number;
  retired: boolean;
}

/**
 * Serves the live snapshot to the API, read-only, and moves to a new one between requests.
 *
 * Each `acquire` stats CURRENT (cheap); when it changed and names another snapshot, the new file is
 * opened for new leases while leases already handed out keep the old instance, which is closed once
 * the last of them is released. So a request always sees one snapshot from start to end, and a
 * publish never waits for readers (nor readers for a publish).
 *
 * A CURRENT that turns out damaged (empty, half written) while a snapshot is served is treated like a
 * new snapshot that cannot be opened: the live one keeps serving (a warning, once per damaged version
 * of CURRENT), so queries, the kept-snapshot listing and a rollback, which rewrites CURRENT, still
 * work (a review found every request failing instead, the rollback that would repair it included).
 */
export class SnapshotReader {
  private live: OpenSnapshot | undefined;
  private readonly draining = new Set<OpenSnapshot>();
  private pointerStamp: string | undefined;
  private damage: CurrentDamagedError | undefined;
  private refreshing: Promise<void> | undefined;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly options: SnapshotReaderOptions,
  ) {}

  /**
   * Opens the live snapshot if there is one; a reader with none yet throws at `acquire`. When CURRENT
   * names a file that cannot be opened (truncated, deleted), throws `SnapshotUnreadableError`
   * (SNAPSHOT_UNREADABLE) with a one-line message naming the newest kept snapshot that is readable, to
   * roll back to: it never serves some other snapshot than the one CURRENT names behind the operator's
   * back (the next incremental ETL run would start from CURRENT's anyway).
   */
  static async open(dir: string, options: SnapshotReaderOptions = {}): Promise<SnapshotReader> {
    const reader = new SnapshotReader(dir, options);
    await reader.refresh();
    return reader;
  }

  /** The snapshot new leases get (as of the last check), or null before the first publish. */
  get current(): SnapshotInfo | null {
    return this.live?.info ?? null;
  }

  /**
   * Why CURRENT could not be parsed at the last check (`current` is then the snapshot served before),
   * or null when it could. Cleared once a rollback or a publish rewrites CURRENT.
   */
  get damagedCurrent(): CurrentDamagedError | null {
    return this.damage ?? null;
  }

  async acquire(): Promise<SnapshotLease> {
    if (this.closed) throw new Error('SnapshotReader is closed');
    await this.refresh();
    const open = this.live;
    if (!open) throw new NoSnapshotError(this.dir);
    open.leases += 1;
    let released = false;
    return {
      db: open.db.session(),
      snapshot: open.info,
      release: () => {
        if (released) return;
        released = true;
        open.leases -= 1;
        if (open.retired && open.leases === 0) void this.closeSnapshot(open);
      },
    };
  }

  /** Kept snapshots, oldest first, the live one flagged. */
  list(): Promise<KeptSnapshot[]> {
    return listSnapshots(this.dir);
  }

  /** Re-points CURRENT at a kept snapshot and switches to it for new leases. */
  async rollback(id: string): Promise<SnapshotInfo> {
    const info = await rollbackSnapshot(this.dir, id, this.options.log);
    await this.refresh();
    return info;
  }

  /** Closes every open snapshot. Leases still out will fail their next query. */
  async close(): Promise<void> {
    this.closed = true;
    await this.refreshing?.catch(() => undefined);
    const all = [...this.draining, ...(this.live ? [this.live] : [])];
    this.live = undefined;
    await Promise.all(all.map((open) => this.closeSnapshot(open)));
  }

  /** Checks CURRENT now rather than at the next acquire. Concurrent callers share one check. */
  refresh(): Promise<void> {
    this.refreshing ??= this.checkPointer().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async checkPointer(): Promise<void> {
    const stamp = await pointerStamp(snapshotLayout(this.dir).current);
    if (stamp === this.pointerStamp) return;
    let info: SnapshotInfo | null;
    try {
      info = await readCurrent(this.dir);
    } catch (error) {
      if (!(error instanceof CurrentDamagedError)) throw error;
      this.damage = error;
      if (!this.live) throw error;
      // It names no snapshot to move to: keep serving ours. Only a rewrite repairs it (a rollback or
      // a publish renames a new CURRENT: a new stamp), so this version is not read, nor logged, again.
      (this.options.log ?? console.warn)(`Still serving snapshot ${this.live.info.id}: ${error.message}`);
      this.pointerStamp = stamp;
      return;
    }
    this.damage = undefined;
    if (!info || info.id === this.live?.info.id) {
      this.pointerStamp = stamp;
      return;
    }
    let db: Db;
    try {
      // A truncated file may open and fail only its queries: check it before serving it.
      await verifySnapshot(info.id, join(this.dir, info.file));
      db = await Db.open(join(this.dir, info.file), {
        mode: 'read-only',
        ...(this.options.connections ? { connections: this.options.connections } : {}),
        ...(this.options.threads ? { threads: this.options.threads } : {}),
        ...(this.options.onQuery ? { onQuery: this.options.onQuery } : {}),
      });
    } catch (error) {
      // Keep serving what we have; the stamp stays stale, so the next acquire tries again.
      if (!this.live) throw await unreadableLive(this.dir, info, error as Error);
      (this.options.log ?? console.warn)(
        `Could not open snapshot ${info.id}, still serving ${this.live.info.id}: ${(error as Error).message}`,
      );
      return;
    }
    if (this.closed) {
      await db.close();
      return;
    }
    const previous = this.live;
    this.live = { info, db, leases: 0, retired: false };
    this.pointerStamp = stamp;
    if (previous) {
      previous.retired = true;
      if (previous.leases === 0) await this.closeSnapshot(previous);
      else this.draining.add(previous);
    }
    this.options.onSwitch?.(info, previous?.info ?? null);
  }

  private async closeSnapshot(open: OpenSnapshot): Promise<void> {
    this.draining.delete(open);
    await open.db.close();
  }
}

/** CURRENT's snapshot cannot be opened: say which file and which kept snapshot to roll back to. */
async function unreadableLive(
  dir: string,
  info: SnapshotInfo,
  error: Error,
): Promise<SnapshotUnreadableError> {
  const path = join(dir, info.file);
  const detail = error instanceof SnapshotUnreadableError ? error.detail : oneLine(error.message);
  let fallback: KeptSnapshot | undefined;
  for (const kept of (await listSnapshots(dir).catch(() => [])).reverse()) {
    if (kept.id === info.id) continue;
    try {
      await verifySnapshot(kept.id, join(dir, kept.file));
      fallback = kept;
      break;
    } catch {
      // try the next older one
    }
  }
  const advice = fallback
    ? `roll back to the newest readable kept snapshot (${fallback.id}, published ${fallback.publishedAt}): npm run snapshots -- --rollback ${fallback.id}`
    : 'no other kept snapshot is readable: restore the file from a backup or rebuild with npm run etl -- --full';
  return new SnapshotUnreadableError(
    info.id,
    path,
    detail,
    `the live snapshot ${info.id} (CURRENT points at ${path}) cannot be opened: ${detail}; ${advice}`,
  );
}

/**
 * Identifies the version of CURRENT without reading it. Publishing replaces CURRENT by rename, so the
 * inode changes on every publish even when mtime has coarse granularity.
 */
async function pointerStamp(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
}
