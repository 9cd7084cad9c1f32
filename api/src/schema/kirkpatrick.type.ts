import { Field, ObjectType } from 'type-graphql';
import { APPRAISAL_WINDOWS } from './appraisal-windows.ts';
import { CohortComparison } from './cohort.type.ts';
import { LearningResult } from './learning.type.ts';
import { ReactionResult } from './reaction.type.ts';
import { SatisfactionResult } from './satisfaction.type.ts';
import { ServiceTimesResult } from './service-times.type.ts';

@ObjectType({ simpleResolvers: true, description: 'Kirkpatrick L4 (results): public service outcomes.' })
export class KirkpatrickResults {
  /** The metric query the sections run with (set by the resolver). */
  queryKey!: string;

  @Field(() => ServiceTimesResult, {
    nullable: true,
    description:
      'Service days, SLA-met rate, requests per employee. Null, with an error at this path, when this level cannot answer the query (e.g. BAD_USER_INPUT UNSUPPORTED_FILTER: service outcomes cannot be filtered by program); the other levels still answer.',
  })
  serviceTimes?: ServiceTimesResult | null;
  @Field(() => SatisfactionResult, {
    nullable: true,
    description:
      'IKM with band. Null, with an error at this path, when this level cannot answer the query (e.g. BAD_USER_INPUT UNSUPPORTED_FILTER: service outcomes cannot be filtered by program); the other levels still answer.',
  })
  satisfaction?: SatisfactionResult | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'The four Kirkpatrick levels for one filter. Each section is computed only when selected. filter.from/to apply to every level and are whole periods of the grain (whole years without one), checked once for the query: a range that cuts a period is refused on kirkpatrick itself with one BAD_USER_INPUT (reason RANGE_NOT_ALIGNED, naming the aligned dates and the whole periods around the range), whatever sections are selected, and no section runs; no range is widened or narrowed for a section. L1 and L2 place completions by day within those periods; L4 service times and satisfaction read whole months. L3 needs a cohort (who was trained when) and the analyst role; its treatment window is its own from/to arguments, one calendar year (from 1 January to 31 December of one year: SKP appraisals are yearly; any other window, whole months of part of a year included, is refused with RANGE_NOT_ALIGNED at behaviour.from / behaviour.to), and filter.from/to may be left out or repeat it.',
})
export class Kirkpatrick {
  queryKey!: string;

  @Field(() => ReactionResult, {
    nullable: true,
    description:
      'L1 reaction. Null, with an error at this path, when this level cannot answer the query (e.g. BAD_USER_INPUT UNSUPPORTED_FILTER: training outcomes cannot be filtered by serviceTypes or kelurahan); the other levels still answer.',
  })
  reaction?: ReactionResult | null;
  @Field(() => LearningResult, {
    nullable: true,
    description:
      'L2 learning. Null, with an error at this path, when this level cannot answer the query (e.g. BAD_USER_INPUT UNSUPPORTED_FILTER: training outcomes cannot be filtered by serviceTypes or kelurahan); the other levels still answer.',
  })
  learning?: LearningResult | null;
  @Field(() => CohortComparison, {
    nullable: true,
    description: `L3 behaviour: SKP appraisal change of the selector's completers in [from, to] vs matched staff who did not complete the selector in the window (analyst). The contrast is vs_rest: staff trained by other programs are in the comparison group; for an untrained-only comparison use cohortComparison (outcome appraisal_score) with contrast only_vs_untrained. Of this query's arguments it honours filter.agencies (both groups in those agencies at the window start) and a filter.programs / methods / competencyAreas that names only the selector's value; filter.from/to must be absent or equal to the field's own from/to (one calendar year, see below). Any other filter, a groupBy or a grain is refused with BAD_USER_INPUT (reason UNSUPPORTED_FILTER, UNSUPPORTED_GROUP_BY or UNSUPPORTED_GRAIN), never ignored: the comparison has no groups or periods. Windows: 12 months each (placebo, pre, post). ${APPRAISAL_WINDOWS}`,
  })
  behaviour?: CohortComparison | null;
  @Field(() => KirkpatrickResults, { description: 'L4 results.' })
  results?: KirkpatrickResults;
}
