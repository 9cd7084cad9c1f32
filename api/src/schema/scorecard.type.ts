import { Field, Float, Int, ObjectType } from 'type-graphql';
import { SuppressionReason } from './enums.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  description:
    'One agency in one year, side by side with the others (DESIGN "agency scorecard"). Rates are fractions 0–1; money in IDR. A measure is null when the agency has no data for it or it is suppressed.',
})
export class Scorecard {
  @Field(() => String, { description: 'Agency code.' })
  agency!: string;
  @Field(() => Int, { description: 'Calendar (and fiscal) year.' })
  year!: number;
  @Field(() => SafeInt, {
    nullable: true,
    description: 'Employees with an assignment on 30 June; null when suppressed.',
  })
  headcount!: number | null;
  @Field(() => Float, { nullable: true, description: 'Participation rate (0–1).' })
  participationRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Resistance rate (0–1).' })
  resistanceRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of employees with ≥ 20 JP in the year (0–1).' })
  jpComplianceRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean JP per employee.' })
  jpPerEmployee!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'IKM (25–100) of the agency as a service unit; null when it serves no public.',
  })
  ikm!: number | null;
  @Field(() => String, { nullable: true, description: 'IKM band A–D.' })
  ikmBand!: string | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Share of service requests completed within SLA (0–1).',
  })
  slaMetRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Training budget allocated (IDR).' })
  budgetAllocatedIdr!: number | null;
  @Field(() => Float, { nullable: true, description: 'Training budget realised (IDR).' })
  budgetRealizedIdr!: number | null;
  @Field(() => Float, { nullable: true, description: 'realised / allocated (0–1, may exceed 1).' })
  budgetRealisation!: number | null;
  @Field(() => Float, { nullable: true, description: 'Fully loaded training cost per participant (IDR).' })
  costPerParticipantIdr!: number | null;
  @Field(() => Float, { nullable: true, description: 'Fully loaded training cost per JP delivered (IDR).' })
  costPerJpIdr!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Base-case ROI percent of the agency’s training; null when not estimable.',
  })
  roiPercent!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description: 'Employees behind the card (headcount); null when suppressed.',
  })
  n!: number | null;
  @Field(() => Boolean, { description: 'True when the card is hidden by disclosure control.' })
  suppressed!: boolean;
  @Field(() => SuppressionReason, { nullable: true, description: 'Why it is suppressed; null when not.' })
  suppressionReason!: SuppressionReason | null;
}
