import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { cohortComparison } from '../cohort/cohort-comparison.ts';
import { PEOPLE, seedCohortWorld } from '../cohort/testing/cohort-fixture.ts';
import { openTestMarts } from '../cohort/testing/seed-marts.ts';
import { budgetScenario } from './budget-scenario.ts';

// Hand computation, budget year 2024 (history = offerings starting before 2024; see cohort fixture):
// costs 4,000,000 (offering 1, 7 attended) + 999,000 (offering 2, c1) = 4,999,000 / 8 = 624,875 per seat.
// Hours 8 × 7.5 = 60; time cost 1,973,076.92… (offering 1) + 300,000 (c1, III/a) → 37,884.615… IDR/h.
// Effect: only the 2023 cohort is estimable (2022's post window has no data): −3 days, t CI ± 2.446912 √⅓.
// Volume, DIS-1: 2023 matched treated t1, t2 × 20 requests = 40 / 5 DIS-1 participants = 8 per seat.
const HALF = 2.446912 * Math.sqrt(1 / 3);
const HOURLY = (1_200_000 + 450_000 + (7.5 * 7_000_000) / 162.5 + 300_000) / 60;

describe('budgetScenario, hand-computed', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestMarts();
    await seedCohortWorld(db, PEOPLE);
  });
  afterAll(() => db.close());

  it('estimates the past cohorts with the contrast asked for', async () => {
    const spec = { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 };
    const only = await budgetScenario(db, { ...spec, contrast: 'only_vs_untrained' }, {}, { minCellSize: 2 });
    const rest = await budgetScenario(db, spec, {}, { minCellSize: 2 });
    const cohort2023 = {
      selector: { kind: 'program', value: 'PLY-PRIMA' },
      from: '2023-01-01',
      to: '2023-12-31',
    } as const;
    for (const [r, contrast] of [
      [only, 'only_vs_untrained'],
      [rest, 'vs_rest'],
    ] as const) {
      const direct = await cohortComparison(
        db,
        { ...cohort2023, outcome: 'service_days', contrast },
        { minCellSize: 2 },
      );
      expect(r.history.cohorts[1]).toMatchObject({
        year: 2023,
        didDays: direct.did.estimate,
        se: direct.did.se,
      });
    }
    // c3 (another program in 2023) leaves the comparison: same DiD (−3), another SE.
    expect(only.history.cohorts[1]!.se).not.toBe(rest.history.cohorts[1]!.se);
  });

  it('buys seats at the historic cost per participant and prices the expected ROI', async () => {
    const r = await budgetScenario(
      db,
      { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 },
      {},
      { minCellSize: 2 },
    );
    expect(r.history).toMatchObject({
      participants: 8,
      programCostsIdr: 4_999_000,
      costPerParticipantIdr: 624_875,
    });
    expect(r.history.hoursPerParticipant).toBeCloseTo(7.5, 12);
    expect(r.history.hourlyCostIdr).toBeCloseTo(HOURLY, 6);
    expect(r.history.cohorts.map((c) => [c.year, c.suppressed])).toEqual([
      [2022, true],
      [2023, false],
    ]);
    expect(r.seats).toBe(8);
    expect(r.leftoverIdr).toBeCloseTo(1_000, 6);
    expect(r.daysSavedPerRequest!.base).toBeCloseTo(3, 12);
    expect(r.daysSavedPerRequest!.low).toBeCloseTo(3 - HALF, 5);
    expect(r.volumeBasis).toBe('agency');
    expect(r.requestsPerSeatPerYear).toBe(8);
    const costs = 4_999_000 + 60 * HOURLY;
    const benefits = 3 * 8 * 8 * 130_000 * 0.8; // 19,968,000
    expect(r.roi!.costs.totalIdr).toBeCloseTo(costs, 4);
    expect(r.roi!.base.benefitsIdr).toBeCloseTo(benefits, 4);
    expect(r.roi!.base.roiPercent).toBeCloseTo(((benefits - costs) / costs) * 100, 8); // ≈ 174.6 %
    expect(r.roi!.low.benefitsIdr).toBeCloseTo((3 - HALF) * 64 * 104_000, -1);
    expect(r.caveats).toEqual([]);
    expect(r.assumptions.map((a) => a.name)).toContain('citizenDayValueIdr');
  });

  it('pools the joint model’s coefficient with isolation joint, volume still from the cohort', async () => {
    const spec = { agencyCode: 'DIS-1', programCode: 'PLY-PRIMA', budgetIdr: 5_000_000, year: 2024 };
    const joint = await budgetScenario(db, { ...spec, isolation: 'joint' }, {}, { minCellSize: 2 });
    const cohort = await budgetScenario(db, spec, {}, { minCellSize: 2 });
    expect(cohort.isolation).toBe('cohort');
    expect(cohort.history.cohorts.map((c) => c.joint)).toEqual([null, null]);
    expect(joint.isolation).toBe('joint');
    // The cohort comparisons are still reported; 2023's joint model (see program-effects.test.ts):
    // β = −3, HC1 variance 0.9, df 4; 2022 has no post window, so no estimate.
    expect(joint.history.cohorts.map((c) => [c.year, c.didDays, c.suppressed])).toEqual(
      cohort.history.cohorts.map((c) => [c.year, c.didDays, c.suppressed]),
    );
    const y2023 = joint.history.cohorts[1]!.joint!;
    expect(y2023.programCode).toBe('PLY-PRIMA');
    expect(y2023.effect.estimate).toBeCloseTo(-3, 10);
    expect(y2023.effect.se).toBeCloseTo(Math.sqrt(0.9), 10);
    expect(joint.history.cohorts[0]!.joint?.effect.ci ?? null).toBeNull();
    expect(joint.history.cohorts.map((c) => c.pooled)).toEqual([false, true]);
    expect(cohort.history.cohorts.map((c) => c.pooled)).toEqual([false, true]);
    const half = 2.776445 * Math.sqrt(0.9); // t(0.975, 4)
    expect(joint.daysSavedPerRequest!.base).toBeCloseTo(3, 10);
    expect(joint.daysSavedPerRequest!.low).toBeCloseTo(3 - half, 5);
    // Seats, costs and the volume per seat do not depend on the isolation.
    expect(joint.seats).toBe(cohort.seats);
    expect(joint.requestsPerSeatPerYear).toBe(8);
    expect(joint.roi!.costs.totalIdr).toBeCloseTo(cohort.roi!.costs.totalIdr, 6);
    expect(joint.roi!.base.benefitsIdr).toBeCloseTo(3 * 8 * 8 * 130_000 * 0.8, 4);
    expect(joint.roi!.low.benefitsIdr).toBeCloseTo((3 - half) * 64 * 104_000, -1);
    expect(joint.caveats).toEqual([]);
  });

  it('takes volume from the whole program when the agency has no history', async () => {
    const r = await budgetScenario(
      db,
      { agencyCode: 'NEW-1', programCode: 'PLY-PRIMA', budgetIdr: 1_000_000, year: 2024 },
      {},
      { minCellSize: 2 },
    );
    expect(r.volumeBasis).toBe('program');
    expect(r.requestsPerSeatPerYear).toBeCloseTo(80 / 7, 12);
    expect(r.seats).toBe(1);
    expect(r.caveats.map((c) => c.code)).toEqual(['no_agency_history']);
  });

  it('says so when there is no history at all', async () => {
    const r = await budgetScenario(db, { agencyCode: 'DIS-1', programCode: 'NEW', budgetIdr: 1_000_000 });
    expect(r.seats).toBeNull();
    expect(r.roi).toBeNull();
    expect(r.daysSavedPerRequest).toBeNull();
    expect(r.caveats.map((c) => c.code)).toEqual([
      'no_cost_history',
      'no_effect_history',
      'no_agency_history',
    ]);
    expect(r.caveats[0]!.id).toContain('Belum ada riwayat biaya');
  });
});
