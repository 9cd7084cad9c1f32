import type { Scorecard } from '../graphql/types.ts';

export type SortKey = keyof Pick<
  Scorecard,
  | 'agency'
  | 'headcount'
  | 'participationRate'
  | 'resistanceRate'
  | 'jpComplianceRate'
  | 'ikm'
  | 'slaMetRate'
  | 'budgetRealisation'
  | 'costPerParticipantIdr'
  | 'costPerJpIdr'
  | 'medianServiceDays'
  | 'roiPct'
>;

export interface Sort {
  readonly key: SortKey;
  readonly dir: 'asc' | 'desc';
}

/** `instansi.sort=participationRate.desc` ↔ Sort; unknown keys fall back to agency order. */
export function parseSort(value: string | null, keys: readonly SortKey[]): Sort {
  const [key, dir] = (value ?? '').split('.');
  if (key && (keys as readonly string[]).includes(key))
    return { key: key as SortKey, dir: dir === 'desc' ? 'desc' : 'asc' };
  return { key: 'agency', dir: 'asc' };
}

/**
 * Sorts scorecards; suppressed or missing values always go last, whichever the direction, so a
 * hidden agency never tops a league table by accident. `name` gives agency order by name.
 */
export function sortScorecards(
  cards: readonly Scorecard[],
  sort: Sort,
  name: (code: string) => string,
): Scorecard[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...cards].sort((a, b) => {
    if (sort.key === 'agency') return sign * name(a.agency).localeCompare(name(b.agency), 'id');
    const va = a.suppressed ? null : a[sort.key];
    const vb = b.suppressed ? null : b[sort.key];
    if (va === null && vb === null) return a.agency.localeCompare(b.agency);
    if (va === null) return 1;
    if (vb === null) return -1;
    return sign * ((va as number) - (vb as number)) || a.agency.localeCompare(b.agency);
  });
}
