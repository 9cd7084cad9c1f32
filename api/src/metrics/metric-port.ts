import type { Db, MetricQuery, PortfolioEvidence } from '@asn/warehouse';

/**
 * The metric functions the API calls, as one seam. The default binding (`warehouse-metrics.ts`) is
 * the `@asn/warehouse` functions; tests wrap it to record calls (DataLoader batch assertions). The
 * shapes mirror the warehouse's own result types structurally, so a warehouse change that breaks
 * the API fails the typecheck here rather than at runtime.
 */

/** A metric row or result: the resolvers hand it to GraphQL, which reads fields by name. */
export type Row = object;

/** What every metric row carries (warehouse `MetricRowBase`). */
export interface MetricRowBase {
  readonly keys: Readonly<Record<string, string | null | undefined>>;
  readonly period: string | null;
  readonly isTotal: boolean;
  readonly n: number | null;
  readonly pctOfTotal: number | null;
  readonly suppressed: boolean;
  readonly suppressionReason: string | null;
}

export interface MetricResult<R = Row> {
  readonly rows: readonly (MetricRowBase & R)[];
  readonly minN: number;
}

export interface MetricOptions {
  readonly minN: number;
  readonly jpMinutes: number;
  /** The operation's (`ApiContext.signal`): aborted at its timeout, which stops disclosure control. */
  readonly signal?: AbortSignal;
}

export type MetricFn<R = Row> = (
  db: Db,
  query: MetricQuery,
  options: MetricOptions,
) => Promise<MetricResult<R>>;

export interface CohortSpecInput {
  readonly selector: { readonly kind: 'program' | 'method' | 'competencyArea'; readonly value: string };
  readonly from: string;
  readonly to: string;
  readonly outcome: 'service_days' | 'sla_met_rate' | 'requests_handled' | 'appraisal_score';
  readonly windowMonths?: number;
  /** Months left out before the treatment window (Ashenfelter's dip); default 0. */
  readonly gapMonths?: number;
  readonly agencies?: readonly string[];
  readonly contrast?: 'vs_rest' | 'only_vs_untrained';
}

/** Input of the joint program-effects model (`@asn/warehouse` ProgramEffectsSpec). */
export interface ProgramEffectsInput {
  readonly from: string;
  readonly to: string;
  readonly outcome?: 'service_days' | 'sla_met_rate' | 'requests_handled' | 'appraisal_score';
  readonly by?: 'program' | 'method' | 'competencyArea';
  readonly windowMonths?: number;
  readonly gapMonths?: number;
  readonly agencies?: readonly string[];
}

export interface ScorecardQuery {
  /** Agency codes and years to score; the loader passes every key of one batch here. */
  readonly agencies: readonly string[];
  readonly years: readonly number[];
}

export interface RoiSpecInput {
  readonly selector: { readonly kind: 'program' | 'method' | 'competencyArea'; readonly value: string };
  readonly from: string;
  readonly to: string;
  readonly agencies?: readonly string[];
  readonly windowMonths?: number;
  readonly contrast?: 'vs_rest' | 'only_vs_untrained';
  readonly isolation?: 'cohort' | 'joint';
  readonly assumptions?: Readonly<Record<string, number>>;
}

export interface PortfolioInput {
  /** Completion years (each a 1 January – 31 December treatment window); absent = every year with one. */
  readonly years?: readonly number[];
  readonly windowMonths?: number;
  readonly contrast?: 'vs_rest' | 'only_vs_untrained';
  /** Pricing only (what is read does not depend on it). */
  readonly isolation?: 'cohort' | 'joint';
  readonly assumptions?: Readonly<Record<string, number>>;
}

export interface BudgetTrendInput {
  readonly from?: number;
  readonly to?: number;
  readonly agencies?: readonly string[];
}

export interface BudgetScenarioInput {
  readonly agencyCode: string;
  readonly programCode: string;
  readonly budgetIdr: number;
  readonly year?: number;
  readonly contrast?: 'vs_rest' | 'only_vs_untrained';
  readonly isolation?: 'cohort' | 'joint';
  /** ROI assumption overrides (checked), as `RoiSpecInput.assumptions`. */
  readonly assumptions?: Readonly<Record<string, number>>;
}

/** Thrown for a metric whose warehouse function has not landed (or a binding missing): coded, not a crash. */
export class MetricUnavailableError extends Error {
  readonly code = 'METRIC_UNAVAILABLE' as const;
  constructor(metric: string) {
    super(`The ${metric} metric is not available in this build of the warehouse.`);
    this.name = 'MetricUnavailableError';
  }
}

export interface MetricPort {
  readonly participation: MetricFn;
  readonly invitationFunnel: MetricFn;
  /** Rows plus `byReason` (decline reasons per group; empty unless `withReasons`, default true). */
  readonly resistance: (
    db: Db,
    query: MetricQuery,
    options: MetricOptions,
    what?: { readonly withReasons?: boolean },
  ) => Promise<MetricResult & { readonly byReason: readonly (MetricRowBase & Row)[] }>;
  readonly completion: MetricFn;
  readonly jpCompliance: MetricFn;
  readonly reaction: MetricFn;
  readonly learning: MetricFn;
  readonly serviceTimes: MetricFn;
  /**
   * `withSample` (default true): each row's population, minimum sample and judgement, read from the
   * published service times for the same query (most of the work); false: the IKM alone.
   */
  readonly satisfaction: (
    db: Db,
    query: MetricQuery,
    options: MetricOptions,
    what?: { readonly withSample?: boolean },
  ) => Promise<MetricResult>;
  readonly cohortComparison: (db: Db, spec: CohortSpecInput, options: MetricOptions) => Promise<Row>;
  /** Every program of a window in one regression (3 queries); rows shaped as GraphQL `ProgramEffects`. */
  readonly programEffects: (db: Db, input: ProgramEffectsInput, options: MetricOptions) => Promise<Row>;
  /** One call scores every agency × year in the query (the batched form). */
  readonly agencyScorecard: (
    db: Db,
    query: ScorecardQuery,
    options: MetricOptions,
  ) => Promise<readonly { readonly agency: string; readonly year: number }[]>;
  readonly roi: (db: Db, spec: RoiSpecInput, options: MetricOptions) => Promise<Row>;
  readonly budgetScenario: (db: Db, input: BudgetScenarioInput, options: MetricOptions) => Promise<Row>;
  /** Training money per fiscal year beside the published headcount and participation (2 queries). */
  readonly budgetTrend: (db: Db, input: BudgetTrendInput, options: MetricOptions) => Promise<readonly Row[]>;
  /**
   * The program portfolio in two steps: what it reads from the warehouse (2 + 4 queries per year;
   * depends on the years, window, contrast and JP length only, so the API keeps it per snapshot),
   * then every program × year priced under the request's assumptions (pure): `roi` rows with the
   * evidence class.
   */
  readonly portfolioEvidence: (
    db: Db,
    input: PortfolioInput,
    options: MetricOptions,
  ) => Promise<PortfolioEvidence>;
  readonly pricePortfolio: (
    evidence: PortfolioEvidence,
    input: PortfolioInput,
    options: MetricOptions,
  ) => readonly Row[];
}
