import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { APPRAISAL_WINDOWS } from './appraisal-windows.ts';
import {
  AnalysisWarning,
  CohortWindow,
  CohortWindows,
  ConfidenceInterval,
  WINDOW_FROM,
  WINDOW_TO,
} from './cohort.type.ts';
import { CohortOutcome, CohortSelectorKind, SuppressionReason } from './enums.ts';
import { LocalDate, SafeInt } from './scalars.ts';

/** Values match `@asn/warehouse` `EffectDirection`. */
export enum EffectDirection {
  lower = 'lower',
  higher = 'higher',
  inconclusive = 'inconclusive',
  not_estimated = 'not_estimated',
}

registerEnumType(EffectDirection, {
  name: 'EffectDirection',
  description:
    "What a program's joint estimate shows, judged on its unadjusted 95 % CI (`effect.ci`: HC1 standard errors, not clustered by agency, not adjusted for the several programs of the model), in the outcome's own direction (service days: lower = faster service; SLA rate, requests, SKP: higher = more). Before calling a program effective, read `pValueHolm` (Holm-adjusted over the model's programs) and `clustered` (`clustered.ci`, `clustered.pValue`, and `clustered.wildBootstrap.pValue` with few agencies): a direction of lower or higher can fail either.",
  valuesConfig: {
    lower: { description: 'The CI lies below 0: the outcome went down for the completers.' },
    higher: { description: 'The CI lies above 0: the outcome went up for the completers.' },
    inconclusive: { description: 'The CI contains 0: no effect shown either way.' },
    not_estimated: { description: 'No estimate: see `gap`.' },
  },
});

/** Values match `@asn/warehouse` `ProgramEffectGap`. */
export enum ProgramEffectGap {
  small_n = 'small_n',
  not_identified = 'not_identified',
  no_se = 'no_se',
}

registerEnumType(ProgramEffectGap, {
  name: 'ProgramEffectGap',
  description: 'Why a program has no estimate in the joint model.',
  valuesConfig: {
    small_n: {
      description:
        'Fewer completers in the model than the minimum cell size (disclosure control), or the whole model is suppressed.',
    },
    not_identified: {
      description:
        'Its completers cannot be told apart from other programs’ completers or from their strata (e.g. everyone who took it took another program too).',
    },
    no_se: { description: 'No uncertainty could be estimated (no residual variation).' },
  },
});

@InputType({
  description:
    'A joint program-effects model: one regression of the change in the outcome on every program completed in [from, to], with matching-stratum fixed effects.',
})
export class ProgramEffectsInput {
  @Field(() => LocalDate, { description: WINDOW_FROM })
  from!: string;
  @Field(() => LocalDate, { description: WINDOW_TO })
  to!: string;
  @Field(() => CohortOutcome, {
    nullable: true,
    description: 'Outcome compared before and after (default service_days).',
  })
  outcome?: CohortOutcome | null;
  @Field(() => CohortSelectorKind, {
    nullable: true,
    description:
      'What gets an indicator (default program): each program, each learning method (completed any program of it), or each competency area — e.g. "does e-learning work as well as workshops?", with staff who took several handled alike.',
  })
  by?: CohortSelectorKind | null;
  @Field(() => Int, {
    nullable: true,
    description: `Length of the placebo, pre and post windows in months (default 12). With outcome appraisal_score (L3): ${APPRAISAL_WINDOWS}`,
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
    description: 'Restrict the population to these agencies (at window start).',
  })
  agencies?: string[] | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A regression coefficient in the outcome unit with heteroskedasticity-robust (HC1) inference. All null when not estimated.',
})
export class RegressionEstimate {
  @Field(() => Float, {
    nullable: true,
    description: 'Coefficient: change in the outcome with the completion.',
  })
  estimate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Standard error (HC1, White with the n / (n − p) factor).',
  })
  se!: number | null;
  @Field(() => Float, { nullable: true, description: 'Residual degrees of freedom of the t reference.' })
  df!: number | null;
  @Field(() => Float, { nullable: true, description: 'Two-sided p-value for "no effect".' })
  pValue!: number | null;
  @Field(() => ConfidenceInterval, { nullable: true, description: 'Confidence interval (t distribution).' })
  ci!: ConfidenceInterval | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'The same model from the placebo window to the pre window: a coefficient away from 0 means the completers were already drifting before the training.',
})
export class ProgramPreTrend extends RegressionEstimate {
  @Field(() => Boolean, {
    nullable: true,
    description: 'True when the CI excludes 0 (diverging pre-trend); null when not estimable.',
  })
  ciExcludesZero!: boolean | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Wild cluster restricted bootstrap test of "no effect" (WCR bootstrap-t; Cameron, Gelbach & Miller 2008): the model refitted with H0 imposed, its residuals multiplied agency by agency by Webb six-point weights, the clustered t recomputed each time. It keeps its size where the CR1 t-test with few agencies rejects far too often; with completers in a single agency it is very conservative instead (such an effect cannot be told from that agency’s own change at all).',
})
export class WildClusterBootstrap {
  @Field(() => Float, {
    description:
      'Share of bootstrap draws whose |t| is at least the observed |t| (two-sided, symmetric): the p-value of "no effect" with agency-clustered errors.',
  })
  pValue!: number;
  @Field(() => Int, {
    description:
      'Draws behind it: 9,999 seeded draws (the same input always gives the same p-value), or every 6^G weight vector when that is fewer.',
  })
  draws!: number;
  @Field(() => Boolean, {
    description:
      'True when every weight vector was used (5 agencies or fewer): an exact bootstrap p-value, no random draws.',
  })
  enumerated!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A joint-model coefficient’s inference with standard errors clustered by agency (CR1, as Stata’s vce(cluster) and R’s sandwich::vcovCL type HC1): it allows for shocks shared by everyone in an agency, which HC1 does not. Reliable with many agencies holding completers; with completers in one agency it cannot tell the program from that agency’s own change.',
})
export class ClusteredEstimate {
  @Field(() => Float, { nullable: true, description: 'Cluster-robust standard error (CR1).' })
  se!: number | null;
  @Field(() => Float, { nullable: true, description: 'Degrees of freedom of the t reference: clusters − 1.' })
  df!: number | null;
  @Field(() => Float, { nullable: true, description: 'Two-sided p-value for "no effect".' })
  pValue!: number | null;
  @Field(() => ConfidenceInterval, {
    nullable: true,
    description: 'Confidence interval (t with clusters − 1 df).',
  })
  ci!: ConfidenceInterval | null;
  @Field(() => Int, { description: 'Agencies (clusters) with an employee in the model.' })
  clusters!: number;
  @Field(() => Int, {
    description:
      'Agencies with a completer of this program in the model: few (under about 5) make the clustered error unreliable.',
  })
  treatedClusters!: number;
  @Field(() => WildClusterBootstrap, {
    nullable: true,
    description:
      'The wild cluster bootstrap test of the same coefficient: with few agencies, or few with completers, trust its p-value over `pValue`. Null when it cannot be run (fewer than 2 agencies).',
  })
  wildBootstrap!: WildClusterBootstrap | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One program (or method, or competency area, per `by`) in the joint model.',
})
export class ProgramEffect {
  @Field(() => String, {
    description:
      'Program code; with `by: method` or `competencyArea`, the method or the competency area. In the program portfolio always a program code.',
  })
  program!: string;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Employees of the population who completed it in the window (outcome observed or not); null when suppressed (disclosure control: fewer than SUPPRESSION_MIN_N). A 0 is shown.',
  })
  completers!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Of them, those in the model (outcome observed before and after); null when suppressed (disclosure control: fewer than SUPPRESSION_MIN_N, gap small_n). A 0 is shown.',
  })
  n!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Of those n, how many also completed another program in the window: the overlap the joint model separates. Null when n is suppressed (disclosure control).',
  })
  alsoOtherPrograms!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Completed requests those n handled in the post window (service outcomes; 0 for appraisal_score): the volume an ROI with isolation joint prices. Null when n is suppressed (disclosure control).',
  })
  postCompleted!: number | null;
  @Field(() => RegressionEstimate, {
    description:
      'Change in the outcome with completing this program, the other programs and the stratum held fixed.',
  })
  effect!: RegressionEstimate;
  @Field(() => Float, {
    nullable: true,
    description:
      'Holm-adjusted p-value over every program estimated in this model: read it when asking "which of these programs worked?" (controls the chance of any false finding).',
  })
  pValueHolm!: number | null;
  @Field(() => EffectDirection, {
    description:
      'What the unadjusted 95 % CI of `effect` (HC1, not clustered) shows; see pValueHolm and clustered before reading it as a finding.',
  })
  direction!: EffectDirection;
  @Field(() => ProgramPreTrend, {
    nullable: true,
    description: 'Pre-trend check of this program; null when the placebo window has no data or no estimate.',
  })
  preTrend!: ProgramPreTrend | null;
  @Field(() => ProgramEffectGap, {
    nullable: true,
    description: 'Why `effect` is empty; null when it is not.',
  })
  gap!: ProgramEffectGap | null;
  @Field(() => ClusteredEstimate, {
    nullable: true,
    description:
      'The same coefficient with agency-clustered (CR1) standard errors; null when `effect` has no estimate. A robustness check for shocks shared within an agency, as reliable as its agencies with completers are many (`treatedClusters`, about 5 or more): then a clustered CI that still excludes 0 does not rest on one agency’s shared shock. With few, the CR1 CI can exclude 0 and still rest on one agency (with completers in a single agency it cannot tell the program from that agency’s own change at all): read `wildBootstrap.pValue` instead.',
  })
  clustered!: ClusteredEstimate | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Joint program effects: Δ = post − pre per employee regressed on one indicator per program completed in the treatment window, with one intercept per matching stratum (agency kind × grade group × tenure band). Unlike the per-program cohort comparison, staff trained by other programs do not sit in a program’s comparison group: every program is estimated with the others held fixed. Fitted from per-stratum sums inside the warehouse; no person-level row leaves it.',
})
export class ProgramEffects {
  @Field(() => CohortSelectorKind, { description: 'What got an indicator (the input’s, default program).' })
  by!: CohortSelectorKind;
  @Field(() => CohortOutcome, { description: 'The outcome.' })
  outcome!: CohortOutcome;
  @Field(() => String, {
    description: 'Unit of the outcome and of every coefficient, e.g. "days per request".',
  })
  unit!: string;
  @Field(() => CohortWindow, { description: 'Treatment window as asked.' })
  treatmentWindow!: CohortWindow;
  @Field(() => CohortWindows, { description: 'Placebo, pre and post windows (as in the cohort comparison).' })
  windows!: CohortWindows;
  @Field(() => [String], { description: 'Population restriction echoed (empty = all agencies).' })
  agencies!: string[];
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Employees in the model (outcome before and after); null when suppressed (disclosure control).',
  })
  n!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Of them, those who completed no program in the window; null when suppressed (disclosure control), and when a program’s n is (n − untrained less the programs shown would give it back).',
  })
  untrained!: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'Matching strata in the model (one intercept each); null when suppressed (disclosure control).',
  })
  strata!: number | null;
  @Field(() => SafeInt, {
    description:
      'Residual degrees of freedom: n − strata − programs estimated; 0 when the model is not fitted or is suppressed (`suppressed` true).',
  })
  dfResidual!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Share (0–1) of the within-stratum variance of the change the programs explain; small values are usual (individual noise dominates). Null when the model is not fitted or is suppressed, or when the change has no within-stratum variance.',
  })
  rSquaredWithin!: number | null;
  @Field(() => [ProgramEffect], {
    description:
      'Every program completed in the window, by program code; empty when suppressed (a program listed in one answer and missing from another, with one more agency or none, would say that someone of a small group completed it).',
  })
  programs!: ProgramEffect[];
  @Field(() => Boolean, {
    description:
      'True when the model is not fitted (fewer untrained employees than the minimum cell size, always so for a population (the agencies filter’s employees) of 1 … SUPPRESSION_MIN_N − 1, which answers in the same words as any model not fitted; or too few employees), or when its agencies filter leaves out 1 … SUPPRESSION_MIN_N − 1 employees the same model without it would reveal by difference (suppressionReason says which). A suppressed model lists no program.',
  })
  suppressed!: boolean;
  @Field(() => SuppressionReason, {
    nullable: true,
    description:
      'Why the model is suppressed: primary (not fitted: too few employees) or complementary (its agencies filter leaves out 1 … SUPPRESSION_MIN_N − 1 employees: two answers could be subtracted). Null when shown.',
  })
  suppressionReason!: SuppressionReason | null;
  @Field(() => [AnalysisWarning], {
    description: 'Warnings (codes as in cohortComparison: suppressed, no_post_data, no_pre_data, …).',
  })
  warnings!: AnalysisWarning[];
}
