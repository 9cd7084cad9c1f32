import type {
  RoiAssumption,
  RoiCase,
  RoiIntangible,
  RoiParameters,
  RoiRange,
  RoiResult,
  RoiStreamResult,
} from '../../roi/index.ts';
import type {
  CohortComparisonResult,
  CohortContrast,
  CohortOptions,
  CohortSelector,
  CohortWindow,
  CohortWindows,
} from '../cohort/cohort-spec.ts';
import type { IkmChange } from './ikm-change.ts';

export interface RoiSpec {
  /** Usually `{ kind: 'program', value: code }`; a method, area or `any` prices all their offerings. */
  readonly selector: CohortSelector;
  /** Treatment window (inclusive ISO dates): completions for the effect, offering starts for the costs. */
  readonly from: string;
  readonly to: string;
  /** Restrict participants, costs (by participant share) and the cohort to these agencies. */
  readonly agencies?: readonly string[];
  /** Cohort pre/post window length in months (default 12); benefits are annualised from post. */
  readonly windowMonths?: number;
  /** Who the cohort comparison sets against whom (`CohortContrast`); default `vs_rest`. */
  readonly contrast?: CohortContrast;
  /**
   * Which estimate isolates the effect the benefits are priced on (`RoiIsolation`); default `cohort`.
   */
  readonly isolation?: RoiIsolation;
}

/**
 * How the effect behind the benefits is isolated (Phillips step 3):
 * - `cohort` (default): the matched cohort comparison of service days (`contrast` says against whom);
 *   volume = the matched trained handlers' post-window requests;
 * - `joint`: the selector's coefficient in the window's joint model (`programEffects` on service
 *   days, one indicator per program, method or area as the selector's kind), so an effect shared
 *   with programs the same staff took is not counted again; volume = the post-window requests of its
 *   completers in that model.
 */
export type RoiIsolation = 'cohort' | 'joint';

/** Overridable ROI parameters (defaults in `ROI_DEFAULT_ASSUMPTIONS`) plus the JP length. */
export interface RoiMetricAssumptions extends Partial<RoiParameters> {
  /** Minutes per JP (JP_MINUTES, DOMAIN §2, certainty L). Default 45. */
  readonly jpMinutes?: number;
}

export type RoiMetricOptions = CohortOptions;

/**
 * Why an ROI figure needs a caveat. For the effect's 95 % CI (service days, negative = faster):
 * `effect_ci_includes_zero` when it contains 0 (no effect shown either way), `effect_adverse` when it
 * lies wholly above 0 (service got significantly slower); none when it lies below 0 (faster).
 */
export type RoiWarningCode =
  | 'no_effect_data'
  | 'no_data_after_training'
  | 'no_data_before_training'
  | 'post_window_incomplete'
  | 'effect_ci_includes_zero'
  | 'effect_adverse'
  | 'no_costs'
  | 'participants_suppressed'
  | 'few_agencies'
  | 'diverging_pre_trends';

/**
 * Why an ROI's participant side (counts, hours, costs, the cases) is hidden (`roi-disclosure.ts`):
 * `primary`, 1 … minCellSize − 1 participants; `complementary`, a wider query's participants differ
 * by that few.
 */
export type RoiSuppressionReason = 'primary' | 'complementary';

export interface RoiWarning {
  readonly code: RoiWarningCode;
  readonly id: string;
  readonly en: string;
}

/** The isolated effect behind the benefits. */
export interface RoiEffect {
  /** Which estimate isolated it (the spec's, default `cohort`). */
  readonly isolation: RoiIsolation;
  /**
   * The effect on service days per request (negative = faster): the cohort DiD, or with `joint`
   * isolation the joint model's coefficient; null when suppressed or not estimable.
   */
  readonly didDays: number | null;
  /** Days saved per request as used for low/base/high (conservative clamps applied); null = no data. */
  readonly daysSavedPerRequest: RoiRange | null;
  /**
   * Trained handlers behind the effect and the volume (matched treated units; `joint`: its
   * completers in the model). Null when suppressed (disclosure control: the cohort comparison is
   * suppressed, or the joint row's completers are below the minimum cell size); a 0 stays 0.
   */
  readonly handlers: number | null;
  /**
   * Completed requests of those handlers per year (post window, annualised): the benefit volume; 0
   * when the effect is suppressed (no volume of a hidden group is priced or shown).
   */
  readonly requestsPerYear: number;
}

export interface RoiMetricResult {
  readonly selector: CohortSelector;
  readonly treatmentWindow: CohortWindow;
  readonly windows: CohortWindows;
  /**
   * Attended enrollments (completed or dropped) in the priced offerings. Null, like `completed`,
   * `participantHours`, `costs` and the cases, when the participant side is hidden
   * (the `participants_suppressed` warning).
   */
  readonly participants: number | null;
  readonly completed: number | null;
  readonly participantHours: number | null;
  readonly effect: RoiEffect;
  readonly costs: RoiResult['costs'] | null;
  readonly streams: readonly RoiStreamResult[];
  readonly low: RoiCase | null;
  readonly base: RoiCase | null;
  readonly high: RoiCase | null;
  /** Reported, never monetised (Phillips). */
  readonly intangibles: readonly RoiIntangible[];
  readonly ikmChanges: readonly IkmChange[];
  /**
   * Every parameter the figures rest on: name, value, unit, default or override, note. The salary
   * costs taken from the participants' grades have a null value when the participant side is hidden.
   */
  readonly assumptions: readonly RoiEchoedAssumption[];
  /** The service-days cohort comparison that isolates the effect. */
  readonly cohort: CohortComparisonResult;
  readonly warnings: readonly RoiWarning[];
  /** Participants behind the costs; null when hidden. */
  readonly n: number | null;
  /**
   * True when the effect estimate was suppressed (then no benefit is assumed) or the participant
   * side is hidden (the `participants_suppressed` warning).
   */
  readonly suppressed: boolean;
  /**
   * Always null: the participant side hidden says so with `suppressed` and the
   * `participants_suppressed` warning, never why (primary would say 1 … minCellSize − 1
   * participants; see `hideParticipants`). The effect's own reason is the cohort's.
   */
  readonly suppressionReason: RoiSuppressionReason | null;
}

/** An echoed assumption; `value` null when disclosure control hides it. */
export type RoiEchoedAssumption = Omit<RoiAssumption, 'value'> & { readonly value: number | null };
