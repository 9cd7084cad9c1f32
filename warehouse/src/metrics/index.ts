// Public metric API of the warehouse: typed functions over the marts. One export block per metric
// barrel; add yours and let Biome place it (`npx biome check --write .` sorts exports and names).

// Metric API over the marts (participation … agency scorecard) and its common query machinery.
export {
  type AgencyScorecardRow,
  agencyScorecard,
  CALENDAR_YEARS,
  type ScorecardCaveat,
  type ScorecardOptions,
  type ScorecardRequest,
  type ScorecardRoiHook,
} from './agency-scorecard.metric.ts';
export {
  type AuditedMetric,
  auditDifferencing,
  type DifferencingAudit,
  type DifferencingAuditOptions,
} from './audit/differencing-audit.ts';
export {
  auditNestedMargins,
  inLinearSpan,
  type MarginMetric,
  type NestedMarginsFinding,
  type NestedMarginsResult,
} from './audit/nested-margins-audit.ts';
export { benchMetrics, type MetricLatency } from './bench.ts';
export * from './budget/index.ts';
export * from './cohort/index.ts';
export type { CompletionMeasures, CompletionRow } from './completion.metric.ts';
// The filtered metrics as published: disclosure control across queries (a list filter cannot single
// out a small group by difference with the same query unfiltered; see guardFilterComplements).
export {
  completion,
  guardedSatisfaction,
  invitationFunnel,
  jpCompliance,
  learning,
  participation,
  reaction,
  resistance,
  satisfaction,
  serviceTimes,
} from './guarded-metrics.ts';
export type { FunnelMeasures, FunnelRow } from './invitation-funnel.metric.ts';
export {
  DEFAULT_JP_MINUTES,
  DEFAULT_JP_THRESHOLD,
  type JpComplianceMeasures,
  type JpComplianceRow,
  type JpOptions,
} from './jp-compliance.metric.ts';
export type { LearningMeasures, LearningRow } from './learning.metric.ts';
export { buildMetricAggregates, DAYS_BUCKET_SQL } from './metric-aggregates.ts';
export type { ParticipationMeasures, ParticipationRow } from './participation.metric.ts';
export * from './portfolio/index.ts';
export * from './program-effects/index.ts';
export { guardFilterComplements } from './query/filter-complements.ts';
export { FILTER_DIMENSIONS, type FilterField } from './query/mart-binding.ts';
export { MetricInputError } from './query/metric-input-error.ts';
export type { MetricOptions } from './query/metric-options.ts';
export type { Comparison, GroupKeys, MetricResult, MetricRow, MetricRowBase } from './query/metric-row.ts';
export {
  checkAnalysisWindow,
  checkAppraisalGap,
  checkAppraisalWindow,
  checkMetricRange,
} from './query/plan-query.ts';
export type { ReactionMeasures, ReactionRow } from './reaction.metric.ts';
export type {
  DeclineReasonMeasures,
  DeclineReasonRow,
  ResistanceMeasures,
  ResistanceResult,
  ResistanceRow,
} from './resistance.metric.ts';
export * from './roi-metric/index.ts';
export type { SatisfactionMeasures, SatisfactionRow } from './satisfaction.metric.ts';
export { type IkmSample, ikmSample, type SampledSatisfactionRow } from './satisfaction-sample.ts';
export type { ServiceTimesMeasures, ServiceTimesRow, ServiceTimesTargetRow } from './service-times.metric.ts';
