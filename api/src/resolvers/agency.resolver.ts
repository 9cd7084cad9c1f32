import { listAgencies } from '@asn/warehouse';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors/api-errors.ts';
import { Agency } from '../schema/agency.type.ts';
import { Scorecard } from '../schema/scorecard.type.ts';

/** Years a scorecard may be asked for. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => [Agency], {
    description:
      'Agencies under their current names, ordered by code. `codes` restricts the list (null = all).',
    complexity: ({ childComplexity, args }) =>
      1 + childComplexity * Math.max(1, (args.codes as unknown[] | undefined)?.length ?? 60),
  })
  agencies(
    @Ctx() ctx: ApiContext,
    @Arg('codes', () => [String], {
      nullable: true,
      description: 'Agency codes to return (at most MAX_LIST).',
    })
    codes?: string[] | null,
  ): Promise<Agency[]> {
    return listAgencies(ctx.lease.db, codes ?? undefined);
  }

  @Query(() => Agency, { nullable: true, description: 'One agency by code; null when the code is unknown.' })
  agency(@Ctx() ctx: ApiContext, @Arg('code', () => String, { description: 'Agency code.' }) code: string) {
    return ctx.loaders.agency.load(code);
  }

  @FieldResolver(() => Scorecard, {
    nullable: true,
    description:
      'The agency scorecard for one year; null when the agency has no data that year. All agencies in one query are scored by one batched metric call.',
    complexity: 5,
  })
  async scorecard(
    @Root() agency: Agency,
    @Ctx() ctx: ApiContext,
    @Arg('year', () => Int, { description: 'Calendar year, e.g. 2024.' }) year: number,
  ): Promise<Scorecard | null> {
    if (year < MIN_YEAR || year > MAX_YEAR)
      throw badInput(`year ${year} is out of range`, {
        reason: 'OUT_OF_RANGE',
        field: 'year',
        min: MIN_YEAR,
        max: MAX_YEAR,
      });
    return (await ctx.loaders.scorecard.load({ agency: agency.code, year })) as Scorecard | null;
  }
}
