import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  description:
    'Kirkpatrick L2 (learning): post − pre test score and normalised gain. n = enrollments with both scores.',
})
export class LearningRow extends MetricRow {
  @Field(() => SafeInt, { nullable: true, description: 'Enrollments with a pre and a post score.' })
  assessed!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean pre-test score (0–100).' })
  meanPre!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean post-test score (0–100).' })
  meanPost!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean post − pre, in score points.' })
  meanGain!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean (post − pre) / (100 − pre), a fraction (≤ 1).' })
  normalisedGain!: number | null;
}

@ObjectType({
  description: 'Learning rows, ordered by period, then group, the total row last within each period.',
})
export class LearningResult {
  @Field(() => [LearningRow], { description: 'The rows.' })
  rows!: LearningRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;
}
