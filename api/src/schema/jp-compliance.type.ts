import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  description:
    'JP compliance: share of employees with ≥ 20 JP earned in the year, and JP per employee. n = employees in the headcount.',
})
export class JpComplianceRow extends MetricRow {
  @Field(() => SafeInt, { nullable: true, description: 'Employees in the headcount.' })
  employees!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'Employees with JP earned ≥ 20 in the year.' })
  compliant!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'compliant / employees (0–1); null when employees is 0.',
  })
  rate!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean JP (jam pelajaran) earned per employee in the period.',
  })
  jpPerEmployee!: number | null;
}

@ObjectType({
  description: 'JpCompliance rows, ordered by period, then group, the total row last within each period.',
})
export class JpComplianceResult {
  @Field(() => [JpComplianceRow], { description: 'The rows.' })
  rows!: JpComplianceRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;
}
