import { Field, Float, InterfaceType, ObjectType } from 'type-graphql';
import { SuppressionReason } from './enums.ts';
import { LocalDate, SafeInt } from './scalars.ts';

// Plain data (no auth, no middleware): graphql's default resolver reads the property directly, as
// type-graphql's per-field wrapper did, minus its cost on every field of every row.
@ObjectType({
  simpleResolvers: true,
  description:
    'Group keys of a metric row: the dimensions in `groupBy` carry a value, the others are null. In a total row every grouped dimension is null ("all").',
})
export class GroupKeys {
  @Field(() => String, { nullable: true, description: 'Agency code.' })
  agency?: string | null;
  @Field(() => String, { nullable: true, description: 'Agency kind.' })
  agencyKind?: string | null;
  @Field(() => String, { nullable: true, description: 'Program code.' })
  program?: string | null;
  @Field(() => String, { nullable: true, description: 'Training method.' })
  method?: string | null;
  @Field(() => String, { nullable: true, description: 'Competency area.' })
  competencyArea?: string | null;
  @Field(() => String, { nullable: true, description: 'Golongan group.' })
  gradeGroup?: string | null;
  @Field(() => String, { nullable: true, description: 'Tenure band.' })
  tenureBand?: string | null;
  @Field(() => String, { nullable: true, description: 'PNS or PPPK.' })
  employmentType?: string | null;
  @Field(() => String, { nullable: true, description: 'Public service type.' })
  serviceType?: string | null;
  @Field(() => String, { nullable: true, description: 'Kelurahan code.' })
  kelurahan?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Decline reason, on resistance.byReason rows only (not a groupBy dimension). On a byReason row with isTotal false, null = the declines without a reason; on an isTotal row, null = all the group’s declines: tell the two apart by isTotal, not by a null reason.',
  })
  declineReason?: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A row's headline value compared with an earlier period (only with `compare` and a grain). Each row type names its headline: rate (ParticipationRow, ResistanceRow, JpComplianceRow), overallRate (FunnelRow), medianDays (ServiceTimesRow: a median of bucketed days, so its delta is within one bucket of the exact difference), ikmExact (SatisfactionRow: unrounded, so value and delta may differ from the ikm shown by rounding), mean (ReactionRow), meanGain (LearningRow); CompletionRow and DeclineReasonRow are never compared (null).",
})
export class PeriodComparison {
  @Field(() => Float, {
    nullable: true,
    description:
      "The earlier period's headline as the same query publishes it (read also when that period lies before filter.from); null when it had no data or was suppressed. Given on a suppressed row too.",
  })
  value!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Current − earlier, in the headline unit; null when either is null (always on a suppressed row).',
  })
  delta!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'delta / |earlier| × 100 (percent); null when either is null or earlier is 0.',
  })
  deltaPct!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'The days a metric actually read for filter.from/to, and the resolution of the data it read them from (day, or monthly or yearly data). filter.from/to are whole periods (RANGE_NOT_ALIGNED otherwise), so these are the days asked for. They are not limited to the data: a range beyond the first or last day of the fact (snapshot.coverage; the years: snapshot.years) reads nothing there and gives rows of n 0, and beyondData says so.',
})
export class ReadRange {
  @Field(() => LocalDate, {
    nullable: true,
    description: 'First day read (inclusive); null when filter.from is null (start of the data).',
  })
  from!: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Last day read (inclusive); null when filter.to is null (end of the data).',
  })
  to!: string | null;

  @Field(() => String, {
    description: 'The resolution of the data read: day, month or year.',
  })
  resolution!: string;

  @Field(() => String, {
    description:
      'The fact the metric counts (fct_enrollments, fct_service_requests, fct_satisfaction): its entry in snapshot.coverage says where its data starts and ends.',
  })
  fact!: string;
}

/**
 * `pctOfTotal` of one row type, naming the count it is a share of (DESIGN "Metrics": percent of
 * total is of each metric's additive count, which is not always n). The row type redeclares the
 * field with it (`override pctOfTotal: number | null = null;`: the initializer only satisfies the
 * class-field check; rows are plain objects, never instances).
 */
export function PctOfTotalField(count: string): PropertyDecorator {
  return Field(() => Float, {
    nullable: true,
    description: `Percent (0–100) of the period total of ${count}; null when the row or its total is suppressed, or the total is 0.`,
  });
}

/** Fields every metric row carries (DESIGN "Metrics"); each row type adds its measures. */
@InterfaceType({
  description:
    "What every metric row carries: group keys, period, n (units behind it) and disclosure control. A suppressed row has n, pctOfTotal and every measure null, but with `compare` keeps previousPeriod / samePeriodLastYear: their value is the earlier period's published headline (null when that period is suppressed too or has no data), delta and deltaPct are null.",
})
export abstract class MetricRow {
  @Field(() => GroupKeys, { description: 'The group this row describes.' })
  keys!: GroupKeys;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'First day of the period when a grain was asked for; null otherwise.',
  })
  period!: string | null;

  @Field(() => Boolean, { description: 'True for the total over all groups (the only row without groupBy).' })
  isTotal!: boolean;

  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Units behind the row (each metric names its unit); 0 for a filled empty period; null when suppressed.',
  })
  n!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Percent (0–100) of the period total of the metric's additive count, which is not always n: each row type names it (participants, resisted invitations, compliant employee-years, invitations, enrollments, respondents, learners, requests, questionnaires). Null when the row or its total is suppressed, or the total is 0.",
  })
  pctOfTotal!: number | null;

  @Field(() => Boolean, {
    description:
      "True when n and the measures are hidden (null) by disclosure control (the comparisons' value, the earlier period's, stays). A table hidden whole (every group of a two-way groupBy) lists every combination of its groups' values, those without data too, all suppressed: which combinations have data would give hidden counts away; so does a filtered answer that is a slice of it.",
  })
  suppressed!: boolean;

  @Field(() => SuppressionReason, {
    nullable: true,
    description:
      'Always null on metric rows: which hidden rows are the small ones (primary: 1 … SUPPRESSION_MIN_N − 1) and which hide others (complementary: at least SUPPRESSION_MIN_N) would bound them, and such bounds pin counts the sums alone leave open. `suppressed` says what is hidden.',
    deprecationReason:
      'Always null: the reason per hidden row would give small counts away (README, Privacy by design). Read `suppressed`.',
  })
  suppressionReason!: SuppressionReason | null;

  @Field(() => PeriodComparison, {
    nullable: true,
    description:
      "The row type's headline (see PeriodComparison) versus the previous period of the grain (with `compare`); else null.",
  })
  previousPeriod?: PeriodComparison | null;

  @Field(() => PeriodComparison, {
    nullable: true,
    description:
      "The row type's headline versus the same period one year earlier (with `compare`; at grain year the same as previousPeriod); else null.",
  })
  samePeriodLastYear?: PeriodComparison | null;
}
