import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

describe('etl environment', () => {
  it('defaults the warehouse under DATA_DIR and keeps five snapshots', () => {
    const env = readEnv({});
    expect(env.WAREHOUSE_DIR).toBe('data/warehouse');
    expect(env.SNAPSHOTS_KEEP).toBe(5);
  });

  it('reads SNAPSHOTS_KEEP, and refuses a value that would keep nothing, naming the variable', () => {
    expect(readEnv({ SNAPSHOTS_KEEP: '12' }).SNAPSHOTS_KEEP).toBe(12);
    expect(() => readEnv({ SNAPSHOTS_KEEP: '0' })).toThrow(/SNAPSHOTS_KEEP/);
    expect(() => readEnv({ SNAPSHOTS_KEEP: 'many' })).toThrow(/SNAPSHOTS_KEEP/);
  });
});
