import { Field, ObjectType } from 'type-graphql';
import { SnapshotHeaderFields } from './snapshot.type.ts';

@ObjectType({
  simpleResolvers: true,
  description:
    'A snapshot the warehouse keeps: the live one and the previous ones kept for rollback and reproducibility (the ETL keeps the newest SNAPSHOTS_KEEP; the live one is never pruned). An analyst (or higher) reads one with the request header `X-Snapshot-Id: <id>` until it is pruned.',
})
export class KeptSnapshot extends SnapshotHeaderFields {
  @Field(() => Boolean, { description: 'True for the snapshot the API serves now.' })
  live!: boolean;
}
