import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import type { CohortWindowBounds } from '../cohort/cohort-windows.ts';
import { loadIkmChanges } from './ikm-change.ts';

const BOUNDS: CohortWindowBounds = {
  placebo: { start: '2021-01-01', end: '2022-01-01' },
  pre: { start: '2022-01-01', end: '2023-01-01' },
  post: { start: '2024-01-01', end: '2025-01-01' },
};

/** A Db whose one query answers the given per-window totals. */
function stubDb(rows: readonly Record<string, number | string>[]): Db {
  return { all: async () => rows } as unknown as Db;
}

const totals = (values: readonly number[]) => Object.fromEntries(values.map((v, i) => [`u${i + 1}`, v]));

describe('loadIkmChanges', () => {
  it('change is the difference of the readings as shown, to their 2 decimals (79.60 − 72.73 = 6.87)', async () => {
    // 11 respondents, every unsur total 32: IKM 72.727… → 72.73; 29 respondents, totals 92 ×8 and
    // 95: IKM 79.597… → 79.60. In floats 79.6 − 72.73 is 6.86999999999999.
    const db = stubDb([
      { agency_code: 'DISDUKCAPIL', win: 'pre', respondents: 11, ...totals(Array(9).fill(32)) },
      { agency_code: 'DISDUKCAPIL', win: 'post', respondents: 29, ...totals([...Array(8).fill(92), 95]) },
    ]);
    const [c] = await loadIkmChanges(db, ['DISDUKCAPIL'], BOUNDS);
    expect(c?.pre?.ikm).toBe(72.73);
    expect(c?.post?.ikm).toBe(79.6);
    expect(c?.change).toBe(6.87);
  });

  it('change is null unless both windows have an IKM', async () => {
    const db = stubDb([{ agency_code: 'A', win: 'post', respondents: 11, ...totals(Array(9).fill(32)) }]);
    const [c] = await loadIkmChanges(db, ['A'], BOUNDS);
    expect(c?.pre).toBeNull();
    expect(c?.change).toBeNull();
  });
});
