import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Db } from '../db/index.ts';
import { readManifest, writeManifest } from './manifest.ts';
import type { BuildMode, SnapshotInfo } from './snapshotInfo.ts';
import { relativeSnapshotFile } from './snapshotLayout.ts';
import { verifySnapshot } from './verifySnapshot.ts';

/**
 * Whether `<id>.duckdb` without a manifest is what a build killed between its rename and its pointer
 * swap leaves (an orphan that never went live, safe to delete), rather than a snapshot restored from
 * a backup that did not hold its manifest.
 *
 * Only when CURRENT exists and names an older id. A build takes its id newer than every `<id>.duckdb`
 * there is (`newSnapshotId`'s `after`: ids are UTC milliseconds and sort as strings, strictly
 * increasing even when the clock steps back), CURRENT always names one of those files, and the build
 * lock, taken right after the id is made (a build or rollback holding it refuses, never waits), is
 * held from before the build file exists until after the pointer swap; every later build cleans the
 * orphan up under the lock before it publishes, and a rollback only makes a kept snapshot live. So a
 * killed build's orphan is always newer than CURRENT. Anything else, older than the live snapshot or
 * with no CURRENT at all, was live once or came from elsewhere (a backup of `*.duckdb` alone, of the
 * live file alone): deleting it lost the only copy of file-drop and xAPI rows (a backup/restore
 * drill). A damaged CURRENT (`null` here) keeps every file for the same reason.
 *
 * With no CURRENT (the first build ever) or an older one, a file whose publish marker is still there
 * (`publishing`: ids with `.publishing-<id>`, written before the rename and removed only once CURRENT
 * named the file) was never made live either: the first build, killed between its rename and its
 * pointer swap, left a file that passed for one restored without CURRENT, and every later build was
 * refused (SNAPSHOT_NOT_LIVE) until a rollback made the dead run's snapshot live. Pass the markers only
 * when CURRENT was read (present or absent), never when it is damaged.
 */
export function isUnpublishedOrphan(
  id: string,
  current: SnapshotInfo | null,
  publishing: ReadonlySet<string> = new Set(),
): boolean {
  return (current !== null && id > current.id) || (publishing.has(id) && id !== current?.id);
}

/**
 * A snapshot's info rebuilt from the file itself, for one without its manifest: opened read-only and
 * checked as a rollback would (`verifySnapshot`, catalog and row counts), then the run that built it
 * from its own run history (`meta.etl_runs`, written by the ETL just before it publishes: mode,
 * sources, watermarks, finish time). A snapshot built another way has no run record: mode `full`,
 * published at the file's modification time. `basedOn` is not in the file, so it is null. Throws
 * `SnapshotUnreadableError` when the file is not a readable snapshot.
 */
export async function snapshotInfoFromFile(dir: string, id: string): Promise<SnapshotInfo> {
  return readSnapshotInfo(dir, id, async (path) => (await stat(path)).mtime);
}

/**
 * `snapshotInfoFromFile`, kept in-process for as long as the file is the same one, for the listing
 * (`listSnapshots`), which the API calls on every kept-snapshots query, pin and reader switch: until a
 * build or rollback writes the manifest, each call opened and checked the file again. The file is
 * told apart by path and by what one `stat` says of it (device, inode, size, modification time), so a
 * file replaced (a new inode) or written again (size, mtime) is read afresh, never served from what
 * the old one said. Only what was read is kept, never the DuckDB handle: the file is closed before
 * this returns, so a prune or rollback can delete it. An entry is kept only if the file is the same
 * after the read as before it (not one swapped in mid-read); a file that could not be read is not
 * kept, so a passing failure (out of file handles, say) does not hide a snapshot until it changes.
 * Concurrent callers share one read. Bounded: the least recently used path goes first.
 */
export async function cachedSnapshotInfoFromFile(dir: string, id: string): Promise<SnapshotInfo> {
  const path = resolve(dir, relativeSnapshotFile(id));
  let before: Stats;
  try {
    before = await stat(path);
  } catch (error) {
    infoFromFileCache.delete(path);
    throw error;
  }
  const identity = fileIdentity(before);
  const hit = infoFromFileCache.get(path);
  if (hit?.identity === identity) {
    infoFromFileCache.delete(path);
    infoFromFileCache.set(path, hit);
    return structuredClone(await hit.info);
  }
  const entry: InfoFromFileEntry = {
    identity,
    info: readSnapshotInfo(dir, id, async () => before.mtime).then(
      async (info) => {
        const after = await stat(path).catch(() => null);
        if (after === null || fileIdentity(after) !== identity) forget(path, entry);
        return info;
      },
      (error: unknown) => {
        forget(path, entry);
        throw error;
      },
    ),
  };
  infoFromFileCache.delete(path);
  infoFromFileCache.set(path, entry);
  while (infoFromFileCache.size > INFO_FROM_FILE_CACHE_MAX) {
    const oldest = infoFromFileCache.keys().next().value;
    if (oldest === undefined) break;
    infoFromFileCache.delete(oldest);
  }
  return structuredClone(await entry.info);
}

/** Paths `cachedSnapshotInfoFromFile` keeps: restored files without a manifest are few at a time. */
const INFO_FROM_FILE_CACHE_MAX = 32;

interface InfoFromFileEntry {
  readonly identity: string;
  readonly info: Promise<SnapshotInfo>;
}

/** Absolute snapshot path → what was read from the file with that identity (insertion order is LRU). */
const infoFromFileCache = new Map<string, InfoFromFileEntry>();

function fileIdentity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

/** Drops `entry`, unless a later read of the same path has replaced it already. */
function forget(path: string, entry: InfoFromFileEntry): void {
  if (infoFromFileCache.get(path) === entry) infoFromFileCache.delete(path);
}

async function readSnapshotInfo(
  dir: string,
  id: string,
  modifiedAt: (path: string) => Promise<Date>,
): Promise<SnapshotInfo> {
  const file = relativeSnapshotFile(id);
  const path = join(dir, file);
  await verifySnapshot(id, path);
  const db = await Db.open(path, { mode: 'read-only' });
  let record: RunRecordFields | null = null;
  try {
    const [table] = await db.all(
      `SELECT 1 FROM duckdb_tables() WHERE database_name = current_database()
       AND schema_name = 'meta' AND table_name = 'etl_runs'`,
    );
    if (table) {
      const [row] = await db.all<{ record: string }>(
        'SELECT record FROM meta.etl_runs WHERE snapshot_id = ? LIMIT 1',
        [id],
      );
      record = row ? (JSON.parse(row.record) as RunRecordFields) : null;
    }
  } finally {
    await db.close();
  }
  const mode: BuildMode = record?.mode === 'incremental' ? 'incremental' : 'full';
  return {
    id,
    file,
    publishedAt: record?.finishedAt ?? (await modifiedAt(path)).toISOString(),
    mode,
    basedOn: null,
    // What the ETL passes to `publish`, so the run is listed with its snapshot as before.
    meta: record
      ? {
          runId: record.runId,
          mode,
          sources: record.sources,
          watermarks: record.watermarks,
          manifestRebuilt: true,
        }
      : { manifestRebuilt: true },
  };
}

/** The fields of the ETL's run record (`EtlRunRecord`) a rebuilt manifest takes. */
interface RunRecordFields {
  readonly runId: string;
  readonly mode: string;
  readonly sources: readonly string[];
  readonly watermarks: Readonly<Record<string, string>>;
  readonly finishedAt: string | null;
}

/**
 * Keeps each snapshot file without a manifest that is not a killed build's orphan
 * (`isUnpublishedOrphan`) and is not the live one (whose manifest is written from CURRENT): its
 * manifest is rebuilt from the file, so it is listed and can be rolled back to. A file that cannot be
 * read as a snapshot is left in place and named through `log`, never deleted. Call while holding the
 * build lock. Returns the ids whose manifest was rebuilt. `publishing`: as for `isUnpublishedOrphan`.
 */
export async function keepRestoredSnapshots(
  dir: string,
  ids: readonly string[],
  current: SnapshotInfo | null,
  log: (message: string) => void,
  publishing: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const rebuilt: string[] = [];
  for (const id of ids) {
    if (id === current?.id || isUnpublishedOrphan(id, current, publishing)) continue;
    if (await readManifest(dir, id)) continue;
    let info: SnapshotInfo;
    try {
      info = await snapshotInfoFromFile(dir, id);
    } catch (error) {
      log(
        `Found snapshot file ${relativeSnapshotFile(id)} without its manifest, and it cannot be read as a snapshot: left in place, not listed (${(error as Error).message})`,
      );
      continue;
    }
    await writeManifest(dir, info);
    log(`Found snapshot ${id} without its manifest (restored from a backup?): kept, manifest rebuilt`);
    rebuilt.push(id);
  }
  return rebuilt;
}
