import { assertLevel } from './assert-finite.ts';
import { studentTQuantile, studentTTwoSidedP } from './student-t.ts';

/** Two-sided confidence interval, in the units of its estimate. */
export interface ConfidenceInterval {
  /** Coverage, e.g. 0.95. */
  level: number;
  low: number;
  high: number;
}

/**
 * A difference (treated − control, or a − b) with its t-based inference. The inference fields are
 * null together when they can't be estimated (a group with fewer than 2 units, or no variation at
 * all): a zero-width interval would claim certainty the data doesn't have.
 */
export interface DifferenceEstimate {
  /** Point estimate, in the units of the measure. */
  estimate: number;
  /** Standard error of the estimate. */
  se: number | null;
  /** Degrees of freedom of the t reference distribution (Infinity = normal). */
  df: number | null;
  /** estimate / se. */
  tStat: number | null;
  /** Two-sided p-value for "no difference". */
  pValue: number | null;
  ci: ConfidenceInterval | null;
}

/** Default confidence level for every interval in this library. */
export const DEFAULT_CONFIDENCE_LEVEL = 0.95;

/**
 * Builds the t inference for `estimate` from its standard error and df. Shared so that Welch, both
 * difference-in-differences forms and the pre-trend check compute intervals and p-values the same way.
 */
export function tInference(
  estimate: number,
  se: number | null,
  df: number | null,
  level: number = DEFAULT_CONFIDENCE_LEVEL,
): DifferenceEstimate {
  assertLevel(level);
  if (se === null || df === null || !(se > 0) || !(df > 0)) {
    return { estimate, se: null, df: null, tStat: null, pValue: null, ci: null };
  }
  const tStat = estimate / se;
  const critical = studentTQuantile(1 - (1 - level) / 2, df);
  return {
    estimate,
    se,
    df,
    tStat,
    pValue: studentTTwoSidedP(tStat, df),
    ci: { level, low: estimate - critical * se, high: estimate + critical * se },
  };
}
