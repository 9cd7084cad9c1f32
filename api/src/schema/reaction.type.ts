import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow, PctOfTotalField } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Kirkpatrick L1 (reaction): mean of the reaction items (1–5 scale) and the response rate, by completion date (placed by day; filter.from/to are whole periods of the grain, whole years without one, RANGE_NOT_ALIGNED otherwise; Program.outcomes has no grain, so whole years there). n = respondents. previousPeriod / samePeriodLastYear compare mean. ' +
    'Disclosure control protects completed (the response rate denominator) like n: a row with fewer than minN completers is suppressed even when nobody responded (n = 0), with complementary suppression.',
})
export class ReactionRow extends MetricRow {
  @PctOfTotalField('respondents (= of n)')
  override pctOfTotal: number | null = null;
  @Field(() => SafeInt, { nullable: true, description: 'Completed enrollments (who could have answered).' })
  completed!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Completed enrollments with a reaction form.' })
  respondents!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'respondents / completed (0–1); null when completed is 0 or the row is hidden.',
  })
  responseRate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean of the four items per respondent, averaged (1–5).',
  })
  mean!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean relevance item (1–5).' })
  relevance!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean satisfaction item (1–5).' })
  satisfaction!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean facilitator item (1–5).' })
  facilitator!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean intent-to-apply item (1–5).' })
  intentToApply!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Reaction rows, ordered by period, then group, the total row last within each period.',
})
export class ReactionResult {
  @Field(() => [ReactionRow], { description: 'The rows.' })
  rows!: ReactionRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;
}
