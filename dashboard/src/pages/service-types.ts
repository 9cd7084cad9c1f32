import { type ChartTable, sortedBy } from '../charts/chart-table.ts';
import { formatNumber, formatPeriod, type Grain } from '../format/format.ts';
import type { ServiceTimesRow } from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Translate } from '../i18n/translate.ts';
import { labelOf } from '../i18n/translate.ts';
import { groupTable, type Measure, type Rate, trendTable } from './trend-table.ts';

/**
 * A service type's name (`pbg` → "Persetujuan Bangunan Gedung (PBG)"), from the dashboard's labels
 * of the known codes, since the API lists service types by code only; a code without a label (a new
 * service in the source) shows as the code itself, never as nothing.
 */
export function serviceTypeName(t: Translate, code: string | null | undefined): string {
  return labelOf(t, 'service', code);
}

/** The service-times measures of the Layanan tables: days (median, p90), SLA share, requests. */
export function serviceTimesMeasures(t: Translate) {
  const median: Measure<ServiceTimesRow> = {
    key: 'median',
    label: t('metric.medianDays'),
    kind: 'days',
    value: (r) => r.medianDays,
  };
  const p90: Measure<ServiceTimesRow> = {
    key: 'p90',
    label: t('metric.p90Days'),
    kind: 'days',
    value: (r) => r.p90Days,
  };
  const sla: Measure<ServiceTimesRow> = {
    key: 'sla',
    label: t('metric.sla'),
    kind: 'fraction',
    value: slaRate.value,
  };
  const requests: Measure<ServiceTimesRow> = {
    key: 'requests',
    label: t('metric.requests'),
    kind: 'count',
    value: (r) => r.requests,
  };
  // DESIGN's L4 "requests per employee": requests with a handler over handler-months, the monthly
  // workload of the unit's staff (null by kelurahan, which has no handlers). A unit's column only.
  const perHandler: Measure<ServiceTimesRow> = {
    key: 'perHandler',
    label: t('metric.requestsPerEmployee'),
    kind: 'ratio',
    value: (r) => r.requestsPerHandlerMonth,
  };
  return { median, p90, sla, requests, perHandler, days: [median, p90, sla, requests] };
}

/**
 * The n of a service-times row as its measures' denominator: the completed requests (days and the
 * SLA share are over those), not the requests submitted (the metric's n, shown in its own column).
 */
export const completedN = (r: ServiceTimesRow): number | null => r.completed;

/**
 * The SLA share and the requests it is over, its n wherever it is shown (Ringkasan's tile and trend,
 * Layanan's "SLA over time"): the requests due by the data's end (`slaDue`: their target had
 * elapsed, completed or still open and a known miss). Change the definition here and every n follows.
 */
export const slaRate: Rate<ServiceTimesRow> = {
  value: (r) => r.slaMetRate,
  n: (r) => r.slaDue,
};

type ServiceTimesResult = { readonly rows: readonly ServiceTimesRow[]; readonly minN: number };

/**
 * A service type's SLA target in days as the table shows it: whole days without decimals ("1"), a
 * part of a day with up to two ("0,5"; 1 hour is 0,04); the CSV keeps the raw number.
 */
export function formatTargetDays(value: string | number | null, lang: Lang): string {
  if (typeof value !== 'number') return formatNumber(null, lang);
  return formatNumber(value, lang, Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2);
}

/**
 * Service days per service type, slowest (by median) first: the type's name labels the row (and the
 * chart's axis), its code follows, so a table or CSV row can still be joined to the source. The SLA
 * target of the type (`slaTargetDays`, days) follows the SLA share, so "Tepat SLA" can be read
 * against it: types differ (KTP-el 1 day, akta perkawinan 3 in the Palangka Raya source).
 */
export function serviceTypeTable(
  result: ServiceTimesResult | undefined,
  t: Translate,
  lang: Lang,
): ChartTable | null {
  const { median, p90, sla, requests } = serviceTimesMeasures(t);
  const code: Measure<ServiceTimesRow> = {
    key: 'code',
    label: t('layanan.serviceCode'),
    kind: 'text',
    value: (r) => r.keys.serviceType,
  };
  const target: Measure<ServiceTimesRow> = {
    key: 'slaTarget',
    label: t('layanan.slaTarget'),
    kind: 'days',
    display: (v) => formatTargetDays(v, lang),
    value: (r) => r.slaTargetDays ?? null,
  };
  return sortedBy(
    groupTable(
      result,
      t('filter.serviceTypes'),
      (r) => serviceTypeName(t, r.keys.serviceType),
      [code, median, p90, sla, target, requests],
      completedN,
    ),
    'median',
  );
}

/**
 * The two time series of one service-times result, each with its own measure and the requests
 * behind it: days (median and p90) for "service days over time", the SLA share for "SLA over time".
 */
export function serviceTimesOverTime(
  result: ServiceTimesResult | undefined,
  t: Translate,
  grain: Grain,
  lang: Lang,
): { overTime: ChartTable | null; slaOverTime: ChartTable | null } {
  const { median, p90, sla, requests } = serviceTimesMeasures(t);
  const period = t('chart.period');
  return {
    overTime: trendTable(result, period, [median, p90, requests], grain, lang, completedN),
    slaOverTime: trendTable(result, period, [sla, requests], grain, lang, slaRate.n),
  };
}

/** The visible total rows of a service-times result that are incomplete (see `incompleteNote`). */
const incompleteTotals = (result: ServiceTimesResult | undefined) =>
  (result?.rows ?? []).filter((r) => r.isTotal && !r.suppressed && r.incomplete === true);

/**
 * The note under a service-times days card whose rows are `incomplete`: some of their requests were
 * still open and not yet due when the data ends (their target had not elapsed), so their median and
 * p90, of the completed requests only, understate elapsed time. A stale request open long past its
 * target makes no period incomplete. With a grain it names the incomplete periods (the latest
 * months, as a rule); without one it gives the open requests pooled in the card. Null when nothing
 * is incomplete (or it is hidden).
 */
export function incompleteNote(
  result: ServiceTimesResult | undefined,
  t: Translate,
  grain: Grain | null,
  lang: Lang,
): string | null {
  const totals = incompleteTotals(result);
  if (totals.length === 0) return null;
  const periods = totals.filter((r) => r.period !== null);
  if (grain !== null && periods.length > 0) {
    const names = periods.map((r) => formatPeriod(r.period, grain, lang));
    return t('layanan.incompletePeriods', { periods: names.join(', ') });
  }
  const open = totals.reduce((sum, r) => sum + (r.openRequests ?? 0), 0);
  return t('layanan.incompletePooled', { open: formatNumber(open, lang) });
}

/**
 * The note under the "SLA over time" card: its share of an incomplete period is over the requests
 * due by the data's end only (`slaDue`): those submitted within their target of it are left out,
 * done or not, until due; open requests past their target count as misses. Names the incomplete
 * periods; null when none is (every request due: nothing left out but what cannot be judged).
 */
export function slaNote(
  result: ServiceTimesResult | undefined,
  t: Translate,
  grain: Grain,
  lang: Lang,
): string | null {
  const periods = incompleteTotals(result).filter((r) => r.period !== null);
  if (periods.length === 0) return null;
  const names = periods.map((r) => formatPeriod(r.period, grain, lang));
  return t('layanan.slaIncompletePeriods', { periods: names.join(', ') });
}

/**
 * The note under the service-time cards while the filter names kelurahan: the API then counts the
 * city-wide agencies' requests only, not the kecamatan's (a kecamatan serves its own kelurahan, so its
 * cell split by kelurahan would give its requests with no kelurahan away). Null without one.
 */
export function kelurahanNote(kelurahan: readonly string[], t: Translate): string | null {
  return kelurahan.length === 0 ? null : t('layanan.kelurahanWithoutKecamatan');
}
