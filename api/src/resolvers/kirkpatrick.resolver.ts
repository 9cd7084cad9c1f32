import type { MetricQuery } from '@asn/warehouse';
import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { filterChecks, selectorCheck } from '../metrics/known-codes.ts';
import { runMetric } from '../metrics/run-metric.ts';
import { CohortComparison, CohortSelectorInput } from '../schema/cohort.type.ts';
import { Kirkpatrick, KirkpatrickResults } from '../schema/kirkpatrick.type.ts';
import { LearningResult } from '../schema/learning.type.ts';
import { MetricArgs } from '../schema/metric.args.ts';
import { toMetricQuery } from '../schema/metric-filter.input.ts';
import { ReactionResult } from '../schema/reaction.type.ts';
import { SatisfactionResult } from '../schema/satisfaction.type.ts';
import { LocalDate } from '../schema/scalars.ts';
import { ServiceTimesResult } from '../schema/service-times.type.ts';
import { toCohortSpec } from './cohort-spec.ts';

const parse = (key: string) => JSON.parse(key) as MetricQuery;

@Resolver(() => Kirkpatrick)
export class KirkpatrickResolver {
  @Query(() => Kirkpatrick, {
    description: 'Kirkpatrick L1–L4 for one filter (sections computed on demand).',
    complexity: 5,
  })
  kirkpatrick(@Args(() => MetricArgs) args: MetricArgs): Kirkpatrick {
    return { queryKey: JSON.stringify(toMetricQuery(args.filter, args.groupBy, args.grain, args.compare)) };
  }

  @FieldResolver(() => ReactionResult, { complexity: 20 })
  reaction(@Root() k: Kirkpatrick, @Ctx() ctx: ApiContext) {
    const query = parse(k.queryKey);
    return runMetric(ctx, (db, o) => ctx.services.metrics.reaction(db, query, o), filterChecks(query.filter));
  }

  @FieldResolver(() => LearningResult, { complexity: 20 })
  learning(@Root() k: Kirkpatrick, @Ctx() ctx: ApiContext) {
    const query = parse(k.queryKey);
    return runMetric(ctx, (db, o) => ctx.services.metrics.learning(db, query, o), filterChecks(query.filter));
  }

  @Authorized('analyst')
  @FieldResolver(() => CohortComparison, { nullable: true, complexity: 50 })
  behaviour(
    @Ctx() ctx: ApiContext,
    @Arg('selector', () => CohortSelectorInput, { description: 'The training whose L3 effect to estimate.' })
    selector: CohortSelectorInput,
    @Arg('from', () => LocalDate, { description: 'Treatment window start.' }) from: string,
    @Arg('to', () => LocalDate, { description: 'Treatment window end.' }) to: string,
  ) {
    const spec = toCohortSpec({ selector, from, to, outcome: 'appraisal_score' as never }, 'behaviour');
    return runMetric(
      ctx,
      (db, o) => ctx.services.metrics.cohortComparison(db, spec, o),
      selectorCheck(selector, 'selector.value'),
    );
  }

  @FieldResolver(() => KirkpatrickResults)
  results(@Root() k: Kirkpatrick): KirkpatrickResults {
    return { queryKey: k.queryKey };
  }
}

@Resolver(() => KirkpatrickResults)
export class KirkpatrickResultsResolver {
  @FieldResolver(() => ServiceTimesResult, { complexity: 20 })
  serviceTimes(@Root() k: KirkpatrickResults, @Ctx() ctx: ApiContext) {
    const query = parse(k.queryKey);
    return runMetric(
      ctx,
      (db, o) => ctx.services.metrics.serviceTimes(db, query, o),
      filterChecks(query.filter),
    );
  }

  @FieldResolver(() => SatisfactionResult, { complexity: 20 })
  satisfaction(@Root() k: KirkpatrickResults, @Ctx() ctx: ApiContext) {
    const query = parse(k.queryKey);
    return runMetric(
      ctx,
      (db, o) => ctx.services.metrics.satisfaction(db, query, o),
      filterChecks(query.filter),
    );
  }
}
