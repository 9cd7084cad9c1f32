import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow, PctOfTotalField } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Invitation funnel: invited → accepted → enrolled → completed, by invitation date (placed by day; filter.from/to are whole periods of the grain, whole years without one, RANGE_NOT_ALIGNED otherwise; Program.outcomes has no grain, so whole years there). n = invitations. ' +
    'Person attributes (agency, grade group, tenure band, employment type) are as of the offering start, as in completion, so an enrolled employee sits in the same groups of both. ' +
    'Enrolled counts an enrollment in any status, no-shows included: a no-show lowers completionRate (resistance counts no-shows separately, with declines and no responses). ' +
    'previousPeriod / samePeriodLastYear compare overallRate.',
})
export class FunnelRow extends MetricRow {
  @PctOfTotalField('invitations (= of n)')
  override pctOfTotal: number | null = null;
  @Field(() => SafeInt, { nullable: true, description: 'Invitations.' })
  invited!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Invitations accepted. invited − accepted is resistance’s declined + noResponse, each protected like n: a row with 1 … SUPPRESSION_MIN_N − 1 declined, or not answered, or resting on that few employees, is hidden.',
  })
  accepted!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Accepted and enrolled in the offering (an enrollment in any status, no-shows included). Protected like n: these are the enrollments completion counts as its n, so a row enrolling 1 … SUPPRESSION_MIN_N − 1 (or resting on that few employees) is hidden, as completion hides it, and the funnel hides every row completion hides over the same enrollments.',
  })
  enrolled!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Enrolled and completed. Protected like n: reaction’s and learning’s completions, so a row completing 1 … SUPPRESSION_MIN_N − 1 (or resting on that few employees) is hidden.',
  })
  completed!: number | null;
  @Field(() => Float, { nullable: true, description: 'accepted / invited (0–1); null when invited is 0.' })
  acceptanceRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'enrolled / accepted (0–1); null when accepted is 0. Below 1 only when an accepted invitation has no enrollment in the offering.',
  })
  enrollmentRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'completed / enrolled (0–1; a no-show counts as enrolled, not completed); null when enrolled is 0.',
  })
  completionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'completed / invited (0–1); null when invited is 0.' })
  overallRate!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Funnel rows, ordered by period, then group, the total row last within each period.',
})
export class FunnelResult {
  @Field(() => [FunnelRow], { description: 'The rows.' })
  rows!: FunnelRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;
}
