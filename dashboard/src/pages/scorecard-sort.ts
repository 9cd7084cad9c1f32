import type { Scorecard } from '../graphql/types.ts';
import { roiNotMeasured } from './roi-notes.ts';

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
 * A card's figure as the table shows it, for sorting: null where the cell shows no number — the
 * figure is hidden by disclosure control, missing, not a finite number (written "—"), or an ROI the
 * page writes "tak terukur" (`roiNotMeasured`, the predicate the cell and the CSV use: −100 % only
 * because no effect could be measured, which is not a measured loss).
 */
export function shownFigure(
  card: Scorecard,
  key: Exclude<SortKey, 'agency'>,
  hidden: ReadonlySet<SortKey> = hiddenFigures(card),
): number | null {
  if (hidden.has(key)) return null;
  if (key === 'roiPct' && roiNotMeasured(card)) return null;
  const value = card[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Sorts scorecards; hidden (suppressed), missing or unmeasured values (`shownFigure`) always go last,
 * whichever the direction, so a hidden figure never tops a league table by accident, nor an ROI the
 * page calls "tak terukur" a list of the worst returns. `name` gives agency order by name.
 */
export function sortScorecards(
  cards: readonly Scorecard[],
  sort: Sort,
  name: (code: string) => string,
): Scorecard[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  if (sort.key === 'agency')
    return [...cards].sort((a, b) => sign * name(a.agency).localeCompare(name(b.agency), 'id'));
  const key = sort.key;
  const shown = new Map(cards.map((c) => [c, shownFigure(c, key)]));
  return [...cards].sort((a, b) => {
    const va = shown.get(a) ?? null;
    const vb = shown.get(b) ?? null;
    if (va === null && vb === null) return a.agency.localeCompare(b.agency);
    if (va === null) return 1;
    if (vb === null) return -1;
    return sign * (va - vb) || a.agency.localeCompare(b.agency);
  });
}
