import { describe, expect, it } from 'vitest';
import type { CohortCell, PairMoments } from './cohort-cells.ts';
import { analyseCohort } from './cohort-comparison.ts';
import type { CohortSpec } from './cohort-spec.ts';
import { cohortWindowBounds } from './cohort-windows.ts';
import { shownCounts, smallCounts, warningsWithNumbers } from './testing/disclosure.ts';

/**
 * Disclosure control of the cohort comparison's counts, on hand-made cells (no warehouse): a
 * suppressed comparison carries no count that is not 0, anywhere, and its warnings name none.
 */
const SPEC: CohortSpec = {
  selector: { kind: 'program', value: 'P' },
  from: '2023-01-01',
  to: '2023-12-31',
  outcome: 'service_days',
};
const BOUNDS = cohortWindowBounds(SPEC.from, SPEC.to);

/** n units whose changes are spread around `change` (variance > 0). */
const moments = (n: number, change = 0): PairMoments => ({
  n,
  meanBefore: 10,
  meanAfter: 10 + change,
  meanChange: change,
  m2Change: n > 1 ? n - 1 : 0,
});

const cell = (
  stratum: string,
  treated: boolean,
  did: number,
  placebo: number,
  agencyCode = 'DIS-1',
): CohortCell => ({
  agencyCode,
  stratum,
  treated,
  did: moments(did, treated ? -1 : 0),
  placebo: moments(placebo),
  postCompleted: did * 20,
});

describe('analyseCohort: disclosure control of counts', () => {
  it('hides a 3-person treated arm and everything that would give it back', () => {
    const cells = [
      cell('A', true, 3, 6),
      cell('A', false, 40, 40),
      cell('B', true, 2, 2), // no control in B: dropped
      cell('C', false, 25, 25), // no treated in C: unused
    ];
    const { result: r, matched, matchedByAgency } = analyseCohort(cells, BOUNDS, SPEC);
    expect(r.suppressed).toBe(true);
    expect(r.treated.n).toBeNull();
    // 40 controls are no small group, but n − 40 would be the 3: hidden as well.
    expect(r.control.n).toBeNull();
    expect(r.n).toBeNull();
    expect(r.matching).toEqual({
      treatedEligible: null,
      treatedDropped: null,
      treatedDroppedShare: null,
      controlUnused: null,
      strata: null,
    });
    // The placebo arms (6 and 40) could be shown on their own, but they are mostly the suppressed
    // arms' employees: no counts beside a suppressed comparison.
    expect(r.preTrend?.nTreated).toBeNull();
    expect(r.preTrend?.nControl).toBeNull();
    expect(shownCounts(r)).toEqual([]);
    // small_n and poor_overlap (2 of 5 dropped) are said without a number.
    expect(r.warnings.map((w) => w.code)).toEqual(['suppressed', 'small_n', 'poor_overlap']);
    expect(warningsWithNumbers(r.warnings, 5)).toEqual([]);
    expect(JSON.stringify(r.warnings)).not.toMatch(/\b[0-4]\b|40 %/);
    // Nothing for ROI volumes either.
    expect(matched).toEqual({ handlers: 0, postCompleted: 0 });
    expect(matchedByAgency.size).toBe(0);
  });

  it('shows every count, with its numbers in the warnings, once the arms reach the minimum', () => {
    const cells = [cell('A', true, 8, 8), cell('A', false, 40, 40), cell('B', true, 3, 3)];
    const { result: r } = analyseCohort(cells, BOUNDS, SPEC);
    expect(r.suppressed).toBe(false);
    expect([r.treated.n, r.control.n, r.n]).toEqual([8, 40, 48]);
    expect(r.matching).toMatchObject({ treatedEligible: 11, treatedDropped: 3, strata: 1 });
    expect(r.preTrend).toMatchObject({ nTreated: 8, nControl: 40 });
    const smallN = r.warnings.find((w) => w.code === 'small_n');
    expect(smallN?.en).toContain('trained 8, comparison 40; at least 30 each');
    expect(r.warnings.find((w) => w.code === 'poor_overlap')?.en).toMatch(/^3 trained employees \(27%\)/);
  });

  it('hides the placebo counts when the check is below the minimum, though the comparison is shown', () => {
    const cells = [cell('A', true, 8, 3), cell('A', false, 40, 40)];
    const { result: r } = analyseCohort(cells, BOUNDS, SPEC);
    expect(r.suppressed).toBe(false);
    expect(r.preTrend).toEqual({
      estimate: null,
      se: null,
      df: null,
      pValue: null,
      ci: null,
      nTreated: null,
      nControl: null,
      ciExcludesZero: null,
    });
  });

  it('keeps the 0 of an empty arm: nobody hidden, and "no match" stays distinct from "too few"', () => {
    const { result: r } = analyseCohort([cell('A', true, 3, 3)], BOUNDS, SPEC);
    expect(r.suppressed).toBe(true);
    expect([r.treated.n, r.control.n, r.n, r.matching.strata, r.matching.controlUnused]).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect([r.matching.treatedEligible, r.matching.treatedDropped]).toEqual([null, null]);
    expect(r.preTrend).toBeNull();
    expect(smallCounts(r, 5)).toEqual([]);
  });

  it('nothing to compare says nothing is hidden only when nothing is (not beside a complementary suppression)', () => {
    const cells = [cell('A', false, 40, 40)];
    const open = analyseCohort(cells, BOUNDS, SPEC).result;
    expect(open.suppressed).toBe(false);
    expect(open.warnings.map((w) => [w.code, w.en.includes('nothing is hidden')])).toEqual([
      ['nothing_to_compare', true],
    ]);
    // The agencies filter leaves out a small group: suppressed, and no warning may say otherwise.
    const hidden = analyseCohort(cells, BOUNDS, SPEC, {}, true).result;
    expect(hidden.suppressed).toBe(true);
    expect(hidden.suppressionReason).toBe('complementary');
    expect(hidden.warnings.map((w) => w.code)).toEqual(['suppressed', 'nothing_to_compare']);
    for (const w of hidden.warnings) {
      expect(w.en).not.toMatch(/nothing is hidden/);
      expect(w.id).not.toMatch(/tidak ada yang dirahasiakan/);
    }
  });

  it('whatever the arms, a suppressed result shows no count that is not 0', () => {
    for (const t of [0, 1, 2, 3, 4, 5, 12])
      for (const c of [0, 1, 4, 5, 60])
        for (const dropped of [0, 1, 7]) {
          const cells = [cell('A', true, t, t), cell('A', false, c, c), cell('B', true, dropped, dropped)];
          const { result: r } = analyseCohort(cells, BOUNDS, SPEC, { minCellSize: 5 });
          // No trained employee at all: nothing to compare hides nobody, unless the untrained are few.
          const empty = t === 0 && dropped === 0 && (c === 0 || c >= 5);
          expect(r.suppressed).toBe(!empty && (t < 5 || c < 5));
          if (empty) {
            expect(r.did.estimate).toBeNull();
            expect(r.warnings.map((w) => w.code)).toEqual(['nothing_to_compare']);
            expect(smallCounts(r, 5), `${t} ${c} ${dropped}`).toEqual([]);
          }
          if (r.suppressed) {
            expect(smallCounts(r, 5), `${t} ${c} ${dropped}`).toEqual([]);
            expect(shownCounts(r), `${t} ${c} ${dropped}`).toEqual([]);
            expect(warningsWithNumbers(r.warnings, 5), `${t} ${c} ${dropped}`).toEqual([]);
          }
        }
  });
});
