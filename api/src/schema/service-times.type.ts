import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Kirkpatrick L4 (results): public service handling time and SLA, by submission date. n = completed requests.',
})
export class ServiceTimesRow extends MetricRow {
  @Field(() => SafeInt, { nullable: true, description: 'Requests submitted in the period.' })
  requests!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description: 'Of those, completed (the units behind the day statistics).',
  })
  completed!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean days from submission to completion.' })
  meanDays!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median days.' })
  medianDays!: number | null;
  @Field(() => Float, { nullable: true, description: '90th percentile of days.' })
  p90Days!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Completed within the service type's target days / completed (0–1).",
  })
  slaMetRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Requests with a handler / distinct handling employees; null when grouped or filtered by kelurahan.',
  })
  requestsPerHandler!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Distinct handling employees.' })
  handlers!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'ServiceTimes rows, ordered by period, then group, the total row last within each period.',
})
export class ServiceTimesResult {
  @Field(() => [ServiceTimesRow], { description: 'The rows.' })
  rows!: ServiceTimesRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;
}
