import type { MetricFilter, MetricQuery } from '@asn/warehouse';
import { Field, InputType } from 'type-graphql';
import type { Dimension, TimeGrain } from './enums.ts';
import { LocalDate } from './scalars.ts';

/** The one filter every metric field takes; maps 1:1 onto the warehouse `MetricFilter`. */
@InputType({
  description:
    'Restricts a metric. Lists are ORed within a field and ANDed across fields; an absent or empty list means no restriction.',
})
export class MetricFilterInput {
  @Field(() => LocalDate, {
    nullable: true,
    description:
      'First day included (inclusive): the first day of a period of the grain (a month, quarter or year; without a grain, a year: 2024-01-01). A date inside a period is refused with BAD_USER_INPUT, reason RANGE_NOT_ALIGNED, which names the aligned dates either side: every row covers whole periods, so that two ranges cannot be subtracted to reveal a part of one. Null = start of the data.',
  })
  from?: string;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      'Last day included (inclusive): the last day of a period of the grain (without a grain, of a year: 2024-12-31); any other date is refused (RANGE_NOT_ALIGNED), see from. Null = end of the data.',
  })
  to?: string;

  @Field(() => [String], { nullable: true, description: 'Agency codes.' })
  agencies?: string[];

  @Field(() => [String], { nullable: true, description: 'Program codes.' })
  programs?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Training methods (workshop, seminar, e_learning, …).',
  })
  methods?: string[];

  @Field(() => [String], { nullable: true, description: 'Competency areas (technical, soft_skills, …).' })
  competencyAreas?: string[];

  @Field(() => [String], { nullable: true, description: 'Golongan groups: I, II, III, IV, PPPK.' })
  gradeGroups?: string[];

  @Field(() => [String], { nullable: true, description: "Tenure bands: '<5', '5-9', '10-19', '20+'." })
  tenureBands?: string[];

  @Field(() => [String], { nullable: true, description: 'PNS or PPPK.' })
  employmentTypes?: string[];

  @Field(() => [String], { nullable: true, description: 'Public service types.' })
  serviceTypes?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      'Kelurahan codes (the area a service request comes from; serviceTimes only). With kelurahan in the query, serviceTimes counts the city-wide agencies’ requests only, not the kecamatan agencies’, and refuses a filter naming them or their service types (see ServiceTimesRow).',
  })
  kelurahan?: string[];
}

/** Drops nulls GraphQL may pass for omitted list fields, so the warehouse sees plain absent keys. */
export function toMetricFilter(input: MetricFilterInput | null | undefined): MetricFilter {
  if (!input) return {};
  return Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== null && v !== undefined),
  ) as MetricFilter;
}

export function toMetricQuery(
  filter: MetricFilterInput | null | undefined,
  groupBy: Dimension[] | null | undefined,
  grain: TimeGrain | null | undefined,
  compare?: boolean | null,
): MetricQuery {
  return {
    filter: toMetricFilter(filter),
    ...(groupBy && groupBy.length > 0 ? { groupBy } : {}),
    ...(grain ? { grain } : {}),
    ...(compare ? { compare: true } : {}),
  };
}
