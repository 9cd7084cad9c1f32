import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { APPRAISAL_WINDOWS } from './appraisal-windows.ts';
import { CohortContrast, CohortOutcome, CohortSelectorKind, SuppressionReason } from './enums.ts';
import { LocalDate, SafeInt } from './scalars.ts';

/** The treatment window's edges, described alike wherever an analysis takes one. */
export const WINDOW_FROM =
  'Treatment window start (inclusive): the first day of a month (2024-03-01). Any other day is refused with BAD_USER_INPUT, reason RANGE_NOT_ALIGNED, which names the aligned dates either side: the pre and post windows are whole months, and two windows a day apart would differ by the few employees who completed on that day.';
export const WINDOW_TO =
  'Treatment window end (inclusive): the last day of a month (2024-05-31); any other day is refused (RANGE_NOT_ALIGNED), see from.';

@InputType({ description: 'What makes an employee "treated".' })
export class CohortSelectorInput {
  @Field(() => CohortSelectorKind, { description: 'program, method or competencyArea.' })
  kind!: CohortSelectorKind;
  @Field(() => String, {
    description: 'A program code, a method (e.g. workshop) or a competency area (e.g. it).',
  })
  value!: string;
}

@InputType({
  description: 'A matched cohort comparison: treated = completed the selector inside [from, to].',
})
export class CohortInput {
  @Field(() => CohortSelectorInput, { description: 'The treatment.' })
  selector!: CohortSelectorInput;
  @Field(() => LocalDate, { description: WINDOW_FROM })
  from!: string;
  @Field(() => LocalDate, { description: WINDOW_TO })
  to!: string;
  @Field(() => CohortOutcome, { description: 'Outcome compared before and after.' })
  outcome!: CohortOutcome;
  @Field(() => Int, {
    nullable: true,
    description: `Length of the pre, post and placebo windows in months (default 12). With outcome appraisal_score (L3): ${APPRAISAL_WINDOWS}`,
  })
  windowMonths?: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'Months left out between the pre window and the treatment window, 0 … 60 (default 0; outside it BAD_USER_INPUT OUT_OF_RANGE): pre (and placebo before it) end that many months before `from`, so the months just before training, where the trainees’ outcome may already have moved (Ashenfelter’s dip: a slump that sends staff to training), do not count as part of the effect. Post does not move. Compare the answer with and without a gap to see whether the effect rests on those months (the pre-trend check may flag such a dip). With outcome appraisal_score: whole years (0, 12, 24 …; else RANGE_NOT_ALIGNED), as appraisals are yearly. `windows` reports the windows used.',
  })
  gapMonths?: number | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Restrict both groups to these agencies (at window start).',
  })
  agencies?: string[] | null;
  @Field(() => CohortContrast, {
    nullable: true,
    description: 'Who is compared with whom (default vs_rest).',
  })
  contrast?: CohortContrast | null;
}

@ObjectType({ simpleResolvers: true, description: 'Selector echoed back.' })
export class CohortSelector {
  @Field(() => CohortSelectorKind, { description: 'program, method or competencyArea.' })
  kind!: CohortSelectorKind;
  @Field(() => String, { description: 'The code, method or area.' })
  value!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A calendar window, inclusive, whole months.' })
export class CohortWindow {
  @Field(() => LocalDate, { description: 'First day.' })
  from!: string;
  @Field(() => LocalDate, { description: 'Last day.' })
  to!: string;
}

@ObjectType({ simpleResolvers: true, description: 'The windows around the treatment window.' })
export class CohortWindows {
  @Field(() => CohortWindow, { description: 'Before pre; used only by the pre-trend (placebo) check.' })
  placebo!: CohortWindow;
  @Field(() => CohortWindow, { description: 'Before the treatment window.' })
  pre!: CohortWindow;
  @Field(() => CohortWindow, { description: 'After the treatment window.' })
  post!: CohortWindow;
}

@ObjectType({ simpleResolvers: true, description: 'A confidence interval.' })
export class ConfidenceInterval {
  @Field(() => Float, { description: 'Lower bound.' })
  low!: number;
  @Field(() => Float, { description: 'Upper bound.' })
  high!: number;
  @Field(() => Float, { description: 'Confidence level, e.g. 0.95.' })
  level!: number;
}

@ObjectType({ simpleResolvers: true, description: 'One arm (treated or matched control).' })
export class CohortArm {
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Units (employees) used after matching; null when suppressed (disclosure control). A 0 (nobody) is shown.',
  })
  n!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Kish effective sample size (equals n for the treated arm); null when suppressed (disclosure control).',
  })
  nEffective!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Mean outcome in the pre window (control weighted to the treated mix); null when suppressed.',
  })
  meanPre!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Mean outcome in the post window (control weighted to the treated mix); null when suppressed.',
  })
  meanPost!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean post − pre (control weighted to the treated mix); null when suppressed.',
  })
  meanChange!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'An estimate in the outcome unit, with its uncertainty. All null when suppressed or not estimable.',
})
export class CohortEstimate {
  @Field(() => Float, { nullable: true, description: 'Point estimate.' })
  estimate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Standard error (Welch).' })
  se!: number | null;
  @Field(() => Float, { nullable: true, description: 'Welch–Satterthwaite degrees of freedom.' })
  df!: number | null;
  @Field(() => Float, { nullable: true, description: 'Two-sided p-value.' })
  pValue!: number | null;
  @Field(() => ConfidenceInterval, { nullable: true, description: 'Confidence interval (t distribution).' })
  ci!: ConfidenceInterval | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Placebo check: the same estimator from the placebo to the pre window (should be ≈ 0).',
})
export class CohortPreTrend extends CohortEstimate {
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Treated units in the check; null when suppressed (disclosure control: an arm of the check below SUPPRESSION_MIN_N, or the comparison suppressed). A 0 is shown.',
  })
  nTreated!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description: 'Control units in the check; null when suppressed (disclosure control), as nTreated.',
  })
  nControl!: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'True when the placebo CI excludes 0 (diverging pre-trends); null when not estimable.',
  })
  ciExcludesZero!: boolean | null;
}

@ObjectType({ simpleResolvers: true, description: "Hedges' g of the unit-level changes." })
export class HedgesG {
  @Field(() => Float, { description: 'Standardised mean difference (small-sample corrected).' })
  g!: number;
  @Field(() => Float, { description: 'Standard error of g.' })
  se!: number;
  @Field(() => ConfidenceInterval, { description: 'Confidence interval of g.' })
  ci!: ConfidenceInterval;
}

@ObjectType({
  simpleResolvers: true,
  description: 'How exact matching on agency kind × grade group × tenure band went.',
})
export class CohortMatching {
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Treated units with an outcome in both windows, before matching; null when suppressed (disclosure control). A 0 is shown.',
  })
  treatedEligible!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Treated units dropped: their stratum has no control; null when suppressed (disclosure control). A 0 is shown.',
  })
  treatedDropped!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'treatedDropped / treatedEligible (0–1); null when suppressed (disclosure control).',
  })
  treatedDroppedShare!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Control units in strata without treated units (weight 0); null when suppressed (disclosure control). A 0 is shown.',
  })
  controlUnused!: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'Strata holding at least one matched treated unit; null when suppressed (disclosure control). A 0 is shown.',
  })
  strata!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A plain-language warning about the estimate.' })
export class AnalysisWarning {
  @Field(() => String, {
    description:
      "Stable code: small_n, poor_overlap, diverging_pre_trends, suppressed, no_se, no_post_data (the window after the training lies beyond the outcome's data: snapshot.coverage), post_window_incomplete (it runs past the data's end), no_pre_data (the window before the training lies before the outcome's data), pre_window_incomplete (it starts before the data's start), no_placebo_data (the placebo window of the pre-trend check lies outside the outcome's data: the pre-trend could not be checked), placebo_window_incomplete (the pre-trend check ran on only part of its placebo window: names how many of its months had data), few_agencies (the matched trained employees work in fewer than 5 agencies, names how many: the comparison cannot tell the training from those agencies' own change at the time; read the joint model's clustered check; not given when the whole comparison lies within one agency, an agencies filter of one, where such a change reaches both groups and the DiD takes it out), nothing_to_compare (no trained employee has data in both windows: n 0, no estimate; nothing hidden unless a suppressed warning says otherwise).",
  })
  code!: string;
  @Field(() => String, { description: 'Bahasa Indonesia text.' })
  id!: string;
  @Field(() => String, { description: 'English text.' })
  en!: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Treated vs matched control, pre and post: difference-in-differences (effect on the treated) with SE and CI, Hedges g, a pre-trend check and warnings.',
})
export class CohortComparison {
  @Field(() => CohortSelector, { description: 'The treatment.' })
  selector!: CohortSelector;
  @Field(() => CohortOutcome, { description: 'The outcome.' })
  outcome!: CohortOutcome;
  @Field(() => CohortContrast, { description: 'Who was compared with whom.' })
  contrast!: CohortContrast;
  @Field(() => String, { description: 'Unit of the outcome and of the DiD, e.g. "days per request".' })
  unit!: string;
  @Field(() => CohortWindow, { description: 'Treatment window as asked.' })
  treatmentWindow!: CohortWindow;
  @Field(() => CohortWindows, { description: 'Placebo, pre and post windows.' })
  windows!: CohortWindows;
  @Field(() => CohortArm, { description: 'Treated arm.' })
  treated!: CohortArm;
  @Field(() => CohortArm, { description: 'Matched control arm.' })
  control!: CohortArm;
  @Field(() => CohortEstimate, { description: 'Difference-in-differences, in the outcome unit.' })
  did!: CohortEstimate;
  @Field(() => HedgesG, { nullable: true, description: "Hedges' g; null when suppressed." })
  hedgesG!: HedgesG | null;
  @Field(() => CohortPreTrend, {
    nullable: true,
    description:
      'Pre-trend check; null when the placebo window has no data (warning no_placebo_data says when it lies outside the data).',
  })
  preTrend!: CohortPreTrend | null;
  @Field(() => CohortMatching, {
    description: 'Matching diagnostics; when suppressed every figure but a 0 is null (disclosure control).',
  })
  matching!: CohortMatching;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Units behind the estimate (treated + control used); null when suppressed (disclosure control). A 0 (nobody to compare) is shown.',
  })
  n!: number | null;
  @Field(() => Boolean, {
    description:
      'True when a group is below SUPPRESSION_MIN_N, or when the cohort\'s agencies (or, for a method or competency area, one of its programs whose own comparison is hidden) leave out 1 … SUPPRESSION_MIN_N − 1 employees the same comparison without them would reveal by difference (suppressionReason says which): estimates and means are then null, and so is every count that could reveal that group (the arms, n, matching figures, pre-trend counts; a count of 0 stays 0), and the warnings name no count. False when no trained employee has data in both windows (warning nothing_to_compare: n 0, no estimate, nobody hidden), unless the untrained are 1 … SUPPRESSION_MIN_N − 1 or the agencies leave out such a group (complementary: then the warnings say suppressed and nothing_to_compare, the latter without "nothing is hidden").',
  })
  suppressed!: boolean;
  @Field(() => SuppressionReason, {
    nullable: true,
    description:
      'Why the comparison is suppressed: primary (an arm below SUPPRESSION_MIN_N) or complementary (its agencies filter leaves out 1 … SUPPRESSION_MIN_N − 1 employees, or, for a method or competency area, leaving out one of its programs whose own comparison is hidden would: two answers could be subtracted). Null when shown.',
  })
  suppressionReason!: SuppressionReason | null;
  @Field(() => [AnalysisWarning], {
    description:
      'Warnings to show next to the figures. Of a suppressed comparison, small_n and poor_overlap name no count or share.',
  })
  warnings!: AnalysisWarning[];
}
