import {
  isSnapshotId,
  type KeptSnapshot as KeptSnapshotRecord,
  listSnapshots,
  rollbackSnapshot,
  SnapshotError,
  snapshotRunId,
} from '@asn/warehouse';
import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors/api-errors.ts';
import { KeptSnapshot } from '../schema/kept-snapshot.type.ts';

function toKept(s: KeptSnapshotRecord): KeptSnapshot {
  return {
    id: s.id,
    publishedAt: s.publishedAt,
    mode: s.mode,
    basedOn: s.basedOn,
    runId: snapshotRunId(s),
    live: s.live,
  };
}

/**
 * The snapshots the warehouse keeps, and rolling back to one of them: when a published snapshot
 * turns out wrong (a bad source export that passed the data tests), an admin points the API back at
 * the previous one without rebuilding anything. Readers move at their next request; the next
 * incremental ETL run starts from the rolled-back snapshot.
 */
@Resolver(() => KeptSnapshot)
export class KeptSnapshotsResolver {
  @Authorized('analyst')
  @Query(() => [KeptSnapshot], {
    description: 'Snapshots kept in the warehouse, newest first, the live one marked (analyst).',
    complexity: 5,
  })
  async snapshots(@Ctx() ctx: ApiContext): Promise<KeptSnapshot[]> {
    return (await listSnapshots(ctx.services.warehouseDir)).map(toKept).reverse();
  }

  @Authorized('admin')
  @Mutation(() => KeptSnapshot, {
    description:
      'Makes a kept snapshot the live one again (admin): the API serves it from the next request on, and the next incremental ETL run starts from it. Refused with BUILD_IN_PROGRESS while an ETL run is building; an id that is not kept is a BAD_USER_INPUT (the `snapshots` query lists them); a kept snapshot whose file cannot be read (damaged, truncated) is refused with SNAPSHOT_UNAVAILABLE (extensions.reason SNAPSHOT_UNREADABLE) and the live snapshot stays live.',
  })
  async rollbackWarehouse(
    @Ctx() ctx: ApiContext,
    @Arg('snapshotId', () => String, { description: 'Id of a kept snapshot (from `snapshots`).' })
    snapshotId: string,
  ): Promise<KeptSnapshot> {
    if (!isSnapshotId(snapshotId))
      throw badInput(
        `snapshotId ${JSON.stringify(snapshotId.slice(0, 64))} is not a snapshot id (e.g. 20261202T032544518Z-986e).`,
        { reason: 'NOT_KEPT', field: 'snapshotId' },
      );
    // A refresh this server launched may not hold the build lock yet: refused the same way.
    if (ctx.services.etl.isRunning?.()) throw buildInProgress();
    try {
      const info = await rollbackSnapshot(ctx.services.warehouseDir, snapshotId, () => undefined);
      return toKept({ ...info, live: true });
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      // The warehouse's messages name server paths and processes: say it in the API's own words.
      if (error.code === 'SNAPSHOT_NOT_FOUND')
        throw badInput(
          `Snapshot ${snapshotId} is not kept (it may have been pruned): the \`snapshots\` query lists the kept ones.`,
          { reason: 'NOT_KEPT', field: 'snapshotId' },
        );
      if (error.code === 'SNAPSHOT_UNREADABLE')
        throw new GraphQLError(
          `Snapshot ${snapshotId} cannot be read (its file is damaged): the live snapshot was left as it was. Roll back to another kept snapshot (the \`snapshots\` query lists them).`,
          {
            extensions: { code: 'SNAPSHOT_UNAVAILABLE', reason: 'SNAPSHOT_UNREADABLE', field: 'snapshotId' },
          },
        );
      if (error.code === 'BUILD_IN_PROGRESS') throw buildInProgress();
      throw error;
    }
  }
}

const buildInProgress = () =>
  new GraphQLError('An ETL run is building the warehouse: roll back when it has finished.', {
    extensions: { code: 'BUILD_IN_PROGRESS' },
  });
