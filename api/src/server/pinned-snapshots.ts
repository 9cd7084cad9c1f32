import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  Db,
  isSnapshotId,
  listSnapshots,
  type SnapshotInfo,
  type SnapshotLease,
  SnapshotUnreadableError,
  snapshotLayout,
  verifySnapshot,
} from '@asn/warehouse';
import type { GraphQLFormattedError } from 'graphql';
import { ROLES, type Role, roleAtLeast } from '../auth/roles.ts';

/** The request header that pins a request to a kept snapshot (lower case, as Node gives it). */
export const SNAPSHOT_HEADER = 'x-snapshot-id';
/** The lowest role that may read a kept snapshot (the `snapshots` query that lists them is analyst too). */
export const PIN_ROLE: Role = 'analyst';
/** Kept snapshots open at once (besides the live one), each its own read-only DuckDB instance. */
export const MAX_PINNED_OPEN = 2;
/** A kept snapshot nobody read for this long is closed (the next pinned request opens it again). */
export const PINNED_IDLE_MS = 60_000;

const EXAMPLE_ID = '20261202T032544518Z-986e';

/**
 * A pinned request refused before anything runs: the HTTP status and the one GraphQL error to answer
 * with (`sendGraphQLError`), and a short note for the request's log line.
 */
export class PinRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: GraphQLFormattedError,
    readonly note: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(error.message);
    this.name = 'PinRefusal';
  }
}

/** Where the live snapshot's leases come from (`RequestLeases`). */
export interface LiveLeases {
  acquire(): Promise<SnapshotLease>;
}

export interface PinnedSnapshotsOptions {
  /** At most this many kept snapshots open at once (default `MAX_PINNED_OPEN`). */
  readonly maxOpen?: number;
  /** Closes a kept snapshot unread for this long (default `PINNED_IDLE_MS`). */
  readonly idleMs?: number;
  /** Read-only connections per kept snapshot (default 1). */
  readonly connections?: number;
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
}

interface Handle {
  readonly id: string;
  /** Settles once the file is verified and open; rejects with a `PinRefusal`. */
  readonly ready: Promise<{ readonly info: SnapshotInfo; readonly db: Db }>;
  leases: number;
  retired: boolean;
  closed: boolean;
  idle: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Requests that name a kept snapshot in the `X-Snapshot-Id` header (a researcher reproducing a cited
 * figure) read it, read-only, for the whole request: the live snapshot when the id is the live one
 * (its lease, its handle, its cache entries), else the kept file opened here. Requests without the
 * header never come here.
 *
 * Kept snapshots are bounded: at most `maxOpen` open at once (an idle one is closed to make room; when
 * every one is busy the request is refused with 503 and `retry-after`), each closed after `idleMs`
 * unread, and closed as soon as its last request ends once the ETL pruned it (`sweep`, at each switch,
 * and a check at each request). A request already reading a pruned snapshot finishes on it: the file
 * was unlinked, its open descriptors still read it. Each is opened with DuckDB's read-only access
 * mode, so it never holds a write lock on the file.
 */
export class PinnedSnapshots {
  private readonly handles = new Map<string, Handle>();
  /** Retired (pruned, evicted) handles that still have requests on them. */
  private readonly draining = new Set<Handle>();
  private readonly maxOpen: number;
  private readonly idleMs: number;
  private closed = false;

  constructor(
    readonly dir: string,
    private readonly live: LiveLeases,
    private readonly options: PinnedSnapshotsOptions = {},
  ) {
    this.maxOpen = Math.max(1, options.maxOpen ?? MAX_PINNED_OPEN);
    this.idleMs = options.idleMs ?? PINNED_IDLE_MS;
  }

  /** Kept snapshots open now (in use, idle, or still draining after being retired). */
  get openCount(): number {
    return this.handles.size + this.draining.size;
  }

  /**
   * A lease on the snapshot `header` names, for a caller of `role`. Throws `PinRefusal` for a role
   * below `PIN_ROLE` (403 FORBIDDEN), an id that is no kept snapshot (400/404 SNAPSHOT_NOT_KEPT), a
   * kept file that cannot be read (503 SNAPSHOT_UNAVAILABLE) or no room to open one (503); the live
   * reader's own errors (NoSnapshotError) pass through.
   */
  async acquire(header: string | readonly string[], role: Role): Promise<SnapshotLease> {
    if (!roleAtLeast(role, PIN_ROLE)) throw forbidden(role);
    const id = (typeof header === 'string' ? header : header.join(', ')).trim();
    if (!isSnapshotId(id)) throw await this.notKept(id, false);
    if (this.closed) throw new Error('PinnedSnapshots is closed');
    const live = await this.live.acquire();
    if (live.snapshot.id === id) return live;
    live.release();
    return this.acquireKept(id);
  }

  /** Retires the open snapshots the ETL pruned since (each closes once its last request ends). */
  sweep(): void {
    for (const handle of [...this.handles.values()]) {
      if (!this.isKept(handle.id)) this.retire(handle);
    }
  }

  /** Closes every kept snapshot. Leases still out fail their next query (as the reader's do). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.handles.values(), ...this.draining];
    this.handles.clear();
    this.draining.clear();
    await Promise.all(all.map((handle) => this.closeHandle(handle)));
  }

  private async acquireKept(id: string): Promise<SnapshotLease> {
    let handle = this.handles.get(id);
    if (handle) {
      // Pruned since it was opened: no new request reads it.
      if (!this.isKept(id)) {
        this.retire(handle);
        handle = undefined;
      } else {
        // Most recently used last: room is made from the front.
        this.handles.delete(id);
        this.handles.set(id, handle);
      }
    }
    if (!handle) {
      if (!this.isKept(id)) throw await this.notKept(id, true);
      handle = this.open(id);
    }
    const opened = handle;
    opened.leases += 1;
    if (opened.idle) clearTimeout(opened.idle);
    opened.idle = undefined;
    let ready: { readonly info: SnapshotInfo; readonly db: Db };
    try {
      ready = await opened.ready;
    } catch (error) {
      this.retire(opened);
      this.release(opened);
      throw error;
    }
    let released = false;
    return {
      db: ready.db.session(),
      snapshot: ready.info,
      release: () => {
        if (released) return;
        released = true;
        this.release(opened);
      },
    };
  }

  /** The manifest marks a kept snapshot; pruning removes it first. One stat. */
  private isKept(id: string): boolean {
    return existsSync(snapshotLayout(this.dir).manifestFile(id));
  }

  private open(id: string): Handle {
    // Room first: idle ones go, least recently used first; busy ones are never closed under a request.
    for (const other of [...this.handles.values()]) {
      if (this.openCount < this.maxOpen) break;
      if (other.leases === 0) this.retire(other);
    }
    if (this.openCount >= this.maxOpen) {
      throw new PinRefusal(
        503,
        {
          message: `${this.openCount} other kept snapshots are being read right now (at most ${this.maxOpen} at once): try again in a moment.`,
          extensions: {
            code: 'SNAPSHOT_UNAVAILABLE',
            reason: 'TOO_MANY_KEPT_SNAPSHOTS_OPEN',
            maxOpen: this.maxOpen,
          },
        },
        'pinned-busy',
        { 'retry-after': '1' },
      );
    }
    const handle: Handle = {
      id,
      ready: this.load(id),
      leases: 0,
      retired: false,
      closed: false,
      idle: undefined,
    };
    handle.ready.catch(() => {
      // A failed open holds nothing: the next request tries again.
      if (this.handles.get(id) === handle) this.handles.delete(id);
      this.draining.delete(handle);
    });
    this.handles.set(id, handle);
    return handle;
  }

  private async load(id: string): Promise<{ info: SnapshotInfo; db: Db }> {
    const kept = (await listSnapshots(this.dir)).find((s) => s.id === id);
    if (!kept) throw await this.notKept(id, true);
    const info: SnapshotInfo = {
      id: kept.id,
      file: kept.file,
      publishedAt: kept.publishedAt,
      mode: kept.mode,
      basedOn: kept.basedOn,
      meta: kept.meta,
    };
    const path = join(this.dir, info.file);
    try {
      // As the reader does before serving a file: a truncated one may open and fail only its queries.
      await verifySnapshot(id, path);
      const db = await Db.open(path, {
        mode: 'read-only',
        ...(this.options.connections ? { connections: this.options.connections } : {}),
      });
      this.options.log?.('kept snapshot opened', { snapshot: id });
      return { info, db };
    } catch (error) {
      // Pruned between the listing and the open: not kept (any more).
      if (!this.isKept(id) || !existsSync(path)) throw await this.notKept(id, true);
      const detail = error instanceof SnapshotUnreadableError ? error.detail : (error as Error).message;
      this.options.log?.('kept snapshot cannot be read', { snapshot: id, error: detail });
      throw new PinRefusal(
        503,
        {
          message: `Snapshot ${id} is kept but its file cannot be read (it is damaged): read another kept snapshot (the \`snapshots { id }\` query lists them).`,
          extensions: { code: 'SNAPSHOT_UNAVAILABLE', reason: 'SNAPSHOT_UNREADABLE', snapshotId: id },
        },
        'pinned-unreadable',
      );
    }
  }

  private release(handle: Handle): void {
    handle.leases -= 1;
    if (handle.leases > 0) return;
    if (handle.retired || this.closed) {
      void this.closeHandle(handle);
      return;
    }
    handle.idle = setTimeout(() => {
      handle.idle = undefined;
      if (handle.leases === 0 && this.handles.get(handle.id) === handle) this.retire(handle);
    }, this.idleMs);
    handle.idle.unref();
  }

  /** No new request gets `handle`; it closes now when idle, else when its last request ends. */
  private retire(handle: Handle): void {
    if (this.handles.get(handle.id) === handle) this.handles.delete(handle.id);
    if (handle.retired) return;
    handle.retired = true;
    if (handle.leases === 0) void this.closeHandle(handle);
    else this.draining.add(handle);
  }

  private async closeHandle(handle: Handle): Promise<void> {
    if (handle.idle) clearTimeout(handle.idle);
    handle.idle = undefined;
    this.draining.delete(handle);
    if (this.handles.get(handle.id) === handle) this.handles.delete(handle.id);
    if (handle.closed) return;
    handle.closed = true;
    const opened = await handle.ready.catch(() => undefined);
    await opened?.db.close().catch(() => undefined);
    if (opened) this.options.log?.('kept snapshot closed', { snapshot: handle.id });
  }

  /** SNAPSHOT_NOT_KEPT: a malformed id (400) or one not kept (404), with the ids that are. */
  private async notKept(id: string, wellFormed: boolean): Promise<PinRefusal> {
    const kept = (await listSnapshots(this.dir).catch(() => [])).map((s) => s.id).reverse();
    const shown = JSON.stringify(id.slice(0, 64));
    const what = wellFormed
      ? `Snapshot ${id} is not kept (it may have been pruned: the ETL keeps the newest SNAPSHOTS_KEEP)`
      : `The X-Snapshot-Id header ${shown} is not a snapshot id (e.g. ${EXAMPLE_ID})`;
    return new PinRefusal(
      wellFormed ? 404 : 400,
      {
        message: `${what}: the \`snapshots { id }\` query lists the kept snapshots (extensions.kept, newest first).`,
        extensions: {
          code: 'SNAPSHOT_NOT_KEPT',
          reason: wellFormed ? 'NOT_KEPT' : 'NOT_A_SNAPSHOT_ID',
          snapshotId: id.slice(0, 64),
          kept,
        },
      },
      'pinned-not-kept',
    );
  }
}

function forbidden(role: Role): PinRefusal {
  const needs = PIN_ROLE === ROLES.at(-1) ? PIN_ROLE : `${PIN_ROLE} or higher`;
  return new PinRefusal(
    403,
    {
      message: `Your role (${role}) may not read a kept snapshot (the X-Snapshot-Id header): it needs ${needs}. Without the header the live snapshot answers.`,
      extensions: { code: 'FORBIDDEN' },
    },
    'pinned-forbidden',
  );
}
