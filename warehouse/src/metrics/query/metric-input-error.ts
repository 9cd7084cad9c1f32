/**
 * What each reason of a metric input mistake carries besides its `field`, so a client can phrase
 * the mistake in its own language (the API passes them on as `extensions`). The API adds its own
 * reasons (`api/src/errors/api-errors.ts`) and documents the whole set in the README.
 */
export interface MetricInputReasons {
  /**
   * A number outside what the field accepts: inclusive `min` / `max`; `minExclusive` makes `min` a
   * strict bound. For a date (`filter.from`, an analysis window's `to`, …) `min` and `max` are ISO
   * dates: the first and last day the warehouse reasons about.
   */
  readonly OUT_OF_RANGE: {
    readonly min?: number | string;
    readonly max?: number | string;
    readonly minExclusive?: boolean;
  };
  /**
   * The answer would have `rows` rows (periods × groups, empty periods filled), more than `max`:
   * narrow the date range, take a coarser grain or fewer groupBy dimensions.
   */
  readonly TOO_MANY_ROWS: { readonly rows: number; readonly max: number };
  /** A list with fewer than `min` or more than `max` values. */
  readonly LIST_LENGTH: { readonly min?: number; readonly max?: number };
  /** A range whose start (`startField` = `start`) comes after its end (`endField` = `end`). */
  readonly RANGE_REVERSED: {
    readonly startField: string;
    readonly endField: string;
    readonly start: string;
    readonly end: string;
  };
  /** A list that names a value more than once (`duplicates`). */
  readonly DUPLICATE_VALUE: { readonly duplicates: readonly string[] };
  /** `field` only works together with the argument `missing` (e.g. `compare` needs `grain`). */
  readonly MISSING_ARGUMENT: { readonly missing: string };
  /** `metric` cannot be filtered by this filter field; `accepted` lists the filter fields it can. */
  readonly UNSUPPORTED_FILTER: { readonly metric: string; readonly accepted?: readonly string[] };
  /** `metric` cannot be grouped by the dimension `value`; `accepted` lists the ones it can. */
  readonly UNSUPPORTED_GROUP_BY: {
    readonly metric: string;
    readonly value: string;
    readonly accepted?: readonly string[];
  };
  /** `metric` cannot be reported per the time grain `value`; `accepted` lists the grains it can. */
  readonly UNSUPPORTED_GRAIN: {
    readonly metric: string;
    readonly value: string;
    readonly accepted: readonly string[];
  };
  /**
   * `metric` by or filtered to kelurahan counts the city-wide agencies' requests only (service
   * times: a kecamatan's own requests are not split by kelurahan), and the filter names `values`
   * that are kecamatan agencies, or service types the kecamatan serve: the answer would show them
   * as none. Drop them or the kelurahan.
   */
  readonly KECAMATAN_BY_KELURAHAN: { readonly metric: string; readonly values: readonly string[] };
  /** Not a calendar date written YYYY-MM-DD. */
  readonly INVALID_DATE: Record<never, never>;
  /**
   * A date range that cuts a period: `filter.from` must be the first day of a period of `unit` (the
   * query's grain; `year` without a grain), `filter.to` the last day of one. `value` is the date
   * given, `earlier` / `later` the aligned dates either side of it.
   */
  readonly RANGE_NOT_ALIGNED: {
    readonly unit: 'month' | 'quarter' | 'year';
    readonly value: string;
    readonly earlier: string;
    readonly later: string;
  };
}

export type MetricInputReason = keyof MetricInputReasons;

/** One reason with its parameters, and the query field at fault (e.g. `filter.serviceTypes`, `groupBy`). */
export type MetricInputDetail = {
  [R in MetricInputReason]: { readonly reason: R; readonly field: string } & MetricInputReasons[R];
}[MetricInputReason];

/**
 * A caller mistake in a metric query (a filter or groupBy the metric does not support, a bad date,
 * a grain the mart cannot resolve). The API maps it to `BAD_USER_INPUT`, with `detail` (reason,
 * field, parameters) as its extensions; internal bugs throw plain errors instead, so they surface
 * as INTERNAL_SERVER_ERROR without leaking SQL.
 */
export class MetricInputError extends Error {
  readonly code = 'BAD_USER_INPUT' as const;
  /** The query field at fault, e.g. `filter.serviceTypes` or `groupBy`. */
  readonly field: string;
  readonly reason: MetricInputReason;

  constructor(
    message: string,
    /** Why, where and the parameters a client needs to say it in its own words. */
    readonly detail: MetricInputDetail,
  ) {
    super(message);
    this.name = 'MetricInputError';
    this.field = detail.field;
    this.reason = detail.reason;
  }
}
