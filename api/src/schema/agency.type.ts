import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description: 'A government agency (OPD) of the city, under its current name.',
})
export class Agency {
  @Field(() => String, { description: 'Stable agency code (kept across renames); use it in filters.' })
  code!: string;
  @Field(() => String, { description: 'Current name.' })
  name!: string;
  @Field(() => String, { description: 'dinas, badan, kecamatan, sekretariat or inspektorat.' })
  kind!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Code of the parent agency; null for top-level agencies.',
  })
  parentCode!: string | null;
}
