import { formatDate } from '../format/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Translate } from '../i18n/translate.ts';
import { type Filters, LIST_PARAMS, type ListField } from '../state/filters.ts';
import type { YearSpan } from '../state/years.ts';
import type { FilterScope } from './FilterBar.tsx';
import type { Option } from './MultiSelect.tsx';

export interface FilterSummaryInput {
  readonly filters: Filters;
  readonly scope: FilterScope;
  /** The filter bar's lists (`filterListOptions`): values are named by their labels, else by code. */
  readonly options: Readonly<Partial<Record<ListField, readonly Option[]>>>;
  readonly span: YearSpan | null | undefined;
  /** The snapshot's last year when its data ends before the year does (`partialYear`). */
  readonly partial: { readonly year: number; readonly through: string } | null;
}

/**
 * The filters a page's figures were read under, in words, one part a filter: the period (or the
 * one year), the time grain, and every list filter with its values by name, or that no list filter
 * narrows the population (the whole city). What a printed page says instead of "1 filter aktif"
 * over a folded filter panel, so one agency's numbers do not read as the city's (mobile UX review,
 * 2026-12-06).
 */
export function filterSummary(t: Translate, lang: Lang, input: FilterSummaryInput): string[] {
  const { filters, scope, options, span, partial } = input;
  const yearText = (year: number | null | undefined): string => {
    if (year === null || year === undefined) return t('filter.all');
    return partial?.year === year
      ? t('years.partialOption', { year, through: formatDate(partial.through, lang) })
      : String(year);
  };
  const parts: string[] = [];
  if (scope === 'year') {
    const year = filters.toYear ?? span?.last;
    parts.push(`${t('filter.year')}: ${year === undefined ? t('filter.latestUnknown') : yearText(year)}`);
    return parts;
  }
  const from = filters.fromYear ?? span?.first;
  const to = filters.toYear ?? span?.last;
  const period =
    from === undefined && to === undefined
      ? t('filter.all')
      : from !== undefined && from === to
        ? yearText(from)
        : `${from ?? t('filter.all')}–${yearText(to)}`;
  parts.push(`${t('filter.printPeriod')}: ${period}`);
  if (scope === 'all') parts.push(`${t('filter.grain')}: ${t(`grain.${filters.grain}`)}`);
  const lists = (Object.keys(LIST_PARAMS) as ListField[]).filter((field) => filters[field].length > 0);
  if (lists.length === 0) parts.push(t('filter.printCity'));
  for (const field of lists) {
    const labels = filters[field].map((v) => options[field]?.find((o) => o.value === v)?.label ?? v);
    parts.push(`${t(`filter.${field}`)}: ${labels.join(', ')}`);
  }
  return parts;
}
