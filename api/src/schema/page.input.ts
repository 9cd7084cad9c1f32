import { Field, InputType, Int } from 'type-graphql';

/** Offset pagination: run logs and quarantine files are append-only, so offsets are stable enough. */
@InputType({
  description: 'A page of a growing list: skip `offset` items, return at most `limit` (≤ MAX_LIST).',
})
export class PageInput {
  @Field(() => Int, { defaultValue: 0, description: 'Items to skip (≥ 0).' })
  offset!: number;
  @Field(() => Int, { defaultValue: 50, description: 'Items to return (1 … MAX_LIST).' })
  limit!: number;
}
