import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Participation rate: employees with at least one completed enrollment in the period / active headcount (fct_headcount, 30 June). Yearly: from/to select whole years. n = employees in the headcount.',
})
export class ParticipationRow extends MetricRow {
  @Field(() => SafeInt, { nullable: true, description: 'Active employees in the group.' })
  headcount!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description: 'Of those, employees with ≥ 1 completed enrollment in the period.',
  })
  participants!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'participants / headcount, a fraction 0–1; null when the headcount is 0 or suppressed.',
  })
  rate!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Participation rows, ordered by period, then group, the total row last within each period.',
})
export class ParticipationResult {
  @Field(() => [ParticipationRow], { description: 'The rows.' })
  rows!: ParticipationRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;
}
