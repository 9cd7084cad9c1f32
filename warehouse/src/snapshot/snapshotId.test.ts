import { describe, expect, it } from 'vitest';
import { isSnapshotId, newSnapshotId, snapshotIdTime } from './snapshotId.ts';

describe('newSnapshotId', () => {
  it('encodes the UTC time so ids sort by time', () => {
    const id = newSnapshotId(new Date('2026-11-29T10:15:00.123Z'));
    expect(id).toMatch(/^20261129T101500123Z-[0-9a-f]{4}$/);
    expect(isSnapshotId(id)).toBe(true);
    expect(snapshotIdTime(id)?.toISOString()).toBe('2026-11-29T10:15:00.123Z');
    const later = newSnapshotId(new Date('2026-11-29T10:15:01.000Z'));
    expect([later, id].sort()).toEqual([id, later]);
  });

  it('stays after the newest existing id when the clock repeats or steps back', () => {
    const now = new Date('2026-11-29T10:15:00.000Z');
    const first = newSnapshotId(now);
    const second = newSnapshotId(now, first);
    const third = newSnapshotId(new Date('2026-01-01T00:00:00Z'), second);
    expect(second > first).toBe(true);
    expect(third > second).toBe(true);
  });

  it('rejects other names', () => {
    expect(isSnapshotId('.building-20261129T101500123Z-abcd')).toBe(false);
    expect(isSnapshotId('20261129T101500Z-abcd')).toBe(false);
  });
});
