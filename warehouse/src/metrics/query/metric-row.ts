import type { SuppressionReason as DisclosureReason } from '../../disclosure/index.ts';
import type { Dimension } from '../filter.ts';

/** Group key values of a row; in a total row every grouped dimension is null ("all"). */
export type GroupKeys = Partial<Record<Dimension, string | null>>;

/** Why a row's values are hidden (DESIGN "Metrics": disclosure control). */
export type SuppressionReason = Exclude<DisclosureReason, null>;

/** A row's headline value compared with an earlier period. */
export interface Comparison {
  /** The earlier period's value; null when it had no data or was suppressed. */
  readonly value: number | null;
  /** current − earlier; null when either is null. */
  readonly delta: number | null;
  /** delta / |earlier| × 100; null when either is null or earlier is 0. */
  readonly deltaPct: number | null;
}

/** What every metric row carries besides its measures. */
export interface MetricRowBase {
  readonly keys: GroupKeys;
  /** Period start (YYYY-MM-DD) when the query has a grain, else null. */
  readonly period: string | null;
  /** True for the row over all groups (the only row when there is no groupBy). */
  readonly isTotal: boolean;
  /**
   * Units behind the row (each metric documents its unit); 0 for a filled empty period; null when
   * suppressed (a small count is itself disclosive).
   */
  readonly n: number | null;
  /**
   * This row's share of its period's total, in percent, of the metric's additive count (each metric
   * documents which); null when suppressed or the total is 0.
   */
  readonly pctOfTotal: number | null;
  /** True when n and the measures are hidden (they are then null). */
  readonly suppressed: boolean;
  readonly suppressionReason: SuppressionReason | null;
  /** Only with `compare` and a grain; else null. */
  readonly previousPeriod: Comparison | null;
  readonly samePeriodLastYear: Comparison | null;
}

export type MetricRow<M> = MetricRowBase & M;

/** What every metric function returns. */
export interface MetricResult<R> {
  /** Ordered by period, then groups (by key), the total row last within each period. */
  readonly rows: R[];
  /** Minimum n applied for disclosure control. */
  readonly minN: number;
}
