import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow, PctOfTotalField, ReadRange } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Participation rate: employees with at least one completed enrollment in the period / active headcount (fct_headcount, 30 June). ' +
    "The headcount is yearly, the completions are not: any grain (month, quarter, year) works, each period measured against its year's headcount. " +
    'from/to restrict the completions to whole periods of the grain (grain month, from 2023-03-01 to 2023-05-31: March–May, each over the 2023 headcount; without a grain whole years); ' +
    'read by month unless programs, methods or competencyAreas filter the completions (then by day); `range` in the result says which. ' +
    "Participants are counted within the headcount: a completion by someone outside that year's 30 June headcount (appointed after it, or gone before it) is not counted. " +
    "Without a grain one row covers the whole range, which may span several years (no from/to: every year of the data): headcount and participants are then distinct employees over those years (in any of their 30 June headcounts; took part in a year they were in it), so the rate is the share who took part at least once in those years, usually well above each year's rate and not comparable with yearly rates: use grain year for those. " +
    'n = employees in the headcount. previousPeriod / samePeriodLastYear compare rate.',
})
export class ParticipationRow extends MetricRow {
  @PctOfTotalField('participants (not of n, the headcount)')
  override pctOfTotal: number | null = null;
  @Field(() => SafeInt, { nullable: true, description: 'Active employees in the group.' })
  headcount!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Of those, employees with ≥ 1 completed enrollment in the period. Protected like n: they are the employees behind completion’s, reaction’s and learning’s cells, so a row with 1 … SUPPRESSION_MIN_N − 1 participants is hidden (with complements), as those metrics hide such cells; so is a row with 1 … SUPPRESSION_MIN_N − 1 employees who took part in nothing (headcount − participants, the row’s other cell). And a row jpCompliance hides is hidden here too (grain year, or no grain over one year; at grain month or quarter, each period of a year whose row jpCompliance hides for its compliant, those below 20 JP or those with any JP): both answers split the same headcount, and hide the same rows of it.',
  })
  participants!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'participants / headcount, a fraction 0–1; null when the headcount is 0 or suppressed.',
  })
  rate!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Participation rows, ordered by period, then group, the total row last within each period.',
})
export class ParticipationResult {
  @Field(() => [ParticipationRow], { description: 'The rows.' })
  rows!: ParticipationRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;

  @Field(() => ReadRange, {
    description:
      'The days of completions read (filter.from/to; resolution month from the monthly pre-aggregate, day with a programs, methods or competencyAreas filter).',
  })
  range!: ReadRange;
}
