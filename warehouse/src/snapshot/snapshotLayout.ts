import { join } from 'node:path';

/**
 * Where everything lives under a warehouse dir:
 *
 * ```
 * <dir>/CURRENT                             pointer to the live snapshot (JSON SnapshotInfo)
 * <dir>/build.lock                          held by the one process building (JSON BuildLockInfo)
 * <dir>/snapshots/<id>.duckdb               a published snapshot, never written again
 * <dir>/snapshots/<id>.json                 its manifest (SnapshotInfo), written once it went live
 * <dir>/snapshots/.building-<id>.duckdb     a build in progress; renamed to <id>.duckdb on publish
 * <dir>/snapshots/.publishing-<id>          written before that rename, removed once CURRENT names it
 * ```
 *
 * Everything sits on one filesystem so that each rename is atomic.
 */
export interface SnapshotLayout {
  readonly dir: string;
  readonly snapshotsDir: string;
  readonly current: string;
  readonly lock: string;
  snapshotFile(id: string): string;
  manifestFile(id: string): string;
  buildingFile(id: string): string;
  publishingMarker(id: string): string;
}

export const BUILDING_PREFIX = '.building-';
/**
 * A publish in progress: `<id>.duckdb` may be in place but not yet named by CURRENT. Tells the first
 * build ever, killed between its rename and its pointer swap, from a snapshot restored without
 * CURRENT (`isUnpublishedOrphan`).
 */
export const PUBLISHING_PREFIX = '.publishing-';

export function snapshotLayout(dir: string): SnapshotLayout {
  const snapshotsDir = join(dir, 'snapshots');
  return {
    dir,
    snapshotsDir,
    current: join(dir, 'CURRENT'),
    lock: join(dir, 'build.lock'),
    snapshotFile: (id) => join(snapshotsDir, `${id}.duckdb`),
    manifestFile: (id) => join(snapshotsDir, `${id}.json`),
    buildingFile: (id) => join(snapshotsDir, `${BUILDING_PREFIX}${id}.duckdb`),
    publishingMarker: (id) => join(snapshotsDir, `${PUBLISHING_PREFIX}${id}`),
  };
}

/** The snapshot file path relative to the warehouse dir, as stored in CURRENT (so the dir can move). */
export function relativeSnapshotFile(id: string): string {
  return `snapshots/${id}.duckdb`;
}
