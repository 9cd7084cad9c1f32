import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow, PctOfTotalField, ReadRange } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Public satisfaction: IKM per PermenPANRB 14/2017 from SKM questionnaires (nine unsur, 1–4), by survey month. ' +
    'Read from a monthly pre-aggregate (from/to are whole periods of the grain anyway; `range` in the result says what was read). ' +
    'n = questionnaires. previousPeriod / samePeriodLastYear compare ikmExact (unrounded: their value and delta may differ by rounding from the ikm shown).',
})
export class SatisfactionRow extends MetricRow {
  @PctOfTotalField('questionnaires (= of n)')
  override pctOfTotal: number | null = null;
  @Field(() => SafeInt, { nullable: true, description: 'Survey forms (each answers all nine unsur).' })
  respondents!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'IKM on 25–100, rounded half-up to 2 decimals (the banded value).',
  })
  ikm!: number | null;
  @Field(() => Float, { nullable: true, description: 'IKM unrounded.' })
  ikmExact!: number | null;
  @Field(() => String, { nullable: true, description: 'Service quality band A–D.' })
  mutu!: string | null;
  @Field(() => String, { nullable: true, description: 'Performance label (Sangat Baik … Tidak Baik).' })
  kinerja!: string | null;
  @Field(() => [Float], { nullable: true, description: 'NRR per unsur U1..U9 (sum / respondents, 1–4).' })
  nrr!: number[] | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Satisfaction rows, ordered by period, then group, the total row last within each period.',
})
export class SatisfactionResult {
  @Field(() => [SatisfactionRow], { description: 'The rows.' })
  rows!: SatisfactionRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;

  @Field(() => ReadRange, {
    description:
      'The days read: filter.from/to (whole periods of the grain, whole years without one), resolution month (the monthly pre-aggregate).',
  })
  range!: ReadRange;
}
