import { Field, ObjectType } from 'type-graphql';
import { CompletionRow } from './completion.type.ts';
import { FunnelRow } from './invitation-funnel.type.ts';
import { LearningRow } from './learning.type.ts';
import { ReactionRow } from './reaction.type.ts';

@ObjectType({
  simpleResolvers: true,
  description:
    "A program's outcomes over the filter's period (one row each, no grain: filter.from/to are whole years, RANGE_NOT_ALIGNED otherwise; no comparisons): invitation funnel, completion, L1 reaction and L2 learning. Each part is null when the program has no data in the period.",
})
export class ProgramOutcomes {
  /** Set by the resolver; the sections load through it. */
  programCode!: string;
  filterKey!: string;

  @Field(() => FunnelRow, {
    nullable: true,
    description: 'Invitation funnel of the program (n = invitations, by invitation date).',
  })
  funnel?: FunnelRow | null;
  @Field(() => CompletionRow, { nullable: true, description: 'Completion (n = enrollments).' })
  completion?: CompletionRow | null;
  @Field(() => ReactionRow, { nullable: true, description: 'Kirkpatrick L1 reaction.' })
  reaction?: ReactionRow | null;
  @Field(() => LearningRow, { nullable: true, description: 'Kirkpatrick L2 learning.' })
  learning?: LearningRow | null;
}
