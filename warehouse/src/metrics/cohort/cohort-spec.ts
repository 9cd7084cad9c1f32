import type { SuppressionReason } from '../../disclosure/index.ts';
import type { ConfidenceInterval } from '../../stats/index.ts';

/**
 * What makes an employee "treated": completing a program, any program of a method or of a competency
 * area, or (`any`) any program at all.
 */
export type CohortSelectorKind = 'program' | 'method' | 'competencyArea' | 'any';

export interface CohortSelector {
  readonly kind: CohortSelectorKind;
  /** A program code (e.g. `PLY-PRIMA`), a method (e.g. `workshop`) or a competency area (e.g. `it`); ignored for `any`. */
  readonly value: string;
}

/**
 * Outcomes, one value per employee per window:
 * - `service_days`: mean days per completed request (Σ sum_days / Σ completed, agg_handler_month);
 * - `sla_met_rate`: share of completed requests within the SLA target (Σ sla_met / Σ completed), 0–1;
 * - `requests_handled`: requests handled per month (Σ requests / window months);
 * - `appraisal_score`: mean SKP score (0–100) of the appraisal years dated inside the window.
 */
export type CohortOutcome = 'service_days' | 'sla_met_rate' | 'requests_handled' | 'appraisal_score';

export const OUTCOME_UNITS: Record<CohortOutcome, string> = {
  service_days: 'days per request',
  sla_met_rate: 'share of requests (0–1)',
  requests_handled: 'requests per month',
  appraisal_score: 'SKP points (0–100)',
};

/** The fact each outcome is measured from: its coverage tells a window beyond the data. */
export const OUTCOME_FACTS: Record<CohortOutcome, 'fct_service_requests' | 'fct_appraisals'> = {
  service_days: 'fct_service_requests',
  sla_met_rate: 'fct_service_requests',
  requests_handled: 'fct_service_requests',
  appraisal_score: 'fct_appraisals',
};

/**
 * Who is compared with whom:
 * - `vs_rest` (default): treated = completed the selector in the window, other training there too;
 *   comparison = everyone else in the population, staff trained by other programs included.
 * - `only_vs_untrained`: treated = completed the selector and nothing outside it in the window;
 *   comparison = completed no program in the window. Keeps other programs' effects out of both arms
 *   (under `vs_rest` a strong program makes the others look worse, its completers sitting in their
 *   comparison groups), at the cost of smaller groups and a comparison group of staff who did no
 *   training that year.
 */
export type CohortContrast = 'vs_rest' | 'only_vs_untrained';

export interface CohortSpec {
  readonly selector: CohortSelector;
  /** Treatment window, inclusive ISO dates: treated = completed the selector with completed_on in it. */
  readonly from: string;
  readonly to: string;
  readonly outcome: CohortOutcome;
  /** Length of the pre, post and placebo windows in months. Default 12. */
  readonly windowMonths?: number;
  /**
   * Months left out between the pre window and the treatment window (`cohortWindowBounds`): the
   * baseline ends that many months before `from`, so an Ashenfelter dip in the months just before
   * training does not count as part of the effect. Default 0; for appraisal_score a multiple of 12
   * (appraisals are yearly).
   */
  readonly gapMonths?: number;
  /** Restrict treated and control to employees in these agencies at the window start. */
  readonly agencies?: readonly string[];
  /**
   * Also keep out of the control group anyone who completed one of these in the window: for
   * comparisons that must not be contaminated by another program known to move the outcome.
   */
  readonly excludeFromControl?: readonly CohortSelector[];
  /** Who is compared with whom (see `CohortContrast`). Default `vs_rest`. */
  readonly contrast?: CohortContrast;
  /**
   * Internal (disclosure control, not an API input): these programs left out of the selector, so
   * that a method or competency area is compared with itself less one program
   * (`cohort-complements.ts`).
   */
  readonly withoutPrograms?: readonly string[];
}

export interface CohortOptions {
  /** Minimum units per group before an estimate is shown (SUPPRESSION_MIN_N). Default 5. */
  readonly minCellSize?: number;
  /** Confidence level of every interval. Default 0.95. */
  readonly level?: number;
  /** Below this many units in a group the result carries a `small_n` warning. Default 30. */
  readonly smallN?: number;
  /** Above this share of treated units dropped by matching the result warns `poor_overlap`. Default 0.2. */
  readonly maxDroppedShare?: number;
}

/** A calendar window, inclusive ISO dates, always whole months. */
export interface CohortWindow {
  readonly from: string;
  readonly to: string;
}

export interface CohortWindows {
  /** The window before `pre`, used only by the pre-trend (placebo) check. */
  readonly placebo: CohortWindow;
  readonly pre: CohortWindow;
  readonly post: CohortWindow;
}

export type CohortWarningCode =
  | 'small_n'
  | 'poor_overlap'
  | 'few_agencies'
  | 'diverging_pre_trends'
  | 'suppressed'
  | 'no_se'
  | 'no_post_data'
  | 'post_window_incomplete'
  | 'no_pre_data'
  | 'pre_window_incomplete'
  | 'no_placebo_data'
  | 'placebo_window_incomplete'
  | 'nothing_to_compare';

/** A plain-language warning, in Bahasa Indonesia (`id`, the dashboard default) and English. */
export interface CohortWarning {
  readonly code: CohortWarningCode;
  readonly id: string;
  readonly en: string;
}

/*
 * Disclosure control of counts. A suppressed comparison (a group below the minimum cell size)
 * carries no count that could reveal that group: every count that is not 0 is null ("null when
 * suppressed"), its complements included (n = treated + control, treatedEligible − treatedDropped,
 * controlUnused beside control n), and its warnings name no count. A 0 stays 0: an empty group hides
 * nobody, and it tells "nobody to compare" from "too few to show".
 */

export interface CohortArmSummary {
  /** Units used in the comparison (after matching). Null when suppressed (unless 0). */
  readonly n: number | null;
  /** Kish effective sample size (equals n for the treated arm). Null when suppressed (unless 0). */
  readonly nEffective: number | null;
  /** Means of the outcome; the control means are weighted to the treated strata mix. Null when suppressed. */
  readonly meanPre: number | null;
  readonly meanPost: number | null;
  readonly meanChange: number | null;
}

export interface CohortEstimate {
  /** Null when suppressed. */
  readonly estimate: number | null;
  readonly se: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  readonly ci: ConfidenceInterval | null;
}

export interface CohortPreTrend extends CohortEstimate {
  /**
   * Treated and control units in the placebo check. Null when suppressed (unless 0): when an arm
   * of the check is below the minimum cell size, or the comparison itself is suppressed.
   */
  readonly nTreated: number | null;
  readonly nControl: number | null;
  /** True when the placebo CI excludes 0 (diverging pre-trends); null when not estimable or suppressed. */
  readonly ciExcludesZero: boolean | null;
}

/** Matching diagnostics; when the comparison is suppressed every figure that is not 0 is null. */
export interface CohortMatching {
  /** Treated units with an outcome in both windows, before matching. Null when suppressed (unless 0). */
  readonly treatedEligible: number | null;
  /**
   * Treated units dropped because their stratum (agency kind × grade group × tenure band) has no
   * control. Null when suppressed (unless 0).
   */
  readonly treatedDropped: number | null;
  /** treatedDropped / treatedEligible (0–1). Null when suppressed (unless 0). */
  readonly treatedDroppedShare: number | null;
  /** Control units in strata without treated units (weight 0). Null when suppressed (unless 0). */
  readonly controlUnused: number | null;
  /** Strata that hold at least one matched treated unit. Null when suppressed (unless 0). */
  readonly strata: number | null;
}

export interface CohortComparisonResult {
  readonly selector: CohortSelector;
  readonly outcome: CohortOutcome;
  readonly unit: string;
  readonly treatmentWindow: CohortWindow;
  readonly windows: CohortWindows;
  /** Population restriction echoed from the spec (empty = all agencies). */
  readonly agencies: readonly string[];
  /** Control-pool exclusions echoed from the spec. */
  readonly excludeFromControl: readonly CohortSelector[];
  /** Who was compared with whom (the spec's, or the default `vs_rest`). */
  readonly contrast: CohortContrast;
  readonly treated: CohortArmSummary;
  readonly control: CohortArmSummary;
  /** Difference-in-differences (effect on the treated), in the outcome's units. */
  readonly did: CohortEstimate;
  /** Hedges' g of the unit-level changes (treated vs weighted control); null when suppressed. */
  readonly hedgesG: { readonly g: number; readonly se: number; readonly ci: ConfidenceInterval } | null;
  readonly preTrend: CohortPreTrend | null;
  readonly matching: CohortMatching;
  /** Units behind the estimate (treated + control used). Null when suppressed (unless 0). */
  readonly n: number | null;
  /**
   * True when a group is below the minimum cell size: estimates, means and counts are then null
   * (a count of 0 stays 0), and the warnings name no count.
   */
  readonly suppressed: boolean;
  /**
   * Why it is suppressed, in the vocabulary of the metrics' rows (`SuppressionReason`): `primary`
   * when an arm is below the minimum cell size; `complementary` when the arms are large enough but
   * the spec's agencies (or control exclusions) leave out 1 … minCellSize − 1 units that the same
   * comparison without them would reveal by difference (`cohort-complements.ts`). Null when shown.
   */
  readonly suppressionReason: SuppressionReason;
  readonly warnings: readonly CohortWarning[];
}
