import { martRowCounts, readSnapshotWatermarks } from '@asn/warehouse';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { Snapshot } from '../schema/snapshot.type.ts';

@Resolver(() => Snapshot)
export class SnapshotResolver {
  @Query(() => Snapshot, {
    description: 'The snapshot this request reads: id, build time, watermarks, row counts.',
  })
  async snapshot(@Ctx() ctx: ApiContext): Promise<Snapshot> {
    const { snapshot, db } = ctx.lease;
    const runId = snapshot.meta.runId;
    return {
      id: snapshot.id,
      publishedAt: snapshot.publishedAt,
      mode: snapshot.mode,
      basedOn: snapshot.basedOn,
      runId: typeof runId === 'string' ? runId : null,
      watermarks: await readSnapshotWatermarks(db),
      rowCounts: await martRowCounts(db),
    };
  }
}
