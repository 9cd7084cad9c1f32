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

/**
 * The disclosure-controlled component (the API's `suppressedComponents`) each scorecard figure comes
 * from. Budget and program cost figures are public finance and never hidden; the costs per
 * participant and per JP are when the agency's offerings trained too few people (`training`), the
 * ROI % when the agency's training had too few participants (`roi`).
 */
const COMPONENT_OF: Partial<Record<SortKey, string>> = {
  headcount: 'participation',
  participationRate: 'participation',
  resistanceRate: 'resistance',
  jpComplianceRate: 'jpCompliance',
  ikm: 'ikm',
  slaMetRate: 'serviceTimes',
  medianServiceDays: 'serviceTimes',
  costPerParticipantIdr: 'training',
  costPerJpIdr: 'training',
  roiPct: 'roi',
};

/**
 * The figures of a card hidden by disclosure control: only those whose component is suppressed. A
 * card with a hidden resistance rate still shows its participation, budget and costs.
 */
export function hiddenFigures(card: Pick<Scorecard, 'suppressedComponents'>): Set<SortKey> {
  const hidden = new Set(card.suppressedComponents);
  return new Set(
    (Object.entries(COMPONENT_OF) as [SortKey, string][]).filter(([, c]) => hidden.has(c)).map(([k]) => k),
  );
}

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
 * Sorts scorecards; hidden (suppressed) or missing values always go last, whichever the direction,
 * so a hidden figure never tops a league table by accident. `name` gives agency order by name.
 */
export function sortScorecards(
  cards: readonly Scorecard[],
  sort: Sort,
  name: (code: string) => string,
): Scorecard[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const hidden = new Map(cards.map((c) => [c, hiddenFigures(c)]));
  return [...cards].sort((a, b) => {
    if (sort.key === 'agency') return sign * name(a.agency).localeCompare(name(b.agency), 'id');
    const va = hidden.get(a)?.has(sort.key) ? null : a[sort.key];
    const vb = hidden.get(b)?.has(sort.key) ? null : b[sort.key];
    if (va === null && vb === null) return a.agency.localeCompare(b.agency);
    if (va === null) return 1;
    if (vb === null) return -1;
    return sign * ((va as number) - (vb as number)) || a.agency.localeCompare(b.agency);
  });
}
