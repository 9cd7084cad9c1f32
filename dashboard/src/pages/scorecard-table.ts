import type { CellHiddenReason, ChartTable, Column, TableRow } from '../charts/chart-table.ts';
import { suppressionNotes } from '../charts/suppression-note.ts';
import type { ValueKind } from '../charts/value-kind.ts';
import { formatIdrCompact } from '../format/format.ts';
import type { Scorecard } from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.id.ts';
import { labelOf, type Translate } from '../i18n/translate.ts';
import { sampleVerdict } from './ikm-sample.ts';
import { roiNotMeasured } from './roi-notes.ts';
import { hiddenFigures, type SortKey } from './scorecard-sort.ts';

export interface ScorecardColumn {
  readonly key: SortKey;
  readonly label: MessageKey;
  /** The CSV column's name when it differs from the page's (kept stable for sheets reading it by name). */
  readonly csvLabel?: MessageKey;
  readonly kind: ValueKind;
}

/** The scorecard's measures, in the order the page shows them. */
export const SCORECARD_COLUMNS: readonly ScorecardColumn[] = [
  { key: 'headcount', label: 'metric.headcount', kind: 'count' },
  { key: 'participationRate', label: 'metric.participationRate', kind: 'fraction' },
  { key: 'resistanceRate', label: 'metric.resistanceRate', kind: 'fraction' },
  { key: 'jpComplianceRate', label: 'metric.jpCompliance', kind: 'fraction' },
  { key: 'ikm', label: 'metric.ikm', kind: 'score' },
  { key: 'slaMetRate', label: 'metric.sla', kind: 'fraction' },
  { key: 'medianServiceDays', label: 'metric.medianDays', kind: 'days' },
  { key: 'budgetRealisation', label: 'instansi.budgetRealisation', kind: 'fraction' },
  { key: 'costPerParticipantIdr', label: 'instansi.costPerParticipant', kind: 'idr' },
  { key: 'costPerJpIdr', label: 'instansi.costPerJp', kind: 'idr' },
  // The base case (the page's header says so); the CSV keeps its `ROI (%)` column.
  { key: 'roiPct', label: 'instansi.roi', csvLabel: 'instansi.roiCsv', kind: 'percentPoints' },
];

/** The per-participant and per-JP cost columns. */
export const COST_KEYS = ['costPerParticipantIdr', 'costPerJpIdr'] as const;

/**
 * A card whose costs per participant and per JP are missing, not hidden: costs are counted at the
 * agency that organised the offering, and this one organised none that anyone completed in the year
 * (it may still have a budget and an ROI). The page explains that dash rather than leave it bare.
 */
export function noOwnTraining(
  c: Pick<Scorecard, 'costPerParticipantIdr' | 'costPerJpIdr' | 'suppressedComponents'>,
): boolean {
  const hidden = hiddenFigures(c);
  return COST_KEYS.every((k) => c[k] === null && !hidden.has(k));
}

/**
 * What a card without its own training still shows of the figures its note names (budget
 * realisation, ROI): only those with a value on screen, neither hidden nor "tak terukur", so the
 * note never says "tetap ditampilkan" above a dash.
 */
export function stillShown(
  c: Pick<
    Scorecard,
    | 'budgetRealisation'
    | 'roiPct'
    | 'roiWarnings'
    | 'suppressedComponents'
    | 'costPerParticipantIdr'
    | 'costPerJpIdr'
  >,
): { budget: boolean; roi: boolean } {
  const hidden = hiddenFigures(c);
  return {
    budget: c.budgetRealisation !== null && !hidden.has('budgetRealisation'),
    roi: c.roiPct !== null && !hidden.has('roiPct') && !roiNotMeasured(c),
  };
}

/**
 * The rupiah behind a card's budget realisation, for a second line under the percentage (the table's
 * cell and the side-by-side card): "Rp 86,3 jt dari Rp 99,9 jt" (realised of allocated, compact, in
 * the reader's language); the one known alone when the other is missing; null when neither is.
 * Public finance: never hidden. The CSV keeps both in whole rupiah.
 */
export function budgetAmounts(
  c: Pick<Scorecard, 'budgetAllocatedIdr' | 'budgetRealizedIdr'>,
  t: Translate,
  lang: Lang,
): string | null {
  const known = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  const allocated = known(c.budgetAllocatedIdr) ? formatIdrCompact(c.budgetAllocatedIdr, lang) : null;
  const realized = known(c.budgetRealizedIdr) ? formatIdrCompact(c.budgetRealizedIdr, lang) : null;
  if (allocated !== null && realized !== null) return t('instansi.budgetAmounts', { realized, allocated });
  if (allocated !== null) return t('instansi.budgetAllocatedOnly', { allocated });
  return realized === null ? null : t('instansi.budgetRealizedOnly', { realized });
}

/** The rates set side by side in the "Perbandingan tingkat" chart. */
export const RATE_KEYS = ['participationRate', 'resistanceRate', 'jpComplianceRate', 'slaMetRate'] as const;

/**
 * A hidden figure's reason: unspecified. A component is hidden for a small n, for resting on fewer
 * than SUPPRESSION_MIN_N distinct employees, or as a complement, and the API does not say which (a
 * scorecard's reason is a blanket "primary", and the dashboard does not ask for it), so the table
 * claims none ("n < 5" was untrue of a figure from 11 invitations of 4 employees).
 */
function hiddenCells(keys: readonly string[], hidden: ReadonlySet<string>): Record<string, CellHiddenReason> {
  return Object.fromEntries(keys.filter((k) => hidden.has(k)).map((k) => [k, 'unspecified' as const]));
}

/**
 * The note under the scorecard, and under the side-by-side cards, as every chart has (`suppressionNotes`):
 * how many figures the page writes "dirahasiakan" and why, one line per kind of reason (the API names
 * none for a scorecard figure: `unspecified`). The figures counted are the page's columns a card hides
 * (`hiddenFigures`); none hidden, no line.
 */
export function hiddenFiguresNote(cards: readonly Scorecard[], t: Translate): readonly string[] {
  const keys = SCORECARD_COLUMNS.map((c) => c.key);
  const table: ChartTable = {
    columns: [],
    rows: cards.map(
      (c): TableRow => ({
        values: {},
        agency: c.agency,
        n: c.n,
        suppressed: false,
        suppressedCells: hiddenCells(keys, hiddenFigures(c)),
      }),
    ),
    // The scorecard's minimum is not in its answer: the charts' default, as the rates chart uses.
    minN: null,
  };
  return suppressionNotes(table, t).lines;
}

/**
 * The figures of a card that disclosure control hides: the scorecard's (`hiddenFigures`), and the
 * CSV's extra ones that come from the same component (JP per employee with JP compliance, the IKM
 * band and its sample verdict with the IKM).
 */
function hiddenOfCard(c: Scorecard): Set<string> {
  const hidden = new Set<string>(hiddenFigures(c));
  if (hidden.has('jpComplianceRate')) hidden.add('jpPerEmployee');
  if (hidden.has('ikm')) {
    hidden.add('ikmMutu');
    hidden.add('ikmSampleAdequate');
  }
  return hidden;
}

/**
 * The chart of rates for 2–4 picked agencies: each agency by its full name (the axis shortens it,
 * the table view and CSV do not) with its code, one column per rate; a hidden rate stays hidden
 * while the others show.
 */
export function ratesTable(
  cards: readonly Scorecard[],
  { t, name }: { readonly t: Translate; readonly name: (code: string) => string },
): ChartTable {
  return {
    columns: [
      { key: 'agency', label: t('instansi.agency'), kind: 'text' },
      ...RATE_KEYS.map((k) => ({
        key: k,
        label: t(SCORECARD_COLUMNS.find((c) => c.key === k)!.label),
        kind: 'fraction' as const,
      })),
    ],
    rows: cards.map(
      (c): TableRow => ({
        values: { agency: name(c.agency), ...Object.fromEntries(RATE_KEYS.map((k) => [k, c[k]])) },
        agency: c.agency,
        n: c.n,
        // Per figure: a hidden resistance rate does not hide the participation rate beside it (the
        // CSV names the hidden ones in its reason column).
        suppressed: false,
        suppressedCells: hiddenCells(RATE_KEYS, hiddenOfCard(c)),
      }),
    ),
    minN: null,
  };
}

/**
 * The scorecard as a table for its CSV (and the side-by-side card's): one row per agency in the
 * order given, its full name and code, the year, every measure raw (rates 0–1, money in whole
 * rupiah, ROI in percent, blank where the page says "tak terukur") with the budget behind the realisation, the IKM band and the ROI's caveat
 * codes; n, and per hidden figure a blank cell named in the suppression columns.
 */
export function scorecardTable(
  cards: readonly Scorecard[],
  { t, name }: { readonly t: Translate; readonly name: (code: string) => string },
): ChartTable {
  const measure = (key: string, label: MessageKey, kind: ValueKind): Column => ({
    key,
    label: t(label),
    kind,
  });
  const columns: Column[] = [
    measure('agency', 'instansi.agency', 'text'),
    measure('year', 'instansi.year', 'text'),
  ];
  for (const c of SCORECARD_COLUMNS) {
    columns.push(measure(c.key, c.csvLabel ?? c.label, c.kind));
    // The extra figures beside the measure they explain.
    if (c.key === 'jpComplianceRate') columns.push(measure('jpPerEmployee', 'metric.jpPerEmployee', 'ratio'));
    if (c.key === 'ikm') columns.push(measure('ikmMutu', 'metric.ikmBand', 'text'));
    if (c.key === 'budgetRealisation') {
      columns.push(measure('budgetAllocatedIdr', 'instansi.budgetAllocated', 'idr'));
      columns.push(measure('budgetRealizedIdr', 'instansi.budgetRealized', 'idr'));
    }
    if (c.key === 'roiPct') columns.push(measure('roiCaveats', 'instansi.roiCaveats', 'text'));
  }
  // The IKM's sample verdict (PermenPANRB 14/2017), the last measure: sheets read columns by name.
  columns.push(measure('ikmSampleAdequate', 'instansi.ikmSample', 'text'));
  return {
    columns,
    rows: cards.map((c): TableRow => {
      const hidden = hiddenOfCard(c);
      return {
        values: {
          agency: name(c.agency),
          year: String(c.year),
          ...Object.fromEntries(SCORECARD_COLUMNS.map((col) => [col.key, c[col.key] as number | null])),
          // As the page shows it: an ROI nobody could measure (−100 % by Phillips' rule: no effect
          // data, no cost) is "tak terukur" there, so blank here; its caveat codes say why.
          roiPct: roiNotMeasured(c) ? null : c.roiPct,
          jpPerEmployee: c.jpPerEmployee,
          ikmMutu: c.ikmMutu ? labelOf(t, 'band', c.ikmMutu) : null,
          budgetAllocatedIdr: c.budgetAllocatedIdr,
          budgetRealizedIdr: c.budgetRealizedIdr,
          roiCaveats: c.roiWarnings.map((w) => w.code).join(' ') || null,
          ikmSampleAdequate: sampleVerdict(c.ikmSampleAdequate, t),
        },
        agency: c.agency,
        n: c.n,
        suppressed: false,
        suppressedCells: hiddenCells([...hidden], hidden),
      };
    }),
    minN: null,
  };
}
