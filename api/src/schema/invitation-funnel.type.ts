import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow, PctOfTotalField } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Invitation funnel: invited → accepted → enrolled → completed, by invitation date (from/to exact days). n = invitations.',
})
export class FunnelRow extends MetricRow {
  @PctOfTotalField('invitations (= of n)')
  override pctOfTotal: number | null = null;
  @Field(() => SafeInt, { nullable: true, description: 'Invitations.' })
  invited!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Invitations accepted.' })
  accepted!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Accepted and enrolled.' })
  enrolled!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Enrolled and completed.' })
  completed!: number | null;
  @Field(() => Float, { nullable: true, description: 'accepted / invited (0–1); null when invited is 0.' })
  acceptanceRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'enrolled / accepted (0–1); null when accepted is 0.' })
  enrollmentRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'completed / enrolled (0–1); null when enrolled is 0.' })
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
