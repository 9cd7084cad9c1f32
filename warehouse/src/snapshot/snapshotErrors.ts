/**
 * Errors a caller can act on carry a stable `code`, so the CLI and the API can report them without
 * parsing messages (the API maps them to GraphQL `extensions.code`).
 */
export class SnapshotError extends Error {
  constructor(
    readonly code:
      | 'BUILD_IN_PROGRESS'
      | 'NO_SNAPSHOT'
      | 'SNAPSHOT_NOT_FOUND'
      | 'SNAPSHOT_UNREADABLE'
      | 'SNAPSHOT_DAMAGED'
      | 'CURRENT_DAMAGED'
      | 'SNAPSHOT_NOT_LIVE'
      | 'BUILD_FINISHED',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Another live process holds the build lock. */
export class BuildInProgressError extends SnapshotError {
  constructor(
    readonly holder: { readonly pid: number; readonly hostname: string; readonly startedAt: string },
    lockPath: string,
  ) {
    super(
      'BUILD_IN_PROGRESS',
      `Another warehouse build is running (pid ${holder.pid} on ${holder.hostname}, started ${holder.startedAt}). ` +
        `Wait for it to finish. If that process is gone but the lock remains, delete ${lockPath}.`,
    );
  }
}

/** Nothing has been published yet in this warehouse dir. */
export class NoSnapshotError extends SnapshotError {
  constructor(dir: string) {
    super('NO_SNAPSHOT', `No published warehouse snapshot in ${dir}: run the ETL first (npm run etl).`);
  }
}

/** A rollback asked for a snapshot that is not kept. */
export class SnapshotNotFoundError extends SnapshotError {
  constructor(id: string, dir: string) {
    super('SNAPSHOT_NOT_FOUND', `Snapshot ${id} is not kept in ${dir} (it may have been pruned).`);
  }
}

/**
 * A snapshot file that DuckDB cannot open or read (truncated, zeroed, wrong version). A rollback to it
 * is refused; a reader starting with CURRENT on it refuses to start (`detail` is DuckDB's message).
 */
export class SnapshotUnreadableError extends SnapshotError {
  constructor(
    readonly snapshotId: string,
    readonly path: string,
    readonly detail: string,
    message = `Snapshot ${snapshotId} cannot be read (${path}: ${detail}).`,
  ) {
    super('SNAPSHOT_UNREADABLE', message);
  }
}

/**
 * A snapshot file that opens, but some table's data does not read back (a block fails DuckDB's
 * checksum: bit rot, a bad disk, a stray write). Found by the deep check (`checkSnapshotData`), which
 * reads every data block; `tables` are the ones that failed (`schema.table`).
 */
export class SnapshotDamagedError extends SnapshotError {
  constructor(
    readonly snapshotId: string,
    readonly path: string,
    readonly tables: readonly string[],
    readonly detail: string,
    message = `Snapshot ${snapshotId} is damaged: reading ${tables.join(', ')} failed (${path}: ${detail}).`,
  ) {
    super('SNAPSHOT_DAMAGED', message);
  }
}

/**
 * CURRENT cannot be parsed (empty, torn, overwritten). Nothing can be served or built on it until it
 * names a kept snapshot again: the message names the rollback that rewrites it and the kept ids.
 */
export class CurrentDamagedError extends SnapshotError {
  constructor(
    readonly path: string,
    readonly detail: string,
    /** Snapshots a rollback can make live, newest first. */
    readonly kept: readonly string[],
  ) {
    super(
      'CURRENT_DAMAGED',
      `CURRENT is damaged (${detail}), so no snapshot is known to be live and nothing can be built on it. ` +
        (kept.length > 0
          ? `Make a kept snapshot live again, which rewrites CURRENT: npm run snapshots -- --rollback <id> (kept, newest first: ${kept.join(', ')}; npm run snapshots -- --verify reads them back first).`
          : `No snapshot is kept to roll back to: delete ${path} and run a full build (npm run etl -- --full).`),
    );
  }
}

/**
 * No CURRENT, but snapshot files are kept: restored from a backup without CURRENT, or CURRENT deleted
 * by hand (the first build ever, killed between its rename and its pointer swap, leaves its publish
 * marker, and its file is removed as the orphan it is: `isUnpublishedOrphan`). A build now would start without
 * them (a full run carries the file-drop and xAPI rows forward from the live snapshot alone), and
 * its prunes would remove them in turn, so it is refused until one is made live.
 */
export class SnapshotNotLiveError extends SnapshotError {
  constructor(
    dir: string,
    /** The kept snapshots, newest first. */
    readonly kept: readonly string[],
  ) {
    super(
      'SNAPSHOT_NOT_LIVE',
      `No snapshot is live in ${dir} (there is no CURRENT), but it keeps snapshots (newest first: ${kept.join(', ')}): ` +
        'restored from a backup without CURRENT, or CURRENT was deleted. ' +
        'A run now would build without the file-drop and xAPI rows only they hold, so nothing was built. ' +
        `Make one live first, normally the newest: npm run snapshots -- --rollback ${kept[0]} ` +
        '(npm run snapshots lists them, --verify reads them back); then run the ETL again.',
    );
  }
}
