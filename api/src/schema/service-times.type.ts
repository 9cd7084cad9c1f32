import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricRow, PctOfTotalField, ReadRange } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Kirkpatrick L4 (results): public service handling time, SLA and requests per handler-month, by submission month. ' +
    'n = requests submitted in the period (completed or not; the day statistics are over `completed`, the SLA rate over the requests due by the data end, `slaDue`). ' +
    'Days are elapsed time from submission to completion in 24-hour days (weekends and holidays count, not working days), as the SLA targets of the service levels are (1 hour, 24 hours, 2 days). ' +
    'Read from monthly pre-aggregates (from/to are whole periods of the grain anyway; `range` in the result says what was read). ' +
    'medianDays and p90Days are type-7 quantiles of days bucketed (0.01 day below 1 day, 0.1 day below 10, whole days above; ' +
    'with kelurahan in the query 0.1 day below 10, whole days above), so within half a bucket of the exact quantile (≤ 0.005, 0.05 or 0.5 day); meanDays and slaMetRate are exact. ' +
    'Disclosure control protects handlerMonths, completed and slaDue like n: a row served by few employees, or whose day statistics or SLA rate rest on few requests, is hidden (with complementary suppression on each count). ' +
    'With kelurahan in the query (groupBy or filter) the answer counts the requests of the city-wide agencies only, not the kecamatan agencies’: a kecamatan serves its own kelurahan and requests with no kelurahan, so its cell less its kelurahan’s would give its requests with no kelurahan, a count no answer shows. Such a query whose filter names a kecamatan agency or a service type the kecamatan serve is refused (BAD_USER_INPUT, reason KECAMATAN_BY_KELURAHAN) rather than answered with a false zero. ' +
    'Requests still open when the data ends (the latest submission or completion the source observed) are right-censored: ' +
    'medians and means are of completed requests only, so in the latest periods they understate elapsed time (the slow requests are still open). ' +
    'openRequests counts them. A request is due when its target had elapsed by the data end (submitted_at + target ≤ data end): its SLA outcome is known, and an open one (openPastTarget) is a known miss. ' +
    'The SLA rate is over the due requests only (slaDue), so requests completed quickly are not counted while their slow siblings are still open. ' +
    'incomplete flags rows with open requests not yet due (their outcome may still change); a stale request open long past its target does not. ' +
    'previousPeriod / samePeriodLastYear compare medianDays, a bucketed median, so a delta is within one bucket of the exact difference (each median within half a bucket); ' +
    'when this row or the earlier one is incomplete the comparison gives the earlier value but no delta or deltaPct.',
})
export class ServiceTimesRow extends MetricRow {
  @PctOfTotalField('requests (= of n)')
  override pctOfTotal: number | null = null;
  @Field(() => Float, {
    nullable: true,
    description:
      "The SLA target of the row's service type, in calendar days from submission to completion (24-hour days, weekends and holidays count, as meanDays / medianDays; 1 = within 24 hours): the target slaMetRate judges each request against. From the source's service_levels parameter table, one target per service type, the same for every agency and year. A row not of one service type (a total, an agency, a period without groupBy serviceType) has the target shared by the service types filter.serviceTypes names, or by every service type when it names none; null when those differ (or one has no target), as on a total over KTP-el (1 day) and akta perkawinan (3 days). A parameter of the service type, not a count: kept on hidden rows.",
  })
  slaTargetDays!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Requests submitted in the period (= n), whatever their status: completed, still open (openRequests), or rejected or cancelled (n − completed − openRequests), which have no time to completion and no SLA outcome, so the day statistics and slaMetRate leave them out.',
  })
  requests!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Of those, completed (the units behind the day statistics; the SLA rate counts those due by the data end, see slaDue).',
  })
  completed!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Mean days from submission to completion (exact); null when none completed or the row is hidden.',
  })
  meanDays!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Median days, from the bucketed days histogram (within half a bucket: see the type); null when none completed or the row is hidden.',
  })
  medianDays!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      '90th percentile of days, from the bucketed days histogram (within half a bucket); null when none completed or the row is hidden.',
  })
  p90Days!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      "Share of the due requests that met the service type's target (0–1): completed within the target days / slaDue. A request is due when its target had elapsed by the data end (submitted_at + target ≤ data end), so its outcome is known: completed, or still open and a known miss (openPastTarget). Requests not yet due are left out, completed or not: the quick ones without their slow siblings still open would bias the latest periods upward. For periods whose requests are all due it is met / (completed + openPastTarget). Null when no request is due. The agency scorecard's slaMetRate is this rate per agency and year.",
  })
  slaMetRate!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      "The SLA rate's denominator: the requests due by the data end (their service type's target days had elapsed), completed or still open (openPastTarget). Null when the row is hidden.",
  })
  slaDue!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Of the requests, still open (in progress) when the data ends: left out of the day statistics, which are of completed requests. Null when the row is hidden.',
  })
  openRequests!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      "Of the open requests, due at the data end (their service type's target days had elapsed): counted as SLA misses in slaMetRate.",
  })
  openPastTarget!: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "True when some of the row's requests are open and not yet due at the data end (openRequests > openPastTarget: their outcome may still change): medians and means are of completed requests only, so in the latest periods they understate elapsed time, and previousPeriod / samePeriodLastYear give no delta. A finished period with a few requests left open long past target is not incomplete (they are SLA misses and stay out of the day statistics). Null when the row is hidden.",
  })
  incomplete!: boolean | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Requests per employee ("requests per employee", DESIGN L4) per month: requests with a handler / handlerMonths, so the average monthly workload of an employee who handled the row\'s requests (over all the service types of the row: an employee handling several types counts once). Null when grouped or filtered by kelurahan (the kelurahan aggregate has no handlers), or when no request of the row has a handler.',
  })
  requestsPerHandlerMonth!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      "Handler-months: per month and agency the distinct employees who handled requests of the row's service types, summed over the months and agencies of the row. An employee handling two service types in a month counts once on a row over both (a total, an agency, a query without groupBy serviceType) and once on each type's row, so the rows of a groupBy serviceType add up to more than their total. Null with kelurahan.",
  })
  handlerMonths!: number | null;
  @Field(() => Float, {
    nullable: true,
    deprecationReason:
      'Use requestsPerHandlerMonth (same value): the figure is per handler-month, not per distinct employee over the period.',
    description: 'Same value as requestsPerHandlerMonth (kept for existing queries).',
  })
  requestsPerHandler!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    deprecationReason:
      'Use handlerMonths (same value): the count is of handler-months, not of distinct employees over the period.',
    description: 'Same value as handlerMonths (kept for existing queries).',
  })
  handlers!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'ServiceTimes rows, ordered by period, then group, the total row last within each period.',
})
export class ServiceTimesResult {
  @Field(() => [ServiceTimesRow], { description: 'The rows.' })
  rows!: ServiceTimesRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;

  @Field(() => ReadRange, {
    description:
      'The days actually read: filter.from/to (whole periods of the grain, whole years without one), resolution month (the monthly pre-aggregates).',
  })
  range!: ReadRange;
}

/** A service-times row as the warehouse returns it (before the deprecated names are added). */
interface WarehouseServiceRow {
  readonly handlerMonths?: number | null;
  readonly requestsPerHandlerMonth?: number | null;
}

/**
 * Adds the deprecated `handlers` / `requestsPerHandler` to every row, with the values of the
 * renamed `handlerMonths` / `requestsPerHandlerMonth` (rows are plain data read as properties, so
 * the alias is a property, not a field resolver).
 */
export function withDeprecatedHandlerFields<T extends { readonly rows: readonly object[] }>(result: T): T {
  return {
    ...result,
    rows: result.rows.map((row) => {
      const r = row as WarehouseServiceRow;
      return {
        ...row,
        handlers: r.handlerMonths ?? null,
        requestsPerHandler: r.requestsPerHandlerMonth ?? null,
      };
    }),
  };
}
