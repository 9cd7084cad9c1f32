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
      'Employees in the headcount (30 June); null when disclosure control hides it (component participation: `participation` by agency, grain year, hides that year’s headcount) or the agency has no headcount that year. A card `suppressed` for another component keeps it.',
  })
  headcount!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Participation rate, a fraction 0–1: the agency’s employees in the 30 June headcount with at least one completed enrollment in the year (any organiser) / that headcount (as `participation` by agency, grain year). Null when the agency has no headcount that year, or when the figure is hidden by disclosure control (component participation).',
  })
  participationRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Resistance rate, a fraction 0–1: invitations to the agency’s employees in the year that were declined, left unanswered or not shown up to / all invitations to its employees that year (as `resistance` by agency, grain year). Null when none of its employees was invited that year, or when the figure is hidden by disclosure control (component resistance).',
  })
  resistanceRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'JP compliance, a fraction 0–1: the agency’s employees in the year’s headcount with ≥ 20 JP earned in the year / that headcount (as `jpCompliance` by agency). Null when the agency has no headcount that year, or when the figure is hidden by disclosure control (component jpCompliance).',
  })
  jpComplianceRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Mean JP earned in the year per employee in the agency’s headcount. Null as jpComplianceRate: no headcount that year, or hidden (component jpCompliance).',
  })
  jpPerEmployee!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'IKM (citizen satisfaction index, 25–100) of the surveys of services the agency delivers, in the year. Null when it serves no public or had no survey that year, or when the figure is hidden by disclosure control (component ikm).',
  })
  ikm!: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'IKM mutu band A–D of ikm (PermenPAN-RB 14/2017). Null when ikm is null.',
  })
  ikmMutu!: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the IKM’s questionnaires reach the SKM sample PermenPANRB 14/2017 has surveyed (Krejcie–Morgan) from the agency’s service requests of the year, as satisfaction’s sampleAdequate for the agency and year (the requests as serviceTimes shows them). Null when ikm is null or hidden, when that request count is hidden or absent, or when some questionnaires are about a service the service data holds no request of.',
  })
  ikmSampleAdequate!: boolean | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Of the agency’s service requests submitted in the year, the share completed within their SLA, a fraction 0–1 (serviceTimes by agency, grain year, placed by submission month: a request submitted in December 2023 and completed in January 2024 counts in 2023). As in serviceTimes, it is over the requests due by the data end (their target elapsed): one still open but already older than its target counts as a miss, and requests not yet due are left out, done or not (in the data’s last year, the requests of its last weeks). So a year whose due requests are all still open has 0, not null. Null when no request submitted that year was due by the data end (it serves no public, or every request was submitted less than its target before the data end), or when the figure is hidden by disclosure control (component serviceTimes).',
  })
  slaMetRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Median elapsed days from submission to completion of the agency’s service requests submitted in the year and completed (as slaMetRate: placed by submission, not completion). Read from the days histogram of serviceTimes (buckets of 0.01 day below 1 day, 0.1 day below 10, whole days above), so within half a bucket of the exact median (DISDUKCAPIL 2024: 1.1 against an exact 1.0505); requests still open when the data ends are not in it. Null when none of that year’s requests was completed (slaMetRate may then be 0: its open requests past target are misses), or hidden (component serviceTimes).',
  })
  medianServiceDays!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Training budget allocated to the agency for the fiscal year (IDR). Public finance: never hidden. Null when the budget source has no line for the agency that year.',
  })
  budgetAllocatedIdr!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Training budget the agency realised (spent) in the fiscal year (IDR). Public finance: never hidden. Null when the budget source has no line for the agency that year.',
  })
  budgetRealizedIdr!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'budgetRealizedIdr / budgetAllocatedIdr, a fraction (0–1, may exceed 1). Null when either is null or nothing was allocated.',
  })
  budgetRealisation!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Program costs (IDR; trainer, venue, materials, travel, platform, admin) of the training offerings the agency organised in the year, whoever attended them. Public finance: never hidden. Null when the agency organised no offering with a cost that year, which is not the same as 0 (on the demo data, DINSOS in 2024, which organised none: its per-participant and per-JP costs are null too).',
  })
  programCostIdr!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Distinct employees (of any agency) who completed a training offering the agency organised in the year. Null when nobody completed one (it organised none, or none was completed), or when 1 … SUPPRESSION_MIN_N − 1 did (hidden by disclosure control: component training).',
  })
  participants!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'JP (jam pelajaran, training hours of JP_MINUTES each) earned by the completed enrollments in the training offerings the agency organised in the year. Null when nobody completed one, or when 1 … SUPPRESSION_MIN_N − 1 people did (hidden: component training).',
  })
  jpDelivered!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'IDR per employee completing: programCostIdr / participants (distinct employees who completed an offering the agency organised in the year; no-shows and drop-outs are not counted, an employee completing two counts once). Not the budget scenario’s BudgetHistory.costPerParticipantIdr, which divides by attended enrollments. Null when either is null (no offering with a cost, nobody completed one, or the participants are hidden: component training).',
  })
  costPerParticipantIdr!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'IDR per JP: programCostIdr / jpDelivered, for the offerings the agency organised in the year. Null when either is null or jpDelivered is 0 (no offering with a cost, no JP earned in one, or the figures are hidden: component training).',
  })
  costPerJpIdr!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Base-case Phillips ROI, in percent, of the training the agency’s employees completed in the year. Null when not computed (roiNote says why) or when its participants are hidden (component roi): 1 … SUPPRESSION_MIN_N − 1 of them or of the distinct employees behind them, or the agency’s row hidden in the year’s completion by agency.',
  })
  roiPct!: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'How to read roiPct (e.g. no measured benefit), in one English line; null when none.',
  })
  roiNote!: string | null;
  @Field(() => [AnalysisWarning], {
    description:
      'The ROI figure’s caveats, to show next to roiPct: no_effect_data (the effect on service time could not be measured, so by Phillips’ rule no benefit is assumed and roiPct is −100: read it as “no measured benefit”, not as a loss), no_data_after_training (the same, because the snapshot has no data yet for the window after the training: the latest year), no_data_before_training (the same, the service data starting after the window before the training: the first year), post_window_incomplete (that window runs past the data: benefits likely understated), effect_ci_includes_zero (the effect’s CI contains 0), effect_adverse (the CI lies wholly above 0: service got significantly slower; no benefit assumed, the harm not monetised), no_costs, participants_suppressed (the participant side is hidden by disclosure control, roiPct with it; the text says only that it is hidden), diverging_pre_trends (an effect is priced and the agency’s trained and their comparison already moved apart before the training: the effect may not be caused by it). The comparison behind each row lies within the agency (its trained against its own untrained staff), so the agency’s own changes reach both groups and few_agencies is not given. Empty when there are none.',
  })
  roiWarnings!: AnalysisWarning[];
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Units behind the card: the headcount, null when it is (see `headcount`); `suppressed` marks hidden components, not this count.',
  })
  n!: number | null;
  @Field(() => Boolean, {
    description: 'True when any person-based component is hidden by disclosure control.',
  })
  suppressed!: boolean;
  @Field(() => SuppressionReason, {
    nullable: true,
    description:
      'primary whenever any component is hidden, as a small cell or as a complement alike (the reason per component is not given: read suppressedComponents); null when none is.',
  })
  suppressionReason!: SuppressionReason | null;
  @Field(() => [String], {
    description:
      "Components hidden by disclosure control, e.g. ['participation', 'ikm']; 'training' when the agency's offerings trained 1 … SUPPRESSION_MIN_N − 1 people; 'roi' when the agency's training had that few participants or distinct employees behind them, or the year's completion by agency hides the agency (roiPct null).",
  })
  suppressedComponents!: string[];
}
