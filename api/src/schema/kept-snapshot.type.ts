import { Field, ObjectType } from 'type-graphql';
import { DateTime } from './scalars.ts';

@ObjectType({
  simpleResolvers: true,
  description:
    'A snapshot the warehouse keeps: the live one and the previous ones kept for rollback and reproducibility (the ETL keeps the newest few; the live one is never pruned).',
})
export class KeptSnapshot {
  @Field(() => String, { description: 'Snapshot id (sortable build time).' })
  id!: string;
  @Field(() => DateTime, { description: 'When it was published (UTC).' })
  publishedAt!: string;
  @Field(() => String, { description: 'full or incremental build.' })
  mode!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Snapshot an incremental build started from; null for a full build.',
  })
  basedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'ETL run that built it; null when unknown.' })
  runId!: string | null;
  @Field(() => Boolean, { description: 'True for the snapshot the API serves now.' })
  live!: boolean;
}
