// Public metric API of the warehouse: typed functions over the marts. One line per metric barrel;
// append, don't rewrite (several engineers add to this file).

// Metric API over the marts (participation … agency scorecard) and its common query machinery.
export {
  type AgencyScorecardRow,
  agencyScorecard,
  type ScorecardCaveat,
  type ScorecardOptions,
  type ScorecardRequest,
  type ScorecardRoiHook,
} from './agency-scorecard.metric.ts';
export { benchMetrics, type MetricLatency } from './bench.ts';
export * from './budget/index.ts';
export * from './cohort/index.ts';
export { type CompletionMeasures, type CompletionRow, completion } from './completion.metric.ts';
export { type FunnelMeasures, type FunnelRow, invitationFunnel } from './invitation-funnel.metric.ts';
export {
  DEFAULT_JP_MINUTES,
  DEFAULT_JP_THRESHOLD,
  type JpComplianceMeasures,
  type JpComplianceRow,
  type JpOptions,
  jpCompliance,
} from './jp-compliance.metric.ts';
export { type LearningMeasures, type LearningRow, learning } from './learning.metric.ts';
export { buildMetricAggregates, DAYS_BUCKET_SQL } from './metric-aggregates.ts';
export { type ParticipationMeasures, type ParticipationRow, participation } from './participation.metric.ts';
export * from './portfolio/index.ts';
export * from './program-effects/index.ts';
export { MetricInputError } from './query/metric-input-error.ts';
export type { MetricOptions } from './query/metric-options.ts';
export type { Comparison, GroupKeys, MetricResult, MetricRow, MetricRowBase } from './query/metric-row.ts';
export { type ReactionMeasures, type ReactionRow, reaction } from './reaction.metric.ts';
export {
  type DeclineReasonMeasures,
  type DeclineReasonRow,
  type ResistanceMeasures,
  type ResistanceResult,
  type ResistanceRow,
  resistance,
} from './resistance.metric.ts';
export * from './roi-metric/index.ts';
export { type SatisfactionMeasures, type SatisfactionRow, satisfaction } from './satisfaction.metric.ts';
export { type ServiceTimesMeasures, type ServiceTimesRow, serviceTimes } from './service-times.metric.ts';
