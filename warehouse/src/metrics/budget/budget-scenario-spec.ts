import type { RoiCase, RoiRange, RoiResult } from '../../roi/index.ts';
import type { CohortContrast } from '../cohort/cohort-spec.ts';
import type { EffectEvidence } from '../portfolio/program-portfolio.ts';
import type { ProgramEffect } from '../program-effects/program-effects.ts';
import type { RoiEchoedAssumption, RoiIsolation } from '../roi-metric/roi-spec.ts';

/**
 * The largest budget a scenario takes, IDR: Rp 1,000 trillion (1e15), far beyond any training
 * budget (a whole city's budget is a few trillion) and still an exact whole number in a double, so
 * seats and leftover stay exact. The dashboard's budget field has the same bound.
 */
export const BUDGET_MAX_IDR = 1e15;

export interface BudgetScenarioSpec {
  readonly agencyCode: string;
  readonly programCode: string;
  /** Training budget to spend on the program, IDR: 0 … BUDGET_MAX_IDR. */
  readonly budgetIdr: number;
  /**
   * Budget year (`CALENDAR_YEARS`, 1990 … 2100): history = offerings starting and cohorts completing
   * before 1 January of it; the seat cap is the agency's headcount of that year (or the nearest
   * earlier one the data has). Absent = all history and the latest headcount.
   */
  readonly year?: number;
  /** Who the past cohorts' comparisons set against whom (`CohortContrast`); default `vs_rest`. */
  readonly contrast?: CohortContrast;
  /**
   * Which estimate of each past year's effect is pooled (`RoiIsolation`): `cohort` (default) the
   * cohort comparison's DiD, `joint` the program's coefficient in the year's joint model. The
   * volume per seat comes from the cohort comparison's matched handlers either way.
   */
  readonly isolation?: RoiIsolation;
}

export type BudgetCaveatCode =
  | 'no_cost_history'
  | 'history_suppressed'
  | 'no_effect_history'
  | 'no_agency_history'
  | 'budget_below_one_seat'
  | 'pooled_cohorts'
  | 'effect_ci_includes_zero'
  | 'effect_adverse'
  | 'few_agencies'
  | 'diverging_pre_trends'
  | 'seats_capped_at_headcount'
  | 'no_headcount'
  | 'headcount_suppressed'
  | 'volume_capped_at_agency_requests';

export interface BudgetCaveat {
  readonly code: BudgetCaveatCode;
  readonly id: string;
  readonly en: string;
}

/** One past cohort (completion year) of the program. */
export interface BudgetPastCohort {
  readonly year: number;
  /** Service-days DiD (days, negative = faster); null when suppressed or not estimable. */
  readonly didDays: number | null;
  readonly se: number | null;
  readonly ci: { readonly level: number; readonly low: number; readonly high: number } | null;
  /**
   * Units behind the estimate (treated + control). Null when suppressed (disclosure control: a group
   * below the minimum cell size); a 0 (nobody to compare) stays 0.
   */
  readonly n: number | null;
  readonly suppressed: boolean;
  /** The program in the year's joint model; null unless the scenario's isolation is `joint`. */
  readonly joint: ProgramEffect | null;
  /**
   * Whether the expected days saved rest on this year: its estimate under the scenario's isolation
   * has a standard error and a CI (a suppressed comparison or a missing estimate is left out).
   */
  readonly pooled: boolean;
}

export interface BudgetHistory {
  /**
   * Attended enrollments (completed or dropped) in the program's past offerings; null, with the
   * figures per participant and the grade-mix hourly cost, when 1 … minCellSize − 1 (the scenario is
   * then not priced: `history_suppressed`).
   */
  readonly participants: number | null;
  readonly programCostsIdr: number;
  /** Cash cost of one seat = past program costs / past participants; null without history. */
  readonly costPerParticipantIdr: number | null;
  /** Planned JP hours per participant (JP × jpMinutes / 60), historic mean. */
  readonly hoursPerParticipant: number | null;
  /** Salary cost per participant hour at the past participants' grade mix; null when they are hidden. */
  readonly hourlyCostIdr: number | null;
  readonly cohorts: readonly BudgetPastCohort[];
}

export interface BudgetScenarioResult {
  readonly agencyCode: string;
  readonly programCode: string;
  readonly budgetIdr: number;
  readonly year: number | null;
  /** Which estimate of the past years' effects was pooled (the spec's, default `cohort`). */
  readonly isolation: RoiIsolation;
  readonly history: BudgetHistory;
  /**
   * Seats priced: ⌊budget / cost per participant⌋, at most the agency's headcount (one seat per
   * employee); null without cost history.
   */
  readonly seats: number | null;
  /** True when the budget would buy more seats than the agency has employees (`seats` is then the headcount). */
  readonly seatsCapped: boolean;
  /**
   * The agency's employees on 30 June of `headcountYear` (fct_headcount): the most seats priced. Null
   * when there is none, or when disclosure control hides it (as the published `participation` by
   * agency of that year hides it: a small cell or a complement; no seat is then priced).
   */
  readonly headcount: number | null;
  /** The year of that headcount: the budget year, else the nearest the data has; null when the agency has no staff on record. */
  readonly headcountYear: number | null;
  /** Budget not spent on the priced seats (the rest of a seat's cost, and what the cap leaves); ≥ 0. */
  readonly leftoverIdr: number | null;
  /** Expected days saved per request (pooled past cohorts, conservative clamps); null = no evidence. */
  readonly daysSavedPerRequest: RoiRange | null;
  /**
   * What the CI of the effect priced (one usable year's, or the pooled one) shows, as the portfolio
   * judges a cohort: `faster` only when it lies below 0; `inconclusive` (caveat
   * effect_ci_includes_zero) and `slower` (effect_adverse) mean no effect is shown, so the base and
   * high ROI price an effect that may be nil; `not_estimated` without a usable year.
   */
  readonly evidence: EffectEvidence;
  /** Completed requests per seat per year (past trained handlers' post-training volume / past participants). */
  readonly requestsPerSeatPerYear: number;
  /** Where that volume comes from: the agency's own past participants, or the whole program's. */
  readonly volumeBasis: 'agency' | 'program';
  /**
   * Completed requests with a recorded handler of the agency's service units (agg_handler_month: a
   * handler-month counts for the unit the handler worked for most that month) in the last 12 months
   * of service data before the budget year: the most requests a year whose days saved are priced.
   * Requests without a handler are not counted (no training can speed them up, and the volume per
   * seat is counted from handlers' requests too). Null when there is no service data before the
   * budget year (then no effect is measured either).
   */
  readonly agencyRequestsPerYear: number | null;
  /** Requests a year whose days saved are priced: seats × requestsPerSeatPerYear, at most agencyRequestsPerYear. */
  readonly requestsPerYear: number;
  /** True when seats × requestsPerSeatPerYear exceeded agencyRequestsPerYear (`requestsPerYear` is then that). */
  readonly volumeCapped: boolean;
  /** Phillips ROI of the scenario (fully loaded: seats' cash + their time); null without cost history. */
  readonly roi: {
    readonly costs: RoiResult['costs'];
    readonly low: RoiCase;
    readonly base: RoiCase;
    readonly high: RoiCase;
  } | null;
  readonly assumptions: readonly RoiEchoedAssumption[];
  readonly caveats: readonly BudgetCaveat[];
}
