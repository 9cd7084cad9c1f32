import { listPrograms } from '@asn/warehouse';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { checkCodes, filterChecks } from '../metrics/known-codes.ts';
import { CompletionRow } from '../schema/completion.type.ts';
import { FunnelRow } from '../schema/invitation-funnel.type.ts';
import { LearningRow } from '../schema/learning.type.ts';
import { MetricFilterInput, toMetricFilter } from '../schema/metric-filter.input.ts';
import { Program } from '../schema/program.type.ts';
import { ProgramOutcomes } from '../schema/program-outcomes.type.ts';
import { ReactionRow } from '../schema/reaction.type.ts';

@Resolver(() => Program)
export class ProgramResolver {
  @Query(() => [Program], {
    description:
      'Training programs, ordered by code. `codes` restricts the list (absent, null or empty = all programs, as an empty list in a filter or in agencyComparison means no restriction; each program once, however often it is named); a code the snapshot does not know is BAD_USER_INPUT (UNKNOWN_VALUE, field `codes`), as everywhere codes are taken.',
    complexity: ({ childComplexity, args }) =>
      // An empty list is every one, as absent.
      1 + childComplexity * ((args.codes as unknown[] | null | undefined)?.length || 60),
  })
  async programs(
    @Ctx() ctx: ApiContext,
    @Arg('codes', () => [String], {
      nullable: true,
      description:
        'Program codes to return (at most MAX_LIST); absent, null or [] = all programs (an empty list is no restriction, as in every filter).',
    })
    codes?: string[] | null,
  ): Promise<Program[]> {
    await checkCodes(ctx, [{ path: 'codes', field: 'programs', values: codes }]);
    // [] is no restriction, as in filters and agencyComparison (the warehouse reads [] as none).
    return listPrograms(ctx.lease.db, codes?.length ? codes : undefined);
  }

  @Query(() => Program, {
    nullable: true,
    description: 'One program by code; null when the code is unknown.',
  })
  program(@Ctx() ctx: ApiContext, @Arg('code', () => String, { description: 'Program code.' }) code: string) {
    return ctx.loaders.program.load(code);
  }

  @FieldResolver(() => ProgramOutcomes, {
    description:
      "The program's outcomes; `filter.programs` is ignored (it is this program). Each section is the program's row of the metric by program: with two list filters (say gradeGroups and employmentTypes) that row is a cell of a three-way table, hidden (suppressed) like any answer whose lists and groupBy name three dimensions.",
    complexity: 3,
  })
  async outcomes(
    @Root() program: Program,
    @Ctx() ctx: ApiContext,
    @Arg('filter', () => MetricFilterInput, { nullable: true, description: 'Period and population.' })
    filter?: MetricFilterInput | null,
  ): Promise<ProgramOutcomes> {
    const { programs: _ignored, ...rest } = toMetricFilter(filter);
    await checkCodes(ctx, filterChecks(rest));
    return { programCode: program.code, filterKey: JSON.stringify(rest) };
  }
}

/** Each outcome section loads through a per-request loader: one metric call for all programs. */
@Resolver(() => ProgramOutcomes)
export class ProgramOutcomesResolver {
  @FieldResolver(() => FunnelRow, { nullable: true })
  funnel(@Root() o: ProgramOutcomes, @Ctx() ctx: ApiContext) {
    return ctx.loaders.programMetric('invitationFunnel', JSON.parse(o.filterKey)).load(o.programCode);
  }

  @FieldResolver(() => CompletionRow, { nullable: true })
  completion(@Root() o: ProgramOutcomes, @Ctx() ctx: ApiContext) {
    return ctx.loaders.programMetric('completion', JSON.parse(o.filterKey)).load(o.programCode);
  }

  @FieldResolver(() => ReactionRow, { nullable: true })
  reaction(@Root() o: ProgramOutcomes, @Ctx() ctx: ApiContext) {
    return ctx.loaders.programMetric('reaction', JSON.parse(o.filterKey)).load(o.programCode);
  }

  @FieldResolver(() => LearningRow, { nullable: true })
  learning(@Root() o: ProgramOutcomes, @Ctx() ctx: ApiContext) {
    return ctx.loaders.programMetric('learning', JSON.parse(o.filterKey)).load(o.programCode);
  }
}
