import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { filterChecks } from '../metrics/known-codes.ts';
import { runMetric } from '../metrics/run-metric.ts';
import { FunnelResult } from '../schema/invitation-funnel.type.ts';
import { JpComplianceResult } from '../schema/jp-compliance.type.ts';
import { MetricArgs } from '../schema/metric.args.ts';
import { toMetricQuery } from '../schema/metric-filter.input.ts';
import { ParticipationResult } from '../schema/participation.type.ts';
import { ResistanceResult } from '../schema/resistance.type.ts';
import { SatisfactionResult } from '../schema/satisfaction.type.ts';
import { ServiceTimesResult } from '../schema/service-times.type.ts';

const METRIC_COST = 20;

function queryOf(args: MetricArgs) {
  return toMetricQuery(args.filter, args.groupBy, args.grain, args.compare);
}

function codesOf(args: MetricArgs) {
  return filterChecks(queryOf(args).filter);
}

/** The aggregate metrics any role may read (disclosure control applies to all of them). */
@Resolver()
export class MetricResolver {
  @Query(() => ParticipationResult, {
    description:
      'Participation rate (employees with ≥ 1 completed enrollment / active headcount). Yearly data: grain year.',
    complexity: METRIC_COST,
  })
  participation(@Ctx() ctx: ApiContext, @Args(() => MetricArgs) args: MetricArgs) {
    return runMetric(ctx, (db, o) => ctx.services.metrics.participation(db, queryOf(args), o), codesOf(args));
  }

  @Query(() => ResistanceResult, {
    description:
      'Resistance rate ((declined + no response + no-show) / invited) with decline reasons; group by tenureBand for the tenure gradient.',
    complexity: METRIC_COST,
  })
  resistance(@Ctx() ctx: ApiContext, @Args(() => MetricArgs) args: MetricArgs) {
    return runMetric(ctx, (db, o) => ctx.services.metrics.resistance(db, queryOf(args), o), codesOf(args));
  }

  @Query(() => FunnelResult, {
    description:
      'Invitation funnel: invited → accepted → enrolled → completed, counts and step rates (0–1), placed in time by the invitation date. n = invitations. Groups: person attributes, program, method, competency area.',
    complexity: METRIC_COST,
  })
  invitationFunnel(@Ctx() ctx: ApiContext, @Args(() => MetricArgs) args: MetricArgs) {
    return runMetric(
      ctx,
      (db, o) => ctx.services.metrics.invitationFunnel(db, queryOf(args), o),
      codesOf(args),
    );
  }

  @Query(() => JpComplianceResult, {
    description: 'JP compliance: share of employees with ≥ 20 JP in the year, and JP per employee.',
    complexity: METRIC_COST,
  })
  jpCompliance(@Ctx() ctx: ApiContext, @Args(() => MetricArgs) args: MetricArgs) {
    return runMetric(ctx, (db, o) => ctx.services.metrics.jpCompliance(db, queryOf(args), o), codesOf(args));
  }

  @Query(() => ServiceTimesResult, {
    description:
      'Service times (median and p90 days), SLA-met rate and requests per employee (Kirkpatrick L4).',
    complexity: METRIC_COST,
  })
  serviceTimes(@Ctx() ctx: ApiContext, @Args(() => MetricArgs) args: MetricArgs) {
    return runMetric(ctx, (db, o) => ctx.services.metrics.serviceTimes(db, queryOf(args), o), codesOf(args));
  }

  @Query(() => SatisfactionResult, {
    description: 'Public satisfaction: IKM (25–100) with its band, from SKM questionnaires.',
    complexity: METRIC_COST,
  })
  satisfaction(@Ctx() ctx: ApiContext, @Args(() => MetricArgs) args: MetricArgs) {
    return runMetric(ctx, (db, o) => ctx.services.metrics.satisfaction(db, queryOf(args), o), codesOf(args));
  }
}
