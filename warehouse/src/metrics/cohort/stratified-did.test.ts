import { describe, expect, it } from 'vitest';
import { type DidUnit, diffInDiff } from '../../stats/index.ts';
import { combineMoments, EMPTY_MOMENTS, type PairMoments } from './cohort-cells.ts';
import { type StratumMoments, stratifiedDiffInDiff } from './stratified-did.ts';

function momentsOf(units: readonly DidUnit[]): PairMoments {
  return units.reduce(
    (acc, u) =>
      combineMoments(acc, {
        n: 1,
        meanBefore: u.pre,
        meanAfter: u.post,
        meanChange: u.post - u.pre,
        m2Change: 0,
      }),
    EMPTY_MOMENTS,
  );
}

function strataOf(units: readonly DidUnit[]): StratumMoments[] {
  const names = [...new Set(units.map((u) => u.stratum ?? ''))];
  return names.map((stratum) => ({
    stratum,
    treated: momentsOf(units.filter((u) => u.stratum === stratum && u.treated)),
    control: momentsOf(units.filter((u) => u.stratum === stratum && !u.treated)),
  }));
}

// A deterministic LCG so the property check is reproducible.
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

describe('stratifiedDiffInDiff', () => {
  it('equals the unit-level stats/diffInDiff on random matched data', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const r = random(seed);
      const units: DidUnit[] = Array.from({ length: 20 + Math.floor(r() * 200) }, () => {
        const pre = 5 + r() * 10;
        return {
          treated: r() < 0.3,
          stratum: `s${Math.floor(r() * 6)}`,
          pre,
          post: pre + (r() - 0.6) * 4,
        };
      });
      const expected = diffInDiff(units);
      const actual = stratifiedDiffInDiff(strataOf(units));
      if (expected === null) {
        expect(actual).toBeNull();
        continue;
      }
      expect(actual).not.toBeNull();
      expect(actual!.estimate).toBeCloseTo(expected.estimate, 10);
      expect(actual!.se!).toBeCloseTo(expected.se!, 10);
      expect(actual!.df!).toBeCloseTo(expected.df!, 8);
      expect(actual!.ci!.low).toBeCloseTo(expected.ci!.low, 8);
      expect(actual!.control.nEffective).toBeCloseTo(expected.control.nEffective, 10);
      expect(actual!.control.meanPre).toBeCloseTo(expected.control.meanPre, 10);
      expect(actual!.treated.meanPost).toBeCloseTo(expected.treated.meanPost, 10);
      expect([actual!.treated.n, actual!.control.n, actual!.unmatchedTreated, actual!.unusedControl]).toEqual(
        [expected.treated.n, expected.control.n, expected.unmatchedTreated, expected.unusedControl],
      );
    }
  });

  it('combines moments exactly (M2 of 1, 2, 3, 4 is 5)', () => {
    const m = [1, 2, 3, 4].reduce(
      (acc, d) => combineMoments(acc, { n: 1, meanBefore: 0, meanAfter: d, meanChange: d, m2Change: 0 }),
      EMPTY_MOMENTS,
    );
    expect(m).toEqual({ n: 4, meanBefore: 0, meanAfter: 2.5, meanChange: 2.5, m2Change: 5 });
  });

  it('returns null without a matched stratum', () => {
    const one: PairMoments = { n: 3, meanBefore: 1, meanAfter: 2, meanChange: 1, m2Change: 1 };
    expect(stratifiedDiffInDiff([{ stratum: 'a', treated: one, control: EMPTY_MOMENTS }])).toBeNull();
  });
});
