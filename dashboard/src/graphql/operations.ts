import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  Agency,
  BudgetScenario,
  BudgetScenarioInput,
  CohortComparison,
  CohortInput,
  DataQuality,
  DeclineReasonRow,
  EtlRun,
  JpComplianceRow,
  MetricResult,
  MetricVars,
  ParticipationRow,
  Program,
  ResistanceRow,
  Roi,
  RoiInput,
  SatisfactionRow,
  Scorecard,
  ServiceTimesRow,
  Snapshot,
  SnapshotHeader,
} from './types.ts';

/**
 * Every operation the dashboard sends, typed by hand (see types.ts). The metric queries select the
 * `MetricRow` fields through one shared selection so every chart gets keys, period, n and the
 * suppression flags it must show.
 */
const ROW = `
  keys { agency agencyKind program method competencyArea gradeGroup tenureBand employmentType serviceType kelurahan declineReason }
  period isTotal n pctOfTotal suppressed suppressionReason
  samePeriodLastYear { value delta deltaPct }
`;
const METRIC_ARGS =
  '$filter: MetricFilterInput, $groupBy: [Dimension!], $grain: TimeGrain, $compare: Boolean';
const PASS_ARGS = 'filter: $filter, groupBy: $groupBy, grain: $grain, compare: $compare';

/** What every page needs (the header cites the id); row counts cost a scan, so only Kualitas asks. */
export const SnapshotQuery: TypedDocumentNode<{ snapshot: SnapshotHeader }, Record<string, never>> = gql`
  query Snapshot {
    snapshot { id publishedAt mode basedOn runId }
  }
`;

export const SnapshotDetailQuery: TypedDocumentNode<{ snapshot: Snapshot }, Record<string, never>> = gql`
  query SnapshotDetail {
    snapshot { id publishedAt mode basedOn runId watermarks { table watermark } rowCounts { table rows } }
  }
`;

export interface CatalogData {
  agencies: Agency[];
  programs: Program[];
  serviceTypes: { rows: { keys: { serviceType: string | null }; isTotal: boolean }[] };
}
export const CatalogQuery: TypedDocumentNode<CatalogData, Record<string, never>> = gql`
  query Catalog {
    agencies { code name kind parentCode }
    programs { code title competencyArea method jp provider }
    serviceTypes: serviceTimes(groupBy: [serviceType]) { rows { keys { serviceType } isTotal } }
  }
`;

export const ParticipationQuery: TypedDocumentNode<
  { participation: MetricResult<ParticipationRow> },
  MetricVars
> = gql`
  query Participation(${METRIC_ARGS}) {
    participation(${PASS_ARGS}) { minN rows { ${ROW} headcount participants rate } }
  }
`;

export const ResistanceQuery: TypedDocumentNode<
  { resistance: MetricResult<ResistanceRow> & { byReason: DeclineReasonRow[] } },
  MetricVars
> = gql`
  query Resistance(${METRIC_ARGS}) {
    resistance(${PASS_ARGS}) {
      minN
      rows { ${ROW} invited declined noResponse noShow resisted rate }
      byReason { ${ROW} declines share }
    }
  }
`;

export const JpComplianceQuery: TypedDocumentNode<
  { jpCompliance: MetricResult<JpComplianceRow> },
  MetricVars
> = gql`
  query JpCompliance(${METRIC_ARGS}) {
    jpCompliance(${PASS_ARGS}) { minN rows { ${ROW} employees compliant rate jpPerEmployee } }
  }
`;

export const ServiceTimesQuery: TypedDocumentNode<
  { serviceTimes: MetricResult<ServiceTimesRow> },
  MetricVars
> = gql`
  query ServiceTimes(${METRIC_ARGS}) {
    serviceTimes(${PASS_ARGS}) {
      minN
      rows { ${ROW} requests completed meanDays medianDays p90Days slaMetRate handlers requestsPerHandler }
    }
  }
`;

export const SatisfactionQuery: TypedDocumentNode<
  { satisfaction: MetricResult<SatisfactionRow> },
  MetricVars
> = gql`
  query Satisfaction(${METRIC_ARGS}) {
    satisfaction(${PASS_ARGS}) { minN rows { ${ROW} respondents ikm mutu kinerja nrr } }
  }
`;

const ESTIMATE = 'estimate se df pValue ci { low high level }';
const WINDOW = 'from to';
const WARNINGS = 'warnings { code id en }';

export const CohortQuery: TypedDocumentNode<{ cohortComparison: CohortComparison }, { cohort: CohortInput }> =
  gql`
  query Cohort($cohort: CohortInput!) {
    cohortComparison(cohort: $cohort) {
      selector { kind value }
      outcome unit
      treatmentWindow { ${WINDOW} }
      windows { placebo { ${WINDOW} } pre { ${WINDOW} } post { ${WINDOW} } }
      treated { n nEffective meanPre meanPost meanChange }
      control { n nEffective meanPre meanPost meanChange }
      did { ${ESTIMATE} }
      hedgesG { g se ci { low high level } }
      preTrend { ${ESTIMATE} nTreated nControl ciExcludesZero }
      matching { treatedEligible treatedDropped treatedDroppedShare controlUnused strata }
      n suppressed ${WARNINGS}
    }
  }
`;

const RANGE = 'low base high';
const CASE = 'benefitsIdr netBenefitsIdr roiPercent bcr paybackMonths';

export const RoiQuery: TypedDocumentNode<{ roi: Roi }, { input: RoiInput }> = gql`
  query Roi($input: RoiInput!) {
    roi(input: $input) {
      participants completed participantHours
      effect { didDays daysSavedPerRequest { ${RANGE} } handlers requestsPerYear }
      costs { programByCategory { category amountIdr } programIdr participantTimeIdr totalIdr }
      streams { name effectUnit effect { ${RANGE} } volumePerYear valuePerUnitIdr benefitsIdr { ${RANGE} } notes }
      low { ${CASE} } base { ${CASE} } high { ${CASE} }
      intangibles { name description }
      assumptions { name value unit source note }
      ${WARNINGS} n suppressed
    }
  }
`;

export const BudgetScenarioQuery: TypedDocumentNode<
  { budgetScenario: BudgetScenario },
  { input: BudgetScenarioInput }
> = gql`
  query BudgetScenario($input: BudgetScenarioInput!) {
    budgetScenario(input: $input) {
      agencyCode programCode budgetIdr year seats leftoverIdr requestsPerSeatPerYear volumeBasis
      daysSavedPerRequest { ${RANGE} }
      roi { low { ${CASE} } base { ${CASE} } high { ${CASE} } }
      history { costPerParticipantIdr participants programCostsIdr }
      caveats { code id en }
    }
  }
`;

export const AgencyComparisonQuery: TypedDocumentNode<
  { agencyComparison: Scorecard[] },
  { year: number; agencies?: string[] | null }
> = gql`
  query AgencyComparison($year: Int!, $agencies: [String!]) {
    agencyComparison(year: $year, agencies: $agencies) {
      agency year headcount participationRate resistanceRate jpComplianceRate jpPerEmployee ikm ikmMutu
      slaMetRate medianServiceDays budgetAllocatedIdr budgetRealizedIdr budgetRealisation costPerParticipantIdr
      costPerJpIdr roiPct roiNote n suppressed suppressionReason suppressedComponents
    }
  }
`;

export const EtlRunsQuery: TypedDocumentNode<
  { etlRuns: { total: number; items: EtlRun[] } },
  { page?: { offset: number; limit: number } }
> = gql`
  query EtlRuns($page: PageInput) {
    etlRuns(page: $page) {
      total
      items {
        runId mode sources status startedAt finishedAt durationMs
        tables { table read loaded quarantined }
        dataTests { total failed errors }
        snapshotId error
      }
    }
  }
`;

export const DataQualityQuery: TypedDocumentNode<{ dataQuality: DataQuality }, Record<string, never>> = gql`
  query DataQuality {
    dataQuality {
      snapshotId
      dataTests { name model severity status failingRows checkedAt }
      quarantineCounts { runId source table reason rows }
    }
  }
`;
