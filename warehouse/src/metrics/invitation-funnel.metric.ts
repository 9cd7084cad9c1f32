import type { Db } from '../db/index.ts';
import type { MetricQuery } from './filter.ts';
import { INVITATION_PROTECTION, readInvitationCounts } from './invitation-counts.ts';
import type { RowCount } from './query/filter-complements.ts';
import { finishRows, readCoarser } from './query/finish-rows.ts';
import { count, nulled, ratio } from './query/measures.ts';
import { type MetricOptions, resolveMinN } from './query/metric-options.ts';
import type { MetricResult, MetricRow } from './query/metric-row.ts';
import { planQuery, type QueryPlan } from './query/plan-query.ts';
import { assertNotByDeclineReason } from './resistance.metric.ts';

export interface FunnelMeasures {
  readonly invited: number | null;
  readonly accepted: number | null;
  readonly enrolled: number | null;
  readonly completed: number | null;
  /** accepted / invited. */
  readonly acceptanceRate: number | null;
  /** enrolled / accepted. */
  readonly enrollmentRate: number | null;
  /** completed / enrolled. */
  readonly completionRate: number | null;
  /** completed / invited. */
  readonly overallRate: number | null;
}
export type FunnelRow = MetricRow<FunnelMeasures>;

/**
 * What the rows publish of the counts `INVITATION_PROTECTION` protects like n, compared across
 * queries: the enrolled and completed, and the invitations not accepted (invited less accepted: the
 * declined and no response, resistance's counts, which the rows publish only as their sum).
 */
export const FUNNEL_COUNTS: readonly RowCount[] = [
  'enrolled',
  'completed',
  (r) => ('accepted' in r ? Number(r.n ?? 0) - Number(r.accepted ?? 0) : 0),
];

/**
 * Invitation funnel: invited → accepted → enrolled → completed.
 *
 * Grain: invitations (marts.fct_invitations), placed in time by the invitation date, the person as of
 * the offering start (as completion places its enrollments: an enrolled employee sits in the same
 * cells of both). The steps are
 * nested so every step rate is ≤ 1: enrolled = accepted and enrolled in the offering; completed =
 * that enrollment completed. Rates are fractions 0–1; null when the previous step is 0.
 * n = invitations; percent of total is of invitations. Disclosure control also counts the distinct
 * employees invited (not published): a row is hidden when they are 1 … minN − 1, however many
 * invitations they had (`MeasureSpec.persons`). And it protects the enrolled, and the employees
 * enrolled, as `completion` protects them (its n and persons: the same enrollments, where the
 * invitation and the offering fall in one period): a row enrolling 1 … minN − 1 is hidden, with
 * complements chosen on the same table, so the funnel hides every cell completion hides over the
 * same enrollments, and shows none of its small counts or complements (privacy review of
 * 2026-12-04: 77 small enrolled counts completion hides, shown here, and complements of it that
 * pinned hidden cells). It protects resistance's declined, no response and no-show, with their
 * employees, as resistance does (its invited less accepted is the declined and no response), so
 * both hide the same cells. Filters and groupBy: person attributes
 * (agency, agency kind, grade group, tenure band, employment type), program, method, competency area.
 */
export async function invitationFunnel(
  db: Db,
  query: MetricQuery,
  options?: MetricOptions,
): Promise<MetricResult<FunnelRow>> {
  const minN = resolveMinN(options);
  const plan = planQuery('invitationFunnel', query);
  assertNotByDeclineReason(plan);
  const read = (plan: QueryPlan) =>
    readInvitationCounts(db, plan, {
      invited: 'TRUE',
      accepted: "response = 'accepted'",
      completed: "response = 'accepted' AND enrolled AND enrollment_status = 'completed'",
    });
  const raw = await read(plan);
  return finishRows<FunnelMeasures>(
    plan,
    raw,
    {
      read: (r) => {
        const [invited, accepted, enrolled, completed] = [r.invited, r.accepted, r.enrolled, r.completed].map(
          count,
        ) as [number, number, number, number];
        return {
          invited,
          accepted,
          enrolled,
          completed,
          acceptanceRate: ratio(accepted, invited),
          enrollmentRate: ratio(enrolled, accepted),
          completionRate: ratio(completed, enrolled),
          overallRate: ratio(completed, invited),
        };
      },
      n: (m) => m.invited ?? 0,
      // The enrolled are completion's n (same enrollments), protected as completion protects them;
      // resistance's declined, no response and no-show as resistance protects them.
      ...INVITATION_PROTECTION,
      value: (m) => m.overallRate,
      empty: () => emptyFunnel,
      hide: nulled,
    },
    minN,
    await readCoarser(plan, query, read),
    options?.signal,
  );
}

const emptyFunnel: FunnelMeasures = {
  invited: 0,
  accepted: 0,
  enrolled: 0,
  completed: 0,
  acceptanceRate: null,
  enrollmentRate: null,
  completionRate: null,
  overallRate: null,
};
