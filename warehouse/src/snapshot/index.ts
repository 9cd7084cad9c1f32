export { type BeginBuildOptions, type BuildStep, beginBuild, type SnapshotBuild } from './beginBuild.ts';
export { acquireBuildLock, type BuildLock, type BuildLockInfo, readBuildLock } from './buildLock.ts';
export { type CleanupResult, cleanupStale } from './cleanupStale.ts';
export { readCurrent } from './currentPointer.ts';
export { FileWriteError } from './durableFs.ts';
export { type KeptSnapshot, type ListSnapshotsOptions, listSnapshots } from './listSnapshots.ts';
export { DEFAULT_KEEP, pruneSnapshots } from './pruneSnapshots.ts';
export { rollbackSnapshot } from './rollbackSnapshot.ts';
export {
  BuildInProgressError,
  CurrentDamagedError,
  NoSnapshotError,
  SnapshotDamagedError,
  SnapshotError,
  SnapshotNotFoundError,
  SnapshotNotLiveError,
  SnapshotUnreadableError,
} from './snapshotErrors.ts';
export { isSnapshotId, newSnapshotId, snapshotIdTime } from './snapshotId.ts';
export { type BuildMode, type SnapshotInfo, snapshotRunId } from './snapshotInfo.ts';
export { type SnapshotLayout, snapshotLayout } from './snapshotLayout.ts';
export { type SnapshotLease, SnapshotReader, type SnapshotReaderOptions } from './snapshotReader.ts';
export { checkSnapshotData, type SnapshotDataCheck, verifySnapshot } from './verifySnapshot.ts';
