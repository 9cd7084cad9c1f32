import { type FactCoverage, readCoverage } from '@asn/warehouse';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { ReadRange } from '../schema/metric-row.type.ts';

/**
 * Whether a metric's read range reaches past its fact's data: a researcher asking for 2030, or
 * 2010, gets rows of n 0 and should be told that they are "no data", not "nobody". The coverage is
 * read once per request (the snapshot's, whatever the number of metrics asked).
 */
@Resolver(() => ReadRange)
export class ReadRangeResolver {
  @FieldResolver(() => Boolean, {
    description:
      'True when the days read reach before the first or after the last day of the fact’s data (snapshot.coverage), or the fact has no data at all: rows there are n 0 for want of data. False when the range lies within it (an open end never reaches past it).',
  })
  async beyondData(@Root() range: ReadRange, @Ctx() ctx: ApiContext): Promise<boolean> {
    const coverage = await ctx.loaders.once('snapshot.coverage', () => readCoverage(ctx.lease.db));
    return beyondCoverage(range, coverage);
  }
}

export function beyondCoverage(
  range: Pick<ReadRange, 'from' | 'to' | 'fact'>,
  coverage: readonly FactCoverage[],
): boolean {
  const c = coverage.find((f) => f.fact === range.fact);
  if (!c) return true;
  return (range.from !== null && range.from < c.first) || (range.to !== null && range.to > c.last);
}
