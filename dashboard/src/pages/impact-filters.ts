import type { MessageKey } from '../i18n/messages.id.ts';
import type { Translate } from '../i18n/translate.ts';
import { type Filters, LIST_PARAMS, type ListField } from '../state/filters.ts';

/**
 * The note on Ringkasan's impact card naming the global filters it does not apply, as the tiles'
 * and charts' notes do (`ignoredFiltersNote`): the program portfolio it reads takes no filter, so
 * every cohort of every year and agency is counted whatever the page is filtered by, the years
 * included (`Tahun 2023–2024`). Null when no filter is set.
 */
export function impactIgnoredNote(filters: Filters, t: Translate): string | null {
  const parts: string[] = [];
  const { fromYear, toYear } = filters;
  if (fromYear !== null || toYear !== null) {
    const range = fromYear === toYear ? String(fromYear) : `${fromYear ?? '…'}\u2013${toYear ?? '…'}`;
    parts.push(t('impact.ignoredPeriod', { range }));
  }
  for (const field of Object.keys(LIST_PARAMS) as ListField[])
    if (filters[field].length > 0) parts.push(t(`filter.${field}` as MessageKey));
  return parts.length === 0 ? null : t('impact.ignored', { list: parts.join(', ') });
}
