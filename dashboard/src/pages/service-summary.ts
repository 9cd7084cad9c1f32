import { formatDays, formatNumber, formatPercent, formatPeriod, type Grain } from '../format/format.ts';
import type { IkmRow, ServiceTimesRow } from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.id.ts';
import type { Translate } from '../i18n/translate.ts';
import type { ListField } from '../state/filters.ts';

/** One time series as the page received it, at its own grain (a trend may be coarsened). */
export interface SeriesAnswer<R> {
  readonly rows: readonly R[];
  readonly grain: Grain;
}

export interface ServiceSummaryInput {
  /** The years the figures cover, in words (`periodText`): "2021–2025", "semua tahun". */
  readonly period: string;
  /** The list filters the service queries applied (named in the lead). */
  readonly applied: readonly ListField[];
  /** Each answer the page's cards show; null where it failed (its card says so, the sentence leaves it out). */
  readonly serviceOverTime: SeriesAnswer<ServiceTimesRow> | null;
  readonly ikmOverTime: SeriesAnswer<IkmRow> | null;
  /** The IKM over the whole selection (the nine unsur card). */
  readonly ikmTotal: { readonly rows: readonly IkmRow[] } | null;
}

export type ServiceSummaryPartKey =
  | 'lead'
  | 'days'
  | 'incomplete'
  | 'sla'
  | 'ikm'
  | 'unsur'
  | 'someHidden'
  | 'withheld'
  | 'notEffect'
  | 'noData'
  | 'hidden';

export interface ServiceSummaryPart {
  readonly key: ServiceSummaryPartKey;
  readonly text: string;
}

/** A clause left out because its rows are hidden (named in the `withheld` part). */
type Withheld = 'days' | 'sla' | 'ikm' | 'unsur';
const WITHHELD_KEY: Record<Withheld, MessageKey> = {
  days: 'layanan.summary.withheld.days',
  sla: 'layanan.summary.withheld.sla',
  ikm: 'layanan.summary.withheld.ikm',
  unsur: 'layanan.summary.withheld.unsur',
};

const isNumber = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

interface Point<R> {
  readonly row: R;
  readonly value: number;
}

/**
 * The first and last period a series shows a value for: periods with data only (the API fills a
 * period without any with n = 0), a hidden period never read. `someHidden`: a period with data is
 * hidden (the comparison skips it, and says so); `withheld`: too few periods are shown because of
 * hidden ones.
 */
function ends<R extends { period: string | null; isTotal: boolean; suppressed: boolean; n: number | null }>(
  rows: readonly R[],
  value: (r: R) => number | null | undefined,
): { first: Point<R> | null; last: Point<R> | null; someHidden: boolean; withheld: boolean } {
  const periods = rows.filter((r) => r.period !== null && r.isTotal && (r.suppressed || (r.n ?? 0) > 0));
  const shown = periods.flatMap((row) => {
    const v = row.suppressed ? null : value(row);
    return isNumber(v) ? [{ row, value: v }] : [];
  });
  const someHidden = periods.some((r) => r.suppressed);
  // One period shown beside hidden ones is no change to report, nor the selection's only period.
  if (someHidden && shown.length < 2) return { first: null, last: null, someHidden: false, withheld: true };
  return { first: shown[0] ?? null, last: shown[shown.length - 1] ?? null, someHidden, withheld: false };
}

/** "turun" / "naik" / "tetap": by the values as shown (formatted), so equal text is never "naik". */
type Direction = 'Down' | 'Up' | 'Same';
const direction = (from: number, to: number, fromText: string, toText: string): Direction =>
  fromText === toText ? 'Same' : to < from ? 'Down' : 'Up';

/**
 * "Did service get faster?" in plain words, from the figures the Layanan page shows: the median
 * service days and the SLA share of the first and last period of its over-time cards, the IKM
 * (with its mutu band) of the first and last period of the IKM card, and the weakest of the nine
 * unsur over the selection; then that this is a trend, not a training effect.
 *
 * Disclosure control: only rows the cards show are read (a hidden row or a missing value is never
 * named nor used to derive another). A series with a hidden period compares the first and last
 * periods shown and says some are hidden; one with fewer than two shown because of hidden periods
 * is named in one closing sentence (`withheld`). The numbers are formatted as the cards' tables
 * format them, so the sentence and the tables read the same. Nothing shown at all: said plainly.
 * Returns [] when a query failed and nothing else is left to say (its card shows the error).
 */
export function serviceSummary(input: ServiceSummaryInput, t: Translate, lang: Lang): ServiceSummaryPart[] {
  const parts: ServiceSummaryPart[] = [];
  const withheld: Withheld[] = [];
  let someHidden = false;
  const pct = (v: number) => formatPercent(v, lang, 1);
  const days = (v: number) => formatDays(v, lang);
  const score = (v: number) => formatNumber(v, lang, 2);

  const service = input.serviceOverTime;
  if (service) {
    const at = (r: ServiceTimesRow) => formatPeriod(r.period, service.grain, lang);
    const d = ends(service.rows, (r) => r.medianDays);
    if (d.first && d.last) {
      someHidden ||= d.someHidden;
      const from = days(d.first.value);
      const to = days(d.last.value);
      if (d.first.row === d.last.row) {
        parts.push({ key: 'days', text: t('layanan.summary.daysOne', { to, last: at(d.last.row) }) });
      } else {
        const dir = direction(d.first.value, d.last.value, from, to);
        parts.push({
          key: 'days',
          text: t(`layanan.summary.days${dir}` as MessageKey, {
            from,
            to,
            first: at(d.first.row),
            last: at(d.last.row),
          }),
        });
      }
      if (d.last.row.incomplete === true) {
        parts.push({ key: 'incomplete', text: t('layanan.summary.incomplete', { last: at(d.last.row) }) });
      }
    } else if (d.withheld) withheld.push('days');

    const s = ends(service.rows, (r) => r.slaMetRate);
    if (s.first && s.last) {
      someHidden ||= s.someHidden;
      const from = pct(s.first.value);
      const to = pct(s.last.value);
      if (s.first.row === s.last.row) {
        parts.push({ key: 'sla', text: t('layanan.summary.slaOne', { to, last: at(s.last.row) }) });
      } else {
        const dir = direction(s.first.value, s.last.value, from, to);
        parts.push({
          key: 'sla',
          text: t(`layanan.summary.sla${dir}` as MessageKey, {
            from,
            to,
            first: at(s.first.row),
            last: at(s.last.row),
          }),
        });
      }
    } else if (s.withheld) withheld.push('sla');
  }

  const ikm = input.ikmOverTime;
  if (ikm) {
    const at = (r: IkmRow) => formatPeriod(r.period, ikm.grain, lang);
    const band = (r: IkmRow) => r.mutu ?? '—';
    const k = ends(ikm.rows, (r) => r.ikm);
    if (k.first && k.last) {
      someHidden ||= k.someHidden;
      const from = score(k.first.value);
      const to = score(k.last.value);
      if (k.first.row === k.last.row) {
        parts.push({
          key: 'ikm',
          text: t('layanan.summary.ikmOne', { to, toBand: band(k.last.row), last: at(k.last.row) }),
        });
      } else {
        const dir = direction(k.first.value, k.last.value, from, to);
        parts.push({
          key: 'ikm',
          text: t(`layanan.summary.ikm${dir}` as MessageKey, {
            from,
            to,
            fromBand: band(k.first.row),
            toBand: band(k.last.row),
            first: at(k.first.row),
            last: at(k.last.row),
          }),
        });
      }
    } else if (k.withheld) withheld.push('ikm');
  }

  // The weakest unsur over the selection: the nine unsur card's row (first of equals, U1..U9 order).
  const total = input.ikmTotal?.rows.find((r) => r.isTotal);
  if (total?.suppressed) withheld.push('unsur');
  else if (total?.nrr && total.nrr.length > 0 && (total.respondents ?? 0) > 0) {
    let weakest = -1;
    total.nrr.forEach((v, i) => {
      if (isNumber(v) && (weakest < 0 || v < total.nrr![weakest]!)) weakest = i;
    });
    if (weakest >= 0) {
      parts.push({
        key: 'unsur',
        text: t('layanan.summary.unsur', {
          period: input.period,
          unsur: t(`unsur.${weakest + 1}` as MessageKey),
          nrr: score(total.nrr[weakest]!),
        }),
      });
    }
  }

  if (parts.length === 0) {
    // A failed query may hold what the others lack: nothing is claimed about the selection then.
    if (!input.serviceOverTime || !input.ikmOverTime || !input.ikmTotal) return [];
    parts.push(
      withheld.length > 0
        ? { key: 'hidden', text: t('layanan.summary.hidden') }
        : { key: 'noData', text: t('layanan.summary.noData') },
    );
  } else {
    if (someHidden) parts.push({ key: 'someHidden', text: t('layanan.summary.someHidden') });
    if (withheld.length > 0) {
      // What is said stands; the clauses left out for privacy are named, never dropped silently.
      const list = new Intl.ListFormat(lang, { type: 'conjunction' }).format(
        withheld.map((c) => t(WITHHELD_KEY[c])),
      );
      parts.push({ key: 'withheld', text: t('layanan.summary.withheld', { parts: list }) });
    }
    parts.push({ key: 'notEffect', text: t('layanan.summary.notEffect', { kohort: t('page.kohort') }) });
  }

  const filters = input.applied.map((f) => t(`filter.${f}` as MessageKey)).join(', ');
  const lead = filters
    ? t('layanan.summary.leadFiltered', { period: input.period, filters })
    : t('layanan.summary.lead', { period: input.period });
  return [{ key: 'lead', text: lead }, ...parts];
}
