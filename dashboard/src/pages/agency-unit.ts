import type { ChartTable } from '../charts/chart-table.ts';
import type { Dimension } from '../graphql/types.ts';
import type { MessageKey } from '../i18n/messages.id.ts';
import type { Filters } from '../state/filters.ts';
import type { YearSpan } from '../state/years.ts';

/**
 * How the Partisipasi page breaks its agency cards down: one bar per agency, or one per kind of
 * agency (dinas, badan, kecamatan, kelurahan, …). Small offices hide most of their rows (the 30
 * kelurahan of the city have about five employees each, and a count of 1–4 decliners or
 * non-participants is hidden with its complements), so by agency most bars can be hidden; by kind
 * the kelurahan are one group, and who takes part and who resists can still be compared.
 */
export type AgencyUnit = 'agency' | 'kind';

/** The URL parameter that keeps the choice (a shared link shows the same breakdown). */
export const AGENCY_UNIT_PARAM = 'unit';

export const AGENCY_UNITS: readonly AgencyUnit[] = ['agency', 'kind'];

/** The unit a URL asks for: `kind`, else (absent or unknown) by agency, the default. */
export function parseAgencyUnit(value: string | null | undefined): AgencyUnit {
  return value === 'kind' ? 'kind' : 'agency';
}

/** The URL parameter's value for a unit: none for the default. */
export function agencyUnitParam(unit: AgencyUnit): string | null {
  return unit === 'kind' ? 'kind' : null;
}

/** The API dimension a unit groups by. */
export function agencyUnitDimension(unit: AgencyUnit): Dimension {
  return unit === 'kind' ? 'agencyKind' : 'agency';
}

/** The table's first column header for a unit. */
export function agencyUnitColumn(unit: AgencyUnit): MessageKey {
  return unit === 'kind' ? 'unit.kindColumn' : 'instansi.agency';
}

/**
 * How many of a by-agency table's rows are hidden, when they are at least half of at least four:
 * the card then points to the breakdown by kind. Null otherwise (or while there is no table).
 */
export function mostlyHidden(
  table: Pick<ChartTable, 'rows'> | null | undefined,
): { readonly hidden: number; readonly rows: number } | null {
  if (!table || table.rows.length < 4) return null;
  const hidden = table.rows.filter((r) => r.suppressed).length;
  return hidden * 2 >= table.rows.length ? { hidden, rows: table.rows.length } : null;
}

/**
 * Whether the page's pooled cards cover several years: an open end reaches the snapshot's first or
 * last year; without the snapshot's years an open range is taken as several (the by-kind note then
 * says a single year often shows more kinds, as it does when the years come).
 */
export function coversSeveralYears(
  filters: Pick<Filters, 'fromYear' | 'toYear'>,
  span: YearSpan | null | undefined,
): boolean {
  const first = filters.fromYear ?? span?.first ?? null;
  const last = filters.toYear ?? span?.last ?? null;
  return first === null || last === null || first !== last;
}
