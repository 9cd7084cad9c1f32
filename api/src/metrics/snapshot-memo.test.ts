import type { SnapshotInfo } from '@asn/warehouse';
import { describe, expect, it } from 'vitest';
import { memoPerSnapshot, SNAPSHOT_MEMO_ENTRIES } from './snapshot-memo.ts';

const snapshot = (id: string) => ({ id }) as unknown as SnapshotInfo;

describe('memoPerSnapshot', () => {
  it('loads once per snapshot and key, concurrent callers included; a new snapshot loads again', async () => {
    let loads = 0;
    const load = async () => {
      loads += 1;
      return loads;
    };
    const a = snapshot('a');
    const [x, y] = await Promise.all([memoPerSnapshot(a, 'k', load), memoPerSnapshot(a, 'k', load)]);
    expect([x, y, loads]).toEqual([1, 1, 1]);
    expect(await memoPerSnapshot(a, 'other', load)).toBe(2);
    expect(await memoPerSnapshot(snapshot('b'), 'k', load)).toBe(3);
  });

  it('does not keep a failed load', async () => {
    const a = snapshot('a');
    await expect(memoPerSnapshot(a, 'k', () => Promise.reject(new Error('timeout')))).rejects.toThrow(
      'timeout',
    );
    expect(await memoPerSnapshot(a, 'k', async () => 'ok')).toBe('ok');
  });

  it('keeps at most SNAPSHOT_MEMO_ENTRIES keys, dropping the least recently used', async () => {
    const a = snapshot('a');
    for (let i = 0; i < SNAPSHOT_MEMO_ENTRIES; i++) await memoPerSnapshot(a, `k${i}`, async () => i);
    await memoPerSnapshot(a, 'k0', async () => -1); // used again: now the most recent
    await memoPerSnapshot(a, 'new', async () => 99); // pushes out k1, the stalest
    expect(await memoPerSnapshot(a, 'k0', async () => -1)).toBe(0);
    expect(await memoPerSnapshot(a, 'k1', async () => -1)).toBe(-1);
  });
});
