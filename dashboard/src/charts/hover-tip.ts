import type { Lang } from '../i18n/lang.ts';
import { formatValue, type ValueKind } from './value-kind.ts';

/** A chart series as the tip reads it (UPlotChart's `ChartSeries`). */
interface Series {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly hidden?: readonly boolean[];
}

/**
 * The tip's lines for the hovered index: the point's full label, then each series' value; a point
 * hidden by disclosure control reads `hiddenText` ("dirahasiakan"), a missing one a dash.
 */
export function hoverTip(
  labels: readonly string[],
  series: readonly Series[],
  idx: number | null | undefined,
  yKind: ValueKind,
  lang: Lang,
  hiddenText = '—',
): { title: string; lines: string[] } | null {
  if (idx === null || idx === undefined || idx < 0 || idx >= labels.length) return null;
  const value = (s: Series | undefined) => {
    const v = s?.values[idx];
    if (s?.hidden?.[idx]) return hiddenText;
    return v === null || v === undefined ? '—' : formatValue(yKind, v, lang);
  };
  const lines = series.length === 1 ? [value(series[0])] : series.map((s) => `${s.label}: ${value(s)}`);
  return { title: labels[idx] ?? '', lines };
}
