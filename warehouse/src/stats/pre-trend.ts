import { DEFAULT_CONFIDENCE_LEVEL } from './confidence-interval.ts';
import { type DiffInDiffResult, diffInDiff } from './diff-in-diff.ts';

/** A unit observed in two windows that are both before treatment. */
export interface PreTrendUnit {
  treated: boolean;
  /** Outcome in the earlier pre window. */
  prePeriod1: number;
  /** Outcome in the later pre window (just before training). */
  prePeriod2: number;
  stratum?: string;
}

export interface PreTrendCheck {
  /** Placebo DiD: change from pre-period 1 to pre-period 2, treated − matched control. */
  placebo: DiffInDiffResult;
  /**
   * True when the placebo CI excludes 0: the groups were already diverging before training (for
   * example an Ashenfelter dip), so the real DiD is suspect and should carry a warning. Null when
   * the CI can't be estimated. False does not prove parallel trends, it only fails to refute them.
   */
  ciExcludesZero: boolean | null;
}

/**
 * Pre-trend (placebo) check: the same matched DiD as `diffInDiff`, run on two pre-treatment windows,
 * where the true effect is 0 by construction.
 *
 * @returns null when no matched treated or control unit exists.
 */
export function preTrendCheck(
  units: readonly PreTrendUnit[],
  level: number = DEFAULT_CONFIDENCE_LEVEL,
): PreTrendCheck | null {
  const placebo = diffInDiff(
    units.map((u) => ({ treated: u.treated, pre: u.prePeriod1, post: u.prePeriod2, stratum: u.stratum })),
    level,
  );
  if (placebo === null) return null;
  const ciExcludesZero = placebo.ci === null ? null : placebo.ci.low > 0 || placebo.ci.high < 0;
  return { placebo, ciExcludesZero };
}
