import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow, PctOfTotalField } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Kirkpatrick L2 (learning): post − pre test score (0–100 scale) and normalised gain, by completion date (placed by day; filter.from/to are whole periods of the grain, whole years without one, RANGE_NOT_ALIGNED otherwise; Program.outcomes has no grain, so whole years there). n = learners with both scores. previousPeriod / samePeriodLastYear compare meanGain.',
})
export class LearningRow extends MetricRow {
  @PctOfTotalField('learners (= of n)')
  override pctOfTotal: number | null = null;
  @Field(() => SafeInt, { nullable: true, description: 'Completed enrollments with a pre and a post score.' })
  learners!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean pre-test score (0–100).' })
  meanPre!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean post-test score (0–100).' })
  meanPost!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean post − pre, in score points.' })
  meanGain!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median post − pre, in score points.' })
  medianGain!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean (post − pre) / (100 − pre) over learners with pre < 100 (≤ 1).',
  })
  normalizedGain!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Always null (withheld): the learners with pre = 100, left out of normalizedGain, are not published. Shown, a count of 1 gave one employee’s pre-test score away; protected like n, a handful of them hid nearly every row.',
  })
  atCeiling!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Learning rows, ordered by period, then group, the total row last within each period.',
})
export class LearningResult {
  @Field(() => [LearningRow], { description: 'The rows.' })
  rows!: LearningRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;
}
