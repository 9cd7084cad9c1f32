import { ArgsType, Field } from 'type-graphql';
import { Dimension, TimeGrain } from './enums.ts';
import { MetricFilterInput } from './metric-filter.input.ts';

/** The arguments every aggregate metric field takes. */
@ArgsType()
export class MetricArgs {
  @Field(() => MetricFilterInput, {
    nullable: true,
    description: 'Period and population; null = everything in the snapshot.',
  })
  filter?: MetricFilterInput | null;

  @Field(() => [Dimension], {
    nullable: true,
    description:
      'Dimensions to group by, at most two (a three-way table could not be protected against its two-way margins: BAD_USER_INPUT, LIST_LENGTH); rows come per group plus a total row. Null or empty = one total row.',
  })
  groupBy?: Dimension[] | null;

  @Field(() => TimeGrain, {
    nullable: true,
    description:
      'Time series grain; null = one row per group over the whole range (whole years). For counts of events (invitations, enrollments, requests, responses) the same query at another grain gives sums of these rows (a quarter of its months), so disclosure control decides each calendar year on all of its periods, whatever range is asked, and a hidden month gets a second hidden month in its quarter or year. Participation is the exception: its participants are distinct employees per period and its n the year’s headcount, so its months and quarters do not add up to its year (one employee trained in two quarters is one participant of the year).',
  })
  grain?: TimeGrain | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'With a grain: add previousPeriod and samePeriodLastYear comparisons to every row.',
  })
  compare?: boolean | null;
}
