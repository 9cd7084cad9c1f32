import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { AnalysisWarning, ConfidenceInterval } from './cohort.type.ts';
import { CohortContrast, EffectIsolation } from './enums.ts';
import { EffectEvidence } from './portfolio.type.ts';
import { ProgramEffect } from './program-effects.type.ts';
import { RoiAssumption, RoiAssumptionsInput, RoiCase, RoiCosts, RoiRange } from './roi.type.ts';
import { SafeInt } from './scalars.ts';

@InputType({ description: 'A budget to spend on one program for one agency.' })
export class BudgetScenarioInput {
  @Field(() => String, { description: 'Agency code.' })
  agency!: string;
  @Field(() => String, { description: 'Program code.' })
  program!: string;
  @Field(() => Float, {
    description:
      'Budget in IDR, 0 … 1e15 (Rp 1,000 trillion, far beyond any training budget; the dashboard’s budget field has the same bound). Outside it, or not a finite number: BAD_USER_INPUT (OUT_OF_RANGE, field input.budgetIdr).',
  })
  budgetIdr!: number;
  @Field(() => Int, {
    nullable: true,
    description:
      'Budget year, 1990 … 2100 (as Agency.scorecard; outside it BAD_USER_INPUT, field input.year): history = offerings and cohorts before 1 January of it; the seat cap is the agency’s headcount of that year (else the nearest earlier one the data has). Null = all history and the latest headcount.',
  })
  year?: number | null;
  @Field(() => CohortContrast, {
    nullable: true,
    description: 'Who the past cohorts’ comparisons set against whom (default vs_rest).',
  })
  contrast?: CohortContrast | null;
  @Field(() => EffectIsolation, {
    nullable: true,
    description:
      'Which estimate of each past year’s effect is pooled (default cohort): the cohort comparison’s DiD, or with joint the program’s coefficient in the year’s joint model. Seats, costs and the volume per seat do not depend on it.',
  })
  isolation?: EffectIsolation | null;
  @Field(() => RoiAssumptionsInput, {
    nullable: true,
    description:
      'Assumption overrides, as `roi` takes them (same bounds; outside them BAD_USER_INPUT OUT_OF_RANGE, field input.assumptions.<name>); every value used is echoed in `assumptions`.',
  })
  assumptions?: RoiAssumptionsInput | null;
}

@ObjectType({ simpleResolvers: true, description: 'One past cohort (completion year) of the program.' })
export class BudgetPastCohort {
  @Field(() => Int, { description: 'Completion year.' })
  year!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Service-days DiD (days, negative = faster); null when suppressed.',
  })
  didDays!: number | null;
  @Field(() => Float, { nullable: true, description: 'Standard error of didDays.' })
  se!: number | null;
  @Field(() => ConfidenceInterval, { nullable: true, description: 'CI of didDays.' })
  ci!: ConfidenceInterval | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Units behind the estimate (treated + control); null when suppressed (disclosure control). A 0 (nobody to compare) is shown.',
  })
  n!: number | null;
  @Field(() => Boolean, { description: 'True when the estimate is hidden by disclosure control.' })
  suppressed!: boolean;
  @Field(() => ProgramEffect, {
    nullable: true,
    description:
      'The program in the year’s joint model on service days (other programs of the year held fixed); null unless the scenario’s isolation is joint, or when nobody of the population completed it that year.',
  })
  joint!: ProgramEffect | null;
  @Field(() => Boolean, {
    description:
      'Whether `daysSavedPerRequest` rests on this year: its estimate under the scenario’s isolation has a standard error and a CI.',
  })
  pooled!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "The program's history the scenario rests on." })
export class BudgetHistory {
  @Field(() => SafeInt, {
    nullable: true,
    description:
      "Attended enrollments in the program's past offerings; null when 1 … SUPPRESSION_MIN_N − 1 (disclosure control: the caveat history_suppressed; the scenario is then not priced).",
  })
  participants!: number | null;
  @Field(() => Float, { description: 'Past program costs (IDR).' })
  programCostsIdr!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Cash cost of one seat (IDR): programCostsIdr / participants, the attended enrollments (completed or dropped out; an employee enrolled twice counts twice). Not the scorecard’s costPerParticipantIdr, which divides by the distinct employees who completed. Null without history (no past participants, or past costs of 0: caveat no_cost_history) or when the participants are hidden (caveat history_suppressed).',
  })
  costPerParticipantIdr!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Planned hours per attended enrollment (participants: completed or dropped out, each charged the full planned JP), the mean over the past offerings: (Σ planned JP × jpMinutes / 60) / participants, with jpMinutes from input.assumptions.jpMinutes when set, else the server’s JP_MINUTES. Null without past participants or when they are hidden (caveat history_suppressed).',
  })
  hoursPerParticipant!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Salary cost per participant hour at the past grade mix (IDR); null when the participants are hidden.',
  })
  hourlyCostIdr!: number | null;
  @Field(() => [BudgetPastCohort], { description: 'Past cohorts.' })
  cohorts!: BudgetPastCohort[];
}

@ObjectType({ simpleResolvers: true, description: 'Phillips ROI of the scenario (fully loaded).' })
export class BudgetScenarioRoi {
  @Field(() => RoiCosts, { description: 'Costs.' })
  costs!: RoiCosts;
  @Field(() => RoiCase, { description: 'Low case.' })
  low!: RoiCase;
  @Field(() => RoiCase, { description: 'Base case.' })
  base!: RoiCase;
  @Field(() => RoiCase, { description: 'High case.' })
  high!: RoiCase;
}

@ObjectType({
  simpleResolvers: true,
  description: 'What a budget would buy for one program in one agency, from historic costs and past cohorts.',
})
export class BudgetScenario {
  @Field(() => String, { description: 'Agency code.' })
  agencyCode!: string;
  @Field(() => String, { description: 'Program code.' })
  programCode!: string;
  @Field(() => Float, { description: 'Budget (IDR).' })
  budgetIdr!: number;
  @Field(() => Int, { nullable: true, description: 'Budget year; null = all history.' })
  year!: number | null;
  @Field(() => EffectIsolation, { description: 'Which estimate of the past years’ effects was pooled.' })
  isolation!: EffectIsolation;
  @Field(() => BudgetHistory, { description: 'History behind the figures.' })
  history!: BudgetHistory;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Seats priced: ⌊budget / cost per participant⌋, at most `headcount` (one seat per employee: a planner cannot train more staff than the agency has); costs, hours and benefits are those of these seats. Null without cost history (caveat no_cost_history), or when the history is hidden (history_suppressed) or the headcount is (headcount_suppressed).',
  })
  seats!: number | null;
  @Field(() => Boolean, {
    description:
      'True when the budget would buy more seats than the agency has employees: `seats` is then the headcount, the rest of the budget is in `leftoverIdr`, and the caveat seats_capped_at_headcount says how many seats the budget would buy.',
  })
  seatsCapped!: boolean;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'The agency’s employees on 30 June of `headcountYear`: the most seats priced. Staff who took the program before count too (whether a second seat helps is not measured). Null when hidden by disclosure control (as `participation` by agency, grain year, hides that year’s headcount: a small cell or one hidden with it; no seats are then priced, caveat headcount_suppressed) or when the agency has no staff on record (`headcountYear` null, no seats).',
  })
  headcount!: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'The year of `headcount`: the budget year, else the latest earlier year the data has (the first when all are later); without a budget year, the latest. Null when the agency has no employees on record (caveat no_headcount).',
  })
  headcountYear!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Budget not spent on the priced seats (IDR, ≥ 0): the rest of a seat’s cost, and with seatsCapped everything past the headcount. Null when `seats` is: without cost history (caveat no_cost_history), or when the history is hidden (history_suppressed) or the headcount is (headcount_suppressed).',
  })
  leftoverIdr!: number | null;
  @Field(() => RoiRange, {
    nullable: true,
    description:
      'Expected days saved per request (past years’ effects as `isolation` estimates them, pooled); null = no evidence.',
  })
  daysSavedPerRequest!: RoiRange | null;
  @Field(() => EffectEvidence, {
    description:
      'What the 95 % CI of the effect priced (`daysSavedPerRequest`: the one usable year’s, or the pooled one) shows, as the portfolio judges a cohort: faster only when it lies below 0. inconclusive (caveat effect_ci_includes_zero, listed first) and slower (effect_adverse) mean no effect is shown: the base and high ROI then price an effect that may be nil, and should not be read as a shown return. not_estimated: no usable past year (no benefit priced).',
  })
  evidence!: EffectEvidence;
  @Field(() => Float, {
    description:
      'Completed requests per seat per year: the completed requests, in their 12-month post window, of the matched trained handlers of the past years pooled (BudgetPastCohort.pooled), summed over those years, / the attended enrollments (completed or dropped out) in the offerings that started in those years. volumeBasis agency: the agency’s own handlers and participants; program: the whole program’s (participants attributed to an agency). A pooled year whose cohort comparison is suppressed adds its participants but no requests. 0 when no year is pooled or those years had no participants.',
  })
  requestsPerSeatPerYear!: number;
  @Field(() => String, { description: "Where that volume comes from: 'agency' or 'program'." })
  volumeBasis!: string;
  @Field(() => Float, {
    nullable: true,
    description:
      'Completed requests with a recorded handler of the agency’s service units (each handler-month counted for the unit the handler worked for most that month) in the last 12 months of service data before the budget year: the most requests a year whose days saved are priced (0 for an agency that serves no public). Requests without a recorded handler are not counted: no training can be said to speed them up, and requestsPerSeatPerYear is counted from handlers’ requests the same way. Null when there is no service data before the budget year (then no past effect is measured either).',
  })
  agencyRequestsPerYear!: number | null;
  @Field(() => Float, {
    description:
      'Requests a year whose days saved are priced: seats × requestsPerSeatPerYear, at most agencyRequestsPerYear.',
  })
  requestsPerYear!: number;
  @Field(() => Boolean, {
    description:
      'True when seats × requestsPerSeatPerYear exceeded agencyRequestsPerYear, so the benefits are priced on the agency’s own yearly volume (caveat volume_capped_at_agency_requests).',
  })
  volumeCapped!: boolean;
  @Field(() => BudgetScenarioRoi, {
    nullable: true,
    description:
      'ROI range; null when `seats` is: without cost history (caveat no_cost_history), or when the history is hidden (history_suppressed) or the headcount is (headcount_suppressed).',
  })
  roi!: BudgetScenarioRoi | null;
  @Field(() => [RoiAssumption], {
    description: 'Every assumption used, with `source` override for those the input set.',
  })
  assumptions!: RoiAssumption[];
  @Field(() => [AnalysisWarning], {
    description:
      'Caveats to show with the figures, code with Indonesian and English text: no_cost_history, history_suppressed (fewer than SUPPRESSION_MIN_N past participants: the history’s counts and per-participant figures are hidden and the scenario is not priced), no_effect_history, no_agency_history (the agency has fewer than SUPPRESSION_MIN_N past participants or distinct employees, or in a year it pools 1 to SUPPRESSION_MIN_N − 1 matched trained handlers: volume per seat from the whole program), budget_below_one_seat, effect_ci_includes_zero (the 95 % CI of the effect priced contains 0: no effect shown, the low case is no benefit and the base and high cases price an effect that may be nil; as `roi` warns; listed first), effect_adverse (that CI lies wholly above 0: service got slower; no benefit in any case), few_agencies (a past cohort priced warns few_agencies: its trained work in fewer than 5 agencies, so a change in those agencies may pose as the effect; as `roi` warns, not when the comparison lies within one agency), diverging_pre_trends (a past cohort priced warns diverging_pre_trends; as `roi` warns), pooled_cohorts, seats_capped_at_headcount (the budget buys more seats than the agency has employees; names both and the unspent rest), no_headcount (no employees on record: no seats), headcount_suppressed (the headcount is hidden, as `participation` by agency hides it for that year, a small cell and a complement alike, and the text says only that: no seats, leftover or ROI, since the seat cap would tell the headcount), volume_capped_at_agency_requests (the seats would handle more requests than the agency’s staff complete in a year, agencyRequestsPerYear: benefits priced on that).',
  })
  caveats!: AnalysisWarning[];
}
