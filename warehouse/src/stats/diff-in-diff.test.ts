import { describe, expect, it } from 'vitest';
import { type DidUnit, diffInDiff } from './diff-in-diff.ts';
import { exactMatchWeights } from './exact-match-weights.ts';
import { welch } from './welch.ts';

// Hand-computed example. Treated cell mix: A 2, B 2 (plus one unmatched in D).
// Control: A 4 units (weight 2/4 = 0.5), B 2 units (weight 2/2 = 1), C 1 unit (no treated: weight 0).
const units: DidUnit[] = [
  { treated: true, stratum: 'A', pre: 10, post: 14 }, // Δ 4
  { treated: true, stratum: 'A', pre: 12, post: 15 }, // Δ 3
  { treated: true, stratum: 'B', pre: 20, post: 22 }, // Δ 2
  { treated: true, stratum: 'B', pre: 19, post: 20 }, // Δ 1
  { treated: true, stratum: 'D', pre: 30, post: 40 }, // unmatched
  { treated: false, stratum: 'A', pre: 11, post: 12 }, // Δ 1
  { treated: false, stratum: 'A', pre: 9, post: 11 }, // Δ 2
  { treated: false, stratum: 'A', pre: 10, post: 10 }, // Δ 0
  { treated: false, stratum: 'A', pre: 12, post: 12 }, // Δ 0
  { treated: false, stratum: 'B', pre: 18, post: 19 }, // Δ 1
  { treated: false, stratum: 'B', pre: 21, post: 20 }, // Δ −1
  { treated: false, stratum: 'C', pre: 5, post: 9 }, // unused
];

describe('exactMatchWeights', () => {
  it('weights controls by n_T,s / n_C,s and reports what it drops', () => {
    expect(exactMatchWeights(units)).toEqual({
      weights: [1, 1, 1, 1, 0, 0.5, 0.5, 0.5, 0.5, 1, 1, 0],
      unmatchedTreated: 1,
      unusedControl: 1,
    });
  });
});

describe('diffInDiff (unit level, matched)', () => {
  const r = diffInDiff(units)!;

  it('estimate = mean Δ treated − weighted mean Δ control = 2.5 − 0.375', () => {
    expect(r.estimate).toBeCloseTo(2.125, 12);
    expect(r.treated).toEqual({ n: 4, nEffective: 4, meanPre: 15.25, meanPost: 17.75, meanChange: 2.5 });
    expect(r.control.n).toBe(6);
    expect(r.control.nEffective).toBeCloseTo(16 / 3, 12); // (Σw)² / Σw² = 16 / 3
    expect(r.control.meanPre).toBeCloseTo(15, 12); // (0.5 × 42 + 39) / 4
    expect(r.control.meanPost).toBeCloseTo(15.375, 12); // (0.5 × 45 + 39) / 4
    expect(r.control.meanChange).toBeCloseTo(0.375, 12);
    expect(r.unmatchedTreated).toBe(1);
    expect(r.unusedControl).toBe(1);
  });

  it('SE and df by Welch with the weighted variance and effective n of the control changes', () => {
    const varTreated = 5 / 3; // Δ 4, 3, 2, 1
    // Σw(Δ − 0.375)² = 0.5 × 3.3125 + 2.28125 = 3.9375; Σw − Σw²/Σw = 4 − 3/4 = 3.25.
    const varControl = 3.9375 / 3.25;
    const vt = varTreated / 4;
    const vc = varControl / (16 / 3);
    expect(r.se).toBeCloseTo(Math.sqrt(vt + vc), 12);
    expect(r.df).toBeCloseTo((vt + vc) ** 2 / (vt ** 2 / 3 + vc ** 2 / (16 / 3 - 1)), 10);
    expect(r.tStat).toBeCloseTo(2.125 / Math.sqrt(vt + vc), 10);
    expect(r.ci!.low).toBeLessThan(2.125);
    expect(r.pValue).toBeGreaterThan(0);
  });

  it('without strata it is exactly Welch on the changes', () => {
    const plain = units.filter((u) => u.stratum !== 'D').map(({ stratum: _s, ...u }) => u);
    const did = diffInDiff(plain)!;
    const welchOnChanges = welch(
      plain.filter((u) => u.treated).map((u) => u.post - u.pre),
      plain.filter((u) => !u.treated).map((u) => u.post - u.pre),
    )!;
    expect(did.estimate).toBeCloseTo(welchOnChanges.estimate, 12);
    expect(did.se).toBeCloseTo(welchOnChanges.se!, 12);
    expect(did.df).toBeCloseTo(welchOnChanges.df!, 10);
  });

  it('returns null when matching leaves an arm empty', () => {
    expect(diffInDiff(units.filter((u) => u.treated))).toBeNull();
    expect(diffInDiff([units[4]!, units[11]!])).toBeNull(); // D treated vs C control: no common cell
  });
});
