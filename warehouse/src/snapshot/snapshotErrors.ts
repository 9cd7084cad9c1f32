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
