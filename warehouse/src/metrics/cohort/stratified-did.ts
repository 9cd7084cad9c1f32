import {
  DEFAULT_CONFIDENCE_LEVEL,
  type DiffInDiffResult,
  type GroupSummary,
  welchFromSummaries,
} from '../../stats/index.ts';
import { combineMoments, EMPTY_MOMENTS, type PairMoments } from './cohort-cells.ts';

/** One matching stratum: the moments of its treated and its control units. */
export interface StratumMoments {
  readonly stratum: string;
  readonly treated: PairMoments;
  readonly control: PairMoments;
}

export interface StratifiedDid extends DiffInDiffResult {
  /** The two groups of changes as Welch and Hedges' g see them (control: weighted, Kish n). */
  readonly treatedSummary: GroupSummary;
  readonly controlSummary: GroupSummary;
  /** Strata with both arms (their treated units are the ones compared). */
  readonly matchedStrata: readonly string[];
}

/**
 * The estimator of `stats/diffInDiff` (unit-level changes, exact matching with control weights
 * n_T,s / n_C,s, Welch SE with the control's reliability-weighted variance and Kish effective n)
 * computed from per-stratum sufficient statistics instead of unit rows. Identical results (the test
 * checks against `diffInDiff` on random units); exists because shipping every employee's row from
 * DuckDB to JavaScript costs seconds at provincial scale. Written here because `warehouse/src/stats`
 * has no summary-level form of the matched DiD.
 *
 * With w_s = n_T,s / n_C,s on each control unit of a matched stratum: Σw = N_T, Σw² = Σ n_T,s²/n_C,s;
 * weighted mean = Σ n_T,s·mean_C,s / N_T; Σw(Δ − m)² = Σ w_s (M2_C,s + n_C,s (mean_C,s − m)²).
 *
 * @returns null when no stratum has both treated and control units.
 */
export function stratifiedDiffInDiff(
  strata: readonly StratumMoments[],
  level: number = DEFAULT_CONFIDENCE_LEVEL,
): StratifiedDid | null {
  let unmatchedTreated = 0;
  let unusedControl = 0;
  let treated = EMPTY_MOMENTS;
  const matched: StratumMoments[] = [];
  for (const s of strata) {
    if (s.treated.n > 0 && s.control.n === 0) unmatchedTreated += s.treated.n;
    if (s.control.n > 0 && s.treated.n === 0) unusedControl += s.control.n;
    if (s.treated.n > 0 && s.control.n > 0) {
      matched.push(s);
      treated = combineMoments(treated, s.treated);
    }
  }
  if (matched.length === 0) return null;

  const nT = treated.n;
  let nC = 0;
  let sumW2 = 0;
  let pre = 0;
  let post = 0;
  let change = 0;
  for (const s of matched) {
    nC += s.control.n;
    sumW2 += (s.treated.n * s.treated.n) / s.control.n;
    pre += s.treated.n * s.control.meanBefore;
    post += s.treated.n * s.control.meanAfter;
    change += s.treated.n * s.control.meanChange;
  }
  const controlMeanChange = change / nT;
  let weightedSs = 0;
  for (const s of matched) {
    const w = s.treated.n / s.control.n;
    weightedSs += w * (s.control.m2Change + s.control.n * (s.control.meanChange - controlMeanChange) ** 2);
  }
  const nEffective = (nT * nT) / sumW2;
  const treatedSummary: GroupSummary = {
    n: nT,
    mean: treated.meanChange,
    variance: nT < 2 ? null : treated.m2Change / (nT - 1),
  };
  const controlSummary: GroupSummary = {
    n: nEffective,
    mean: controlMeanChange,
    variance: nC < 2 ? null : weightedSs / (nT - sumW2 / nT),
  };
  const inference = welchFromSummaries(treatedSummary, controlSummary, level);
  return {
    ...inference,
    treated: {
      n: nT,
      nEffective: nT,
      meanPre: treated.meanBefore,
      meanPost: treated.meanAfter,
      meanChange: treated.meanChange,
    },
    control: {
      n: nC,
      nEffective,
      meanPre: pre / nT,
      meanPost: post / nT,
      meanChange: controlMeanChange,
    },
    unmatchedTreated,
    unusedControl,
    treatedSummary,
    controlSummary,
    matchedStrata: matched.map((s) => s.stratum),
  };
}
