import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { learning } from './learning.metric.ts';
import { eachOwnEmployee, openTestMarts, seed } from './testing/mart-fixture.ts';

/**
 * Learners whose individual normalised gains differ, so that the mean of per-learner gains (Hake's g
 * averaged per learner) differs from the ratio of summed gains to summed headroom, and an even number
 * of learners, so that the median gain is interpolated between the two middle gains.
 */
describe('learning (L2): per-learner normalised gain and interpolated median', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    const e = (pre: number, post: number) => ({
      status: 'completed',
      completed_on: '2024-05-01',
      pre_score: pre,
      post_score: post,
    });
    await seed(
      db,
      'fct_enrollments',
      eachOwnEmployee([
        e(40, 70), // gain 30, g = 30/60 = 0.5
        e(90, 99), // gain 9,  g = 9/10 = 0.9
        e(60, 70), // gain 10, g = 10/40 = 0.25
        e(100, 100), // gain 0, at the ceiling: left out of g
      ]),
    );
  });
  afterAll(() => db.close());

  it('averages g per learner (not Σgain / Σheadroom) and interpolates the median gain', async () => {
    const { rows } = await learning(db, {}, { minN: 1 });
    const row = rows[0]!;
    expect(row.learners).toBe(4);
    // Gains 30, 9, 10, 0: mean 49/4.
    expect(row.meanGain).toBeCloseTo(49 / 4, 12);
    // Sorted gains 0, 9, 10, 30: the median lies halfway between 9 and 10 (a discrete quantile
    // would answer 9 or 10).
    expect(row.medianGain).toBeCloseTo(9.5, 12);
    // (0.5 + 0.9 + 0.25) / 3 = 0.55; the ratio of sums would be 49 / 110 ≈ 0.445.
    expect(row.normalizedGain).toBeCloseTo(0.55, 12);
  });
});
