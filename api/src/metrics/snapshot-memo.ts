import type { SnapshotInfo } from '@asn/warehouse';

/** Entries kept per snapshot; the oldest goes first (a few spec variants are all a dashboard asks). */
export const SNAPSHOT_MEMO_ENTRIES = 16;

const memos = new WeakMap<SnapshotInfo, Map<string, Promise<unknown>>>();

/**
 * A value derived from one snapshot alone (immutable), computed once per key and kept while the
 * snapshot object lives: a publish brings a new `SnapshotInfo`, so nothing outlives its snapshot. A
 * failed load is not kept (the next request tries again). Concurrent requests for the same key share
 * one load.
 */
export function memoPerSnapshot<T>(snapshot: SnapshotInfo, key: string, load: () => Promise<T>): Promise<T> {
  let memo = memos.get(snapshot);
  if (!memo) {
    memo = new Map();
    memos.set(snapshot, memo);
  }
  const kept = memo.get(key) as Promise<T> | undefined;
  if (kept) {
    // Most recently used last, so the bound drops the stalest.
    memo.delete(key);
    memo.set(key, kept);
    return kept;
  }
  const loading = load();
  memo.set(key, loading);
  loading.catch(() => memo.delete(key));
  while (memo.size > SNAPSHOT_MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  return loading;
}
