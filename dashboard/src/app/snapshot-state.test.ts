import { describe, expect, it } from 'vitest';
import { snapshotIdText, snapshotState } from './snapshot-state.ts';

describe('what the snapshot badges say', () => {
  it('cite the id once the snapshot has answered', () => {
    expect(snapshotState('20261202T055321979Z-92b4', false, false)).toBe('ready');
    expect(snapshotIdText('ready', '20261202T055321979Z-92b4', '…')).toBe('20261202T055321979Z-92b4');
  });

  it('say loading only while an answer may still come', () => {
    expect(snapshotState(null, false, false)).toBe('loading');
    expect(snapshotIdText('loading', null, '…')).toBe('…');
    expect(snapshotIdText('loading', undefined, 'memuat…')).toBe('memuat…');
  });

  it('say "—", not loading for ever, when the token is rejected (401) or the query failed', () => {
    expect(snapshotState(null, false, true)).toBe('unavailable');
    expect(snapshotState(undefined, true, false)).toBe('unavailable');
    expect(snapshotIdText('unavailable', null, '…')).toBe('—');
  });

  it('keep citing an id that did arrive', () => {
    expect(snapshotState('S1', true, true)).toBe('ready');
  });
});
