import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { PEOPLE, type Person, SPEC, seedCohortWorld } from '../cohort/testing/cohort-fixture.ts';
import { openTestMarts } from '../cohort/testing/seed-marts.ts';
import { holmAdjust, programEffects } from './program-effects.ts';

const OPTIONS = { minCellSize: 2 };
const WINDOW = { from: SPEC.from, to: SPEC.to };

/**
 * The cohort fixture with a pre-trend planted: PLY-PRIMA's trainees t1–t4 change by `drift` ± ½ (Δ
 * = pre − placebo: drift − ½, drift + ½ in strata A and B) between the placebo (2021) and pre
 * (2022) windows, while the controls keep their fixture changes (c1 +1, c2 −1, c3 0, c4 0).
 * Demeaned within strata as in program-effects.test.ts (X̃'X̃ = [[2, −½], [−½, ¾]]):
 * X̃'ỹ = [2 · drift, −drift / 2] → β_PLY = (¾ · 2 · drift − ½ · drift / 2) / 1.25 = drift.
 */
function drifting(drift: number): Person[] {
  const delta: Record<string, number> = {
    t1: drift - 0.5,
    t2: drift + 0.5,
    t3: drift - 0.5,
    t4: drift + 0.5,
  };
  return PEOPLE.map((p) => {
    const d = delta[p.key];
    if (d === undefined) return p;
    const [placebo, , post] = p.days as [number, number, number];
    return { ...p, days: [placebo, placebo + d, post] };
  });
}

describe('programEffects: a planted pre-trend is flagged (preTrend.ciExcludesZero)', () => {
  for (const [label, drift] of [
    ['rising', 4.5],
    ['falling (an Ashenfelter dip)', -4.5],
  ] as const) {
    describe(`trainees ${label} before training`, () => {
      let db: Db;
      beforeAll(async () => {
        db = await openTestMarts();
        await seedCohortWorld(db, drifting(drift));
      });
      afterAll(() => db.close());

      it('estimates the drift and says its CI excludes 0', async () => {
        const r = await programEffects(db, WINDOW, OPTIONS);
        const ply = r.programs.find((p) => p.programCode === 'PLY-PRIMA')!;
        expect(ply.preTrend?.estimate).toBeCloseTo(drift, 12);
        expect(Math.sign(ply.preTrend?.estimate as number)).toBe(Math.sign(drift));
        // Both CI bounds lie on the drift's side of 0.
        const ci = ply.preTrend?.ci;
        expect([ci?.low, ci?.high].map((b) => Math.sign(b as number))).toEqual([
          Math.sign(drift),
          Math.sign(drift),
        ]);
        expect(ply.preTrend?.ciExcludesZero).toBe(true);
      });
    });
  }
});

describe('holmAdjust caps adjusted p-values at 1 (R p.adjust(method = "holm"))', () => {
  it('caps every p-value when all adjusted values exceed 1', () => {
    // p.adjust(c(0.4, 0.5, 0.9), "holm") = 1 1 1 (uncapped: 1.2, 1.0, 0.9, running max 1.2).
    expect(holmAdjust([0.4, 0.5, 0.9])).toEqual([1, 1, 1]);
  });

  it('caps only those above 1 in a mixed case, nulls kept', () => {
    // p.adjust(c(0.001, 0.6, 0.7), "holm") = 0.003 1 1 (uncapped: 0.003, 1.2, 1.2).
    const out = holmAdjust([0.001, null, 0.6, 0.7]);
    expect(out[0]).toBeCloseTo(0.003, 15);
    expect(out.slice(1)).toEqual([null, 1, 1]);
  });
});
