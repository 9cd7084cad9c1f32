import { randomBytes } from 'node:crypto';

const ID_PATTERN = /^(\d{8}T\d{9}Z)-[0-9a-f]{4}$/;

/**
 * A snapshot id: UTC time to the millisecond, then 4 random hex digits, e.g. `20261129T101500123Z-3fa9`.
 * Ids sort by time as plain strings, so "the last N snapshots" is a string sort and file listings read
 * in build order. The random suffix keeps ids distinct across hosts sharing a warehouse dir.
 *
 * `after` (the newest existing id) keeps ids strictly increasing even when the clock steps back or two
 * builds start in the same millisecond; retention relies on that order.
 */
export function newSnapshotId(now: Date = new Date(), after?: string): string {
  let time = now.getTime();
  const floor = after === undefined ? undefined : snapshotIdTime(after);
  if (floor !== undefined && time <= floor.getTime()) time = floor.getTime() + 1;
  const stamp = new Date(time).toISOString().replace(/[-:.]/g, '');
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

export function isSnapshotId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** The build start time encoded in an id, or undefined when `id` is not a snapshot id. */
export function snapshotIdTime(id: string): Date | undefined {
  const stamp = ID_PATTERN.exec(id)?.[1];
  if (stamp === undefined) return undefined;
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.${stamp.slice(15, 18)}Z`;
  return new Date(iso);
}
