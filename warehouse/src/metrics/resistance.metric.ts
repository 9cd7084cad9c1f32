import type { Db } from '../db/index.ts';
import { INVITATIONS, INVITATIONS_DAY_AGENCY } from './bindings.ts';
import type { MetricQuery } from './filter.ts';
import { orLegacy } from './metric-aggregates.ts';
import { finishRows } from './query/finish-rows.ts';
import { count, nulled, ratio } from './query/measures.ts';
import { type MetricOptions, resolveMinN } from './query/metric-options.ts';
import type { MetricResult, MetricRow } from './query/metric-row.ts';
import { andAll, filterPredicates, groupingSql, planQuery, type QueryPlan } from './query/plan-query.ts';

export interface ResistanceMeasures {
  readonly invited: number | null;
  readonly declined: number | null;
  readonly noResponse: number | null;
  /** Enrolled but did not show up. */
  readonly noShow: number | null;
  /** declined + noResponse + noShow. */
  readonly resisted: number | null;
  /** resisted / invited, 0–1; null when nobody was invited. */
  readonly rate: number | null;
}
export type ResistanceRow = MetricRow<ResistanceMeasures>;

export interface DeclineReasonMeasures {
  /** Declines giving this reason (null reason = declined without one). */
  readonly declines: number | null;
  /** declines / all declines of the row's group and period, 0–1 (equals pctOfTotal / 100). */
  readonly share: number | null;
}
/** keys.declineReason is the reason; the total row (reason null, isTotal) holds all declines. */
export type DeclineReasonRow = MetricRow<DeclineReasonMeasures>;

export interface ResistanceResult extends MetricResult<ResistanceRow> {
  /** Decline reasons within each group and period of `rows` (each group is its own table). */
  readonly byReason: DeclineReasonRow[];
}

/**
 * Resistance: invitations that came to nothing through the invitee: (declined + no response +
 * no-show) / invited.
 *
 * Grain: invitations (marts.fct_invitations), placed in time by the invitation date; n = invitations,
 * percent of total is of resisted invitations. Tenure band (and every person or program attribute)
 * is a groupBy dimension: `groupBy: ['tenureBand']` gives the tenure gradient. `byReason` breaks the
 * declines of every row down by decline reason: shares among declines, suppressed per group (the
 * group's decline count is its margin). Rates are fractions 0–1; null = no invitations.
 */
export async function resistance(
  db: Db,
  query: MetricQuery,
  options?: MetricOptions & {
    /** Also compute `byReason` (one more query; default true). */
    readonly withReasons?: boolean;
  },
): Promise<ResistanceResult> {
  const minN = resolveMinN(options);
  const plan = planQuery('resistance', query);
  // Only the agency in the query: the per-day, per-agency counts answer it (far fewer rows).
  const byAgency =
    plan.groupBy.every((d) => d === 'agency') &&
    Object.entries(plan.filter).every(
      ([f, v]) => f === 'from' || f === 'to' || f === 'agencies' || !v?.length,
    );
  const run = (plan: QueryPlan, fromAggregate: boolean) => {
    const binding = fromAggregate ? INVITATIONS_DAY_AGENCY : INVITATIONS;
    const { keys, groupBy } = groupingSql(plan, binding);
    const where = andAll(filterPredicates(plan, binding));
    return db.all(
      fromAggregate
        ? `SELECT ${keys},
             CAST(sum(invited) AS BIGINT) AS invited,
             CAST(sum(declined) AS BIGINT) AS declined,
             CAST(sum(no_response) AS BIGINT) AS no_response,
             CAST(sum(no_show) AS BIGINT) AS no_show
           FROM marts.agg_invitations_day_agency WHERE ${where} ${groupBy}`
        : `SELECT ${keys},
             count(*) AS invited,
             count(*) FILTER (WHERE response = 'declined') AS declined,
             count(*) FILTER (WHERE response = 'no_response') AS no_response,
             count(*) FILTER (WHERE enrollment_status = 'no_show') AS no_show
           FROM marts.fct_invitations WHERE ${where} ${groupBy}`,
      plan.params.values,
    );
  };
  const raw = byAgency
    ? await orLegacy(
        () => run(plan, true),
        () => run(planQuery('resistance', query), false),
      )
    : await run(plan, false);
  const main = finishRows<ResistanceMeasures>(
    plan,
    raw,
    {
      read: (r) => {
        const [invited, declined, noResponse, noShow] = [r.invited, r.declined, r.no_response, r.no_show].map(
          count,
        ) as [number, number, number, number];
        const resisted = declined + noResponse + noShow;
        return { invited, declined, noResponse, noShow, resisted, rate: ratio(resisted, invited) };
      },
      n: (m) => m.invited ?? 0,
      value: (m) => m.rate,
      share: (m) => m.resisted,
      empty: () => ({ invited: 0, declined: 0, noResponse: 0, noShow: 0, resisted: 0, rate: null }),
      hide: nulled,
    },
    minN,
  );
  const byReason = options?.withReasons === false ? [] : await declineReasons(db, query, minN);
  return { ...main, byReason };
}

async function declineReasons(db: Db, query: MetricQuery, minN: number): Promise<DeclineReasonRow[]> {
  if (query.groupBy?.includes('declineReason')) return [];
  const plan = planQuery('resistance', { ...query, compare: false }, undefined, 'declineReason');
  const { keys, groupBy } = groupingSql(plan, INVITATIONS);
  const where = andAll([...filterPredicates(plan, INVITATIONS), "response = 'declined'"]);
  const raw = await db.all(
    `SELECT ${keys}, count(*) AS declines FROM marts.fct_invitations WHERE ${where} ${groupBy}`,
    plan.params.values,
  );
  const { rows } = finishRows<{ declines: number | null }>(
    plan,
    raw,
    {
      read: (r) => ({ declines: count(r.declines) }),
      n: (m) => m.declines ?? 0,
      value: (m) => m.declines,
      empty: () => ({ declines: 0 }),
      hide: nulled,
    },
    minN,
  );
  const groupOf = (row: DeclineReasonRow | (typeof rows)[number]) =>
    JSON.stringify([row.period, ...(query.groupBy ?? []).map((d) => row.keys[d] ?? null)]);
  const totals = new Map(rows.filter((r) => r.isTotal).map((r) => [groupOf(r), r.declines]));
  return rows.map((row) => {
    const total = totals.get(groupOf(row)) ?? null;
    const share = row.declines === null || total === null || total === 0 ? null : row.declines / total;
    return { ...row, share };
  });
}
