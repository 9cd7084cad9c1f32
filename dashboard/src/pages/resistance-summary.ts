import { formatNumber, formatPercent } from '../format/format.ts';
import type { DeclineReasonRow, ResistanceRow } from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.id.ts';
import { labelOf, type Translate } from '../i18n/translate.ts';
import { DECLINE_REASONS, TENURE_BANDS } from '../state/domain.ts';
import type { ListField } from '../state/filters.ts';

/** One resistance answer as the page received it (`byReason` only where the query asks for it). */
export interface ResistanceAnswer {
  readonly rows: readonly ResistanceRow[];
  readonly byReason?: readonly DeclineReasonRow[];
}

export interface ResistanceSummaryInput {
  /** The years the figures cover, in words (`periodText`): "2021–2025", "semua tahun". */
  readonly period: string;
  /** The list filters the resistance queries applied (named in the lead). */
  readonly applied: readonly ListField[];
  /** Each query's answer; null where it failed (its card says so, the sentence leaves it out). */
  readonly total: ResistanceAnswer | null;
  readonly byTenure: ResistanceAnswer | null;
  readonly byAgency: ResistanceAnswer | null;
  /** An agency's name, as its card labels the row. */
  readonly agencyName: (code: string) => string;
}

export type SummaryPartKey =
  | 'lead'
  | 'overall'
  | 'tenure'
  | 'tenureReason'
  | 'reason'
  | 'agency'
  | 'withheld'
  | 'noData'
  | 'hidden';

/** A comparison left out because its rows are hidden (named in the `withheld` part). */
type WithheldClause = 'tenure' | 'tenureReason' | 'reason' | 'agency';
const WITHHELD_KEY: Record<WithheldClause, MessageKey> = {
  tenure: 'partisipasi.summary.withheld.tenure',
  tenureReason: 'partisipasi.summary.withheld.tenureReason',
  reason: 'partisipasi.summary.withheld.reason',
  agency: 'partisipasi.summary.withheld.agency',
};

/**
 * Whether a comparison is left out because of disclosure control: fewer than two values are shown
 * and some row is hidden. Not when there is nothing to compare (no rows, no declines) nor when the
 * one row is all there is (the agency breakdown filtered to one agency).
 */
const withheldBy = (rows: readonly { readonly suppressed: boolean }[], shown: number): boolean =>
  shown < 2 && rows.some((r) => r.suppressed);

/**
 * The share of the invitations the hidden agencies hold at or above which no agency is named as
 * resisting most (nor when more than half the agencies are hidden): the ones shown then say more
 * about which agencies survive disclosure control than about who resists (QA world 2021–2025: 46 of
 * 53 agencies hidden with 24.7 % of the invitations, some of them above the "highest" shown).
 */
export const HIDDEN_SHARE_LIMIT = 0.2;

/**
 * The share of the invitations the hidden agency rows hold: the total row's invitations less those
 * of the rows shown, so nothing but published figures (anyone can subtract them). Null when the
 * total row is hidden or has none, or a row shown lacks its invitations.
 */
function hiddenInvitationShare(
  rows: readonly ResistanceRow[],
  agencies: readonly ResistanceRow[],
): number | null {
  const total = rows.find((r) => r.isTotal);
  if (!total || total.suppressed || !isNumber(total.invited) || total.invited <= 0) return null;
  let shown = 0;
  for (const r of agencies) {
    if (r.suppressed) continue;
    if (!isNumber(r.invited)) return null;
    shown += r.invited;
  }
  return Math.max(0, total.invited - shown) / total.invited;
}

export interface SummaryPart {
  readonly key: SummaryPartKey;
  readonly text: string;
}

const isNumber = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** A row's value when the page shows it: never a hidden row's (nor a cell without a value). */
const shownValue = (row: { readonly suppressed: boolean }, v: number | null | undefined): number | null =>
  !row.suppressed && isNumber(v) ? v : null;

/** The first item with the largest (or smallest) value: ties go to the earlier one, as the tables sort. */
function extreme<T>(items: readonly T[], value: (item: T) => number, pick: 'max' | 'min'): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (best === undefined) best = item;
    else if (pick === 'max' ? value(item) > value(best) : value(item) < value(best)) best = item;
  }
  return best;
}

const tenureIndex = (band: string | null) => (TENURE_BANDS as readonly (string | null)[]).indexOf(band);

/**
 * The reason with the largest share among those shown (the earlier one on a tie, as the card's
 * order), when at least two are shown and it has any declines; the `shownKey` wording when some
 * reason is hidden. Null when too little is shown.
 */
function topReason(
  rows: readonly DeclineReasonRow[],
  key: MessageKey,
  shownKey: MessageKey,
  values: Record<string, string>,
  t: Translate,
  lang: Lang,
): string | null {
  const shown = rows.flatMap((r) => {
    const share = shownValue(r, r.share);
    return share === null ? [] : [{ reason: r.keys.declineReason, share }];
  });
  if (shown.length < 2) return null;
  const top = extreme(shown, (r) => r.share, 'max')!;
  if (top.share <= 0) return null;
  return t(rows.some((r) => r.suppressed) ? shownKey : key, {
    ...values,
    reason: top.reason ? labelOf(t, 'reason', top.reason) : t('reason.none'),
    share: formatPercent(top.share, lang, 1),
  });
}

/**
 * "Who resists?" in plain words, from the figures the Partisipasi page shows: the resistance rate over
 * the period, the tenure bands that resist most and least, the most common decline reason (overall
 * and in the band that resists most) and the agency with the highest rate.
 *
 * Disclosure control: only rows and cells the cards show are read (a hidden row, a hidden cell or a
 * missing value is never named nor used to derive another); a comparison needs at least two values
 * shown, else it is left out; where some are hidden the clause says it compares only those shown.
 * The agency clause says how many agencies are shown and what share of the invitations the hidden
 * ones hold (from the total row, when it is shown), and names no agency when more than half are
 * hidden or they hold `HIDDEN_SHARE_LIMIT` of the invitations or more.
 * A comparison left out because its rows are hidden (all of them, or all but one) is named in one
 * closing sentence (`withheld`), unlike one with nothing to compare (no declines, one agency).
 * Nothing shown at all: said plainly (no invitations, or hidden). Returns [] when there is nothing to
 * say because a query failed (its card shows the error). The first part is the lead (the question and
 * the period), each next part one sentence.
 */
export function resistanceSummary(input: ResistanceSummaryInput, t: Translate, lang: Lang): SummaryPart[] {
  const pct = (v: number) => formatPercent(v, lang, 1);
  const parts: SummaryPart[] = [];
  const withheld: WithheldClause[] = [];

  // The rate over the period, of every invitation the filters select.
  const totalRow = input.total?.rows.find((r) => r.isTotal);
  const overallRate = totalRow ? shownValue(totalRow, totalRow.rate) : null;
  if (totalRow && overallRate !== null && isNumber(totalRow.invited) && totalRow.invited > 0) {
    parts.push({
      key: 'overall',
      text: t('partisipasi.summary.overall', {
        rate: pct(overallRate),
        n: formatNumber(totalRow.invited, lang),
      }),
    });
  }

  // Tenure bands, most and least resisting, in career order on a tie.
  const bands = (input.byTenure?.rows ?? [])
    .filter((r) => !r.isTotal && r.keys.tenureBand !== null && tenureIndex(r.keys.tenureBand) >= 0)
    .sort((a, b) => tenureIndex(a.keys.tenureBand) - tenureIndex(b.keys.tenureBand));
  const shownBands = bands.flatMap((r) => {
    const rate = shownValue(r, r.rate);
    return rate === null ? [] : [{ band: r.keys.tenureBand as string, rate }];
  });
  if (shownBands.length >= 2) {
    const high = extreme(shownBands, (b) => b.rate, 'max')!;
    const low = extreme(shownBands, (b) => b.rate, 'min')!;
    if (pct(high.rate) === pct(low.rate)) {
      parts.push({ key: 'tenure', text: t('partisipasi.summary.tenureEqual', { rate: pct(high.rate) }) });
    } else {
      const someHidden = bands.some((r) => r.suppressed);
      parts.push({
        key: 'tenure',
        text: t(someHidden ? 'partisipasi.summary.tenureShown' : 'partisipasi.summary.tenure', {
          high: labelOf(t, 'tenure', high.band),
          highRate: pct(high.rate),
          low: labelOf(t, 'tenure', low.band),
          lowRate: pct(low.rate),
        }),
      });
      // Why the band that resists most declines: its row of the reasons-by-tenure card (the listed
      // reasons only, as that card shows them), unless the row is hidden whole.
      const cells = (input.byTenure?.byReason ?? []).filter((r) => r.keys.tenureBand === high.band);
      const bandTotal = cells.find((r) => r.isTotal);
      if (bandTotal && !bandTotal.suppressed) {
        const reasons = DECLINE_REASONS.flatMap((reason) => {
          const cell = cells.find((r) => !r.isTotal && r.keys.declineReason === reason);
          return cell ? [cell] : [];
        });
        const part = topReason(
          reasons,
          'partisipasi.summary.tenureReason',
          'partisipasi.summary.tenureReasonShown',
          {
            band: labelOf(t, 'tenure', high.band),
          },
          t,
          lang,
        );
        if (part) parts.push({ key: 'tenureReason', text: part });
        else if (withheldBy(reasons, reasons.filter((r) => shownValue(r, r.share) !== null).length))
          withheld.push('tenureReason');
      } else if (bandTotal?.suppressed) withheld.push('tenureReason');
    }
  } else if (withheldBy(bands, shownBands.length)) withheld.push('tenure');

  // The most common decline reason over all declines: the rows of the reasons card. A filtered
  // answer may withhold them whole: only its total row, hidden.
  const reasonRows = input.total?.byReason ?? [];
  const overallReason = topReason(
    reasonRows.filter((r) => !r.isTotal),
    'partisipasi.summary.reason',
    'partisipasi.summary.reasonShown',
    {},
    t,
    lang,
  );
  if (overallReason) parts.push({ key: 'reason', text: overallReason });
  else if (
    withheldBy(reasonRows, reasonRows.filter((r) => !r.isTotal && shownValue(r, r.share) !== null).length)
  )
    withheld.push('reason');

  // The agency with the highest rate (the first row of its card, which sorts by rate), said with how
  // many agencies are shown and how much of the invitations the hidden ones hold; none named when
  // the hidden ones are too many for the shown ones to stand for them.
  const agencies = (input.byAgency?.rows ?? []).filter((r) => !r.isTotal && r.keys.agency !== null);
  const shownAgencies = agencies.flatMap((r) => {
    const rate = shownValue(r, r.rate);
    return rate === null ? [] : [{ row: r, rate }];
  });
  if (shownAgencies.length >= 2) {
    const hidden = agencies.filter((r) => r.suppressed).length;
    const share = hiddenInvitationShare(input.byAgency?.rows ?? [], agencies);
    const counts = {
      shown: formatNumber(agencies.length - hidden, lang),
      hidden: formatNumber(hidden, lang),
      total: formatNumber(agencies.length, lang),
      ...(share === null ? {} : { hiddenShare: pct(share) }),
    };
    const withShare = share !== null;
    if (hidden > 0 && (2 * hidden > agencies.length || (share !== null && share >= HIDDEN_SHARE_LIMIT))) {
      // Pointed to the tenure bands when they are compared above (they rarely hide a band).
      const seeTenure = parts.some((p) => p.key === 'tenure')
        ? ` ${t('partisipasi.summary.agencySeeTenure', { card: t('partisipasi.byTenure') })}`
        : '';
      parts.push({
        key: 'agency',
        text: `${t(withShare ? 'partisipasi.summary.agencyHidden' : 'partisipasi.summary.agencyHiddenNoShare', counts)}${seeTenure}`,
      });
    } else {
      const top = extreme(shownAgencies, (a) => a.rate, 'max')!;
      const values = {
        ...counts,
        agency: input.agencyName(top.row.keys.agency as string),
        rate: pct(top.rate),
        n: formatNumber(top.row.invited ?? top.row.n, lang),
      };
      parts.push({
        key: 'agency',
        text:
          hidden === 0
            ? t('partisipasi.summary.agency', values)
            : t(
                withShare ? 'partisipasi.summary.agencyShown' : 'partisipasi.summary.agencyShownNoShare',
                values,
              ),
      });
    }
  } else if (withheldBy(agencies, shownAgencies.length)) withheld.push('agency');

  if (parts.length === 0) {
    // A failed query may hold what the others lack: nothing is claimed about the selection then.
    if (input.total === null || input.byTenure === null || input.byAgency === null) return [];
    const answers = [input.total, input.byTenure, input.byAgency];
    const anyHidden = answers.some(
      (a) => a.rows.some((r) => r.suppressed) || (a.byReason ?? []).some((r) => r.suppressed),
    );
    parts.push(
      anyHidden
        ? { key: 'hidden', text: t('partisipasi.summary.hidden') }
        : { key: 'noData', text: t('partisipasi.summary.noData') },
    );
  } else if (withheld.length > 0) {
    // What is said stands; the comparisons left out for privacy are named, never dropped silently
    // (the most-resisting band's reasons go unsaid when all the reasons are withheld anyway).
    const named = withheld.includes('reason') ? withheld.filter((c) => c !== 'tenureReason') : withheld;
    const list = new Intl.ListFormat(lang, { type: 'conjunction' }).format(
      named.map((c) => t(WITHHELD_KEY[c])),
    );
    parts.push({ key: 'withheld', text: t('partisipasi.summary.withheld', { parts: list }) });
  }

  const filters = input.applied.map((f) => t(`filter.${f}` as MessageKey)).join(', ');
  const lead = filters
    ? t('partisipasi.summary.leadFiltered', { period: input.period, filters })
    : t('partisipasi.summary.lead', { period: input.period });
  return [{ key: 'lead', text: lead }, ...parts];
}
