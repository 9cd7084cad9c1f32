import type { Db } from '../../db/index.ts';
import type { Dimension, MetricQuery } from '../filter.ts';
import { MetricInputError } from './metric-input-error.ts';
import type { MetricOptions } from './metric-options.ts';
import type { GroupKeys, MetricRowBase } from './metric-row.ts';
import { cellKeyOf, type Metric, rowTables, tableIdOf } from './row-tables.ts';
import type { MissingRow, SliceHidden } from './slice-complements.ts';

/**
 * Dimensions that group whole values of a finer one: an agency has one kind, a program one method
 * and one competency area, a grade group one employment type (I–IV are PNS, PPPK the PPPK: the
 * tables by the two are the same people, and the one by employment type gave a grade group hidden
 * by grade back, review of 2026-12-05: TIK-CO 2023 grade II 4 = 53 − I 0 − III 26 − IV 18 − PPPK
 * employment 5). The coarse value of each fine one is read from the dimension table (every
 * version: an agency whose kind changed belongs to each of its kinds).
 */
const COARSENINGS: Partial<Record<Dimension, { readonly fine: Dimension; readonly sql: string }>> = {
  agencyKind: {
    fine: 'agency',
    sql: 'SELECT DISTINCT agency_code AS fine, kind AS coarse FROM marts.dim_agency WHERE kind IS NOT NULL',
  },
  method: {
    fine: 'program',
    sql: 'SELECT DISTINCT program_code AS fine, method AS coarse FROM marts.dim_program WHERE method IS NOT NULL',
  },
  employmentType: {
    fine: 'gradeGroup',
    sql: 'SELECT DISTINCT grade_group AS fine, employment_type AS coarse FROM marts.dim_employee WHERE employment_type IS NOT NULL AND grade_group IS NOT NULL',
  },
  competencyArea: {
    fine: 'program',
    sql: 'SELECT DISTINCT program_code AS fine, competency_area AS coarse FROM marts.dim_program WHERE competency_area IS NOT NULL',
  },
};

/**
 * The cells of an answer grouped by a coarse dimension (agency kind, method, competency area) that
 * the same answer by the finer one hides, by result table (`cellKeyOf`), as `sliceHidden` finds them
 * for a filtered slice.
 *
 * A coarse cell is the sum of the cells of its fine values, and the same query grouped by the fine
 * dimension publishes those. Protected on its own, the coarse table showed sums whose parts the fine
 * table hides: dinas × PPPK less the PPPK cells of the dinas shown by agency gave back the one dinas
 * hidden there (DISKOMINFO 2024 on the scale-1 demo: 4 PPPK employees, all 4 trained), and a kind of
 * one agency (sekretariat) is that agency's cell outright; the funnel by method × agency, against
 * program × agency, exposed the same way. So a cell of the coarse answer is hidden where one of its
 * fine values' cells is hidden in the fine answer (the same query and filter, the fine dimension in
 * place of the coarse one, as published: `published` applies every guard, this one included, so a
 * query with two coarse dimensions is protected one at a time), unless those hidden cells are all
 * the hidden cells of their line across the fine dimension and the line's total is published (then
 * their sum is public already: `givesAway`); a hidden total hides its whole table. Everything the
 * coarse answer shows then follows from what the fine answers show. Where the fine answer lists
 * combinations without data hidden (a table hidden whole lists its zeros), the coarse answer lists
 * them hidden too (`missing`) instead of leaving them out, which would publish that zero. A filter
 * on a coarse dimension is a slice of the coarse table (`sliceHidden`), which is protected here. Units counted under several fine values
 * (participation's distinct participants over several programs of one method) make a coarse cell no
 * sum of its parts; their overlap is not protected, as for filters (`relaxationsOf`).
 */
export async function coarseHidden<R extends object, O extends MetricOptions>(
  published: Metric<R, O>,
  db: Db,
  query: MetricQuery,
  answer: ReadonlyMap<string, readonly MetricRowBase[]>,
  options: O | undefined,
): Promise<SliceHidden> {
  const cells = new Map<string, Set<string>>();
  const wholeTables = new Map<string, Set<string>>();
  const missing = new Map<string, MissingRow[]>();
  const groupBy = query.groupBy ?? [];
  const coarse = groupBy.find((d) => COARSENINGS[d] !== undefined);
  if (coarse === undefined) return { cells, wholeTables, missing };
  const { fine, sql } = COARSENINGS[coarse]!;
  const withFine = groupBy.includes(fine);
  const fineBy: Dimension[] = withFine
    ? groupBy.filter((d) => d !== coarse)
    : groupBy.map((d) => (d === coarse ? fine : d));
  let fineAnswer: Map<string, MetricRowBase[]>;
  try {
    fineAnswer = rowTables(await published(db, { ...query, groupBy: fineBy }, options));
  } catch (e) {
    // No fine table anyone can ask for (the metric does not group by it): nothing to be consistent with.
    if (e instanceof MetricInputError) return { cells, wholeTables, missing };
    throw e;
  }

  const parentsOf = new Map<string, Set<string>>();
  if (!withFine)
    for (const r of await db.all<{ fine: string; coarse: string }>(sql))
      parentsOf.set(r.fine, (parentsOf.get(r.fine) ?? new Set<string>()).add(r.coarse));
  // A fine value the dimension table lacks belongs to every coarse value of the answer: the safe side.
  const answered = new Set(
    [...answer.values()].flatMap((rows) =>
      rows.flatMap((r) => (r.keys[coarse] === null || r.keys[coarse] === undefined ? [] : [r.keys[coarse]])),
    ),
  );
  if (!withFine)
    for (const rows of fineAnswer.values())
      for (const r of rows) {
        const value = r.keys[fine];
        if (value !== null && value !== undefined && !parentsOf.has(value))
          parentsOf.set(value, new Set(answered));
      }
  const membersOf = new Map<string, string[]>();
  for (const [value, parents] of parentsOf)
    for (const parent of parents) membersOf.set(parent, [...(membersOf.get(parent) ?? []), value]);

  /**
   * The fine answer's line totals as published: the same query grouped by the other dimensions
   * only, by table name and cell, true where shown (false where hidden; absent: not published).
   */
  let totals: Promise<Map<string, Map<string, boolean>>> | null = null;
  const lineTotals = () => {
    totals ??= (async () => {
      const by = fineBy.filter((d) => d !== fine);
      const tables = rowTables(await published(db, { ...query, groupBy: by }, options));
      return new Map(
        [...tables].map(([name, rows]) => [
          name,
          new Map(rows.map((r) => [cellKeyOf(r, r.period), r.suppressed !== true])),
        ]),
      );
    })();
    return totals;
  };
  const without = (keys: GroupKeys, dim: Dimension): GroupKeys =>
    Object.fromEntries(Object.entries(keys).filter(([d]) => d !== dim)) as GroupKeys;
  for (const [name, rows] of answer) {
    const fineRows = fineAnswer.get(name) ?? [];
    const fineByCell = new Map(fineRows.map((r) => [cellKeyOf(r, r.period), r]));
    // The fine answer's lines across the fine dimension: per period and other keys, its hidden cells.
    const lineOf = (keys: GroupKeys, period: string | null) =>
      cellKeyOf({ keys: without(keys, fine), isTotal: false }, period);
    const hiddenOnLine = new Map<string, Set<string>>();
    for (const f of fineRows) {
      if (f.isTotal || !f.suppressed) continue;
      const line = lineOf(f.keys, f.period);
      hiddenOnLine.set(line, (hiddenOnLine.get(line) ?? new Set<string>()).add(cellKeyOf(f, f.period)));
    }
    /**
     * Whether publishing a coarse row gives away what the fine answer hides. A row whose parts are
     * all shown there is their sum: nothing new. With hidden parts, its value less its shown parts is
     * their sum, new unless those are every hidden cell of their line across the fine dimension and
     * that line's total is published (the same query without the fine dimension), which gives the
     * sum already: the only hidden programs of a year are the two of one method, say. Otherwise it
     * is hidden. So everything a coarse answer shows follows from what the fine answers show.
     */
    const givesAway = async (r: MetricRowBase): Promise<boolean> => {
      const hiddenParts = parts(r)
        .map((keys) => fineByCell.get(cellKeyOf({ keys, isTotal: r.isTotal }, r.period)))
        .filter((f): f is MetricRowBase => f?.suppressed === true);
      if (hiddenParts.length === 0) return false;
      if (r.isTotal) return true;
      const onLine = hiddenOnLine.get(lineOf(hiddenParts[0]!.keys, r.period)) ?? new Set<string>();
      if (hiddenParts.length !== onLine.size || hiddenParts.some((f) => !onLine.has(cellKeyOf(f, f.period))))
        return true;
      const margin = (await lineTotals()).get(name);
      const rest = without(hiddenParts[0]!.keys, fine);
      const total =
        margin?.get(cellKeyOf({ keys: rest, isTotal: false }, r.period)) ??
        margin?.get(cellKeyOf({ keys: rest, isTotal: true }, r.period));
      // Public when the line's total is published and shown; else the sum would be new.
      return total !== true;
    };
    /** The fine answer's cells a row of the coarse answer adds up. */
    const parts = (r: MetricRowBase): GroupKeys[] => {
      const rest = without(r.keys, coarse);
      if (withFine) return [rest];
      const value = r.keys[coarse];
      if (value === null || value === undefined) return [{ ...rest, [fine]: null }];
      return (membersOf.get(value) ?? []).map((v) => ({ ...rest, [fine]: v }));
    };
    const table = tableIdOf(rows as MetricRowBase[]);
    for (const r of rows) {
      if (!(await givesAway(r))) continue;
      cells.set(name, (cells.get(name) ?? new Set<string>()).add(cellKeyOf(r, r.period)));
      // A hidden total hides its table: its cells would add up to it.
      if (r.isTotal) wholeTables.set(name, (wholeTables.get(name) ?? new Set<string>()).add(table(r)));
    }
    if (withFine) continue;
    const have = new Set(rows.map((r) => cellKeyOf(r, r.period)));
    const lacking = new Map<string, MissingRow>();
    for (const fr of fineRows) {
      const value = fr.keys[fine];
      if (fr.isTotal || !fr.suppressed || value === null || value === undefined) continue;
      for (const parent of parentsOf.get(value) ?? []) {
        const keys: GroupKeys = { ...without(fr.keys, fine), [coarse]: parent };
        const id = cellKeyOf({ keys, isTotal: false }, fr.period);
        if (!have.has(id)) lacking.set(id, { period: fr.period, keys });
      }
    }
    if (lacking.size > 0) missing.set(name, [...lacking.values()]);
  }
  return { cells, wholeTables, missing };
}
