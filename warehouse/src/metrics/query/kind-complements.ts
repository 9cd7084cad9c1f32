import type { Db } from '../../db/index.ts';
import type { Dimension, MetricQuery } from '../filter.ts';
import { addMissingRows, type Hidden, hideRows } from './filter-complements.ts';
import type { MetricOptions } from './metric-options.ts';
import type { GroupKeys, MetricRowBase } from './metric-row.ts';
import { cellKeyOf, type Metric, rowTables, tableIdOf } from './row-tables.ts';
import type { MissingRow } from './slice-complements.ts';

/**
 * Disclosure control of answers grouped by agency kind (`agencyKind`), a coarsening of agency: the
 * cell of a kind is the sum of the cells of its agencies, and the same query grouped by agency
 * publishes those. Protected on its own, the kind table shows sums whose parts the agency table
 * hides: the dinas × PPPK cell less the PPPK cells of the dinas shown by agency gave back the one
 * dinas hidden there (on the scale-1 demo, DISKOMINFO: 4 PPPK employees in 2024, all 4 trained;
 * a kind of one agency, such as sekretariat, is that agency's cell outright). So, as a filtered
 * slice takes the hidden cells of the wider table it is a sum of (`sliceHidden`), a cell of the kind
 * answer is hidden where any of its agencies' cells is hidden in the answer by agency (the same query
 * and filter, `agency` in place of `agencyKind`), and a hidden total hides its whole table. Then
 * every cell the kind answer shows is a sum of cells the agency answer shows, so it tells nothing
 * that answer does not; and where the agency answer hides a combination without data (a table hidden
 * whole lists its zeros), the kind answer lists it hidden too instead of leaving it out, which would
 * publish that zero. Which agencies make up a kind comes from `dim_agency` (every version: an agency
 * whose kind changed counts in each of its kinds). Costs one more metric run and one small read, and
 * only for a groupBy with `agencyKind`.
 */
export function guardAgencyKind<R extends object, O extends MetricOptions>(
  metric: Metric<R, O>,
): Metric<R, O> {
  return async (db: Db, query: MetricQuery, options?: O): Promise<R> => {
    const result = await metric(db, query, options);
    const groupBy = query.groupBy ?? [];
    const minN = (result as { minN?: number }).minN ?? 1;
    if (!groupBy.includes('agencyKind') || minN <= 1) return result;
    const withAgency = groupBy.includes('agency');
    const byAgency: Dimension[] = withAgency
      ? groupBy.filter((d) => d !== 'agencyKind')
      : groupBy.map((d) => (d === 'agencyKind' ? 'agency' : d));
    const wider = rowTables(await metric(db, { ...query, groupBy: byAgency }, options));
    const kindsOf = withAgency ? new Map<string, Set<string>>() : await agencyKinds(db);
    const membersOf = new Map<string, Set<string>>();
    const member = (kind: string, agency: string) =>
      membersOf.set(kind, (membersOf.get(kind) ?? new Set<string>()).add(agency));
    for (const [agency, kinds] of kindsOf) for (const kind of kinds) member(kind, agency);
    // An agency of the answer by agency without a known kind counts in every kind of the answer.
    const answerKinds = new Set(
      [...rowTables(result).values()].flatMap((rows) =>
        rows.flatMap((r) =>
          r.keys.agencyKind === null || r.keys.agencyKind === undefined ? [] : [r.keys.agencyKind],
        ),
      ),
    );
    if (!withAgency)
      for (const rows of wider.values())
        for (const r of rows) {
          const agency = r.keys.agency;
          if (agency === null || agency === undefined || kindsOf.has(agency)) continue;
          kindsOf.set(agency, new Set(answerKinds));
          for (const kind of answerKinds) member(kind, agency);
        }

    const out: Record<string, unknown> = { ...(result as object) };
    let changed = false;
    for (const [name, rows] of rowTables(result)) {
      const wRows = wider.get(name) ?? [];
      const hiddenInW = new Map(wRows.map((r) => [cellKeyOf(r, r.period), r.suppressed === true]));
      const without = (keys: GroupKeys): GroupKeys => {
        const { agencyKind: _kind, ...rest } = keys;
        return rest;
      };
      /** The agency answer's cells a row of the kind answer adds up. */
      const parts = (r: MetricRowBase): GroupKeys[] => {
        const rest = without(r.keys);
        if (withAgency) return [rest];
        const kind = r.keys.agencyKind;
        if (kind === null || kind === undefined) return [{ ...rest, agency: null }];
        return [...(membersOf.get(kind) ?? [])].map((agency) => ({ ...rest, agency }));
      };
      const hidden: Hidden = { tables: new Set(), cells: new Set() };
      const hide = (r: MetricRowBase) => {
        hidden.cells.add(cellKeyOf(r, r.period));
        if (r.isTotal) hidden.tables.add(tableIdOf(rows)(r));
      };
      // Combinations the agency answer lists hidden (its zeros among them) that the kind answer lacks.
      const missing = new Map<string, MissingRow>();
      if (!withAgency) {
        const have = new Set(rows.map((r) => cellKeyOf(r, r.period)));
        for (const wr of wRows) {
          if (wr.isTotal || !wr.suppressed) continue;
          const agency = wr.keys.agency;
          if (agency === null || agency === undefined) continue;
          for (const kind of kindsOf.get(agency) ?? []) {
            const { agency: _agency, ...rest } = wr.keys;
            const keys: GroupKeys = { ...rest, agencyKind: kind };
            const id = cellKeyOf({ keys, isTotal: false }, wr.period);
            if (!have.has(id)) missing.set(id, { period: wr.period, keys });
          }
        }
      }
      for (const r of rows) {
        const anyHidden = parts(r).some((keys) =>
          hiddenInW.get(cellKeyOf({ keys, isTotal: r.isTotal }, r.period)),
        );
        // A hidden total hides its table: its cells would add up to it.
        if (anyHidden) hide(r);
      }
      if (hidden.cells.size === 0 && hidden.tables.size === 0 && missing.size === 0) continue;
      changed = true;
      const withMissing = addMissingRows(rows, [...missing.values()], groupBy, (c) => hidden.cells.add(c));
      out[name] = hideRows(withMissing, hidden, query.grain);
    }
    return (changed ? out : result) as R;
  };
}

/**
 * The kinds each agency has had (agency codes to kinds), from every version of `dim_agency`: the
 * facts carry an agency's kind as of their date, one of these. An agency of the agency answer that
 * `dim_agency` lacks is taken as a member of every kind, the safe side.
 */
async function agencyKinds(db: Db): Promise<Map<string, Set<string>>> {
  const kinds = new Map<string, Set<string>>();
  for (const { code, kind } of await db.all<{ code: string; kind: string }>(
    'SELECT DISTINCT agency_code AS code, kind FROM marts.dim_agency WHERE kind IS NOT NULL',
  )) {
    const set = kinds.get(code) ?? new Set<string>();
    set.add(kind);
    kinds.set(code, set);
  }
  return kinds;
}
