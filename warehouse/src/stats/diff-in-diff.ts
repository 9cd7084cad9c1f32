import { DEFAULT_CONFIDENCE_LEVEL, type DifferenceEstimate } from './confidence-interval.ts';
import { exactMatchWeights } from './exact-match-weights.ts';
import { summarize } from './group-summary.ts';
import { effectiveSampleSize, weightedMean } from './weighted-mean.ts';
import { welchFromSummaries } from './welch.ts';

/** One unit (e.g. one employee) observed in a pre and a post window. */
export interface DidUnit {
  treated: boolean;
  /** Outcome in the pre window, in the measure's units (e.g. mean service days, appraisal score). */
  pre: number;
  /** Outcome in the post window, same units. */
  post: number;
  /** Exact-matching cell; see `exactMatchWeights`. Undefined = no matching. */
  stratum?: string;
}

/** One arm of a difference-in-differences, after matching (control means are weighted). */
export interface DidArm {
  /** Units used (positive weight). */
  n: number;
  /** Kish effective sample size of the used units; equals n for the treated arm. */
  nEffective: number;
  meanPre: number;
  meanPost: number;
  /** meanPost − meanPre. */
  meanChange: number;
}

export interface DiffInDiffResult extends DifferenceEstimate {
  treated: DidArm;
  control: DidArm;
  /** Treated units left out because their matching cell has no control unit. */
  unmatchedTreated: number;
  /** Control units left out because their matching cell has no treated unit. */
  unusedControl: number;
}

function arm(units: readonly DidUnit[], weights: readonly number[]): DidArm | null {
  const used = units.map((_, i) => i).filter((i) => weights[i]! > 0);
  if (used.length === 0) return null;
  const w = used.map((i) => weights[i]!);
  const meanPre = weightedMean(
    used.map((i) => units[i]!.pre),
    w,
  )!;
  const meanPost = weightedMean(
    used.map((i) => units[i]!.post),
    w,
  )!;
  return {
    n: used.length,
    nEffective: effectiveSampleSize(w),
    meanPre,
    meanPost,
    meanChange: meanPost - meanPre,
  };
}

/**
 * Difference-in-differences from unit-level pre/post values:
 * DiD = mean(Δ treated) − Σw·Δ / Σw over control, with Δ = post − pre per unit and control weights
 * from exact matching (`exactMatchWeights`), i.e. the effect on the treated.
 *
 * Why changes per unit: each unit is its own baseline, which removes stable differences between
 * people (and the Ashenfelter dip is handled by the separate pre-trend check, not hidden here).
 *
 * Standard error: Welch on the two sets of changes. The treated arm uses the ordinary sample
 * variance and n. The weighted control arm uses the reliability-weighted variance of its changes and
 * Kish's effective sample size n_eff = (Σw)²/Σw², so Var(weighted mean) ≈ s²_w / n_eff, and
 * n_eff − 1 enters the Welch–Satterthwaite df. With equal weights this is exactly Welch. It treats
 * the weights as fixed (they are ratios of counts, not estimates from outcomes), which is the usual
 * approximation for exact matching; it does not model clustering within agencies.
 *
 * @param level confidence level, default 0.95.
 * @returns null when no treated or no control unit is left after matching.
 */
export function diffInDiff(
  units: readonly DidUnit[],
  level: number = DEFAULT_CONFIDENCE_LEVEL,
): DiffInDiffResult | null {
  const { weights, unmatchedTreated, unusedControl } = exactMatchWeights(units);
  const treatedIdx = units.map((_, i) => i).filter((i) => units[i]!.treated);
  const controlIdx = units.map((_, i) => i).filter((i) => !units[i]!.treated);
  const pick = (idx: number[]) => ({
    units: idx.map((i) => units[i]!),
    weights: idx.map((i) => weights[i]!),
  });
  const t = pick(treatedIdx);
  const c = pick(controlIdx);
  const treated = arm(t.units, t.weights);
  const control = arm(c.units, c.weights);
  if (treated === null || control === null) return null;

  const changes = (us: readonly DidUnit[]) => us.map((u) => u.post - u.pre);
  const treatedSummary = summarize(changes(t.units), t.weights)!;
  const controlSummary = summarize(changes(c.units), c.weights)!;
  const inference = welchFromSummaries(treatedSummary, controlSummary, level);
  return { ...inference, treated, control, unmatchedTreated, unusedControl };
}
