import {
  martRowCounts,
  readCoverage,
  readSnapshotWatermarks,
  readYearSpan,
  snapshotRunId,
} from '@asn/warehouse';
import { Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { FactCoverage, Snapshot, TableRowCount, Watermark, YearSpan } from '../schema/snapshot.type.ts';

@Resolver(() => Snapshot)
export class SnapshotResolver {
  @Query(() => Snapshot, {
    description:
      'The snapshot this request reads: id, build time, watermarks, row counts, years covered, and each fact’s first and last day.',
  })
  snapshot(@Ctx() ctx: ApiContext): Snapshot {
    const { snapshot } = ctx.lease;
    return {
      id: snapshot.id,
      publishedAt: snapshot.publishedAt,
      mode: snapshot.mode,
      basedOn: snapshot.basedOn,
      runId: snapshotRunId(snapshot),
    };
  }

  @FieldResolver(() => [Watermark])
  watermarks(@Ctx() ctx: ApiContext): Promise<Watermark[]> {
    return readSnapshotWatermarks(ctx.lease.db);
  }

  @FieldResolver(() => [TableRowCount])
  rowCounts(@Ctx() ctx: ApiContext): Promise<TableRowCount[]> {
    return martRowCounts(ctx.lease.db);
  }

  @FieldResolver(() => YearSpan, { nullable: true })
  years(@Ctx() ctx: ApiContext): Promise<YearSpan | null> {
    return readYearSpan(ctx.lease.db);
  }

  @FieldResolver(() => [FactCoverage])
  coverage(@Ctx() ctx: ApiContext): Promise<FactCoverage[]> {
    return readCoverage(ctx.lease.db);
  }
}
