import { Field, ObjectType } from 'type-graphql';
import { SnapshotHeaderFields } from './snapshot.type.ts';

@ObjectType({
  simpleResolvers: true,
  description:
    'A snapshot the warehouse keeps: the live one and the previous ones kept for rollback and reproducibility (the ETL keeps the newest few; the live one is never pruned).',
})
export class KeptSnapshot extends SnapshotHeaderFields {
  @Field(() => Boolean, { description: 'True for the snapshot the API serves now.' })
  live!: boolean;
}
