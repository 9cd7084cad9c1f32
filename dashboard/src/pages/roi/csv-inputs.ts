import type { CsvCell } from '../../charts/csv.ts';
import type { CsvInputColumn, CsvPageState } from '../../components/use-csv-filter-part.ts';
import type { CohortContrast, EffectIsolation, RoiAssumptionsInput, RoiInput } from '../../graphql/types.ts';

/**
 * What an ROI-page CSV was computed from, for its file name and its body. The page has no global
 * filters, so the file-name part that names them elsewhere (`csvFilterPart`) would be empty, and a
 * file of PLY-PRIMA would be saved over TIK-SM's, or a file priced at a salary of 20 000 000 over the
 * default one (a review of 2026-12-06). Here the page's own state names the file instead, and the
 * same inputs are added as columns after the last one, so a file read on its own says what it holds.
 */

/** The assumption overrides, sorted by key: `attribution=0.5;monthlySalaryCostIdr=20000000`; empty for none. */
export function assumptionsText(assumptions: RoiAssumptionsInput | null | undefined): string {
  return Object.entries(assumptions ?? {})
    .filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join(';');
}

/**
 * `asumsi-<8 hex digits>` when any assumption is overridden (a FNV-1a hash of `assumptionsText`, the
 * same on every machine and in every session), empty with the API's defaults: two assumption sets
 * never share a file name, and the hash stays short where the values would not.
 */
export function assumptionsMarker(assumptions: RoiAssumptionsInput | null | undefined): string {
  const text = assumptionsText(assumptions);
  if (!text) return '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `asumsi-${hash.toString(16).padStart(8, '0')}`;
}

const safe = (v: string) => v.replace(/[^A-Za-z0-9.-]+/g, '-');

/** The parts joined as `csvFilterPart` joins them (`_`), empty ones left out. */
const joinParts = (parts: readonly (string | null | undefined)[]) =>
  parts.filter((p): p is string => Boolean(p)).join('_');

/**
 * The Phillips chain's CSV state (the ROI scenarios and the cost breakdown): the program, its
 * window as compact dates, the contrast and isolation when not the API's defaults, and the
 * assumptions' marker: `PLY-PRIMA_20230101-20231231_asumsi-1a2b3c4d`. The columns name the same
 * inputs in full (`contrast` and `isolation` always, the defaults by name).
 */
export function chainCsvState(input: RoiInput): CsvPageState {
  const compact = (date: string) => date.replace(/-/g, '');
  return {
    part: joinParts([
      safe(input.selector.value),
      `${compact(input.from)}-${compact(input.to)}`,
      input.contrast && input.contrast !== 'vs_rest' ? input.contrast : null,
      input.isolation && input.isolation !== 'cohort' ? input.isolation : null,
      assumptionsMarker(input.assumptions),
    ]),
    columns: [
      ['program', input.selector.value],
      ['window_from', input.from],
      ['window_to', input.to],
      ['contrast', input.contrast ?? 'vs_rest'],
      ['isolation', input.isolation ?? 'cohort'],
      ['assumptions', assumptionsText(input.assumptions)],
    ],
  };
}

/** What the portfolio was computed and shown with. */
export interface PortfolioCsvInputs {
  /** The one completion year shown (`py`), or null for every year. */
  readonly year: number | null;
  readonly contrast: CohortContrast;
  readonly isolation: EffectIsolation;
  /** Also cohorts without an estimate (`pa=1`): more rows than the default file. */
  readonly showAll: boolean;
  readonly assumptions: RoiAssumptionsInput | null | undefined;
}

/**
 * The portfolio's file-name part: it covers every program, so what tells two files apart is the
 * year shown, the contrast and isolation when not the defaults, `all` when cohorts without an
 * estimate are in, and the assumptions' marker: `2023_only_vs_untrained_asumsi-1a2b3c4d`.
 */
export function portfolioCsvPart(inputs: PortfolioCsvInputs): string {
  return joinParts([
    inputs.year === null ? null : String(inputs.year),
    inputs.contrast !== 'vs_rest' ? inputs.contrast : null,
    inputs.isolation !== 'cohort' ? inputs.isolation : null,
    inputs.showAll ? 'all' : null,
    assumptionsMarker(inputs.assumptions),
  ]);
}

/** The portfolio's input columns, after its last one: its rows carry program and year already. */
export function portfolioCsvColumns(inputs: PortfolioCsvInputs): readonly CsvInputColumn[] {
  return [
    ['contrast', inputs.contrast],
    ['isolation', inputs.isolation],
    ['assumptions', assumptionsText(inputs.assumptions)],
  ] satisfies readonly (readonly [string, CsvCell])[];
}
