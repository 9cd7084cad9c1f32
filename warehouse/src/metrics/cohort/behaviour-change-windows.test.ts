import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { behaviourChange } from './behaviour-change.ts';
import { loadCohortUnits } from './cohort-units.ts';
import { appraisalWorld } from './testing/cohort-fixture.ts';
import { openTestMarts } from './testing/seed-marts.ts';

/**
 * L3 windows against yearly SKP appraisals, each dated 31 December of the year it rates. Three
 * trained (completed 2023-04-01) and three untrained employees in one stratum; the 2023 scores (99
 * trained, 50 untrained) are far off the rest, so it shows at once which window holds the
 * completion year's appraisal.
 */
const SCORES: Record<string, [number, number, number, number]> = {
  //   2021 2022 2023 2024
  t1: [80, 80, 99, 84],
  t2: [78, 79, 99, 82],
  t3: [81, 82, 99, 87],
  c1: [80, 81, 50, 81],
  c2: [77, 78, 50, 79],
  c3: [85, 85, 50, 84],
};
const selector = { kind: 'program', value: 'PLY-PRIMA' } as const;
const appraisal = { selector, outcome: 'appraisal_score' } as const;

describe('behaviourChange (L3): which appraisal year each window holds', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await appraisalWorld(db, SCORES);
  });
  afterAll(() => db.close());

  const windowsOf = async (from: string, to: string, windowMonths?: number) => {
    const { units } = await loadCohortUnits(db, {
      ...appraisal,
      from,
      to,
      ...(windowMonths ? { windowMonths } : {}),
    });
    const t1 = units.find((u) => u.employeeKey === 't1');
    return { placebo: t1?.placebo, pre: t1?.pre, post: t1?.post };
  };

  it('a calendar-year treatment window: pre = the year before (2022), post = the year after (2024)', async () => {
    expect(await windowsOf('2023-01-01', '2023-12-31')).toEqual({ placebo: 80, pre: 80, post: 84 });
  });

  it('a treatment window ending before December puts the completion year (2023) in post, 12-month windows too', async () => {
    // post 2023-07-01 … 2024-06-30 holds 2023-12-31 only: the appraisal of the year of the training.
    expect(await windowsOf('2023-01-01', '2023-06-30')).toEqual({ placebo: 80, pre: 80, post: 99 });
    // 6-month windows: pre 2022-07 … 2022-12 (2022), post 2023-07 … 2023-12 (2023), placebo
    // 2022-01 … 2022-06 holds no 31 December: null.
    expect(await windowsOf('2023-01-01', '2023-06-30', 6)).toEqual({ placebo: null, pre: 80, post: 99 });
  });

  it('so its DiD is the completion-year change: 50 SKP points against 4 for the calendar year', async () => {
    const sub = await behaviourChange(
      db,
      { selector, from: '2023-01-01', to: '2023-06-30' },
      { minCellSize: 3 },
    );
    // Treated 99 − (80, 79, 82) = 19, 20, 17; control 50 − (81, 78, 85) = −31, −28, −35.
    expect(sub.windows.post).toEqual({ from: '2023-07-01', to: '2024-06-30' });
    expect(sub.treated.meanChange).toBeCloseTo(56 / 3, 12);
    expect(sub.control.meanChange).toBeCloseTo(-94 / 3, 12);
    expect(sub.did.estimate).toBeCloseTo(50, 12);
    const year = await behaviourChange(
      db,
      { selector, from: '2023-01-01', to: '2023-12-31' },
      { minCellSize: 3 },
    );
    expect(year.did.estimate).toBeCloseTo(4, 12);
  });

  it('a sub-year window holding no 31 December has no appraisal in it: nothing to compare', async () => {
    // windowMonths 6 after a July–December treatment window: pre 2023-01 … 2023-06, post 2024-01 … 2024-06.
    expect(await windowsOf('2023-07-01', '2023-12-31', 6)).toEqual({ placebo: 80, pre: null, post: null });
    const r = await behaviourChange(
      db,
      { selector, from: '2023-07-01', to: '2023-12-31', windowMonths: 6 },
      { minCellSize: 3 },
    );
    expect(r.treated.n).toBe(0);
    expect(r.did.estimate).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('nothing_to_compare');
  });
});
