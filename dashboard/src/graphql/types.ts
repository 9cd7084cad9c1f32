/**
 * Result types of the dashboard's operations, written by hand from `schema.graphql` (no GraphQL
 * codegen is installed in the workspace). `operations.test.ts` validates every operation document
 * against the emitted schema, so a field these types promise cannot silently disappear.
 */
import type { MetricFilterInput } from '../state/metric-filter.ts';

export type { MetricFilterInput };
export type SuppressionReason = 'primary' | 'complementary';
export type Dimension =
  | 'agency'
  | 'agencyKind'
  | 'program'
  | 'method'
  | 'competencyArea'
  | 'gradeGroup'
  | 'tenureBand'
  | 'employmentType'
  | 'serviceType'
  | 'kelurahan'
  | 'declineReason';
export type TimeGrain = 'month' | 'quarter' | 'year';

export interface GroupKeys {
  agency: string | null;
  agencyKind: string | null;
  program: string | null;
  method: string | null;
  competencyArea: string | null;
  gradeGroup: string | null;
  tenureBand: string | null;
  employmentType: string | null;
  serviceType: string | null;
  kelurahan: string | null;
  declineReason: string | null;
}

export interface PeriodComparison {
  value: number | null;
  delta: number | null;
  deltaPct: number | null;
}

/** The `MetricRow` interface: what every metric row carries. */
export interface MetricRow {
  keys: GroupKeys;
  period: string | null;
  isTotal: boolean;
  n: number | null;
  pctOfTotal: number | null;
  suppressed: boolean;
  suppressionReason: SuppressionReason | null;
  samePeriodLastYear: PeriodComparison | null;
}

export interface MetricVars {
  filter?: MetricFilterInput | null;
  groupBy?: Dimension[] | null;
  grain?: TimeGrain | null;
  compare?: boolean | null;
}

export interface MetricResult<R extends MetricRow> {
  rows: R[];
  minN: number;
}

export interface ParticipationRow extends MetricRow {
  headcount: number | null;
  participants: number | null;
  rate: number | null;
}
export interface ResistanceRow extends MetricRow {
  invited: number | null;
  declined: number | null;
  noResponse: number | null;
  noShow: number | null;
  resisted: number | null;
  rate: number | null;
}
export interface DeclineReasonRow extends MetricRow {
  declines: number | null;
  share: number | null;
}
export interface JpComplianceRow extends MetricRow {
  employees: number | null;
  compliant: number | null;
  rate: number | null;
  jpPerEmployee: number | null;
}
export interface ServiceTimesRow extends MetricRow {
  requests: number | null;
  completed: number | null;
  medianDays: number | null;
  p90Days: number | null;
  slaMetRate: number | null;
  meanDays: number | null;
  handlers: number | null;
  requestsPerHandler: number | null;
}
export interface SatisfactionRow extends MetricRow {
  respondents: number | null;
  ikm: number | null;
  /** Service quality band A–D. */
  mutu: string | null;
  /** Performance label (Sangat Baik … Tidak Baik). */
  kinerja: string | null;
  /** NRR per unsur U1..U9 (1–4). */
  nrr: number[] | null;
}

export interface SnapshotHeader {
  id: string;
  publishedAt: string;
  mode: string;
  basedOn: string | null;
  runId: string | null;
}
export interface Snapshot extends SnapshotHeader {
  watermarks: { table: string; watermark: string }[];
  rowCounts: { table: string; rows: number }[];
}

export interface Agency {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
}
export interface Program {
  code: string;
  title: string;
  competencyArea: string;
  method: string;
  jp: number;
  provider: string | null;
}

export type CohortSelectorKind = 'program' | 'method' | 'competencyArea';
export type CohortOutcome = 'service_days' | 'sla_met_rate' | 'requests_handled' | 'appraisal_score';

export interface AnalysisWarning {
  code: string;
  id: string;
  en: string;
}
export interface ConfidenceInterval {
  low: number;
  high: number;
  level: number;
}
export interface CohortWindow {
  from: string;
  to: string;
}
export interface CohortArm {
  n: number;
  nEffective: number;
  meanPre: number | null;
  meanPost: number | null;
  meanChange: number | null;
}
export interface CohortEstimate {
  estimate: number | null;
  se: number | null;
  df: number | null;
  pValue: number | null;
  ci: ConfidenceInterval | null;
}
export interface CohortComparison {
  selector: { kind: CohortSelectorKind; value: string };
  outcome: CohortOutcome;
  unit: string;
  treatmentWindow: CohortWindow;
  windows: { placebo: CohortWindow; pre: CohortWindow; post: CohortWindow };
  treated: CohortArm;
  control: CohortArm;
  did: CohortEstimate;
  hedgesG: { g: number; se: number; ci: ConfidenceInterval } | null;
  preTrend: (CohortEstimate & { nTreated: number; nControl: number; ciExcludesZero: boolean | null }) | null;
  matching: {
    treatedEligible: number;
    treatedDropped: number;
    treatedDroppedShare: number;
    controlUnused: number;
    strata: number;
  };
  n: number;
  suppressed: boolean;
  warnings: AnalysisWarning[];
}
export interface CohortInput {
  selector: { kind: CohortSelectorKind; value: string };
  from: string;
  to: string;
  outcome: CohortOutcome;
  windowMonths?: number | null;
  agencies?: string[] | null;
}

export interface RoiRange {
  low: number;
  base: number;
  high: number;
}
export interface RoiCase {
  benefitsIdr: number;
  netBenefitsIdr: number;
  roiPercent: number | null;
  bcr: number | null;
  paybackMonths: number | null;
}
export interface RoiAssumptionsInput {
  monthlySalaryCostIdr?: number;
  workingHoursPerMonth?: number;
  hourlySalaryCostIdr?: number;
  citizenDayValueIdr?: number;
  confidence?: number;
  attribution?: number;
  jpMinutes?: number;
}
export interface RoiInput {
  selector: { kind: CohortSelectorKind; value: string };
  from: string;
  to: string;
  agencies?: string[] | null;
  windowMonths?: number | null;
  assumptions?: RoiAssumptionsInput | null;
}
export interface Roi {
  participants: number;
  completed: number;
  participantHours: number;
  effect: {
    didDays: number | null;
    daysSavedPerRequest: RoiRange | null;
    handlers: number;
    requestsPerYear: number;
  };
  costs: {
    programByCategory: { category: string; amountIdr: number }[];
    programIdr: number;
    participantTimeIdr: number;
    totalIdr: number;
  };
  streams: {
    name: string;
    effectUnit: string;
    effect: RoiRange | null;
    volumePerYear: number;
    valuePerUnitIdr: number;
    benefitsIdr: RoiRange;
    notes: string[];
  }[];
  low: RoiCase;
  base: RoiCase;
  high: RoiCase;
  intangibles: { name: string; description: string }[];
  assumptions: { name: string; value: number; unit: string; source: string; note: string }[];
  warnings: AnalysisWarning[];
  n: number;
  suppressed: boolean;
}

export interface BudgetScenarioInput {
  agency: string;
  program: string;
  budgetIdr: number;
  year?: number | null;
}
export interface BudgetScenario {
  agencyCode: string;
  programCode: string;
  budgetIdr: number;
  year: number | null;
  seats: number | null;
  leftoverIdr: number | null;
  requestsPerSeatPerYear: number;
  daysSavedPerRequest: RoiRange | null;
  volumeBasis: string;
  roi: { low: RoiCase; base: RoiCase; high: RoiCase } | null;
  history: { costPerParticipantIdr: number | null; participants: number; programCostsIdr: number };
  caveats: AnalysisWarning[];
}

export interface Scorecard {
  agency: string;
  year: number;
  headcount: number | null;
  participationRate: number | null;
  resistanceRate: number | null;
  jpComplianceRate: number | null;
  jpPerEmployee: number | null;
  ikm: number | null;
  ikmMutu: string | null;
  slaMetRate: number | null;
  medianServiceDays: number | null;
  budgetAllocatedIdr: number | null;
  budgetRealizedIdr: number | null;
  budgetRealisation: number | null;
  costPerParticipantIdr: number | null;
  costPerJpIdr: number | null;
  roiPct: number | null;
  roiNote: string | null;
  n: number | null;
  suppressed: boolean;
  suppressionReason: SuppressionReason | null;
  /** Measures hidden on their own (e.g. IKM with too few respondents) while the card shows. */
  suppressedComponents: string[];
}

export interface EtlRun {
  runId: string;
  mode: string;
  sources: string[];
  status: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  tables: { table: string; read: number; loaded: number; quarantined: number }[];
  dataTests: { total: number; failed: number; errors: string[] } | null;
  snapshotId: string | null;
  error: string | null;
}

export interface DataQuality {
  snapshotId: string;
  dataTests: {
    name: string;
    model: string;
    severity: string;
    status: string;
    failingRows: number;
    checkedAt: string;
  }[];
  quarantineCounts: { runId: string; source: string; table: string; reason: string; rows: number }[];
}
