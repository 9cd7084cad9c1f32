import { useCallback, useMemo } from 'react';
import { type Filters, parseFilters, writeFilters } from './filters.ts';
import { navigate, useSearch } from './url-store.ts';

/** Global filters from the URL, and a setter that pushes a history entry. */
export function useFilters(): [Filters, (next: Filters) => void] {
  const search = useSearch().toString();
  const filters = useMemo(() => parseFilters(search), [search]);
  const setFilters = useCallback((next: Filters) => {
    navigate(writeFilters(new URLSearchParams(window.location.search), next));
  }, []);
  return [filters, setFilters];
}
