import { copyFile, constants as fsConstants, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Db } from '../db/index.ts';
import { acquireBuildLock, type BuildLock } from './buildLock.ts';
import { removeStaleFiles } from './cleanupStale.ts';
import { readCurrent, writeCurrent } from './currentPointer.ts';
import { fsyncPath } from './durableFs.ts';
import { listSnapshots, snapshotFileIds } from './listSnapshots.ts';
import { writeManifest } from './manifest.ts';
import { DEFAULT_KEEP, pruneSnapshots } from './pruneSnapshots.ts';
import { SnapshotDamagedError, SnapshotError, SnapshotNotLiveError } from './snapshotErrors.ts';
import { newSnapshotId } from './snapshotId.ts';
import type { BuildMode, SnapshotInfo } from './snapshotInfo.ts';
import { relativeSnapshotFile, snapshotLayout } from './snapshotLayout.ts';
import { checkSnapshotData, verifySnapshot } from './verifySnapshot.ts';

/**
 * Named points of a build, reported to `onStep` as they are passed. Observability for the caller, and
 * the seam the kill tests use to stop a builder at an exact point.
 */
export type BuildStep = 'begun' | 'checkpointed' | 'renamed' | 'pointer-swapped' | 'published';

export interface BeginBuildOptions {
  readonly mode: BuildMode;
  /** How many published snapshots to keep (the live one is always kept as well). */
  readonly keep?: number;
  /** DuckDB threads for the build instance. */
  readonly threads?: number;
  readonly log?: (message: string) => void;
  readonly onStep?: (step: BuildStep, id: string) => void | Promise<void>;
}

export interface SnapshotBuild {
  readonly id: string;
  readonly mode: BuildMode;
  /** The snapshot an incremental build started from (null for full builds or the first build). */
  readonly basedOn: SnapshotInfo | null;
  /** Read-write Db on the building file; closed by `publish` and `abort`. */
  readonly db: Db;
  /** Makes this build the live snapshot. Call only after the data tests passed. */
  publish(meta?: Record<string, unknown>): Promise<SnapshotInfo>;
  /** Throws the build away; the live snapshot is untouched. Safe to call after publish (no-op). */
  abort(): Promise<void>;
}

/**
 * Starts building a new snapshot in `<dir>/snapshots/.building-<id>.duckdb`, holding the build lock
 * until publish or abort.
 *
 * An incremental build starts from a byte copy of the live file: the live file is only ever read, so
 * a failed or killed build cannot damage what the API serves. If nothing is published yet, an
 * incremental build starts empty (and says so through `log`), which makes it a full build in effect.
 *
 * The copy is read in full before it is trusted (`checkSnapshotData`): the build keeps unchanged
 * tables by their old blocks without reading them, so a damaged block of the live file would be
 * published again by every later run. A damaged copy is refused with `SnapshotDamagedError`
 * (SNAPSHOT_DAMAGED) naming the tables and the ways out (a full build, or a rollback to the newest
 * kept snapshot that passes the same check); nothing is built and nothing is pruned.
 */
export async function beginBuild(dir: string, options: BeginBuildOptions): Promise<SnapshotBuild> {
  const log = options.log ?? console.warn;
  const keep = options.keep ?? DEFAULT_KEEP;
  const layout = snapshotLayout(dir);
  await mkdir(layout.snapshotsDir, { recursive: true });
  const id = newSnapshotId(new Date(), (await snapshotFileIds(dir)).at(-1));
  const lock = await acquireBuildLock(dir, `build ${id}`, log);
  const building = layout.buildingFile(id);
  let db: Db | undefined;
  try {
    const removed = await removeStaleFiles(dir, log);
    if (removed.length > 0) log(`Removed files left by earlier killed builds: ${removed.join(', ')}`);
    const current = await readCurrent(dir);
    if (!current) {
      // Snapshots kept with none live (a backup restored without CURRENT; not the first build ever,
      // killed between its rename and its pointer swap, whose file the cleanup above removed by its
      // publish marker): which one should be live is the operator's call
      // (the newest may be one they had rolled back from), and building without one loses the rows
      // only they hold. Refused until a rollback makes one live.
      const kept = (await listSnapshots(dir)).map((s) => s.id).reverse();
      if (kept.length > 0) throw new SnapshotNotLiveError(dir, kept);
    }
    let basedOn: SnapshotInfo | null = null;
    if (options.mode === 'incremental') {
      if (current) {
        await copyFile(layout.snapshotFile(current.id), building, fsConstants.COPYFILE_EXCL);
        basedOn = current;
      } else {
        log('Incremental build requested but nothing is published yet: starting from an empty warehouse.');
      }
    }
    db = await Db.open(building, {
      mode: 'read-write',
      ...(options.threads ? { threads: options.threads } : {}),
    });
    if (basedOn) {
      const based = basedOn;
      const check = await checkSnapshotData(db, based.id).catch(async (error: unknown) => {
        if (!(error instanceof SnapshotDamagedError)) throw error;
        throw await liveSnapshotDamaged(dir, based, error, log);
      });
      log(
        `Read the copy of snapshot ${based.id} in full before building on it: ${check.tables} tables, ${check.rows} rows in ${(check.ms / 1000).toFixed(1)} s`,
      );
    }
    await options.onStep?.('begun', id);
    return new Build(dir, id, options.mode, basedOn, db, lock, keep, log, options.onStep);
  } catch (error) {
    await db?.close();
    await removeBuildingFiles(building);
    await lock.release();
    throw error;
  }
}

/**
 * Removes a build's file, its WAL and DuckDB's spill directory (`<file>.tmp`, its default temp
 * directory; rm removes a symlink there as a link, never following it).
 */
async function removeBuildingFiles(building: string): Promise<void> {
  await rm(building, { force: true });
  await rm(`${building}.wal`, { force: true });
  await rm(`${building}.tmp`, { recursive: true, force: true });
}

/**
 * The refusal of an incremental build whose copy of the live snapshot is damaged: which tables, and
 * what to do, naming the newest other kept snapshot that passes the same deep check (if any).
 */
async function liveSnapshotDamaged(
  dir: string,
  live: SnapshotInfo,
  damage: SnapshotDamagedError,
  log: (message: string) => void,
): Promise<SnapshotDamagedError> {
  let sound: string | null = null;
  for (const kept of (await listSnapshots(dir)).reverse()) {
    if (kept.id === live.id) continue;
    try {
      await verifySnapshot(kept.id, join(dir, kept.file), { deep: true });
      sound = kept.id;
      break;
    } catch (error) {
      log(`Kept snapshot ${kept.id} fails the check too: ${(error as Error).message}`);
    }
  }
  const path = join(dir, live.file);
  return new SnapshotDamagedError(
    live.id,
    path,
    damage.tables,
    damage.detail,
    `The live snapshot ${live.id} is damaged: reading ${damage.tables.join(', ')} failed (${path}: ${damage.detail}). ` +
      'An incremental run builds on a copy of it and would publish the damage again, so nothing was built. ' +
      'Run a full build, `npm run etl -- --full`, which reads the live snapshot only for earlier file-drop and xAPI rows ' +
      '(if those cannot be read either, it says so: then add --discard-drops and give those files again)' +
      (sound
        ? `, or roll back to kept snapshot ${sound}, which reads back in full: \`npm run snapshots -- --rollback ${sound}\` (the next incremental run reads what the sources changed since; file drops and xAPI files loaded after it must be given again).`
        : '; no other kept snapshot reads back in full, so a rollback does not help.'),
  );
}

class Build implements SnapshotBuild {
  private state: 'open' | 'publishing' | 'published' | 'aborted' = 'open';

  constructor(
    private readonly dir: string,
    readonly id: string,
    readonly mode: BuildMode,
    readonly basedOn: SnapshotInfo | null,
    readonly db: Db,
    private readonly lock: BuildLock,
    private readonly keep: number,
    private readonly log: (message: string) => void,
    private readonly onStep: BeginBuildOptions['onStep'],
  ) {}

  async publish(meta: Record<string, unknown> = {}): Promise<SnapshotInfo> {
    if (this.state !== 'open') {
      throw new SnapshotError('BUILD_FINISHED', `Snapshot build ${this.id} is already ${this.state}.`);
    }
    this.state = 'publishing';
    const layout = snapshotLayout(this.dir);
    const building = layout.buildingFile(this.id);
    const final = layout.snapshotFile(this.id);
    const marker = layout.publishingMarker(this.id);
    let renamed = false;
    try {
      // CHECKPOINT folds the WAL into the file, so the renamed file is complete on its own and a
      // read-only opener never needs to replay (or write) a WAL.
      await this.db.run('CHECKPOINT');
      await this.db.close();
      await fsyncPath(building);
      await this.onStep?.('checkpointed', this.id);

      // Durable before the rename: a kill between the rename and the pointer swap leaves a file that,
      // with no CURRENT (the first build ever), would pass for one restored without CURRENT.
      await writeFile(marker, `${this.id}\n`);
      await fsyncPath(layout.snapshotsDir);
      await rename(building, final);
      renamed = true;
      await fsyncPath(layout.snapshotsDir);
      await this.onStep?.('renamed', this.id);

      const info: SnapshotInfo = {
        id: this.id,
        file: relativeSnapshotFile(this.id),
        publishedAt: new Date().toISOString(),
        mode: this.mode,
        basedOn: this.basedOn?.id ?? null,
        meta,
      };
      await writeCurrent(this.dir, info);
      await this.onStep?.('pointer-swapped', this.id);

      // From here the snapshot is live: later failures are logged, never thrown, so the caller does
      // not report a failed run for data the API already serves. Cleanup repairs a missing manifest.
      await writeManifest(this.dir, info).catch((error: unknown) => {
        this.log(`Published ${this.id}, but writing its manifest failed: ${(error as Error).message}`);
      });
      // Left behind (a kill, an error), the next cleanup removes it: CURRENT names this file.
      await rm(marker, { force: true }).catch(() => undefined);
      const pruned = await pruneSnapshots(this.dir, this.keep).catch((error: unknown) => {
        // The snapshot is live already; a failed prune only leaves extra files for the next run.
        this.log(`Published ${this.id}, but pruning old snapshots failed: ${(error as Error).message}`);
        return [];
      });
      if (pruned.length > 0) this.log(`Pruned old snapshots: ${pruned.join(', ')}`);
      this.state = 'published';
      await this.lock.release();
      await this.onStep?.('published', this.id);
      return info;
    } catch (error) {
      // Renamed into place but never made live (CURRENT could not be written: a full disk): an
      // orphan holding a whole snapshot's worth of the space that ran out, removed now rather than by
      // the next build. Only while CURRENT, read back under the build lock, names another snapshot:
      // CURRENT alone publishes (a rollback needs the manifest, written after the pointer swap), and
      // a CURRENT that cannot be read keeps the file.
      let kept = false;
      if (renamed) {
        const live = await readCurrent(this.dir).then(
          (current) => current?.id ?? null,
          () => this.id,
        );
        if (live !== this.id) await rm(final, { force: true }).catch(() => undefined);
        else kept = true;
      }
      // The marker goes with the file; a file kept keeps it (the next cleanup judges both).
      if (!kept) await rm(marker, { force: true }).catch(() => undefined);
      this.state = 'open';
      await this.abort();
      throw error;
    }
  }

  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    const building = snapshotLayout(this.dir).buildingFile(this.id);
    try {
      await this.db.close();
    } finally {
      await removeBuildingFiles(building);
      await this.lock.release();
    }
  }
}
