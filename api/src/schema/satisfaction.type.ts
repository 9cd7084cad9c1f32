import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow, PctOfTotalField, ReadRange } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

/** The row fields that need the published service times (the sample check, `withIkmSample`). */
export const SAMPLE_FIELDS = ['population', 'minimumSample', 'sampleAdequate'] as const;

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
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'The SKM population of the row: the service requests submitted in its months to its agencies for its service ' +
      'types, exactly the `requests` serviceTimes publishes for the same query and row. Null when the row is not ' +
      'judged: hidden; without questionnaires; with questionnaires about an agency and service type the service data ' +
      'holds no request of (part of the sample has no population); over more than a year (no grain over several ' +
      'years, or no from/to: the regulation’s population is one survey period’s, and over pooled years the minimum ' +
      'stays at most 384 while questionnaires add up); where serviceTimes hides that row (a small cell, or a ' +
      'complement of one) or refuses the query. Asking for population, minimumSample or sampleAdequate reads the ' +
      'service times for the same query: most of the work.',
  })
  population!: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'The questionnaires PermenPANRB 14/2017 has surveyed from `population`: the Krejcie–Morgan table (χ² 3.841, ' +
      'P 0.5, d 0.05, rounded; 80 of 100 requests, 278 of 1,000, 370 of 10,000, never more than 384). Null when ' +
      'population is null or 0.',
  })
  minimumSample!: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'respondents ≥ minimumSample. False: the IKM rests on fewer questionnaires than the regulation’s sample (it is ' +
      'still computed and banded). Null when minimumSample is.',
  })
  sampleAdequate!: boolean | null;
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
