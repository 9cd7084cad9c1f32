import { statSync } from 'node:fs';
import { readCurrent, type SnapshotLease, type SnapshotReader, snapshotLayout } from '@asn/warehouse';

/**
 * Identifies the version of CURRENT (publishing and rollback replace it by rename: a new inode, and
 * new times). Synchronous on purpose: a stat of one small file is a few µs on the event loop, while
 * `fs.promises.stat` is a round trip through libuv's thread pool — which DuckDB's queries share —
 * and cost a request more than the rest of its bookkeeping on a busy machine. undefined when CURRENT
 * cannot be read (nothing published yet): the caller asks the reader, which says why.
 */
function pointerStamp(path: string): string | undefined {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.mtimeMs}:${s.ctimeMs}:${s.size}`;
  } catch {
    return undefined;
  }
}

/** One reader lease shared by the requests that saw the same CURRENT; released when retired and idle. */
class SharedLease {
  private lent = 0;
  private retired = false;

  constructor(
    readonly lease: SnapshotLease,
    readonly stamp: string,
  ) {}

  lend(): SnapshotLease {
    this.lent += 1;
    let released = false;
    return {
      // Own session: its queryCount counts this request's queries only.
      db: this.lease.db.session(),
      snapshot: this.lease.snapshot,
      release: () => {
        if (released) return;
        released = true;
        this.lent -= 1;
        if (this.retired && this.lent === 0) this.lease.release();
      },
    };
  }

  retire(): void {
    if (this.retired) return;
    this.retired = true;
    if (this.lent === 0) this.lease.release();
  }
}

/**
 * Snapshot leases for requests, with the reader's guarantees (a request sees the snapshot CURRENT
 * names when it starts, from start to end; a replaced snapshot closes once its last request ends)
 * at the cost of one synchronous stat per request.
 *
 * `SnapshotReader.acquire` checks CURRENT with an asynchronous stat on every call. Here, the
 * requests that find CURRENT unchanged (same stamp) borrow one reader lease taken for that stamp;
 * when the stamp changes, the next request goes to the reader (which opens the new snapshot and
 * fires onSwitch), and the lease is shared only once it is known to be the snapshot CURRENT names at
 * that stamp (CURRENT read between two equal stamps, and the lease's id matches). Otherwise, e.g. the
 * reader could not open the new file and still serves the old one, the request keeps its own reader
 * lease and the next request asks again — exactly the reader's behaviour.
 */
export class RequestLeases {
  private shared: SharedLease | undefined;
  private readonly currentPath: string;
  private closed = false;

  constructor(private readonly reader: SnapshotReader) {
    this.currentPath = snapshotLayout(reader.dir).current;
  }

  acquire(): Promise<SnapshotLease> {
    const stamp = this.closed ? undefined : pointerStamp(this.currentPath);
    const shared = this.shared;
    if (stamp !== undefined && shared?.stamp === stamp) return Promise.resolve(shared.lend());
    return this.acquireFromReader(stamp);
  }

  /** Releases the shared lease (its snapshot closes once the requests still on it end). */
  close(): void {
    this.closed = true;
    this.shared?.retire();
    this.shared = undefined;
  }

  private async acquireFromReader(stamp: string | undefined): Promise<SnapshotLease> {
    let named: string | undefined;
    if (stamp !== undefined) {
      const info = await readCurrent(this.reader.dir).catch(() => null);
      if (info && pointerStamp(this.currentPath) === stamp) named = info.id;
    }
    const lease = await this.reader.acquire();
    if (stamp === undefined || named === undefined || lease.snapshot.id !== named || this.closed)
      return lease;
    const existing = this.shared;
    if (existing?.stamp === stamp) {
      // A concurrent request shared the same snapshot first.
      lease.release();
      return existing.lend();
    }
    const next = new SharedLease(lease, stamp);
    this.shared = next;
    existing?.retire();
    return next.lend();
  }
}
