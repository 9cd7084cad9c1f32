import { Field, Float, ObjectType } from 'type-graphql';
import { MetricRow, PctOfTotalField } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Completion rate: completed / enrolled, by offering start date (placed by day; read through Program.outcomes only, which has no grain: filter.from/to are whole years, RANGE_NOT_ALIGNED otherwise). n = enrollments. ' +
    'Its comparison headline is rate, but Program.outcomes takes no compare: previousPeriod and samePeriodLastYear are null.',
})
export class CompletionRow extends MetricRow {
  @PctOfTotalField('enrollments (= of n)')
  override pctOfTotal: number | null = null;
  @Field(() => SafeInt, { nullable: true, description: 'Enrollments (no-shows included).' })
  enrolled!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Completed enrollments. Protected like n: the funnel’s completed, so a row completing 1 … SUPPRESSION_MIN_N − 1 (or resting on that few employees) is hidden.',
  })
  completed!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Dropped enrollments.' })
  dropped!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Enrolled, never attended.' })
  noShow!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'completed / enrolled (0–1); null when nobody enrolled.',
  })
  rate!: number | null;
}
