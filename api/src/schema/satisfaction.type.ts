import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  description: 'Public satisfaction (IKM, PermenPANRB 14/2017) from SKM questionnaires. n = questionnaires.',
})
export class SatisfactionRow extends MetricRow {
  @Field(() => SafeInt, { nullable: true, description: 'SKM questionnaires.' })
  responses!: number | null;
  @Field(() => Float, { nullable: true, description: 'IKM, 25–100 (2 decimals).' })
  ikm!: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Quality band A (very good) … D (poor) of the IKM; null when suppressed.',
  })
  band!: string | null;
}

@ObjectType({
  description: 'Satisfaction rows, ordered by period, then group, the total row last within each period.',
})
export class SatisfactionResult {
  @Field(() => [SatisfactionRow], { description: 'The rows.' })
  rows!: SatisfactionRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;
}
