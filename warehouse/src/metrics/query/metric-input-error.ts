/**
 * A caller mistake in a metric query (a filter or groupBy the metric does not support, a bad date,
 * a grain the mart cannot resolve). The API maps it to `BAD_USER_INPUT`; internal bugs throw plain
 * errors instead, so they surface as INTERNAL_SERVER_ERROR without leaking SQL.
 */
export class MetricInputError extends Error {
  readonly code = 'BAD_USER_INPUT' as const;

  constructor(
    message: string,
    /** The query field at fault, e.g. `filter.serviceTypes` or `groupBy`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'MetricInputError';
  }
}
