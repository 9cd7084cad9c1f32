/**
 * Names for the dashboard's operation results and inputs, derived from the types GraphQL Code
 * Generator writes from `schema.graphql` (`operations.generated.ts`; regenerate with
 * `npm run codegen -w dashboard`). Nothing here is typed by hand: a field the schema makes nullable
 * is nullable here too.
 */
import type {
  AgencyComparisonQuery,
  BudgetScenarioQuery,
  BudgetTrendQuery,
  CatalogQuery,
  CohortQuery,
  DataQualityQuery,
  EtlRunsQuery,
  JpComplianceQuery,
  KirkpatrickLearningQuery,
  KirkpatrickReactionQuery,
  MetricRowFieldsFragment,
  ParticipationQuery,
  ParticipationQueryVariables,
  ProgramEffectsQuery,
  ProgramPortfolioQuery,
  ResistanceQuery,
  RoiQuery,
  SatisfactionQuery,
  SatisfactionSampleQuery,
  ServiceTimesQuery,
  SnapshotDetailQuery,
  SnapshotQuery,
} from './operations.generated.ts';

export type {
  BudgetScenarioInput,
  CohortContrast,
  CohortInput,
  CohortOutcome,
  CohortSelectorKind,
  Dimension,
  EffectDirection,
  EffectIsolation,
  MetricFilterInput,
  ProgramEffectGap,
  ProgramEffectsInput,
  RoiAssumptionsInput,
  RoiInput,
  TimeGrain,
} from './operations.generated.ts';

/** The `MetricRow` fields every metric query selects (fragment `MetricRowFields`). */
export type MetricRow = MetricRowFieldsFragment;
/** The variables every metric query takes (filter, groupBy, grain, compare). */
export type MetricVars = ParticipationQueryVariables;

export type ParticipationRow = ParticipationQuery['participation']['rows'][number];
export type ResistanceRow = ResistanceQuery['resistance']['rows'][number];
export type DeclineReasonRow = ResistanceQuery['resistance']['byReason'][number];
export type JpComplianceRow = JpComplianceQuery['jpCompliance']['rows'][number];
export type ServiceTimesRow = ServiceTimesQuery['serviceTimes']['rows'][number];
/** An IKM row with its SKM sample check (Layanan's tables). */
export type SatisfactionRow = SatisfactionSampleQuery['satisfaction']['rows'][number];
/** An IKM row alone (Ringkasan, Layanan's total): what every IKM reader needs. */
export type IkmRow = SatisfactionQuery['satisfaction']['rows'][number];
/** Kirkpatrick L1 and L2 sections: null when that level failed (an error at its path). */
export type ReactionResult = NonNullable<KirkpatrickReactionQuery['kirkpatrick']['reaction']>;
export type ReactionRow = ReactionResult['rows'][number];
export type LearningResult = NonNullable<KirkpatrickLearningQuery['kirkpatrick']['learning']>;
export type LearningRow = LearningResult['rows'][number];

export type SnapshotHeader = SnapshotQuery['snapshot'];
export type Snapshot = SnapshotDetailQuery['snapshot'];
export type Agency = CatalogQuery['agencies'][number];
export type Program = CatalogQuery['programs'][number];

export type CohortComparison = CohortQuery['cohortComparison'];
export type Roi = RoiQuery['roi'];
export type PortfolioEntry = ProgramPortfolioQuery['programPortfolio'][number];
export type ProgramEffects = ProgramEffectsQuery['programEffects'];
export type ProgramEffect = ProgramEffects['programs'][number];
export type BudgetScenario = BudgetScenarioQuery['budgetScenario'];
export type BudgetTrendYear = BudgetTrendQuery['budgetTrend'][number];
export type Scorecard = AgencyComparisonQuery['agencyComparison'][number];
export type EtlRun = EtlRunsQuery['etlRuns']['items'][number];
export type DataQuality = DataQualityQuery['dataQuality'];
