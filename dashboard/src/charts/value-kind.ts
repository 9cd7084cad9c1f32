import { formatDays, formatIdr, formatNumber, formatPercent, formatPercentPoints } from '../format/format.ts';
import type { Lang } from '../i18n/lang.ts';
import { yTickTexts } from './axis-labels.ts';

/**
 * How a column's numbers are read: drives cell text, axis ticks and the CSV unit suffix. `rating` is
 * a mean on the 1–5 scale of a feedback form, `rating4` one on the 1–4 scale of an SKM unsur (NRR), and `score100` a test score on 0–100: a chart of either
 * is drawn against its whole scale (axis-labels.ts `SCALE_BOUNDS`), not from 0 to its largest value.
 */
export type ValueKind =
  | 'text'
  | 'count'
  | 'fraction'
  | 'percentPoints'
  | 'idr'
  | 'days'
  | 'score'
  | 'ratio'
  | 'rating'
  | 'rating4'
  | 'score100';

export function formatValue(kind: ValueKind, value: string | number | null | undefined, lang: Lang): string {
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'count':
      return formatNumber(value, lang, 0);
    case 'fraction':
      return formatPercent(value, lang, 1);
    case 'percentPoints':
      return formatPercentPoints(value, lang, 1);
    case 'idr':
      return formatIdr(value, lang);
    case 'days':
      return formatDays(value, lang);
    case 'score':
      return formatNumber(value, lang, 2);
    case 'ratio':
      return formatNumber(value, lang, 2);
    case 'rating':
    case 'rating4':
      return formatNumber(value, lang, 2);
    case 'score100':
      return formatNumber(value, lang, 1);
    default:
      return value === null || value === undefined ? '' : String(value);
  }
}

/**
 * Shorter text for one axis tick. `step` (the distance between ticks) gives it the decimals the
 * step needs; a whole axis is written by `yTickTexts` (axis-labels.ts), which also shares one
 * Rupiah unit across its ticks.
 */
export function formatAxis(kind: ValueKind, value: number, lang: Lang, step?: number): string {
  return yTickTexts(kind, [value], step, lang)[0] ?? '';
}

/**
 * Unit suffix for CSV headers, since the CSV carries raw numbers (fractions stay 0–1). Money is
 * "(Rp)", the rupiah's symbol the UI uses in both languages ("Anggaran (Rp)", "Budget (Rp)"); the
 * header text around it is already in the reader's language.
 */
export function csvUnit(kind: ValueKind): string {
  switch (kind) {
    case 'fraction':
      return ' (0-1)';
    case 'percentPoints':
      return ' (%)';
    case 'idr':
      return ' (Rp)';
    case 'rating':
      return ' (1-5)';
    case 'rating4':
      return ' (1-4)';
    case 'score100':
      return ' (0-100)';
    // Days carry no suffix: a days column's label names its unit in the reader's language ("Median
    // hari" / "Median days"), so an English "(days)" would only repeat it, in the wrong language.
    default:
      return '';
  }
}
