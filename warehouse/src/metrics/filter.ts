/**
 * The common query shape every metric accepts. The API's shared filter input maps 1:1 onto
 * `MetricFilter`; list fields are ANDed across fields and ORed within a field; an empty or
 * absent list means "no restriction".
 */

export type TimeGrain = 'month' | 'quarter' | 'year';

/** Dimensions a metric may group by (each metric documents which it supports). */
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

export interface MetricFilter {
  /** Inclusive ISO dates (YYYY-MM-DD). Absent → all time in the snapshot. */
  readonly from?: string;
  readonly to?: string;
  readonly agencies?: readonly string[];
  readonly programs?: readonly string[];
  readonly methods?: readonly string[];
  readonly competencyAreas?: readonly string[];
  readonly gradeGroups?: readonly string[];
  readonly tenureBands?: readonly string[];
  readonly employmentTypes?: readonly string[];
  readonly serviceTypes?: readonly string[];
  readonly kelurahan?: readonly string[];
}

export interface MetricQuery {
  readonly filter?: MetricFilter;
  readonly groupBy?: readonly Dimension[];
  /** With a grain, results form a time series with every empty period filled. */
  readonly grain?: TimeGrain;
  /**
   * With a grain: attach to every row its previous period and the same period last year (value,
   * delta, delta %). The query then also reads the year before `filter.from`.
   */
  readonly compare?: boolean;
}
