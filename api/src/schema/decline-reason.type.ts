import { Field, Float, ObjectType } from 'type-graphql';
import { MetricRow } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Declines by reason within one group and period of a resistance result. keys.declineReason is the reason; a row with declineReason null and isTotal false counts the declines without a reason, and the total row (isTotal true, declineReason null too) holds all declines of the group: tell the total apart by isTotal, not by a null reason. n = declines. No comparisons: previousPeriod and samePeriodLastYear are null, with `compare` too.',
})
export class DeclineReasonRow extends MetricRow {
  @Field(() => Boolean, {
    description:
      'True for a group’s total row (all the declines of that group and period; its declineReason is null), one per group of `rows` and one for the total over all groups (every key null); false for a reason’s row, including the row of declines without a reason (declineReason null too). To get the city-wide declines, take the isTotal row whose groupBy keys are all null.',
  })
  override isTotal = false;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Declines giving this reason (declineReason null and isTotal false: giving no reason); on the total row, all the declines of the group and period.',
  })
  declines!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'declines / all declines of the group and period (0–1); null when suppressed.',
  })
  share!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Percent (0–100) of the declines of this row’s group and period (its isTotal row is 100), not of the period’s declines over every group: share × 100. Null when the row or the group’s declines are suppressed, or the group has no declines.',
  })
  override pctOfTotal: number | null = null;
}
