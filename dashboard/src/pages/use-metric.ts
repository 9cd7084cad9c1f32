import type { TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { isDisclosureTooComplex } from '../graphql/errors.ts';
import type { Dimension, MetricVars, TimeGrain } from '../graphql/types.ts';
import type { Coarsened, Filters, ListField } from '../state/filters.ts';
import { type MetricName, metricFilter, namesThreeDimensions } from '../state/metric-filter.ts';

interface MetricOptions {
  readonly groupBy?: Dimension[];
  readonly grain?: TimeGrain;
  readonly compare?: boolean;
  /**
   * A trend over time: when the server refuses the grain as too fine to protect (disclosure control
   * of its small cells is beyond the server's work budget, DISCLOSURE_TOO_COMPLEX), or answers with
   * every value hidden, ask for the next coarser one (month → quarter → year) and say so
   * (`coarsened`) rather than show an error or empty axes (`coarserAfter`).
   */
  readonly coarsenWhenTooFine?: boolean;
}

const COARSER: Readonly<Record<TimeGrain, TimeGrain | null>> = {
  month: 'quarter',
  quarter: 'year',
  year: null,
};

/** Rows that came back, every one hidden. */
const allHidden = (rows: readonly { readonly suppressed: boolean }[] | null | undefined): boolean =>
  rows !== null && rows !== undefined && rows.length > 0 && rows.every((r) => r.suppressed);

/** Why a trend is shown at a coarser grain than asked for. */
export type CoarsenedBecause = Coarsened['because'];

/**
 * The grain to ask for next after an answer at `grain`, and why: the next coarser one when the
 * server refused `grain` as too fine to protect (`refused`), or answered with every row hidden
 * (`hidden`: the chart would draw nothing, while the coarser periods sum enough units to show);
 * else null (the answer stands: it shows something, a coarser grain would not help, or there is none).
 */
export function coarserAfter(
  grain: TimeGrain | null | undefined,
  error: unknown,
  rows?: readonly { readonly suppressed: boolean }[] | null,
): { grain: TimeGrain; because: CoarsenedBecause } | null {
  const next = grain ? COARSER[grain] : null;
  if (!next) return null;
  if (isDisclosureTooComplex(error)) return { grain: next, because: 'refused' };
  if (!error && allHidden(rows)) return { grain: next, because: 'hidden' };
  return null;
}

/** The rows of a metric answer (`data[metric].rows`), if it has any. */
function rowsOf(data: unknown, metric: string): readonly { readonly suppressed: boolean }[] | null {
  const result = (data as Record<string, { rows?: unknown } | null> | undefined)?.[metric];
  return Array.isArray(result?.rows) ? (result.rows as { suppressed: boolean }[]) : null;
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
  /** The global list filters sent with the query. */
  applied: readonly ListField[];
  /** Its filters and groupBy name three dimensions: every group hidden (`namesThreeDimensions`). */
  threeWay: boolean;
  /** The grain of `data` (options.grain unless coarsened). */
  grain: TimeGrain | null;
  /** Set when `data` is at a coarser grain than asked for (see `coarsenWhenTooFine`). */
  coarsened: Coarsened | null;
} {
  const { filter, ignored, applied } = metricFilter(filters, metric);
  const asked = options.grain ?? null;
  // The coarser grain belongs to the view it was found for: another filter or grain asks afresh.
  const view = JSON.stringify([filter, options.groupBy ?? null, asked, options.compare ?? null]);
  // The grain stepped down to from the one asked for, and why (the first step's reason: what the
  // note says). `settled`: back at the grain asked for, the coarser ones hiding every value too.
  const [stepped, setStepped] = useState<{
    view: string;
    grain: TimeGrain;
    because: CoarsenedBecause;
    settled?: boolean;
  } | null>(null);
  const current = stepped?.view === view ? stepped : null;
  const grain = current?.grain ?? asked;
  const variables: MetricVars = {
    filter,
    groupBy: options.groupBy ?? null,
    grain,
    compare: options.compare ?? null,
  };
  const result = useQuery(document, { variables });
  const rows = rowsOf(result.data, metric);
  const step =
    options.coarsenWhenTooFine && !result.loading && !current?.settled
      ? coarserAfter(grain, result.error, rows)
      : null;
  // Stepped down because every value was hidden, and the coarsest grain hides every value too: the
  // coarser view shows no more, so the chart goes back to the grain asked for (Apollo has it cached).
  const exhausted =
    current !== null &&
    !current.settled &&
    current.because === 'hidden' &&
    step === null &&
    !result.loading &&
    !result.error &&
    allHidden(rows);
  const nextGrain = step?.grain ?? null;
  const nextBecause = step ? (current?.because ?? step.because) : null;
  const pending = nextGrain !== null || exhausted;
  useEffect(() => {
    if (nextGrain && nextBecause) setStepped({ view, grain: nextGrain, because: nextBecause });
    else if (exhausted && asked) setStepped({ view, grain: asked, because: 'hidden', settled: true });
  }, [nextGrain, nextBecause, exhausted, asked, view]);
  return {
    // About to ask at another grain: still loading, not an error, and the answer being left not shown.
    loading: result.loading || pending,
    error: pending ? undefined : result.error,
    data: pending ? undefined : result.data,
    refetch: () => void result.refetch().catch(() => undefined),
    ignored,
    applied,
    threeWay: namesThreeDimensions(metric, applied, options.groupBy ?? []),
    grain,
    coarsened:
      asked && current && current.grain !== asked
        ? { from: asked, to: current.grain, because: current.because }
        : null,
  };
}
