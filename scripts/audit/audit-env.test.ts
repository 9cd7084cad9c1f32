import { describe, expect, it } from 'vitest';
import { auditEnv } from './audit-env.ts';

describe('the differencing audit reads the API’s settings', () => {
  it('audits WAREHOUSE_DIR when set, else $DATA_DIR/warehouse', () => {
    expect(auditEnv({ DATA_DIR: '/d', WAREHOUSE_DIR: '/w' }).warehouseDir).toBe('/w');
    expect(auditEnv({ DATA_DIR: '/d' }).warehouseDir).toBe('/d/warehouse');
    expect(auditEnv({}).warehouseDir).toBe('data/warehouse');
  });

  it('an empty SUPPRESSION_MIN_N is the default 5 (it read as 0: nothing suppressed), a bad one is refused', () => {
    expect(auditEnv({ SUPPRESSION_MIN_N: '' }).minN).toBe(5);
    expect(auditEnv({}).minN).toBe(5);
    expect(auditEnv({ SUPPRESSION_MIN_N: '11' }).minN).toBe(11);
    expect(() => auditEnv({ SUPPRESSION_MIN_N: '0' })).toThrow(/SUPPRESSION_MIN_N/);
  });
});
