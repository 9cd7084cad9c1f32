import { pageById } from '../app/pages.ts';
import { csvFilterPart } from '../charts/csv.ts';
import { LIST_PARAMS, type ListField } from '../state/filters.ts';
import { useSearch } from '../state/url-store.ts';
import { useFilters } from '../state/use-filters.ts';

/**
 * The global filters a card's data was read under, for its CSV's file name (`csvFilterPart`): the
 * list filters it applied (`applied`; when the card does not say, those set and not `ignored`) and,
 * on a page with a year range, the years. Empty on pages without global filters, and for the one
 * year of Instansi, whose titles already name it.
 */
export function useCsvFilterPart(
  applied: readonly ListField[] | undefined,
  ignored: readonly ListField[] | undefined,
): string {
  const [filters] = useFilters();
  const scope = pageById(useSearch().get('page')).filters;
  if (scope === 'none') return '';
  const fields = (Object.keys(LIST_PARAMS) as ListField[]).filter((f) =>
    applied ? applied.includes(f) : filters[f].length > 0 && !ignored?.includes(f),
  );
  const ranged = scope === 'all' || scope === 'yearly';
  return csvFilterPart(
    fields.map((f) => filters[f]),
    ranged ? filters.fromYear : null,
    ranged ? filters.toYear : null,
  );
}
