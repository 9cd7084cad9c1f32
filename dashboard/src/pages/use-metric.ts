import type { TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { isDisclosureTooComplex } from '../graphql/errors.ts';
import type { Dimension, MetricVars, TimeGrain } from '../graphql/types.ts';
import type { Coarsened, Filters, ListField } from '../state/filters.ts';
import { type MetricName, metricFilter } from '../state/metric-filter.ts';

interface MetricOptions {
  readonly groupBy?: Dimension[];
  readonly grain?: TimeGrain;
  readonly compare?: boolean;
  /**
   * A trend over time: when the server refuses the grain as too fine to protect (disclosure control
   * of its small cells is beyond the server's work budget, DISCLOSURE_TOO_COMPLEX), ask for the next
   * coarser one (month → quarter → year) and say so (`coarsened`) rather than show an error.
   */
  readonly coarsenWhenTooFine?: boolean;
}

const COARSER: Readonly<Record<TimeGrain, TimeGrain | null>> = {
  month: 'quarter',
  quarter: 'year',
  year: null,
};

/**
 * The grain to ask for next after `error` at `grain`: the next coarser one when the server refused
 * `grain` as too fine to protect, else null (the error stands: a coarser grain would not help, or
 * there is none).
 */
export function coarserAfter(grain: TimeGrain | null | undefined, error: unknown): TimeGrain | null {
  if (!grain || !isDisclosureTooComplex(error)) return null;
  return COARSER[grain];
}

/**
 * One metric query scoped to the filters that metric supports. Each chart runs its own query, so
 * one failing or slow metric shows its own error or spinner and never blanks the page.
 */
export function useMetric<TData>(
  document: TypedDocumentNode<TData, MetricVars>,
  metric: MetricName,
  filters: Filters,
  options: MetricOptions = {},
): {
  data: TData | undefined;
  loading: boolean;
  error: unknown;
  /** Runs the query again; a failure shows as `error`, the promise never rejects. */
  refetch: () => void;
  ignored: readonly ListField[];
  /** The grain of `data` (options.grain unless coarsened). */
  grain: TimeGrain | null;
  /** Set when `data` is at a coarser grain than asked for (see `coarsenWhenTooFine`). */
  coarsened: Coarsened | null;
} {
  const { filter, ignored } = metricFilter(filters, metric);
  const asked = options.grain ?? null;
  // The coarser grain belongs to the view it was found for: another filter or grain asks afresh.
  const view = JSON.stringify([filter, options.groupBy ?? null, asked, options.compare ?? null]);
  const [stepped, setStepped] = useState<{ view: string; grain: TimeGrain } | null>(null);
  const grain = stepped?.view === view ? stepped.grain : asked;
  const variables: MetricVars = {
    filter,
    groupBy: options.groupBy ?? null,
    grain,
    compare: options.compare ?? null,
  };
  const result = useQuery(document, { variables });
  const next = options.coarsenWhenTooFine && !result.loading ? coarserAfter(grain, result.error) : null;
  useEffect(() => {
    if (next) setStepped({ view, grain: next });
  }, [next, view]);
  return {
    data: result.data,
    // About to ask at the coarser grain: still loading, not an error.
    loading: result.loading || next !== null,
    error: next !== null ? undefined : result.error,
    refetch: () => void result.refetch().catch(() => undefined),
    ignored,
    grain,
    coarsened: asked && grain && grain !== asked ? { from: asked, to: grain } : null,
  };
}
