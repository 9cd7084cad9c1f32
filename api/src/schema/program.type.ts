import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description: 'A training program (one program has many scheduled offerings).',
})
export class Program {
  @Field(() => String, { description: 'Program code; use it in filters.' })
  code!: string;
  @Field(() => String, { description: 'Title.' })
  title!: string;
  @Field(() => String, { description: 'technical, soft_skills, regulation, it or leadership.' })
  competencyArea!: string;
  @Field(() => String, { description: 'workshop, seminar, e_learning, classroom or coaching.' })
  method!: string;
  @Field(() => Float, { description: 'Planned JP (jam pelajaran) of one run.' })
  jp!: number;
  @Field(() => String, { nullable: true, description: 'Provider; null when not recorded.' })
  provider!: string | null;
}
