import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow, PctOfTotalField, ReadRange } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'JP compliance: share of employee-years with ≥ 20 JP earned in the year, and JP per employee. Yearly: grain year or none (month and quarter are refused: UNSUPPORTED_GRAIN), and from/to are whole years (a range inside a year is refused: RANGE_NOT_ALIGNED; `range` in the result says what was read). ' +
    'The headcount is ASN, PNS and PPPK alike (30 June of each year); the 20 JP duty is certain for PNS and less settled for PPPK (DOMAIN §2): filter.employmentTypes ["PNS"] or groupBy employmentType separates them. ' +
    'n = employee-years in the headcount. previousPeriod / samePeriodLastYear compare rate.',
})
export class JpComplianceRow extends MetricRow {
  @PctOfTotalField('compliant employee-years (not of n, all employee-years)')
  override pctOfTotal: number | null = null;
  @Field(() => SafeInt, { nullable: true, description: 'Employee-years in the headcount.' })
  employees!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Of those, with JP earned ≥ 20 in the year. Protected like n, and so are the employees with any JP (not published): they completed a training, the cells of completion, reaction and learning, so a row with 1 … SUPPRESSION_MIN_N − 1 of either is hidden; so is a row with 1 … SUPPRESSION_MIN_N − 1 employees below the threshold (employees − compliant, the row’s other cell). And a row participation hides is hidden here too (grain year, or no grain over one year; without a grain over several years, a group with a year participation hides): both answers split the same headcount, and hide the same rows of it.',
  })
  compliant!: number | null;
  @Field(() => Float, { nullable: true, description: 'compliant / employees (0–1).' })
  rate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Mean JP (jam pelajaran) earned per employee-year, zeros included. Null with a programs, methods or competencyAreas filter: the JP earned under such filters adds up over programs (each completion earns its program’s fixed JP), so answers for an area and for its programs one by one would give a hidden program’s completions by difference.',
  })
  jpPerEmployee!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'jpPerEmployee × JP_MINUTES / 60, in hours. Null when jpPerEmployee is: with a programs, methods or competencyAreas filter.',
  })
  hoursPerEmployee!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Median JP per employee-year (type-7 quantile). Null with a programs, methods or competencyAreas filter, as jpPerEmployee.',
  })
  medianJp!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'JpCompliance rows, ordered by period, then group, the total row last within each period.',
})
export class JpComplianceResult {
  @Field(() => [JpComplianceRow], { description: 'The rows.' })
  rows!: JpComplianceRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;

  @Field(() => ReadRange, {
    description: 'The days read (filter.from/to, whole years).',
  })
  range!: ReadRange;
}
