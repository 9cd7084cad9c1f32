import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  description:
    'Kirkpatrick L4 (results): service request handling time and SLA, by submission date. n = completed requests.',
})
export class ServiceTimesRow extends MetricRow {
  @Field(() => SafeInt, { nullable: true, description: 'Requests submitted.' })
  requests!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Requests completed.' })
  completed!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median days from submission to completion.' })
  medianDays!: number | null;
  @Field(() => Float, { nullable: true, description: '90th percentile of days (type-7 quantile).' })
  p90Days!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Share (0–1) of completed requests within the SLA target days.',
  })
  slaMetRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Requests per handling employee in the period.' })
  requestsPerEmployee!: number | null;
}

@ObjectType({
  description: 'ServiceTimes rows, ordered by period, then group, the total row last within each period.',
})
export class ServiceTimesResult {
  @Field(() => [ServiceTimesRow], { description: 'The rows.' })
  rows!: ServiceTimesRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;
}
