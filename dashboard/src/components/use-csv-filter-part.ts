import { createContext, useContext } from 'react';
import { pageById } from '../app/pages.ts';
import { type CsvCell, type CsvTable, csvFilterPart } from '../charts/csv.ts';
import { LIST_PARAMS, type ListField } from '../state/filters.ts';
import { useSearch } from '../state/url-store.ts';
import { useFilters } from '../state/use-filters.ts';

/** One column a page adds after a CSV's last: its header and the value every row holds. */
export type CsvInputColumn = readonly [header: string, value: CsvCell];

/**
 * What the cards inside were computed from, on a page without global filters whose own state
 * changes their figures (ROI: the program, its window, the assumptions): `part` names their CSV
 * files where the global filters would (`PLY-PRIMA_20230101-20231231_asumsi-1a2b3c4d`), `columns`
 * are added after each file's last column, so the file says what it holds.
 */
export interface CsvPageState {
  readonly part: string;
  readonly columns: readonly CsvInputColumn[];
}

export const CsvPageStateContext = createContext<CsvPageState | null>(null);

/**
 * The global filters a card's data was read under, for its CSV's file name (`csvFilterPart`): the
 * list filters it applied (`applied`; when the card does not say, those set and not `ignored`) and,
 * on a page with a year range, the years. On pages without global filters, the page's own state
 * (`CsvPageStateContext`) when it gives one, else empty; empty too for the one year of Instansi,
 * whose titles already name it.
 */
export function useCsvFilterPart(
  applied: readonly ListField[] | undefined,
  ignored: readonly ListField[] | undefined,
): string {
  const [filters] = useFilters();
  const pageState = useContext(CsvPageStateContext);
  const scope = pageById(useSearch().get('page')).filters;
  if (scope === 'none') return pageState?.part ?? '';
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

/** The columns the page adds after a card's CSV's last one (`CsvPageStateContext`); none elsewhere. */
export function useCsvInputColumns(): readonly CsvInputColumn[] {
  return useContext(CsvPageStateContext)?.columns ?? [];
}

/** `table` with `columns` after its last: the header gains their headers, every data row their values. */
export function appendCsvColumns(table: CsvTable, columns: readonly CsvInputColumn[]): CsvTable {
  if (columns.length === 0) return table;
  const values = columns.map(([, value]) => value);
  return {
    header: [...table.header, ...columns.map(([header]) => header)],
    rows: table.rows.map((row) => [...row, ...values]),
  };
}
