import { listRunRecords } from '@asn/warehouse';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { EtlLaunch, EtlRun, EtlRunPage } from '../schema/etl-run.type.ts';
import { PageInput } from '../schema/page.input.ts';
import { withoutFileNames } from './file-names.ts';
import { checkPage } from './page.ts';

@Resolver(() => EtlRun)
export class EtlResolver {
  /**
   * A run's error quotes the drop files and sheets it is about (chosen by people, so maybe a
   * person's name): the admin gets them to find the file, other roles placeholders
   * (`withoutFileNames`).
   */
  @Authorized('analyst')
  @Query(() => EtlRunPage, {
    description: 'The ETL run log (lineage), newest first, paged (analyst).',
    complexity: 10,
  })
  async etlRuns(
    @Ctx() ctx: ApiContext,
    @Arg('page', () => PageInput, { nullable: true, description: 'Offset and limit; default the first 50.' })
    page?: PageInput | null,
  ): Promise<EtlRunPage> {
    const { offset, limit } = checkPage(page, ctx.services.limits.maxList);
    const all = await listRunRecords(ctx.services.warehouseDir);
    const admin = ctx.principal.role === 'admin';
    return {
      total: all.length,
      items: all.slice(offset, offset + limit).map((r) => ({
        ...r,
        sources: [...r.sources],
        tables: [...r.tables],
        dataTests: r.dataTests ? { ...r.dataTests, errors: [...r.dataTests.errors] } : null,
        watermarks: Object.entries(r.watermarks).map(([table, watermark]) => ({ table, watermark })),
        error: r.error === null || admin ? r.error : withoutFileNames(r.error),
      })),
    };
  }

  @Authorized('admin')
  @Mutation(() => EtlLaunch, {
    description:
      'Starts one ETL run in a child process and returns once it has started (admin). The server serves the new snapshot once the run publishes it; follow the run in etlRuns. A command that cannot start (ETL_COMMAND) answers status failed with pid null and `error`. The child leads its own process group: `kill -- -<pid>` on the server stops the whole run (npm, shell and ETL); the live snapshot stays, and the run is marked failed (interrupted). Server shutdown stops a running refresh the same way.',
  })
  async refreshWarehouse(
    @Ctx() ctx: ApiContext,
    @Arg('full', () => Boolean, {
      defaultValue: false,
      description: 'Full rebuild instead of an incremental run.',
    })
    full: boolean,
  ): Promise<EtlLaunch> {
    return await ctx.services.etl.launch(full ? 'full' : 'incremental', {
      requestId: ctx.requestId,
      by: ctx.principal.name,
    });
  }
}
