import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { CatalogQuery } from '../graphql/operations.ts';
import type { Agency, Program } from '../graphql/types.ts';

export interface Catalog {
  readonly agencies: readonly Agency[];
  readonly programs: readonly Program[];
  readonly agencyName: (code: string | null | undefined) => string;
  readonly programTitle: (code: string | null | undefined) => string;
}

/** Agencies and programs by code, so charts show names while the URL and API keep codes. */
export function useCatalog(): Catalog & { loading: boolean; error: unknown } {
  const { data, loading, error } = useQuery(CatalogQuery);
  return useMemo(() => {
    const agencies = data?.agencies ?? [];
    const programs = data?.programs ?? [];
    const byAgency = new Map(agencies.map((a) => [a.code, a.name]));
    const byProgram = new Map(programs.map((p) => [p.code, p.title]));
    return {
      agencies,
      programs,
      agencyName: (code) => (code ? (byAgency.get(code) ?? code) : ''),
      programTitle: (code) => (code ? (byProgram.get(code) ?? code) : ''),
      loading,
      error,
    };
  }, [data, loading, error]);
}
