import { formatNumber } from '../format/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Translate } from '../i18n/translate.ts';
import { type ChartTable, hasAgencyRows, totalN } from './chart-table.ts';

/** A chart series as the hidden-bar helpers read it (UPlotChart's `ChartSeries`). */
interface Series {
  readonly values: readonly (number | null)[];
  /** Per point: hidden by disclosure control (a null that is not a missing value, nor 0). */
  readonly hidden?: readonly boolean[];
}

/** The indices of the points any series hides (disclosure control), in order. */
export function hiddenSlots(series: readonly Series[]): number[] {
  const slots = new Set<number>();
  for (const s of series) {
    s.hidden?.forEach((h, i) => {
      if (h) slots.add(i);
    });
  }
  return [...slots].sort((a, b) => a - b);
}

/**
 * The chart's accessible name: its title, then the points it hides by name ("dirahasiakan: A, B"),
 * so a hidden bar is not heard as a missing one or as 0 (the canvas draws it hatched).
 */
export function chartAccessibleName(
  title: string,
  labels: readonly string[],
  series: readonly Series[],
  t: Translate,
): string {
  const slots = hiddenSlots(series);
  if (slots.length === 0) return title;
  return `${title}. ${t('chart.hiddenPoints', { labels: slots.map((i) => labels[i] ?? '').join(', ') })}`;
}

/**
 * The n a card's badge says, and whether it counts only the rows shown: the default n sums the rows
 * that are not hidden, so with a hidden row it is below the whole's n (Partisipasi per instansi
 * 5.249 against Ringkasan's 5.284) and the badge says so, as Instansi's does. An n the page passes
 * (`given`) is its own, said as it is.
 */
export function cardN(
  table: ChartTable | null,
  given: number | null | undefined,
): { n: number | null; shownOnly: 'agencies' | 'rows' | null } {
  if (given !== undefined) return { n: given, shownOnly: null };
  if (!table) return { n: null, shownOnly: null };
  const n = totalN(table);
  const someHidden = n !== null && table.rows.some((r) => r.suppressed);
  return { n, shownOnly: someHidden ? (hasAgencyRows(table) ? 'agencies' : 'rows') : null };
}

/**
 * The badge's text and title: "n = 5.249", with the rows it counts when only those shown
 * (`cardN`), and its unit when it is not people: `employeeYears` for a headcount added up over
 * several years ("n = 24.331 pegawai-tahun"), so it does not read as the number of employees.
 */
export function cardNBadge(
  n: number | null,
  shownOnly: 'agencies' | 'rows' | null,
  unit: 'employeeYears' | null | undefined,
  t: Translate,
  lang: Lang,
): { text: string; title: string | undefined } {
  const count = formatNumber(n, lang);
  const withUnit = unit && n !== null ? t(`chart.nUnit.${unit}`, { n: count }) : count;
  return {
    text: t(shownOnly ? `chart.nShown.${shownOnly}` : 'chart.n', { n: withUnit }),
    title: shownOnly
      ? t(`chart.nShownTitle.${shownOnly}`)
      : unit && n !== null
        ? t(`chart.nUnitTitle.${unit}`)
        : undefined,
  };
}
