import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { AnalysisWarning } from './cohort.type.ts';
import { RoiRange } from './roi.type.ts';
import { SafeInt } from './scalars.ts';

@InputType({ description: 'A budget to spend on one program for one agency.' })
export class BudgetScenarioInput {
  @Field(() => String, { description: 'Agency code.' })
  agency!: string;
  @Field(() => String, { description: 'Program code.' })
  program!: string;
  @Field(() => Float, { description: 'Budget in IDR (> 0).' })
  budgetIdr!: number;
  @Field(() => Int, { nullable: true, description: 'Planning year (default: the latest year with data).' })
  year?: number | null;
}

@ObjectType({ description: 'What a budget would buy, from historic costs and past cohorts.' })
export class BudgetScenario {
  @Field(() => String, { description: 'Agency code.' })
  agency!: string;
  @Field(() => String, { description: 'Program code.' })
  program!: string;
  @Field(() => Float, { description: 'Budget (IDR).' })
  budgetIdr!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Historic fully loaded cost per participant (IDR); null when never run.',
  })
  costPerParticipantIdr!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description: 'Seats the budget buys at that cost; null when cost is unknown.',
  })
  seats!: number | null;
  @Field(() => RoiRange, {
    nullable: true,
    description: 'Expected ROI percent range from past cohorts; null when not estimable.',
  })
  roiPercent!: RoiRange | null;
  @Field(() => SafeInt, { description: 'Past participants behind the estimates.' })
  n!: number;
  @Field(() => [AnalysisWarning], { description: 'Warnings.' })
  warnings!: AnalysisWarning[];
}
