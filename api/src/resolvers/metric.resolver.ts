import type { MetricQuery } from '@asn/warehouse';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { METRIC_COST, metricComplexity } from '../limits/metric-cost.ts';
import { filterChecks } from '../metrics/known-codes.ts';
import type { MetricOptions } from '../metrics/metric-port.ts';
import { runMetric } from '../metrics/run-metric.ts';
import { FunnelResult } from '../schema/invitation-funnel.type.ts';
import { JpComplianceResult } from '../schema/jp-compliance.type.ts';
import { MetricArgs } from '../schema/metric.args.ts';
import { toMetricQuery } from '../schema/metric-filter.input.ts';
import { ParticipationResult } from '../schema/participation.type.ts';
import { ResistanceResult } from '../schema/resistance.type.ts';
import { SAMPLE_FIELDS, SatisfactionResult } from '../schema/satisfaction.type.ts';
import { ServiceTimesResult, withDeprecatedHandlerFields } from '../schema/service-times.type.ts';
import { selectsField, selectsSubfield } from './selection.ts';

/** Each field's cost: METRIC_COST × its grain, groupBy and list filters (`metricComplexity`). */
const complexity = metricComplexity(METRIC_COST);

/** Runs one metric on the request's arguments, their codes checked first (`runMetric`). */
function runOnArgs<T>(
  ctx: ApiContext,
  name: string,
  args: MetricArgs,
  metric: (db: ApiContext['lease']['db'], query: MetricQuery, options: MetricOptions) => Promise<T>,
): Promise<T> {
  const query = toMetricQuery(args.filter, args.groupBy, args.grain, args.compare);
  return runMetric(
    ctx,
    (db, o) => metric(db, query, o),
    filterChecks(query.filter),
    `${name}:${JSON.stringify(query)}`,
  );
}

/** The aggregate metrics any role may read (disclosure control applies to all of them). */
@Resolver()
export class MetricResolver {
  @Query(() => ParticipationResult, {
    description:
      "Participation rate (employees with ≥ 1 completed enrollment / active headcount). The headcount is yearly (30 June), the completions are not: grain month, quarter or year (each measured against its year's headcount: participants are distinct employees per period, so quarters do not add up to the year), or none. from/to are whole periods of the grain (whole years without one) and restrict the completions (read by month; by day with a programs, methods or competencyAreas filter: `range` says which); the headcount is that of the years they touch. Without a grain a range over several years is one row of distinct employees over those years (headcount: in any year's; participants: took part in any): the share who took part at least once, not comparable with yearly rates (use grain year). groupBy: agency, agencyKind, gradeGroup, tenureBand, employmentType (the headcount's person attributes); program, method and competencyArea only as filters; any other dimension is BAD_USER_INPUT (UNSUPPORTED_GROUP_BY).",
    complexity,
  })
  participation(@Ctx() ctx: ApiContext, @Args(() => MetricArgs) args: MetricArgs) {
    return runOnArgs(ctx, 'participation', args, (db, q, o) => ctx.services.metrics.participation(db, q, o));
  }

  @Query(() => ResistanceResult, {
    description:
      'Resistance rate ((declined + no response + no-show) / invited) with decline reasons; group by tenureBand for the tenure gradient. groupBy: agency, agencyKind, gradeGroup, tenureBand, employmentType (as of the offering start), program, method, competencyArea; any other dimension is BAD_USER_INPUT (UNSUPPORTED_GROUP_BY), declineReason included (byReason gives the declines by reason).',
    complexity,
  })
  resistance(
    @Ctx() ctx: ApiContext,
    @Args(() => MetricArgs) args: MetricArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    // byReason is a second table with its own disclosure control (groups × reasons, per period):
    // computed only when asked for. By agency per quarter it is most of the work.
    const withReasons = selectsField(info, 'byReason');
    return runOnArgs(ctx, withReasons ? 'resistance' : 'resistance.rows', args, (db, q, o) =>
      ctx.services.metrics.resistance(db, q, o, { withReasons }),
    );
  }

  @Query(() => FunnelResult, {
    description:
      'Invitation funnel: invited → accepted → enrolled → completed, counts and step rates (0–1), placed in time by the invitation date. n = invitations. Groups: person attributes (as of the offering start, as in completion), program, method, competency area.',
    complexity,
  })
  invitationFunnel(@Ctx() ctx: ApiContext, @Args(() => MetricArgs) args: MetricArgs) {
    return runOnArgs(ctx, 'invitationFunnel', args, (db, q, o) =>
      ctx.services.metrics.invitationFunnel(db, q, o),
    );
  }

  @Query(() => JpComplianceResult, {
    description:
      "JP compliance: share of employees with ≥ 20 JP in the year, and JP per employee. Yearly: grain year or none (month and quarter are UNSUPPORTED_GRAIN); from/to select whole years. groupBy: agency, agencyKind, gradeGroup, tenureBand, employmentType (the headcount's person attributes); program, method and competencyArea only as filters; any other dimension is BAD_USER_INPUT (UNSUPPORTED_GROUP_BY).",
    complexity,
  })
  jpCompliance(@Ctx() ctx: ApiContext, @Args(() => MetricArgs) args: MetricArgs) {
    return runOnArgs(ctx, 'jpCompliance', args, (db, q, o) => ctx.services.metrics.jpCompliance(db, q, o));
  }

  @Query(() => ServiceTimesResult, {
    description:
      'Service times (median and p90 days), SLA-met rate and requests per employee per month (requestsPerHandlerMonth) (Kirkpatrick L4). from/to are whole periods of the grain, whole years without one (RANGE_NOT_ALIGNED otherwise), read from monthly pre-aggregates. groupBy: agency (the service unit), serviceType, kelurahan; any other dimension is BAD_USER_INPUT (UNSUPPORTED_GROUP_BY).',
    complexity,
  })
  async serviceTimes(@Ctx() ctx: ApiContext, @Args(() => MetricArgs) args: MetricArgs) {
    return withDeprecatedHandlerFields(
      await runOnArgs(ctx, 'serviceTimes', args, (db, q, o) => ctx.services.metrics.serviceTimes(db, q, o)),
    );
  }

  @Query(() => SatisfactionResult, {
    description:
      'Public satisfaction: IKM (25–100) with its band, from SKM questionnaires. from/to are whole periods of the grain, whole years without one (RANGE_NOT_ALIGNED otherwise), read from a monthly pre-aggregate. groupBy: agency, serviceType; any other dimension is BAD_USER_INPUT (UNSUPPORTED_GROUP_BY).',
    complexity,
  })
  satisfaction(
    @Ctx() ctx: ApiContext,
    @Args(() => MetricArgs) args: MetricArgs,
    @Info() info?: GraphQLResolveInfo,
  ) {
    // The sample (population, minimum, judgement) reads the published service times for the same
    // query, most of the work: computed only when a row field asks for it.
    const withSample = selectsSubfield(info, 'rows', SAMPLE_FIELDS);
    return runOnArgs(ctx, withSample ? 'satisfaction' : 'satisfaction.ikm', args, (db, q, o) =>
      ctx.services.metrics.satisfaction(db, q, o, { withSample }),
    );
  }
}
