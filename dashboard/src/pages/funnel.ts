import type { ChartTable, SuppressionReason, TableRow } from '../charts/chart-table.ts';
import type { InvitationFunnelQuery } from '../graphql/operations.generated.ts';
import type { ResistanceRow } from '../graphql/types.ts';
import type { Translate } from '../i18n/translate.ts';

export type FunnelRow = InvitationFunnelQuery['invitationFunnel']['rows'][number];

/**
 * Which of a row's counts to hide: every count from 1 to `minN − 1` (a cell of fewer than `minN`
 * people), and, when the counts add up to a total shown elsewhere (`additive`), one more when only
 * one would be hidden, the smallest of the rest, so the hidden one cannot be recovered by
 * subtraction. Zero is shown: there is nobody to protect. Returns the hidden indices.
 */
export function smallCells(counts: readonly (number | null)[], minN: number, additive: boolean): Set<number> {
  const hidden = new Set<number>();
  counts.forEach((c, i) => {
    if (c !== null && c > 0 && c < minN) hidden.add(i);
  });
  if (additive && hidden.size === 1) {
    let pick: number | null = null;
    counts.forEach((c, i) => {
      if (c === null || hidden.has(i)) return;
      if (pick === null || c < (counts[pick] ?? Number.POSITIVE_INFINITY)) pick = i;
    });
    if (pick !== null) hidden.add(pick);
  }
  return hidden;
}

const hide = (keys: readonly string[], reason: SuppressionReason) =>
  Object.fromEntries(keys.map((k) => [k, reason])) as Record<string, SuppressionReason>;

/**
 * The invitation funnel of one (total) row: invited → accepted → enrolled → completed, each step's
 * count, its share of the invitations and its rate from the step before (the API's step rates). n
 * is the invitations; the API's suppression hides the whole funnel, and a step of 1 to `minN − 1`
 * people is hidden on its own (its count and both rates).
 */
export function funnelTable(row: FunnelRow | undefined, minN: number, t: Translate): ChartTable | null {
  if (!row) return null;
  const steps = [
    { key: 'invited', label: t('metric.invited'), count: row.invited, step: null },
    { key: 'accepted', label: t('funnel.accepted'), count: row.accepted, step: row.acceptanceRate },
    { key: 'enrolled', label: t('funnel.enrolled'), count: row.enrolled, step: row.enrollmentRate },
    { key: 'completed', label: t('funnel.completed'), count: row.completed, step: row.completionRate },
  ] as const;
  // The invitations are the row's n: the API already hides a row with too few of them.
  const small = smallCells(
    steps.map((s, i) => (i === 0 ? null : s.count)),
    minN,
    false,
  );
  const invited = row.invited;
  return {
    columns: [
      { key: 'stage', label: t('funnel.step'), kind: 'text' },
      { key: 'count', label: t('funnel.count'), kind: 'count' },
      { key: 'ofInvited', label: t('funnel.ofInvited'), kind: 'fraction' },
      { key: 'stepRate', label: t('funnel.stepRate'), kind: 'fraction' },
    ],
    rows: steps.map(
      (s, i): TableRow => ({
        values: {
          stage: s.label,
          count: s.count,
          ofInvited: s.count !== null && invited ? s.count / invited : null,
          stepRate: s.step,
        },
        n: row.n,
        suppressed: row.suppressed,
        ...(small.has(i) && !row.suppressed
          ? { suppressedCells: hide(['count', 'ofInvited', 'stepRate'], 'primary') }
          : {}),
      }),
    ),
    minN,
  };
}

/**
 * What resistance is made of, from the total resistance row: declined, no response and no-show,
 * each as invitations and as a share of all invitations (together the resistance rate). The three
 * add up to the resisted invitations (the rate × n shown on the other cards), so a small count is
 * hidden with a second one beside it.
 */
export function resistanceKindsTable(
  row: ResistanceRow | undefined,
  minN: number,
  t: Translate,
): ChartTable | null {
  if (!row) return null;
  const kinds = [
    { key: 'declined', label: t('metric.declined'), count: row.declined },
    { key: 'noResponse', label: t('metric.noResponse'), count: row.noResponse },
    { key: 'noShow', label: t('metric.noShow'), count: row.noShow },
  ] as const;
  const small = smallCells(
    kinds.map((k) => k.count),
    minN,
    true,
  );
  const singles = kinds.filter((k, i) => small.has(i) && k.count !== null && k.count > 0 && k.count < minN);
  return {
    columns: [
      { key: 'kind', label: t('funnel.resistanceKind'), kind: 'text' },
      { key: 'count', label: t('funnel.invitations'), kind: 'count' },
      { key: 'share', label: t('funnel.ofInvited'), kind: 'fraction' },
    ],
    rows: kinds.map(
      (k, i): TableRow => ({
        values: {
          kind: k.label,
          count: k.count,
          share: k.count !== null && row.invited ? k.count / row.invited : null,
        },
        n: row.n,
        suppressed: row.suppressed,
        ...(small.has(i) && !row.suppressed
          ? {
              suppressedCells: hide(
                ['count', 'share'],
                singles.some((s) => s.key === k.key) ? 'primary' : 'complementary',
              ),
            }
          : {}),
      }),
    ),
    minN,
  };
}
