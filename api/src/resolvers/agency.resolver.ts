import { CALENDAR_YEARS, listAgencies } from '@asn/warehouse';
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors/api-errors.ts';
import { checkCodes } from '../metrics/known-codes.ts';
import { Agency } from '../schema/agency.type.ts';
import { Scorecard } from '../schema/scorecard.type.ts';

/**
 * Refuses a year outside the years a scorecard (or a budget scenario, a portfolio) may be asked for,
 * 1990 … 2100 (`CALENDAR_YEARS`), with BAD_USER_INPUT naming the argument (`field`).
 */
export function checkYear(year: number, field: string): void {
  const { min, max } = CALENDAR_YEARS;
  if (!Number.isInteger(year) || year < min || year > max)
    throw badInput(`${field} ${year} is out of range (${min} … ${max}).`, {
      reason: 'OUT_OF_RANGE',
      field,
      min,
      max,
    });
}

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => [Agency], {
    description:
      'Agencies under their current names, ordered by code. `codes` restricts the list (absent, null or empty = all agencies, as an empty list in a filter or in agencyComparison means no restriction; each agency once, however often it is named); a code the snapshot does not know is BAD_USER_INPUT (UNKNOWN_VALUE, field `codes`), as everywhere codes are taken.',
    complexity: ({ childComplexity, args }) =>
      // An empty list is every one, as absent.
      1 + childComplexity * ((args.codes as unknown[] | null | undefined)?.length || 60),
  })
  async agencies(
    @Ctx() ctx: ApiContext,
    @Arg('codes', () => [String], {
      nullable: true,
      description:
        'Agency codes to return (at most MAX_LIST); absent, null or [] = all agencies (an empty list is no restriction, as in every filter).',
    })
    codes?: string[] | null,
  ): Promise<Agency[]> {
    await checkCodes(ctx, [{ path: 'codes', field: 'agencies', values: codes }]);
    // [] is no restriction, as in filters and agencyComparison (the warehouse reads [] as none).
    return listAgencies(ctx.lease.db, codes?.length ? codes : undefined);
  }

  @Query(() => Agency, { nullable: true, description: 'One agency by code; null when the code is unknown.' })
  agency(@Ctx() ctx: ApiContext, @Arg('code', () => String, { description: 'Agency code.' }) code: string) {
    return ctx.loaders.agency.load(code);
  }

  // The same cards as agencyComparison (ROI figure included): the same role.
  @Authorized('planner')
  @FieldResolver(() => Scorecard, {
    nullable: true,
    description:
      'Planner role and higher, as agencyComparison. The agency scorecard for one year; null when the agency has no data that year (no headcount, no invitation, JP, IKM or service-time row, hidden or not, and no budget or cost figure). All agencies in one query are scored by one batched metric call, and a card is the same whatever else the query asks: disclosure control is decided among all agencies of the year.',
    complexity: 5,
  })
  async scorecard(
    @Root() agency: Agency,
    @Ctx() ctx: ApiContext,
    @Arg('year', () => Int, { description: 'Calendar year, 1990 … 2100, e.g. 2024.' }) year: number,
  ): Promise<Scorecard | null> {
    checkYear(year, 'year');
    return (await ctx.loaders.scorecard.load({ agency: agency.code, year })) as Scorecard | null;
  }
}
