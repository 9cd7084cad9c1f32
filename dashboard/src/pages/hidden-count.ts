import { formatNumber } from '../format/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Translate } from '../i18n/translate.ts';

/**
 * A count of employees as the pages write it. The API sends null for a count it hides by disclosure
 * control (a cohort comparison suppressed because a group is below the minimum cell size, a
 * joint-model row with too few completers): the page says "dirahasiakan" / "hidden", never 0 and
 * never a dash that could read as "no data". Undefined (not asked for) is the usual dash.
 */
export function countText(value: number | null | undefined, t: Translate, lang: Lang): string {
  return value === null ? t('count.hidden') : formatNumber(value, lang);
}

/** Whether a count is hidden by disclosure control (null from the API). */
export const isHiddenCount = (value: number | null | undefined): value is null => value === null;
