import { checkMetricRange, type MetricFilter, MetricInputError, type MetricQuery } from '@asn/warehouse';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors/api-errors.ts';
import { METRIC_COST, metricCostFactor } from '../limits/metric-cost.ts';
import { filterChecks, selectorCheck } from '../metrics/known-codes.ts';
import { runMetric } from '../metrics/run-metric.ts';
import { APPRAISAL_WINDOW_FROM_NOTE, APPRAISAL_WINDOW_TO_NOTE } from '../schema/appraisal-windows.ts';
import { CohortComparison, CohortSelectorInput, WINDOW_FROM, WINDOW_TO } from '../schema/cohort.type.ts';
import { Kirkpatrick, KirkpatrickResults } from '../schema/kirkpatrick.type.ts';
import { LearningResult } from '../schema/learning.type.ts';
import { MetricArgs } from '../schema/metric.args.ts';
import { toMetricQuery } from '../schema/metric-filter.input.ts';
import { ReactionResult } from '../schema/reaction.type.ts';
import { SAMPLE_FIELDS, SatisfactionResult } from '../schema/satisfaction.type.ts';
import { LocalDate } from '../schema/scalars.ts';
import { ServiceTimesResult, withDeprecatedHandlerFields } from '../schema/service-times.type.ts';
import { toCohortSpec } from './cohort-spec.ts';
import { selectsSubfield } from './selection.ts';

const parse = (key: string) => JSON.parse(key) as MetricQuery;

/** The filter list that restricts the selector's own dimension (it may only repeat the selector). */
const SELECTOR_FILTER = {
  program: 'programs',
  method: 'methods',
  competencyArea: 'competencyAreas',
} as const satisfies Record<CohortSelectorInput['kind'], keyof MetricFilter>;

/**
 * What `behaviour` takes from the kirkpatrick arguments: the agencies, which the cohort comparison
 * honours. Everything it cannot honour is refused, never ignored: other population filters (the
 * matched comparison has no grade, tenure or employment restriction), a program/method/area filter
 * other than the selector itself, a period other than its own window, a groupBy or a grain.
 */
function behaviourAgencies(
  query: MetricQuery,
  selector: CohortSelectorInput,
  from: string,
  to: string,
): string[] | undefined {
  const filter = query.filter ?? {};
  const own = SELECTOR_FILTER[selector.kind];
  const accepted = ['agencies', own, 'from', 'to'];
  const refuse = (field: string, why: string) =>
    badInput(`kirkpatrick.behaviour cannot honour filter.${field}: ${why}`, {
      reason: 'UNSUPPORTED_FILTER',
      field: `filter.${field}`,
      metric: 'behaviour',
      accepted,
    });
  for (const [field, value] of Object.entries(filter) as [keyof MetricFilter, unknown][]) {
    if (field === 'agencies' || value === undefined || value === null) continue;
    if (field === 'from' || field === 'to') {
      const window = field === 'from' ? from : to;
      if (value !== window)
        throw refuse(
          field,
          `its treatment window is its own from/to (${from} … ${to}); give filter.${field} = ${window} or leave it out.`,
        );
      continue;
    }
    const list = value as readonly string[];
    if (list.length === 0) continue;
    if (field === own && list.every((v) => v === selector.value)) continue;
    throw refuse(
      field,
      field === own
        ? `the treatment is the selector (${selector.kind} ${selector.value}); filter.${field} may only name it.`
        : `the matched comparison restricts agencies only (and ${own} to the selector); query kirkpatrick without it.`,
    );
  }
  if (query.groupBy?.length)
    throw badInput(
      'kirkpatrick.behaviour is one comparison: it cannot be grouped; query it without groupBy.',
      {
        reason: 'UNSUPPORTED_GROUP_BY',
        field: 'groupBy',
        metric: 'behaviour',
        value: query.groupBy[0]!,
        accepted: [],
      },
    );
  if (query.grain)
    throw badInput('kirkpatrick.behaviour is one comparison over its window: it has no time grain.', {
      reason: 'UNSUPPORTED_GRAIN',
      field: 'grain',
      metric: 'behaviour',
      value: query.grain,
      accepted: [],
    });
  return filter.agencies?.length ? [...filter.agencies] : undefined;
}

/**
 * Checks kirkpatrick's filter.from/to once, before any section runs. They apply to every level, and
 * L1, L2 and L4 are metrics whose rows cover whole periods of the grain (whole years without one):
 * a range that cuts a period would fail each of those sections on its own, and with them the whole
 * answer, even when only L3 was meant (its treatment window is its own from/to, a calendar year, and
 * filter.from/to may only repeat it). So a range that is not whole periods is one BAD_USER_INPUT on
 * `kirkpatrick` (RANGE_NOT_ALIGNED, as the metrics say it), whatever sections are selected, naming
 * the whole periods around it and the way to keep an L3 window: leave filter.from/to out. Nothing
 * is widened or narrowed on the caller's behalf: every section answers for the range it was given.
 */
function checkKirkpatrickRange(query: MetricQuery): void {
  try {
    checkMetricRange(query);
  } catch (error) {
    if (!(error instanceof MetricInputError) || error.detail.reason !== 'RANGE_NOT_ALIGNED') throw error;
    const filter = query.filter ?? {};
    const grain = query.grain ? { grain: query.grain } : {};
    /** The whole period's edge around one date (the date itself when it is one). */
    const edge = (field: 'from' | 'to'): string | undefined => {
      const value = filter[field];
      if (value === undefined) return undefined;
      try {
        checkMetricRange({ filter: { [field]: value }, ...grain });
        return value;
      } catch (e) {
        if (e instanceof MetricInputError && e.detail.reason === 'RANGE_NOT_ALIGNED')
          return field === 'from' ? e.detail.earlier : e.detail.later;
        throw e;
      }
    };
    const unit = error.detail.unit;
    const around = `${edge('from') ?? '(start of the data)'} … ${edge('to') ?? '(end of the data)'}`;
    throw badInput(
      `kirkpatrick: ${error.message} filter.from/to apply to every level, and L1, L2 and L4 answer for whole periods only (the whole ${unit}s around this range: ${around}). L3 behaviour's treatment window is its own from/to arguments, one calendar year (RANGE_NOT_ALIGNED at behaviour.from / behaviour.to otherwise), and it takes no grain.`,
      error.detail,
    );
  }
}

@Resolver(() => Kirkpatrick)
export class KirkpatrickResolver {
  @Query(() => Kirkpatrick, {
    description:
      'Kirkpatrick L1–L4 for one filter (sections computed on demand). filter.from/to are whole periods of the grain for every level (RANGE_NOT_ALIGNED once, on this field, otherwise); behaviour takes its own treatment window. groupBy, per level: reaction and learning take agency, agencyKind, gradeGroup, tenureBand, employmentType (as of the completion), program, method and competencyArea; results take what serviceTimes and satisfaction take (agency, serviceType; kelurahan for service times); behaviour is one comparison and takes none. A level that cannot take the grouping answers null with BAD_USER_INPUT (UNSUPPORTED_GROUP_BY) at its path; the others still answer.',
    // Its sections are metrics on these arguments: each costs what the metric field would
    // (`metricCostFactor`; behaviour, which reads its own window, is priced the same way).
    complexity: ({ args, childComplexity }) => 5 + childComplexity * metricCostFactor(args),
  })
  kirkpatrick(@Args(() => MetricArgs) args: MetricArgs): Kirkpatrick {
    const query = toMetricQuery(args.filter, args.groupBy, args.grain, args.compare);
    checkKirkpatrickRange(query);
    return { queryKey: JSON.stringify(query) };
  }

  @FieldResolver(() => ReactionResult, { nullable: true, complexity: METRIC_COST })
  reaction(@Root() k: Kirkpatrick, @Ctx() ctx: ApiContext) {
    const query = parse(k.queryKey);
    return runMetric(ctx, (db, o) => ctx.services.metrics.reaction(db, query, o), filterChecks(query.filter));
  }

  @FieldResolver(() => LearningResult, { nullable: true, complexity: METRIC_COST })
  learning(@Root() k: Kirkpatrick, @Ctx() ctx: ApiContext) {
    const query = parse(k.queryKey);
    return runMetric(ctx, (db, o) => ctx.services.metrics.learning(db, query, o), filterChecks(query.filter));
  }

  @Authorized('analyst')
  @FieldResolver(() => CohortComparison, { nullable: true, complexity: 50 })
  behaviour(
    @Root() k: Kirkpatrick,
    @Ctx() ctx: ApiContext,
    @Arg('selector', () => CohortSelectorInput, { description: 'The training whose L3 effect to estimate.' })
    selector: CohortSelectorInput,
    @Arg('from', () => LocalDate, { description: `${WINDOW_FROM} ${APPRAISAL_WINDOW_FROM_NOTE}` })
    from: string,
    @Arg('to', () => LocalDate, { description: `${WINDOW_TO} ${APPRAISAL_WINDOW_TO_NOTE}` })
    to: string,
  ) {
    const query = parse(k.queryKey);
    const agencies = behaviourAgencies(query, selector, from, to);
    const spec = toCohortSpec(
      { selector, from, to, outcome: 'appraisal_score' as never, agencies },
      'behaviour',
    );
    return runMetric(ctx, (db, o) => ctx.services.metrics.cohortComparison(db, spec, o), [
      ...filterChecks({ agencies }),
      ...selectorCheck(selector, 'selector.value'),
    ]);
  }

  @FieldResolver(() => KirkpatrickResults)
  results(@Root() k: Kirkpatrick): KirkpatrickResults {
    return { queryKey: k.queryKey };
  }
}

@Resolver(() => KirkpatrickResults)
export class KirkpatrickResultsResolver {
  @FieldResolver(() => ServiceTimesResult, { nullable: true, complexity: METRIC_COST })
  async serviceTimes(@Root() k: KirkpatrickResults, @Ctx() ctx: ApiContext) {
    const query = parse(k.queryKey);
    return withDeprecatedHandlerFields(
      await runMetric(
        ctx,
        (db, o) => ctx.services.metrics.serviceTimes(db, query, o),
        filterChecks(query.filter),
      ),
    );
  }

  @FieldResolver(() => SatisfactionResult, { nullable: true, complexity: METRIC_COST })
  satisfaction(@Root() k: KirkpatrickResults, @Ctx() ctx: ApiContext, @Info() info?: GraphQLResolveInfo) {
    const query = parse(k.queryKey);
    const withSample = selectsSubfield(info, 'rows', SAMPLE_FIELDS);
    return runMetric(
      ctx,
      (db, o) => ctx.services.metrics.satisfaction(db, query, o, { withSample }),
      filterChecks(query.filter),
    );
  }
}
