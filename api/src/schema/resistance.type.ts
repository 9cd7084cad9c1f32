import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DeclineReasonRow } from './decline-reason.type.ts';
import { MetricRow } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Resistance: (declined + no response + no-show) / invited, by invitation date. n = invitations.',
})
export class ResistanceRow extends MetricRow {
  @Field(() => SafeInt, { nullable: true, description: 'Invitations.' })
  invited!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Invitations declined.' })
  declined!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Invitations never answered.' })
  noResponse!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Enrolled but did not show up.' })
  noShow!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'declined + noResponse + noShow.' })
  resisted!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'resisted / invited (0–1); null when nobody was invited.',
  })
  rate!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Resistance rows, ordered by period, then group, the total row last within each period.',
})
export class ResistanceResult {
  @Field(() => [ResistanceRow], { description: 'The rows.' })
  rows!: ResistanceRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;

  @Field(() => [DeclineReasonRow], {
    description:
      'Declines by reason within every group and period of `rows` (empty when groupBy already has declineReason).',
  })
  byReason!: DeclineReasonRow[];
}
