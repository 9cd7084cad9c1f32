import { Field, ObjectType } from 'type-graphql';
import { AGENCY_KINDS_TEXT } from './enums.ts';

@ObjectType({
  simpleResolvers: true,
  description: 'A government agency (OPD) of the city, under its current name.',
})
export class Agency {
  @Field(() => String, { description: 'Stable agency code (kept across renames); use it in filters.' })
  code!: string;
  @Field(() => String, { description: 'Current name.' })
  name!: string;
  @Field(() => String, {
    description: `Kind: ${AGENCY_KINDS_TEXT} (a kelurahan office; its parentCode is its kecamatan).`,
  })
  kind!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Code of the parent agency; null for top-level agencies.',
  })
  parentCode!: string | null;
}
