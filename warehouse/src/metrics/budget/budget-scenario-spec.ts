import type { RoiAssumption, RoiCase, RoiRange, RoiResult } from '../../roi/index.ts';
import type { CohortContrast } from '../cohort/cohort-spec.ts';
import type { ProgramEffect } from '../program-effects/program-effects.ts';
import type { RoiIsolation } from '../roi-metric/roi-spec.ts';

export interface BudgetScenarioSpec {
  readonly agencyCode: string;
  readonly programCode: string;
  /** Training budget to spend on the program, IDR. */
  readonly budgetIdr: number;
  /** Budget year: history = offerings starting and cohorts completing before 1 January of it. Absent = all history. */
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
  | 'no_effect_history'
  | 'no_agency_history'
  | 'budget_below_one_seat'
  | 'pooled_cohorts';

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
  /** Units behind the estimate (treated + control). */
  readonly n: number;
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
  /** Attended enrollments (completed or dropped) in the program's past offerings. */
  readonly participants: number;
  readonly programCostsIdr: number;
  /** Cash cost of one seat = past program costs / past participants; null without history. */
  readonly costPerParticipantIdr: number | null;
  /** Planned JP hours per participant (JP × jpMinutes / 60), historic mean. */
  readonly hoursPerParticipant: number | null;
  /** Salary cost per participant hour at the past participants' grade mix. */
  readonly hourlyCostIdr: number;
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
  /** Seats the budget buys: ⌊budget / cost per participant⌋; null without cost history. */
  readonly seats: number | null;
  /** Budget left after buying the seats. */
  readonly leftoverIdr: number | null;
  /** Expected days saved per request (pooled past cohorts, conservative clamps); null = no evidence. */
  readonly daysSavedPerRequest: RoiRange | null;
  /** Completed requests per seat per year (past trained handlers' post-training volume / past participants). */
  readonly requestsPerSeatPerYear: number;
  /** Where that volume comes from: the agency's own past participants, or the whole program's. */
  readonly volumeBasis: 'agency' | 'program';
  /** Phillips ROI of the scenario (fully loaded: seats' cash + their time); null without cost history. */
  readonly roi: {
    readonly costs: RoiResult['costs'];
    readonly low: RoiCase;
    readonly base: RoiCase;
    readonly high: RoiCase;
  } | null;
  readonly assumptions: readonly RoiAssumption[];
  readonly caveats: readonly BudgetCaveat[];
}
