import type { TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { Dimension, MetricVars, TimeGrain } from '../graphql/types.ts';
import type { Filters, ListField } from '../state/filters.ts';
import { type MetricName, metricFilter } from '../state/metric-filter.ts';

interface MetricOptions {
  readonly groupBy?: Dimension[];
  readonly grain?: TimeGrain;
  readonly compare?: boolean;
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
} {
  const { filter, ignored } = metricFilter(filters, metric);
  const variables: MetricVars = {
    filter,
    groupBy: options.groupBy ?? null,
    grain: options.grain ?? null,
    compare: options.compare ?? null,
  };
  const result = useQuery(document, { variables });
  return {
    data: result.data,
    loading: result.loading,
    error: result.error,
    refetch: () => void result.refetch().catch(() => undefined),
    ignored,
  };
}
