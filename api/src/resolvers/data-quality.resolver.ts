import { listQuarantine, readDataTests, readQuarantineCounts } from '@asn/warehouse';
import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { DataQuality, QuarantinePage } from '../schema/data-quality.type.ts';
import type { Role } from '../schema/enums.ts';
import { PageInput } from '../schema/page.input.ts';

import { checkPage } from './page.ts';

@Resolver(() => DataQuality)
export class DataQualityResolver {
  @Query(() => DataQuality, {
    description: "The snapshot's data tests and quarantine counts.",
    complexity: 5,
  })
  async dataQuality(@Ctx() ctx: ApiContext): Promise<DataQuality> {
    const { db, snapshot } = ctx.lease;
    const admin = ctx.principal.role === 'admin';
    const tests = await readDataTests(db);
    return {
      snapshotId: snapshot.id,
      // Failing-row samples can be person-level: only admin receives them.
      dataTests: tests.map((t) => ({ ...t, sample: admin ? t.sample : null })),
      quarantineCounts: await readQuarantineCounts(db),
      viewerRole: ctx.principal.role as Role,
    };
  }

  @Authorized('admin')
  @FieldResolver(() => QuarantinePage, {
    description: 'Quarantined raw rows (person-level), newest run first (admin).',
    complexity: 10,
  })
  async quarantine(
    @Root() _dq: DataQuality,
    @Ctx() ctx: ApiContext,
    @Arg('page', () => PageInput, { nullable: true, description: 'Offset and limit; default the first 50.' })
    page?: PageInput | null,
    @Arg('runId', () => String, { nullable: true, description: 'Only this run.' }) runId?: string | null,
    @Arg('table', () => String, { nullable: true, description: 'Only this source table.' }) table?:
      | string
      | null,
    @Arg('reason', () => String, { nullable: true, description: 'Only this reason code.' }) reason?:
      | string
      | null,
  ): Promise<QuarantinePage> {
    const { offset, limit } = checkPage(page, ctx.services.limits.maxList);
    const { rows, total } = await listQuarantine(ctx.services.warehouseDir, {
      offset,
      limit,
      ...(runId ? { runId } : {}),
      ...(table ? { table } : {}),
      ...(reason ? { reason } : {}),
    });
    return {
      total,
      items: rows.map((r) => ({
        runId: r.run_id,
        source: r.source,
        table: r.table,
        rowNumber: r.row_number,
        raw: r.raw,
        reason: r.reason,
        detail: r.detail,
      })),
    };
  }
}
