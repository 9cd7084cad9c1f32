import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import {
  AnalysisWarning,
  CohortComparison,
  CohortSelector,
  CohortSelectorInput,
  CohortWindow,
  CohortWindows,
  WINDOW_FROM,
  WINDOW_TO,
} from './cohort.type.ts';
import { CohortContrast, EffectIsolation, SuppressionReason } from './enums.ts';
import { LocalDate, SafeInt } from './scalars.ts';

@InputType({
  description: 'Overrides of the ROI assumptions; every value used is echoed back in `assumptions`.',
})
export class RoiAssumptionsInput {
  @Field(() => Float, {
    nullable: true,
    description:
      'Fully loaded monthly cost of a participant (IDR), for every participant hour. Default: the hours-weighted mean over the participants of their grade’s monthly cost (dim_grade, from the source’s salary_scale), with 7,000,000 (a placeholder) for hours whose grade has none; the value used is echoed in `assumptions`. 0 … 1e15; outside: BAD_USER_INPUT (OUT_OF_RANGE).',
  })
  monthlySalaryCostIdr?: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Working hours per month (default 162.5 = 37.5 h a week × 52 / 12): divides the monthly cost. 1 … 744 (31 days × 24 h); outside: BAD_USER_INPUT (OUT_OF_RANGE).',
  })
  workingHoursPerMonth?: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Cost of one participant hour (IDR). Default: monthlySalaryCostIdr / workingHoursPerMonth (as used, the grade mix unless monthlySalaryCostIdr is set). Set, it replaces both, which are then echoed as not used. 0 … 1e15; outside: BAD_USER_INPUT (OUT_OF_RANGE).',
  })
  hourlySalaryCostIdr?: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Money value of one citizen-day saved (IDR), 0 … 1e15; outside: BAD_USER_INPUT (OUT_OF_RANGE).',
  })
  citizenDayValueIdr?: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Confidence in the estimate (0–1), applied to benefits; outside 0 … 1: BAD_USER_INPUT (OUT_OF_RANGE).',
  })
  confidence?: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Share of the effect attributed to training (0–1); outside 0 … 1: BAD_USER_INPUT (OUT_OF_RANGE).',
  })
  attribution?: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Minutes per JP (default JP_MINUTES), 1 … 1440; outside: BAD_USER_INPUT (OUT_OF_RANGE).',
  })
  jpMinutes?: number;
}

@InputType({ description: 'Which training to price and evaluate.' })
export class RoiInput {
  @Field(() => CohortSelectorInput, { description: 'Usually a program.' })
  selector!: CohortSelectorInput;
  @Field(() => LocalDate, {
    description: `${WINDOW_FROM} Completions in the window make the effect's treated group; offerings starting in it make the costs.`,
  })
  from!: string;
  @Field(() => LocalDate, { description: WINDOW_TO })
  to!: string;
  @Field(() => [String], {
    nullable: true,
    description:
      'Restrict participants, costs and cohort to these agencies. The participant side is then hidden wherever completion hides the same cell (see suppressionReason): completion within one program, method or area by agency is hidden whole on sparse data such as the demo world, so there an agencies filter short of every agency hides the participant side; agencyComparison gives each agency’s ROI of all its training in a year.',
  })
  agencies?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'Cohort window length in months (default 12).' })
  windowMonths?: number | null;
  @Field(() => CohortContrast, {
    nullable: true,
    description: 'Who the cohort comparison behind the effect sets against whom (default vs_rest).',
  })
  contrast?: CohortContrast | null;
  @Field(() => EffectIsolation, {
    nullable: true,
    description: 'Which estimate the benefits are priced on (default cohort).',
  })
  isolation?: EffectIsolation | null;
  @Field(() => RoiAssumptionsInput, { nullable: true, description: 'Assumption overrides.' })
  assumptions?: RoiAssumptionsInput | null;
}

@ObjectType({ simpleResolvers: true, description: 'Low / base / high, in the unit named by the field.' })
export class RoiRange {
  @Field(() => Float, { description: 'Conservative case.' })
  low!: number;
  @Field(() => Float, { description: 'Point estimate case.' })
  base!: number;
  @Field(() => Float, { description: 'Optimistic case.' })
  high!: number;
}

@ObjectType({ simpleResolvers: true, description: 'One ROI case (first-year benefits).' })
export class RoiCase {
  @Field(() => Float, { description: 'Monetary benefits in IDR after confidence and attribution.' })
  benefitsIdr!: number;
  @Field(() => Float, { description: 'benefits − costs (IDR).' })
  netBenefitsIdr!: number;
  @Field(() => Float, {
    nullable: true,
    description: '(benefits − costs) / costs × 100; null when costs are 0.',
  })
  roiPercent!: number | null;
  @Field(() => Float, { nullable: true, description: 'Benefit-cost ratio; null when costs are 0.' })
  bcr!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Months of first-year benefit needed to repay the costs: costs / (benefitsIdr / 12), 12 being the benefit horizon (assumption horizonMonths; only first-year benefits are counted, Phillips). Not capped at the horizon: a value above 12 (e.g. 144) means the costs are NOT recovered within the 12 months of benefit the ROI counts — the first-year monthly benefit extrapolated past the horizon, which this model does not assume — and is the same case as bcr < 1, roiPercent < 0 and netBenefitsIdr < 0. Exactly 12 when benefits equal costs; 0 when costs are 0 and benefits positive. Null when benefitsIdr ≤ 0 (nothing to pay back with; e.g. no effect shown).',
  })
  paybackMonths!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A cost line (IDR).' })
export class CostLine {
  @Field(() => String, { description: 'trainer, venue, materials, travel, platform, admin.' })
  category!: string;
  @Field(() => Float, { description: 'Amount (IDR).' })
  amountIdr!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Fully loaded costs (IDR).' })
export class RoiCosts {
  @Field(() => [CostLine], { description: 'Program costs by category, in category order.' })
  programByCategory!: CostLine[];
  @Field(() => Float, { description: 'Program costs total.' })
  programIdr!: number;
  @Field(() => Float, { description: "Participants' time: hours × hourly salary cost." })
  participantTimeIdr!: number;
  @Field(() => Float, { description: 'Total fully loaded cost.' })
  totalIdr!: number;
}

@ObjectType({ simpleResolvers: true, description: 'The isolated effect behind the benefits.' })
export class RoiEffect {
  @Field(() => EffectIsolation, {
    description: 'Which estimate isolated the effect (the input’s, default cohort).',
  })
  isolation!: EffectIsolation;
  @Field(() => Float, {
    nullable: true,
    description:
      'Effect on service days per request (negative = faster): the cohort DiD, or with isolation joint the joint model’s coefficient; null when suppressed or not estimated.',
  })
  didDays!: number | null;
  @Field(() => RoiRange, { nullable: true, description: 'Days saved per request per case; null = no data.' })
  daysSavedPerRequest!: RoiRange | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Trained handlers behind the effect (matched treated; with isolation joint, its completers in the model); null when suppressed (disclosure control: the cohort comparison suppressed, or the joint row’s completers below SUPPRESSION_MIN_N). A 0 is shown.',
  })
  handlers!: number | null;
  @Field(() => Float, {
    description:
      'Completed requests of those handlers per year; 0 when the effect is suppressed (no volume of a hidden group is priced or shown).',
  })
  requestsPerYear!: number;
}

@ObjectType({ simpleResolvers: true, description: 'One monetised benefit stream.' })
export class RoiStream {
  @Field(() => String, { description: 'What the benefit is (English).' })
  name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'What the benefit is, in Bahasa Indonesia; null when the stream has no Indonesian name.',
  })
  nameId!: string | null;
  @Field(() => String, { description: 'Unit of the effect (English).' })
  effectUnit!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Unit of the effect, in Bahasa Indonesia; null when the stream has no Indonesian unit.',
  })
  effectUnitId!: string | null;
  @Field(() => RoiRange, { nullable: true, description: 'Effect per unit of volume; null = no data.' })
  effect!: RoiRange | null;
  @Field(() => Float, { description: 'Units affected per year.' })
  volumePerYear!: number;
  @Field(() => Float, { description: 'IDR per unit of effect.' })
  valuePerUnitIdr!: number;
  @Field(() => RoiRange, { description: 'Benefit per case (IDR).' })
  benefitsIdr!: RoiRange;
  @Field(() => [String], { description: 'Conservative rules that changed this stream (English).' })
  notes!: string[];
  @Field(() => [String], { description: 'The same rules in Bahasa Indonesia, in the same order as notes.' })
  notesId!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'An assumption the figures rest on.' })
export class RoiAssumption {
  @Field(() => String, { description: 'Name.' })
  name!: string;
  @Field(() => Float, {
    nullable: true,
    description:
      'Value used; null when disclosure control hides it (monthlySalaryCostIdr and hourlySalaryCostIdr taken from the participants’ grades, when the participant side is hidden: warning participants_suppressed).',
  })
  value!: number | null;
  @Field(() => String, { description: 'Unit.' })
  unit!: string;
  @Field(() => String, {
    description:
      "default (the platform's value: the ROI defaults, the participants' grade mix for monthlySalaryCostIdr, or the server's JP_MINUTES) or override (set by this request, or, for hourlySalaryCostIdr, derived from a monthlySalaryCostIdr or workingHoursPerMonth it set).",
  })
  source!: string;
  @Field(() => String, { description: 'What the value is and where the default comes from (English).' })
  note!: string;
  @Field(() => String, { description: 'The same note in Bahasa Indonesia.' })
  noteId!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A benefit reported but not converted to money (Phillips).',
})
export class RoiIntangible {
  @Field(() => String, { description: 'Name.' })
  name!: string;
  @Field(() => String, { description: 'What changed (English).' })
  description!: string;
  @Field(() => String, {
    nullable: true,
    description: 'What changed, in Bahasa Indonesia; null when the intangible has no Indonesian text.',
  })
  descriptionId!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "One agency's IKM (public satisfaction index) in a cohort window.",
})
export class RoiIkmReading {
  @Field(() => Float, { description: 'IKM, 25–100 (PermenPANRB 14/2017), rounded to 2 decimals.' })
  ikm!: number;
  @Field(() => String, { description: 'Mutu band A–D.' })
  band!: string;
  @Field(() => SafeInt, { description: 'Questionnaire respondents behind the IKM.' })
  respondents!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "An agency's IKM before and after the training (an ROI intangible): descriptive, never monetised or attributed to training.",
})
export class RoiIkmChange {
  @Field(() => String, { description: 'Agency code.' })
  agencyCode!: string;
  @Field(() => RoiIkmReading, {
    nullable: true,
    description:
      'IKM in the pre window; null when the agency was not surveyed then, or when the reading is withheld (preSuppressed).',
  })
  pre!: RoiIkmReading | null;
  @Field(() => RoiIkmReading, {
    nullable: true,
    description:
      'IKM in the post window; null when the agency was not surveyed then, or when the reading is withheld (postSuppressed).',
  })
  post!: RoiIkmReading | null;
  @Field(() => Boolean, {
    description:
      'The pre reading is withheld by disclosure control (pre is null): the window holds a month that `satisfaction` by agency per month hides for this agency (a small cell or a complement; read at the coarsest grain the window is whole periods of), or fewer than SUPPRESSION_MIN_N respondents. A reading is a sum over its months, so two windows differing by one month would otherwise give that month back.',
  })
  preSuppressed!: boolean;
  @Field(() => Boolean, {
    description: 'The post reading is withheld by disclosure control (post is null), as preSuppressed.',
  })
  postSuppressed!: boolean;
  @Field(() => Float, {
    nullable: true,
    description:
      'post.ikm − pre.ikm in IKM points: the difference of the two readings as shown (each rounded to 2 decimals), to 2 decimals (79.60 − 72.73 = 6.87); it may differ by 0.01 from the difference of the unrounded IKMs. Null unless both windows have an IKM.',
  })
  change!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Phillips ROI of a program: fully loaded costs, isolated benefits, low/base/high, every assumption echoed.',
})
export class Roi {
  @Field(() => CohortSelector, { description: 'The training priced.' })
  selector!: CohortSelector;
  @Field(() => CohortWindow, { description: 'Treatment window.' })
  treatmentWindow!: CohortWindow;
  @Field(() => CohortWindows, { description: 'Cohort windows.' })
  windows!: CohortWindows;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Attended enrollments in the priced offerings; null when the participant side is hidden (warning participants_suppressed).',
  })
  participants!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Completed enrollments; null when hidden.' })
  completed!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Participant hours charged to the training: the program’s planned JP × jpMinutes / 60 (jpMinutes: the request’s assumptions.jpMinutes when set, else the server’s JP_MINUTES; echoed in `assumptions`) for every attended enrollment (`participants`: completed or dropped out), not hours actually sat: a dropout is charged the full planned JP, the conservative (cost-loaded) choice. The participant-time cost prices these hours at the participants’ salary cost. Null when hidden.',
  })
  participantHours!: number | null;
  @Field(() => RoiEffect, { description: 'The isolated effect.' })
  effect!: RoiEffect;
  @Field(() => RoiCosts, {
    nullable: true,
    description:
      'Costs; null when the participant side is hidden (their time and their share of the program costs would tell how many took part).',
  })
  costs!: RoiCosts | null;
  @Field(() => [RoiStream], { description: 'Benefit streams.' })
  streams!: RoiStream[];
  @Field(() => RoiCase, { nullable: true, description: 'Low case; null when the costs are hidden.' })
  low!: RoiCase | null;
  @Field(() => RoiCase, { nullable: true, description: 'Base case; null when the costs are hidden.' })
  base!: RoiCase | null;
  @Field(() => RoiCase, { nullable: true, description: 'High case; null when the costs are hidden.' })
  high!: RoiCase | null;
  @Field(() => [RoiIntangible], { description: 'Intangibles (e.g. IKM change), never monetised.' })
  intangibles!: RoiIntangible[];
  @Field(() => [RoiIkmChange], {
    description:
      'The IKM intangibles as numbers: per agency concerned, IKM in the pre and post windows and the change (never monetised).',
  })
  ikmChanges!: RoiIkmChange[];
  @Field(() => [RoiAssumption], { description: 'Every assumption used.' })
  assumptions!: RoiAssumption[];
  @Field(() => CohortComparison, { description: 'The service-days comparison isolating the effect.' })
  cohort!: CohortComparison;
  @Field(() => [AnalysisWarning], {
    description:
      'Caveats, code with Indonesian and English text: no_effect_data (no measurable effect: no benefit assumed), no_data_after_training (the same, the service data ending before the window after the training), no_data_before_training (the same, the service data starting after the window before the training), post_window_incomplete (that window runs past the data: benefits likely understated), effect_ci_includes_zero (the effect’s 95 % CI contains 0: no effect shown either way), effect_adverse (the CI lies wholly above 0: service got significantly slower; no benefit in any case and the harm is not monetised, so the ROI does not show the loss), no_costs, participants_suppressed (the participant side is hidden by disclosure control; a small count and a complement in the same words, so the text says only that it is hidden), few_agencies (an effect is priced and `cohort` warns few_agencies: the trained work in fewer than 5 agencies, so a change in those agencies at the same time may pose as the benefit; not given when the comparison lies within one agency), diverging_pre_trends (an effect is priced and `cohort` warns diverging_pre_trends: the groups already moved apart before the training). For the cohort isolation these follow `cohort`’s evidence in the portfolio: slower ↔ effect_adverse, inconclusive ↔ effect_ci_includes_zero.',
  })
  warnings!: AnalysisWarning[];
  @Field(() => SafeInt, { nullable: true, description: 'Participants behind the costs; null when hidden.' })
  n!: number | null;
  @Field(() => Boolean, {
    description:
      'True when disclosure control hid the effect (no benefit assumed; with isolation cohort see cohort.suppressionReason, with isolation joint the year’s joint model or the program’s completers in it are below SUPPRESSION_MIN_N) or the participant side is hidden (warning participants_suppressed). No estimate for want of data (nobody took part, nothing to compare) is not suppression: false, and the warnings say why (no_effect_data …).',
  })
  suppressed!: boolean;
  @Field(() => SuppressionReason, {
    nullable: true,
    description:
      'Always null. The participant side (participants, completed, participantHours, costs, the low/base/high cases and the salary costs taken from the participants’ grades) is hidden, with the warning participants_suppressed, when it counts 1 … SUPPRESSION_MIN_N − 1 participants or distinct employees behind them (0 is shown), or when the same ROI without its agencies filter, or with one agency of the list left out, counts that few more or fewer (not checked for a list naming every agency with participants: it is the unfiltered ROI), or when `completion` hides the same cell (the selector’s row by agency for each agency of the filter, unless the list names every agency; the selector’s row by program, method or competency area within the agencies; for a method, area or any, its programs by program when those hidden have two or more JP lengths, since participants and participantHours would solve them; over the window’s whole years as one row, else by quarter or by month, hidden when any period’s row is), so that this ROI gives back no count completion protects; which it is is not said (as metric rows), since primary would pin the count. The effect keeps its own disclosure control (cohort).',
    deprecationReason:
      'Always null: the reason would give small counts away (README, Privacy by design). Read `suppressed` and the warning participants_suppressed.',
  })
  suppressionReason!: SuppressionReason | null;
  @Field(() => Int, {
    description:
      'The minimum cell size (SUPPRESSION_MIN_N) the participants and the cohort were checked against.',
  })
  minN!: number;
}
