import { Field, ObjectType } from 'type-graphql';
import { CohortComparison } from './cohort.type.ts';
import { LearningResult } from './learning.type.ts';
import { ReactionResult } from './reaction.type.ts';
import { SatisfactionResult } from './satisfaction.type.ts';
import { ServiceTimesResult } from './service-times.type.ts';

@ObjectType({ simpleResolvers: true, description: 'Kirkpatrick L4 (results): public service outcomes.' })
export class KirkpatrickResults {
  /** The metric query the sections run with (set by the resolver). */
  queryKey!: string;

  @Field(() => ServiceTimesResult, { description: 'Service days, SLA-met rate, requests per employee.' })
  serviceTimes?: ServiceTimesResult;
  @Field(() => SatisfactionResult, { description: 'IKM with band.' })
  satisfaction?: SatisfactionResult;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'The four Kirkpatrick levels for one filter. Each section is computed only when selected. L3 needs a cohort (who was trained when) and the analyst role.',
})
export class Kirkpatrick {
  queryKey!: string;

  @Field(() => ReactionResult, { description: 'L1 reaction.' })
  reaction?: ReactionResult;
  @Field(() => LearningResult, { description: 'L2 learning.' })
  learning?: LearningResult;
  @Field(() => CohortComparison, {
    nullable: true,
    description: 'L3 behaviour: SKP appraisal change, trained vs matched untrained (analyst).',
  })
  behaviour?: CohortComparison | null;
  @Field(() => KirkpatrickResults, { description: 'L4 results.' })
  results?: KirkpatrickResults;
}
