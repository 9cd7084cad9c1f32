import { FILTER_LIST_FIELDS } from '../../catalog/vocabulary.ts';
import type { Db } from '../../db/index.ts';
import { DisclosureTooComplexError } from '../../disclosure/index.ts';
import type { Dimension, MetricFilter, MetricQuery } from '../filter.ts';
import { FILTER_DIMENSIONS } from './mart-binding.ts';
import { MetricInputError } from './metric-input-error.ts';
import type { MetricOptions } from './metric-options.ts';
import type { GroupKeys, MetricRowBase } from './metric-row.ts';
import { MAX_GROUP_BY } from './plan-query.ts';
import { cellKeyOf, type Metric, rowTables, tableIdOf } from './row-tables.ts';

/**
 * The cells of a filtered answer that its wider tables hide, by result table (`cellKeyOf`).
 *
 * A list filter on a dimension the metric can group by makes the answer a slice (one value), or a
 * sum of slices (several), of a table anyone can ask for: the same query without that filter,
 * grouped by its dimension as well (`W`), with the margins over that dimension (`M`, grouped by it
 * alone). `agencies: [A]` grouped by grade group is row A of agency × grade group; its total is A's
 * cell of the one-way table by agency. Suppressed on its own, the slice would choose its own
 * complements, and a cell it shows that the wider table hides (or the reverse) would give the wider
 * table's hidden cells back: the slice's total minus its shown cells, or the wider table's margin
 * minus its shown cells and the slice's. So a cell of the answer is hidden where any of the wider
 * cells it is made of (one per listed value) is hidden there; then everything the answer shows is a
 * sum of cells the wider tables show, and it tells nothing they do not. A hidden total hides its
 * whole table (`wholeTables`): its cells would add up to it.
 *
 * That holds where the units add up over the listed values (one agency or grade group per employee
 * and period). Where they do not (distinct participants over several programs), the answer is not
 * a sum of slices, and the relaxations (`guardFilterComplements`) protect it. The wider answers are
 * asked for through `published`, the metric as the API publishes it (guarded itself): their filter
 * has one list fewer, so the recursion ends. A dimension the metric cannot group by has no wider
 * table anyone can ask for, and is skipped.
 */
export async function sliceHidden<R extends object, O extends MetricOptions>(
  published: Metric<R, O>,
  db: Db,
  query: MetricQuery,
  exactFilter: MetricFilter,
  /** The answer's row tables over `exactFilter` (any minN: only their rows' keys are read). */
  answer: ReadonlyMap<string, readonly MetricRowBase[]>,
  options: O | undefined,
  /**
   * List fields that name every unit (the answer is the one without them): no slices, and, where
   * the query names two dimensions at most, left out of the other lists' wider tables.
   */
  complete: ReadonlySet<string> = new Set(),
): Promise<SliceHidden> {
  const cells = new Map<string, Set<string>>();
  const wholeTables = new Map<string, Set<string>>();
  const missing = new Map<string, Map<string, MissingRow>>();
  const groupBy = query.groupBy ?? [];
  /** Hides a row of the answer's table `name`; a hidden total hides its whole table (its cells add up to it). */
  const hide = (name: string, rows: readonly MetricRowBase[], r: MetricRowBase) => {
    cells.set(name, (cells.get(name) ?? new Set<string>()).add(cellKeyOf(r, r.period)));
    if (r.isTotal)
      wholeTables.set(name, (wholeTables.get(name) ?? new Set<string>()).add(tableIdOf(rows)(r)));
  };
  // The dimensions the query names, by its lists (complete ones too) and its groupBy.
  const named = new Set<Dimension>(groupBy);
  for (const f of FILTER_LIST_FIELDS) if ((exactFilter[f]?.length ?? 0) > 0) named.add(FILTER_DIMENSIONS[f]);
  for (const field of FILTER_LIST_FIELDS) {
    const values = [...new Set(exactFilter[field] ?? [])];
    if (values.length === 0 || complete.has(field)) continue;
    const dim: Dimension = FILTER_DIMENSIONS[field];
    // The wider tables drop this list and, where the query names two dimensions at most, the
    // complete ones too: the answer is the one without them (every row, every count), so it is a
    // slice of the wider table without them, as that answer is, and shows nothing that answer does
    // not (it hides at least what that answer hides: the same slices, more relaxations). Kept, a
    // complete list made the wider table a slice of a two-way table, hidden where the table
    // without it shows the same cells (a review on the scale-1 QA world: agencies [DISDUKCAPIL]
    // with serviceTypes [ktp_el], a Disdukcapil-only type, per quarter of 2025 was hidden whole as
    // a slice of agency × service type, hidden whole there, while serviceTypes [ktp_el] alone
    // showed the same four quarters). With three dimensions named, the lists are kept: such an
    // answer's cells are hidden as a three-way table's, a complete list counted too (grade group
    // III with employment type PNS by program, as Program.outcomes asks).
    const rest: MetricFilter = { ...exactFilter };
    const dropped = named.size > MAX_GROUP_BY ? [field] : [field, ...complete];
    for (const f of dropped) delete (rest as Record<string, unknown>)[f];
    const wider = async (by: readonly Dimension[]) => {
      try {
        return rowTables(
          await published(db, { ...query, compare: false, filter: rest, groupBy: by }, options),
        );
      } catch (e) {
        if (e instanceof MetricInputError) return null;
        // The answer can only show what the wider table shows, and that table cannot be protected:
        // say so, with what helps (a narrower filter does not: every value's slice needs it).
        if (e instanceof DisclosureTooComplexError) {
          throw new DisclosureTooComplexError(
            e.budget,
            `This answer, filtered to ${field} ${values.join(', ')}, is a slice of the same query by ${by.join(' × ')} for every ${dim}, and disclosure control of that table is too large to compute (its small cells are tied together across too many periods and groups). Ask for a coarser grain (quarter or year) or fewer groupBy dimensions.`,
          );
        }
        throw e;
      }
    };
    /** Wider rows by table name and cell key, `hidden` when suppressed there. */
    const index = (tables: Map<string, MetricRowBase[]> | null) =>
      new Map(
        [...(tables ?? new Map<string, MetricRowBase[]>())].map(([name, rows]) => [
          name,
          new Map(rows.map((r) => [cellKeyOf(r, r.period), r.suppressed === true])),
        ]),
      );
    const wBy = groupBy.includes(dim) ? groupBy : [dim, ...groupBy];
    if (wBy.length > MAX_GROUP_BY) {
      // A slice of a table of three dimensions (a list and two groupBy dimensions; two lists and
      // one groupBy reach this through their wider answers, Program.outcomes with two lists too):
      // no such table is published, and each of its two-way views (two dimensions grouped, the
      // third fixed by a list) protected the same cell its own way, so one view showed a cell
      // another hides, and the difference pinned a hidden one (privacy review of 2026-12-05:
      // REG-KL 2022, grade group PPPK 3 = 125 − I − III − IV − II×PNS − II×PPPK, the slices from
      // Program.outcomes with pairs of lists). So its cells are hidden, as groupBy refuses a third
      // dimension; its total, the listed values' cell of the table by the listed dimension, as
      // that table shows it. Unless the metric cannot group by the listed dimension: no table.
      const m = await wider([dim]);
      if (m === null) continue;
      const mIndex = index(m);
      for (const [name, rows] of answer) {
        const mRows = mIndex.get(name);
        for (const r of rows) {
          const hiddenTotal = () =>
            values.some(
              (v) => mRows?.get(cellKeyOf({ keys: { [dim]: String(v) }, isTotal: false }, r.period)) ?? false,
            );
          if (!r.isTotal || hiddenTotal()) hide(name, rows, r);
        }
      }
      continue;
    }
    const w = await wider(wBy);
    if (w === null) continue;
    // The margins by the listed dimension alone: W itself when the answer has no groupBy (then
    // each of its rows, a total, is one listed value's cell of W, or a sum of them).
    const m = wBy.length > 1 ? await wider([dim]) : w;
    const wIndex = index(w);
    const mIndex = index(m);
    for (const [name, rows] of answer) {
      const wRows = wIndex.get(name);
      const mRows = mIndex.get(name);
      // A hidden wider cell of a listed value whose combination the answer has no row for: the wider
      // table lists it because it is hidden whole, zeros included (`densifyHiddenTables`). Without
      // the row, the answer would publish that zero, and "every hidden count is at least 1" would
      // pin its hidden cells by its total.
      const have = new Set(rows.map((r) => cellKeyOf(r, r.period)));
      for (const wr of w.get(name) ?? []) {
        if (wr.isTotal || !wr.suppressed || !values.includes(String(wr.keys[dim]))) continue;
        const keys: GroupKeys = { ...wr.keys };
        if (!groupBy.includes(dim)) delete keys[dim];
        // A cell of W by the listed dimension alone is the answer's total, not a row it lacks.
        if (Object.keys(keys).length === 0) continue;
        const id = cellKeyOf({ keys, isTotal: false }, wr.period);
        if (have.has(id)) continue;
        const list = missing.get(name) ?? new Map<string, MissingRow>();
        list.set(id, { period: wr.period, keys });
        missing.set(name, list);
      }
      for (const r of rows) {
        const own = r.keys[dim];
        const parts: GroupKeys[] =
          own !== null && own !== undefined ? [r.keys] : values.map((v) => ({ ...r.keys, [dim]: String(v) }));
        const hiddenPart = parts.some((keys) => {
          const inW = wRows?.get(cellKeyOf({ keys, isTotal: r.isTotal }, r.period));
          if (inW !== undefined) return inW;
          // A total of the answer that W has no row for (W's total is over every value): the margin.
          if (!r.isTotal) return false;
          const outer = Object.entries(r.keys).some(([d, v]) => d !== dim && v !== null && v !== undefined);
          if (outer) return false;
          return mRows?.get(cellKeyOf({ keys: { [dim]: keys[dim] }, isTotal: false }, r.period)) ?? false;
        });
        if (hiddenPart) hide(name, rows, r);
      }
    }
  }
  return {
    cells,
    wholeTables,
    missing: new Map([...missing].map(([name, list]) => [name, [...list.values()]])),
  };
}

/** A hidden row the answer lacks: its period and group keys. */
export interface MissingRow {
  readonly period: string | null;
  readonly keys: GroupKeys;
}

/** What `sliceHidden` finds, per result table (by name). */
export interface SliceHidden {
  /** Cells to hide (`cellKeyOf`). */
  readonly cells: Map<string, Set<string>>;
  /** Tables to hide whole (`tableIdOf`): a hidden total. */
  readonly wholeTables: Map<string, Set<string>>;
  /** Rows to add, hidden: combinations the wider table lists hidden (zeros included) and the answer lacks. */
  readonly missing: Map<string, MissingRow[]>;
}
