import { Field, Float, Int, ObjectType } from 'type-graphql';
import { SafeInt } from './scalars.ts';

@ObjectType({
  simpleResolvers: true,
  description:
    'One fiscal year of training money beside the staff it was for (`budgetTrend`): the city’s, or the agencies’ asked for. Money is public finance and never hidden; the headcount and participation rate are those `participation` publishes for the same agencies and year (grain year, the total row), null when it hides them, and the budget per employee with them.',
})
export class BudgetTrendYear {
  @Field(() => Int, { description: 'Fiscal (= calendar) year.' })
  year!: number;
  @Field(() => Int, { description: 'Agencies with a training budget line that year.' })
  agencies!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Training budget allocated (IDR), summed over the agencies. Null when none has a budget line that year.',
  })
  allocatedIdr!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Training budget realised, i.e. spent (IDR), summed over the agencies. Null as allocatedIdr.',
  })
  realizedIdr!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'realizedIdr / allocatedIdr, a fraction (0–1, may exceed 1). Null when either is null or nothing was allocated.',
  })
  realisation!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Change of the allocated budget on the year before, like for like: over the agencies with a budget line in both years, (this year’s − the year before’s) / the year before’s, a fraction (−0.4 = cut by 40 %); an agency whose line is missing in one of the two years is left out of both, so a missing line does not read as a cut (compare `agencies` over the years). The year before is read even when outside the range asked. Null when no agency has a line in both years, or they allocated nothing the year before.',
  })
  allocatedChange!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Direct costs (IDR) of the offerings the agencies organised that started that year (as Scorecard.programCostIdr, summed): by organiser, not by budget holder, and recorded per offering, so they may be funded outside the budget lines and exceed them. Null when none has a cost line.',
  })
  programCostIdr!: number | null;
  @Field(() => Int, { description: 'Offerings the agencies organised that started that year.' })
  offerings!: number;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Employees in the agencies’ headcount that year (30 June; all agencies asked for, those without a budget line that year included: kelurahan staff, say), as the total row of `participation` with grain year and the same agencies shows it. Null when that row hides it (headcountSuppressed) or there is no headcount.',
  })
  headcount!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'allocatedIdr / headcount (IDR per employee): the budget lines over all the agencies’ staff, so a year in which fewer agencies have a line (`agencies`) divides less money by the same staff. Null when either is null.',
  })
  allocatedPerEmployeeIdr!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Participation rate, a fraction 0–1: the headcount’s employees with at least one completed enrollment that year / the headcount, as `participation` publishes it. Null when hidden or there is no headcount.',
  })
  participationRate!: number | null;
  @Field(() => Boolean, {
    description:
      'The published participation hides this year’s headcount and rate (a small cell, or a complement of one): headcount, allocatedPerEmployeeIdr and participationRate are null.',
  })
  headcountSuppressed!: boolean;
}
