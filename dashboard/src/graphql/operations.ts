/**
 * Every operation the dashboard sends. The documents live in `operations/*.graphql` (the metric
 * queries select their rows through the shared `MetricRowFields` fragment, so every chart gets keys,
 * period, n and the suppression flags it must show); `npm run codegen -w dashboard` turns them into
 * `operations.generated.ts`: result and variable types from `schema.graphql` and one
 * `TypedDocumentNode` per operation, which Apollo Client sends as is. Pages import them from here.
 */
export {
  AgencyComparisonDocument as AgencyComparisonQuery,
  BudgetScenarioDocument as BudgetScenarioQuery,
  BudgetTrendDocument as BudgetTrendQuery,
  CatalogDocument as CatalogQuery,
  CohortDocument as CohortQuery,
  DataQualityDocument as DataQualityQuery,
  EtlRunsDocument as EtlRunsQuery,
  InvitationFunnelDocument as InvitationFunnelQuery,
  JpComplianceDocument as JpComplianceQuery,
  KelurahanCatalogDocument as KelurahanCatalogQuery,
  KeptSnapshotsDocument as KeptSnapshotsQuery,
  KirkpatrickLearningDocument as KirkpatrickLearningQuery,
  KirkpatrickReactionDocument as KirkpatrickReactionQuery,
  ParticipationDocument as ParticipationQuery,
  ProgramCompletersDocument as ProgramCompletersQuery,
  ProgramEffectsDocument as ProgramEffectsQuery,
  ProgramPortfolioDocument as ProgramPortfolioQuery,
  ResistanceDocument as ResistanceQuery,
  ResistanceRatesDocument as ResistanceRatesQuery,
  RoiDocument as RoiQuery,
  RollbackWarehouseDocument as RollbackWarehouseMutation,
  SatisfactionDocument as SatisfactionQuery,
  SatisfactionSampleDocument as SatisfactionSampleQuery,
  ServiceTimesDocument as ServiceTimesQuery,
  SnapshotDetailDocument as SnapshotDetailQuery,
  SnapshotDocument as SnapshotQuery,
} from './operations.generated.ts';
