import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  description:
    'Kirkpatrick L1 (reaction): mean of the reaction items (1–5) and the response rate. n = completed enrollments.',
})
export class ReactionRow extends MetricRow {
  @Field(() => SafeInt, { nullable: true, description: 'Enrollments with a reaction questionnaire.' })
  responses!: number | null;
  @Field(() => Float, { nullable: true, description: 'responses / completed enrollments (0–1).' })
  responseRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean relevance item (1–5).' })
  relevance!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean satisfaction item (1–5).' })
  satisfaction!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean facilitator item (1–5).' })
  facilitator!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean intent-to-apply item (1–5).' })
  intentToApply!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean of the four items (1–5).' })
  overall!: number | null;
}

@ObjectType({
  description: 'Reaction rows, ordered by period, then group, the total row last within each period.',
})
export class ReactionResult {
  @Field(() => [ReactionRow], { description: 'The rows.' })
  rows!: ReactionRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;
}
