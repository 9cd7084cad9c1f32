import type { Translate } from '../i18n/translate.ts';
import type { YearSpan } from './period-title.ts';

/**
 * Instansi's note when the chosen year is the data's last: requests still open when the data ends
 * are not in that year's median service days (the scorecard carries no `incomplete` flag per
 * agency, unlike serviceTimes rows), so the median can understate. Null for any earlier year, or
 * before the snapshot is known.
 */
export function lastYearNote(
  year: number | null,
  span: YearSpan | null | undefined,
  t: Translate,
): string | null {
  if (year === null || !span || year !== span.last) return null;
  return t('instansi.lastYearOpen', { year });
}
