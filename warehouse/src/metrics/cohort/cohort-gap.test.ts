import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { programEffects } from '../program-effects/program-effects.ts';
import { MetricInputError } from '../query/metric-input-error.ts';
import { cohortComparison } from './cohort-comparison.ts';
import { cohortWindowBounds, reportWindows } from './cohort-windows.ts';
import { appraisalWorld, PEOPLE, SPEC, seedCohortWorld } from './testing/cohort-fixture.ts';
import { insertMartRows, openTestMarts } from './testing/seed-marts.ts';

/**
 * gapMonths: the months just before training left out of the baseline (Ashenfelter's dip). The
 * hand-computed cohort world (treated −3 days, controls 0: DiD −3) plus a dip planted in November
 * 2022, the last months before the 2023 treatment window: the trained handlers t1–t4 were slow then
 * (20 requests at 20 days each), as staff sent to training after a bad spell would be.
 */
describe('cohortComparison with a gap before the treatment window (Ashenfelter’s dip)', () => {
  let clean: Db;
  let dipped: Db;
  beforeAll(async () => {
    clean = await openTestMarts();
    await seedCohortWorld(clean, PEOPLE);
    dipped = await openTestMarts();
    await seedCohortWorld(dipped, PEOPLE);
    await insertMartRows(
      dipped,
      'agg_handler_month',
      ['t1', 't2', 't3', 't4'].map((employee_key) => ({
        employee_key,
        month_start: '2022-11-01',
        requests: 20,
        completed: 20,
        sum_days: 20 * 20,
        sla_met: 0,
      })),
    );
  });
  afterAll(async () => {
    await clean?.close();
    await dipped?.close();
  });

  it('moves pre and placebo back by the gap; post stays', () => {
    expect(reportWindows(cohortWindowBounds('2023-01-01', '2023-12-31', 12, 3))).toEqual({
      placebo: { from: '2020-10-01', to: '2021-09-30' },
      pre: { from: '2021-10-01', to: '2022-09-30' },
      post: { from: '2024-01-01', to: '2024-12-31' },
    });
    expect(cohortWindowBounds('2023-01-01', '2023-12-31', 12, 0)).toEqual(
      cohortWindowBounds('2023-01-01', '2023-12-31'),
    );
    expect(() => cohortWindowBounds('2023-01-01', '2023-12-31', 12, -1)).toThrow(RangeError);
    expect(() => cohortWindowBounds('2023-01-01', '2023-12-31', 12, 1.5)).toThrow(RangeError);
  });

  it('without a gap the dip counts as effect and the pre-trend check flags it; a 3-month gap gives back the true DiD', async () => {
    const truth = await cohortComparison(clean, SPEC, { minCellSize: 2 });
    expect(truth.did.estimate).toBeCloseTo(-3, 12);
    const biased = await cohortComparison(dipped, SPEC, { minCellSize: 2 });
    // Treated pre means rise from (10, 12, 8, 9) to (15, 16, 14, 14.5), by 5.125 on average:
    // DiD −3 − 5.125 = −8.125.
    expect(biased.did.estimate).toBeCloseTo(-8.125, 12);
    expect(biased.preTrend?.ciExcludesZero).toBe(true);
    expect(biased.warnings.map((w) => w.code)).toContain('diverging_pre_trends');
    const gapped = await cohortComparison(dipped, { ...SPEC, gapMonths: 3 }, { minCellSize: 2 });
    expect(gapped.windows.pre).toEqual({ from: '2021-10-01', to: '2022-09-30' });
    expect(gapped.did.estimate).toBeCloseTo(-3, 12);
    expect(gapped.did.se).toBeCloseTo(truth.did.se!, 12);
    expect(gapped.preTrend?.estimate).toBeCloseTo(truth.preTrend!.estimate!, 12);
    expect(gapped.warnings.map((w) => w.code)).not.toContain('diverging_pre_trends');
  });

  it('the joint model takes the same gap', async () => {
    const spec = { from: SPEC.from, to: SPEC.to, outcome: 'service_days' as const };
    const biased = await programEffects(dipped, spec, { minCellSize: 2 });
    const gapped = await programEffects(dipped, { ...spec, gapMonths: 3 }, { minCellSize: 2 });
    const truth = await programEffects(clean, spec, { minCellSize: 2 });
    const ply = (r: typeof truth) => r.programs.find((p) => p.programCode === 'PLY-PRIMA')?.effect.estimate;
    expect(ply(gapped)).toBeCloseTo(ply(truth)!, 10);
    expect(ply(biased)).toBeLessThan(ply(truth)! - 1);
    expect(gapped.windows.pre).toEqual({ from: '2021-10-01', to: '2022-09-30' });
  });

  it('for appraisal_score takes whole years only, naming the whole-year gaps either side', async () => {
    const db = await openTestMarts();
    try {
      await appraisalWorld(db, { t1: [60, 61, 70, 72], u1: [60, 62, 63, 64] });
      const spec = { ...SPEC, outcome: 'appraisal_score' as const };
      let refused: unknown;
      try {
        await cohortComparison(db, { ...spec, gapMonths: 3 }, { minCellSize: 1 });
      } catch (e) {
        refused = e;
      }
      expect(refused).toBeInstanceOf(MetricInputError);
      expect((refused as MetricInputError).detail).toMatchObject({
        reason: 'RANGE_NOT_ALIGNED',
        field: 'gapMonths',
        value: '3',
        earlier: '0',
        later: '12',
      });
      const yearBack = await cohortComparison(db, { ...spec, gapMonths: 12 }, { minCellSize: 1 });
      expect(yearBack.windows.pre).toEqual({ from: '2021-01-01', to: '2021-12-31' });
    } finally {
      await db.close();
    }
  });
});
