import { type MetricPort, MetricUnavailableError } from './metric-port.ts';

const unavailable = (metric: string) => async (): Promise<never> => {
  throw new MetricUnavailableError(metric);
};

/**
 * The `@asn/warehouse` metric functions behind the API. A metric not exported by the warehouse yet
 * answers METRIC_UNAVAILABLE instead of failing the whole schema.
 */
export function warehouseMetrics(): MetricPort {
  return {
    participation: unavailable('participation'),
    invitationFunnel: unavailable('invitationFunnel'),
    resistance: unavailable('resistance'),
    completion: unavailable('completion'),
    jpCompliance: unavailable('jpCompliance'),
    reaction: unavailable('reaction'),
    learning: unavailable('learning'),
    serviceTimes: unavailable('serviceTimes'),
    satisfaction: unavailable('satisfaction'),
    cohortComparison: unavailable('cohortComparison'),
    agencyScorecard: unavailable('agencyScorecard'),
    roi: unavailable('roi'),
    budgetScenario: unavailable('budgetScenario'),
  };
}
