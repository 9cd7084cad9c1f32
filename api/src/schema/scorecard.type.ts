import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AnalysisWarning } from './cohort.type.ts';
import { SuppressionReason } from './enums.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  simpleResolvers: true,
  description:
    'One agency in one year (DESIGN "agency scorecard"). Rates are fractions 0–1; money in IDR. A measure is null when the agency has no data for it that year or it is hidden by disclosure control (listed in suppressedComponents); an agency with no data at all that year has no card. Budget and cost figures are public finance and never suppressed; the people the agency’s offerings trained are (participants, jpDelivered and the costs per participant and per JP hidden when 1 … SUPPRESSION_MIN_N − 1: component training).',
})
export class Scorecard {
  @Field(() => String, { description: 'Agency code.' })
  agency!: string;
  @Field(() => Int, { description: 'Calendar (and fiscal) year.' })
  year!: number;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Employees in the headcount (30 June); null when suppressed or the agency has no headcount that year.',
  })
  headcount!: number | null;
  @Field(() => Float, { nullable: true, description: 'Participation rate (0–1).' })
  participationRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Resistance rate (0–1).' })
  resistanceRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of employees with ≥ 20 JP in the year (0–1).' })
  jpComplianceRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean JP per employee.' })
  jpPerEmployee!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'IKM (25–100) of the services the agency delivers; null when it serves no public.',
  })
  ikm!: number | null;
  @Field(() => String, { nullable: true, description: 'IKM mutu band A–D.' })
  ikmMutu!: string | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Share of service requests completed within SLA (0–1).',
  })
  slaMetRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median service days of its requests.' })
  medianServiceDays!: number | null;
  @Field(() => Float, { nullable: true, description: 'Training budget allocated (IDR).' })
  budgetAllocatedIdr!: number | null;
  @Field(() => Float, { nullable: true, description: 'Training budget realised (IDR).' })
  budgetRealizedIdr!: number | null;
  @Field(() => Float, { nullable: true, description: 'realised / allocated (0–1, may exceed 1).' })
  budgetRealisation!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Program costs of offerings the agency organised in the year (IDR).',
  })
  programCostIdr!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Distinct employees who completed those offerings.' })
  participants!: number | null;
  @Field(() => Float, { nullable: true, description: 'JP earned in those offerings.' })
  jpDelivered!: number | null;
  @Field(() => Float, { nullable: true, description: 'Program cost per participant (IDR).' })
  costPerParticipantIdr!: number | null;
  @Field(() => Float, { nullable: true, description: 'Program cost per JP delivered (IDR).' })
  costPerJpIdr!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Base-case ROI percent of the agency’s training in the year; null when not computed.',
  })
  roiPct!: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'How to read roiPct (e.g. no measured benefit), in one English line; null when none.',
  })
  roiNote!: string | null;
  @Field(() => [AnalysisWarning], {
    description:
      'The ROI figure’s caveats, to show next to roiPct: no_effect_data (the effect on service time could not be measured, so by Phillips’ rule no benefit is assumed and roiPct is −100: read it as “no measured benefit”, not as a loss), no_data_after_training (the same, because the snapshot has no data yet for the window after the training: the latest year), no_data_before_training (the same, the service data starting after the window before the training: the first year), post_window_incomplete (that window runs past the data: benefits likely understated), effect_ci_includes_zero (the effect’s CI contains 0), effect_adverse (the CI lies wholly above 0: service got significantly slower; no benefit assumed, the harm not monetised), no_costs, participants_suppressed (the agency’s 1 … SUPPRESSION_MIN_N − 1 participants hide roiPct). Empty when there are none.',
  })
  roiWarnings!: AnalysisWarning[];
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Units behind the card: the headcount; null when suppressed or the agency has no headcount that year.',
  })
  n!: number | null;
  @Field(() => Boolean, {
    description: 'True when any person-based component is hidden by disclosure control.',
  })
  suppressed!: boolean;
  @Field(() => SuppressionReason, {
    nullable: true,
    description: 'primary when components are hidden; null when none.',
  })
  suppressionReason!: SuppressionReason | null;
  @Field(() => [String], {
    description:
      "Components hidden by disclosure control, e.g. ['participation', 'ikm']; 'training' when the agency's offerings trained 1 … SUPPRESSION_MIN_N − 1 people; 'roi' when the agency's training had that few participants (roiPct null).",
  })
  suppressedComponents!: string[];
}
