import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { CatalogQuery } from '../graphql/operations.ts';

/**
 * Agency names by code from the catalog (the query the filter bar and pages already ran, so it
 * comes from the cache), for a card whose rows are agencies. Not asked for when `enabled` is false.
 */
export function useAgencyNames(enabled: boolean): (code: string) => string | undefined {
  const { data } = useQuery(CatalogQuery, { skip: !enabled });
  return useMemo(() => {
    const names = new Map((data?.agencies ?? []).map((a) => [a.code, a.name]));
    return (code: string) => names.get(code);
  }, [data]);
}
