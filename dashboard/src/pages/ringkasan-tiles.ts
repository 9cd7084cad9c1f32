import type { ChartTable } from '../charts/chart-table.ts';
import type { MetricRow, ServiceTimesRow } from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Translate } from '../i18n/translate.ts';
import type { Filters } from '../state/filters.ts';
import { periodRows, rowForYear } from './rows.ts';
import { slaRate } from './service-types.ts';
import { type Rate, trendTable } from './trend-table.ts';

/**
 * The filters Ringkasan's yearly metrics are read under: the page's, with the year before `from`
 * added, so each tile can compare its first year too (`?from=2023&to=2023` compares 2023 with 2022
 * when the snapshot has it; without the extra year every tile said "tanpa pembanding"). The charts
 * drop that year again (`fromYearOn`). No `from`: every year is read already.
 */
export function withComparisonYear(filters: Filters): Filters {
  return filters.fromYear === null ? filters : { ...filters, fromYear: filters.fromYear - 1 };
}

/** A result without the periods before `fromYear` (the comparison year the charts do not show). */
export function fromYearOn<T extends { rows: readonly MetricRow[] }>(
  result: T | undefined,
  fromYear: number | null,
): T | undefined {
  if (!result || fromYear === null) return result;
  const from = String(fromYear);
  return { ...result, rows: result.rows.filter((r) => !r.period || r.period.slice(0, 4) >= from) };
}

/**
 * A KPI tile's row: the headline row with the value the tile shows, its change on last year, and
 * whether the year is incomplete (requests still open at the data's end: no change, a note instead).
 */
export type TileRow<R extends MetricRow> = R & {
  value: number | null;
  delta: number | null;
  incomplete: boolean;
  /**
   * The year before as compared: its value and n (as the tile's, `rate.n` when the rate names one),
   * so a share's change can be tested against chance (`kpiDelta`). Null whenever `delta` is.
   */
  previous: { value: number; n: number | null } | null;
};

/** The row is flagged incomplete by the API (service times: requests still open at the data's end). */
function isIncomplete(row: MetricRow): boolean {
  return (row as { incomplete?: boolean | null }).incomplete === true;
}

/**
 * The tile of `year`: its row among `shown` (the page's range) and the change against the year
 * before, looked up in `all` (the rows read, the comparison year included), so the first year of
 * the range has its comparison too. The change is computed from the rows themselves: the API's
 * `samePeriodLastYear` compares each metric's headline measure (median days for service times),
 * not the one a tile shows. No change when either year is hidden or the year before has no row, and
 * none when either is incomplete (`incomplete`: requests still open at the data's end, so its share
 * is not final; the API gives no delta then either): the tile says so instead.
 * The tile's n is the units its rate is over (`rate.n`: completed requests for the SLA share, not
 * the requests submitted that the metric's n counts), as in the trend below it; `previous` carries
 * the year before's value and n, counted the same way, for the test of a share's change.
 */
export function tileRow<R extends MetricRow>(
  shown: readonly R[] | undefined,
  all: readonly R[] | undefined,
  year: string | null,
  rate: Rate<R>,
): TileRow<R> | null {
  const row = shown ? rowForYear(shown, year) : null;
  if (!row) return null;
  const lastYear = String(Number(row.period?.slice(0, 4)) - 1);
  const prev = periodRows(all ?? shown ?? []).find((r) => r.period?.startsWith(lastYear));
  const now = rate.value(row);
  const before = prev && !prev.suppressed && !isIncomplete(prev) ? rate.value(prev) : null;
  const incomplete = !row.suppressed && isIncomplete(row);
  const compared = now !== null && before !== null && !row.suppressed && !incomplete;
  const tile: TileRow<R> = {
    ...row,
    value: now,
    delta: compared ? now - before : null,
    incomplete,
    previous: compared && prev ? { value: before, n: rate.n ? rate.n(prev) : prev.n } : null,
  };
  // A hidden row keeps its n (null): the tile says it is hidden, not over how many.
  if (rate.n && !row.suppressed) tile.n = rate.n(row);
  return tile;
}

/**
 * Ringkasan's "Tepat SLA" trend: the share per year, with the requests it is over as n (`slaRate.n`,
 * as Layanan's SLA card and the tile above it), not the requests submitted.
 */
export function slaTrendTable(
  result: { rows: readonly ServiceTimesRow[]; minN: number } | undefined,
  t: Translate,
  lang: Lang,
): ChartTable | null {
  return trendTable(
    result,
    t('chart.period'),
    [{ key: 'value', label: t('metric.sla'), kind: 'fraction', value: slaRate.value }],
    'year',
    lang,
    slaRate.n,
  );
}

/**
 * The note under a yearly trend whose years are incomplete (requests still open at the data's end):
 * "2025: periode belum lengkap: …", or null when every shown year is complete.
 */
export function incompleteYearsNote(rows: readonly MetricRow[] | undefined, t: Translate): string | null {
  const years = periodRows(rows ?? [])
    .filter((r) => !r.suppressed && isIncomplete(r))
    .map((r) => r.period?.slice(0, 4))
    .filter((y): y is string => y !== undefined);
  return years.length === 0 ? null : `${years.join(', ')}: ${t('tile.incomplete')}`;
}
