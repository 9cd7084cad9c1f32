import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { behaviourChange } from './behaviour-change.ts';
import { loadCohortUnits } from './cohort-units.ts';
import { appraisalWorld } from './testing/cohort-fixture.ts';
import { openTestMarts } from './testing/seed-marts.ts';

/**
 * L3 windows against yearly SKP appraisals, each dated 31 December of the year it rates. Three
 * trained (completed 2023-04-01) and three untrained employees in one stratum; the 2023 scores (99
 * trained, 50 untrained) are far off the rest, so it shows at once which window would hold the
 * completion year's appraisal (none: the treatment window is the calendar year).
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

  it('a treatment window other than one calendar year is refused, naming the year’s dates', async () => {
    // Privacy review of 2026-12-05: windows starting and ending in the same years hold the same
    // appraisal years, so KEP-EL from 2023-03-01 and from 2023-04-01 (to 2023-12-31) differed by one
    // employee (n 650 against 649), whose 2022 and 2024 SKP their treated means gave back.
    const refused = (from: string, to: string, field: string, earlier: string, later: string) =>
      expect(behaviourChange(db, { selector, from, to }, { minCellSize: 3 })).rejects.toMatchObject({
        reason: 'RANGE_NOT_ALIGNED',
        field,
        detail: expect.objectContaining({ unit: 'year', earlier, later }),
      });
    await refused('2023-04-01', '2023-12-31', 'from', '2023-01-01', '2024-01-01');
    await refused('2023-01-01', '2023-06-30', 'to', '2022-12-31', '2023-12-31');
    // Several years: nested windows with the same post year would differ by a few employees too.
    await refused('2022-01-01', '2023-12-31', 'to', '2022-12-31', '2022-12-31');
    // Whole months first, as for every analysis window.
    await expect(
      behaviourChange(db, { selector, from: '2023-01-15', to: '2023-12-31' }, { minCellSize: 3 }),
    ).rejects.toMatchObject({
      reason: 'RANGE_NOT_ALIGNED',
      detail: expect.objectContaining({ unit: 'month' }),
    });
  });

  it('its DiD is the change from the year before to the year after: 4 SKP points', async () => {
    // Treated (84, 82, 87) − (80, 79, 82) = 4, 3, 5; control (81, 79, 84) − (81, 78, 85) = 0, 1, −1.
    const year = await behaviourChange(
      db,
      { selector, from: '2023-01-01', to: '2023-12-31' },
      { minCellSize: 3 },
    );
    expect(year.windows.post).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(year.treated.meanChange).toBeCloseTo(4, 12);
    expect(year.did.estimate).toBeCloseTo(4, 12);
  });

  it('24-month windows: the mean of the two years either side; under 12 months no appraisal after it', async () => {
    // pre 2021-01 … 2022-12: mean(80, 80) for t1; post 2024-01 … 2025-12: 2024 only (84).
    expect(await windowsOf('2023-01-01', '2023-12-31', 24)).toEqual({ placebo: null, pre: 80, post: 84 });
    // windowMonths 6: pre 2022-07 … 2022-12 (2022), post 2024-01 … 2024-06 (no 31 December).
    expect(await windowsOf('2023-01-01', '2023-12-31', 6)).toEqual({ placebo: null, pre: 80, post: null });
    const r = await behaviourChange(
      db,
      { selector, from: '2023-01-01', to: '2023-12-31', windowMonths: 6 },
      { minCellSize: 3 },
    );
    expect(r.treated.n).toBe(0);
    expect(r.did.estimate).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('nothing_to_compare');
  });
});
