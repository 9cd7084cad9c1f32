import type { Db } from '../../db/index.ts';
import type { Dimension, MetricQuery } from '../filter.ts';
import { MetricInputError } from './metric-input-error.ts';
import type { MetricOptions } from './metric-options.ts';
import type { GroupKeys, MetricRowBase } from './metric-row.ts';
import { cellKeyOf, type Metric, rowTables, tableIdOf } from './row-tables.ts';
import type { MissingRow, SliceHidden } from './slice-complements.ts';
import { SnapshotMemo } from './snapshot-memo.ts';

/**
 * Dimensions that group whole values of a finer one: an agency has one kind, a program one method
 * and one competency area, a grade group one employment type (I–IV are PNS, PPPK the PPPK: the
 * tables by the two are the same people, and the one by employment type gave a grade group hidden
 * by grade back, review of 2026-12-05: TIK-CO 2023 grade II 4 = 53 − I 0 − III 26 − IV 18 − PPPK
 * employment 5). The coarse value of each fine one is read from the dimension table (every
 * version: an agency whose kind changed belongs to each of its kinds).
 */
interface Coarsening {
  readonly fine: Dimension;
  /** The pairs (fine value, coarse value): a fine value of several coarse ones is a part of each. */
  readonly sql: string;
  /**
   * The finer answer keeps a part of each hidden coarse cell hidden too (`partsHidden`), and the
   * coarse answer counts those parts hidden. Only for agency over service types so far: see
   * `partsHidden`.
   */
  readonly mirrored?: boolean;
}
const COARSENINGS: Partial<Record<Dimension, Coarsening>> = {
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
  // A service type is one agency's (its service level's), or one the five kecamatan offer alike;
  // the pairs the service and survey months hold are listed too. A kecamatan's cell is no sum of
  // its types then, but the five kecamatan add up to their two types: every pair counts.
  agency: {
    fine: 'serviceType',
    mirrored: true,
    sql: `SELECT DISTINCT service_type AS fine, agency_code AS coarse FROM marts.dim_service_type WHERE agency_code IS NOT NULL
          UNION SELECT DISTINCT service_type, agency_code FROM marts.agg_satisfaction_month WHERE agency_code IS NOT NULL AND service_type IS NOT NULL
          UNION SELECT DISTINCT service_type, agency_code FROM marts.agg_service_days WHERE agency_code IS NOT NULL AND service_type IS NOT NULL`,
  },
};

/** The pairs of each coarsening, read once per published snapshot (they never change in one). */
const pairsKept = new SnapshotMemo(16);

/**
 * The coarse values of each fine one (`Coarsening.sql`), kept per read-only snapshot: every guarded
 * call by agency or service type reads them, and on a scale-10 world the union over the service days
 * costs more than the rest of a small answer. A build's writable database reads them each time.
 */
function coarseParents(db: Db, coarse: Dimension): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
  const { sql } = COARSENINGS[coarse]!;
  return pairsKept.get(db, ['coarse-parents', coarse], async () => {
    const parents = new Map<string, Set<string>>();
    for (const r of await db.all<{ fine: string; coarse: string }>(sql))
      parents.set(r.fine, (parents.get(r.fine) ?? new Set<string>()).add(r.coarse));
    return parents;
  });
}

/** A row's group keys without one dimension. */
const without = (keys: GroupKeys, dim: Dimension): GroupKeys =>
  Object.fromEntries(Object.entries(keys).filter(([d]) => d !== dim)) as GroupKeys;

/** The dimensions of the answer a coarse one's cells add up from: the fine one in its place, or without it when both are asked. */
function fineDimensions(groupBy: readonly Dimension[], coarse: Dimension): Dimension[] {
  const { fine } = COARSENINGS[coarse]!;
  return groupBy.includes(fine)
    ? groupBy.filter((d) => d !== coarse)
    : groupBy.map((d) => (d === coarse ? fine : d));
}

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
  /** The fine answers as published before `partsHidden` (which reads this answer in turn). */
  published: Metric<R, O>,
  db: Db,
  query: MetricQuery,
  answer: ReadonlyMap<string, readonly MetricRowBase[]>,
  options: O | undefined,
  /** Rows of the answer other guards hide already (besides those it shows suppressed). */
  hiddenAlready: (name: string, row: MetricRowBase) => boolean = () => false,
): Promise<SliceHidden> {
  const cells = new Map<string, Set<string>>();
  const wholeTables = new Map<string, Set<string>>();
  const missing = new Map<string, MissingRow[]>();
  const groupBy = query.groupBy ?? [];
  // The first coarse dimension with a fine answer anyone can ask for (the metric groups by it);
  // a second one is protected in that answer, which is published the same way.
  let found: { coarse: Dimension; fineAnswer: Map<string, MetricRowBase[]> } | undefined;
  for (const candidate of groupBy.filter((d) => COARSENINGS[d] !== undefined)) {
    try {
      found = {
        coarse: candidate,
        fineAnswer: rowTables(
          await published(db, { ...query, groupBy: fineDimensions(groupBy, candidate) }, options),
        ),
      };
      break;
    } catch (e) {
      if (e instanceof MetricInputError) continue;
      throw e;
    }
  }
  if (found === undefined) return { cells, wholeTables, missing };
  const { coarse, fineAnswer } = found;
  const { fine } = COARSENINGS[coarse]!;
  const withFine = groupBy.includes(fine);
  const fineBy = fineDimensions(groupBy, coarse);

  const parentsOf = withFine ? new Map<string, Set<string>>() : new Map(await coarseParents(db, coarse));
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
  for (const [name, rows] of answer) {
    const fineRows = fineAnswer.get(name) ?? [];
    const fineByCell = new Map(fineRows.map((r) => [cellKeyOf(r, r.period), r]));
    // The fine answer's lines across the fine dimension: per period and other keys, its hidden cells.
    const lineOf = (keys: GroupKeys, period: string | null) =>
      cellKeyOf({ keys: without(keys, fine), isTotal: false }, period);
    const hiddenOnLine = new Map<string, Set<string>>();
    /** The fine answer's hidden cells: as published, and (below) the parts of the coarse cells hidden here. */
    const fineHidden = new Set<string>();
    const hideFine = (keys: GroupKeys, period: string | null) => {
      const id = cellKeyOf({ keys, isTotal: false }, period);
      if (fineHidden.has(id) || !fineByCell.has(id)) return false;
      fineHidden.add(id);
      const line = lineOf(keys, period);
      hiddenOnLine.set(line, (hiddenOnLine.get(line) ?? new Set<string>()).add(id));
      return true;
    };
    for (const f of fineRows) if (!f.isTotal && f.suppressed) hideFine(f.keys, f.period);
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
        .filter(
          (f): f is MetricRowBase =>
            f !== undefined && (f.isTotal ? f.suppressed : fineHidden.has(cellKeyOf(f, f.period))),
        );
      if (hiddenParts.length === 0) return false;
      if (r.isTotal) return true;
      // A part shared by several coarse values (a kecamatan service type): their cells add up
      // together, so this one shown would pin another hidden one of them; no exception.
      if (hiddenParts.some((f) => (parentsOf.get(f.keys[fine] ?? '')?.size ?? 0) > 1)) return true;
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
    /**
     * The fine answer as published hides a part of every coarse cell hidden here (`partsHidden`):
     * else a coarse cell hidden as a complement, whose parts the fine answer shows, would be their
     * sum, and the cell it protects would follow. That part counts as hidden on its line, so a row
     * whose hidden parts were its line's only ones is checked again, until nothing changes.
     */
    const hiddenHere = new Set<string>();
    const hideParts = (r: MetricRowBase) => {
      if (r.isTotal) return false;
      const shown = parts(r)
        .map((keys) => fineByCell.get(cellKeyOf({ keys, isTotal: false }, r.period)))
        .filter((f): f is MetricRowBase => f !== undefined);
      const pick = partToHide(shown, (f) => fineHidden.has(cellKeyOf(f, f.period)));
      return pick !== null && hideFine(pick.keys, pick.period);
    };
    const isHidden = (r: MetricRowBase) =>
      r.suppressed === true || hiddenAlready(name, r) || hiddenHere.has(cellKeyOf(r, r.period));
    const publicAnyway = publicOnItsLine(rows, coarse, isHidden);
    for (let changed = true; changed; ) {
      changed = false;
      if (COARSENINGS[coarse]!.mirrored)
        for (const r of rows) if (isHidden(r) && !publicAnyway(r) && hideParts(r)) changed = true;
      for (const r of rows) {
        const id = cellKeyOf(r, r.period);
        if (hiddenHere.has(id) || !(await givesAway(r))) continue;
        hiddenHere.add(id);
        changed = true;
        cells.set(name, (cells.get(name) ?? new Set<string>()).add(id));
        // A hidden total hides its table: its cells would add up to it.
        if (r.isTotal) wholeTables.set(name, (wholeTables.get(name) ?? new Set<string>()).add(table(r)));
      }
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

/**
 * Whether a hidden cell of a coarse answer is public all the same: the only hidden cell of its line
 * across the coarse dimension (the other keys and period fixed), whose total the answer shows (a
 * cell that is its line's only one, hidden by a rule that did not need to). Its parts need no
 * hidden one.
 */
function publicOnItsLine(
  rows: readonly MetricRowBase[],
  coarse: Dimension,
  isHidden: (r: MetricRowBase) => boolean,
): (r: MetricRowBase) => boolean {
  const lineOf = (r: MetricRowBase) =>
    cellKeyOf({ keys: { ...without(r.keys, coarse), [coarse]: null }, isTotal: true }, r.period);
  const byId = new Map(rows.map((r) => [cellKeyOf(r, r.period), r]));
  return (r) => {
    if (r.isTotal) return false;
    const line = lineOf(r);
    const total = byId.get(line);
    if (total === undefined || isHidden(total)) return false;
    return rows.every((o) => o === r || o.isTotal || lineOf(o) !== line || !isHidden(o));
  };
}

/**
 * The part of a hidden coarse cell the fine answer hides too: none when one of its parts is hidden
 * already, else its smallest (fewest units, then the first by key), so both answers pick the same.
 */
export function partToHide(
  parts: readonly MetricRowBase[],
  isHidden: (part: MetricRowBase) => boolean,
): MetricRowBase | null {
  if (parts.length === 0 || parts.some(isHidden)) return null;
  let best: MetricRowBase | null = null;
  for (const p of parts) {
    if (best === null) best = p;
    else {
      const [a, b] = [p.n ?? 0, best.n ?? 0];
      if (a < b || (a === b && cellKeyOf(p, p.period) < cellKeyOf(best, best.period))) best = p;
    }
  }
  return best;
}

/**
 * The cells of an answer grouped by a fine dimension that keep the same answer by the coarse
 * dimension from giving its hidden cells back: the other direction of `coarseHidden`, for the
 * coarsenings marked `mirrored` (agency over service types), by result table.
 *
 * Each table picks its own complements. A coarse cell hidden as a complement, whose parts the fine
 * answer all shows, is their sum, and the cell it protects follows by subtraction from the coarse
 * total: DINSOS has one service type, so its agency × month cell, hidden by agency as the
 * complement of KEC-62.71.04's 4 questionnaires of November 2025, was shown by service type, and
 * those 4 came back (review of 2026-12-05: 6 of 6 hidden agency × month cells of 2021–2025 on the
 * scale-1 demo). So where a coarse cell is hidden in the answer by the coarse dimension in the fine
 * one's place, and none of its parts here is hidden, its smallest part is hidden (`partToHide`).
 * Then every hidden coarse cell keeps an unknown part, and with two or more hidden on a line (the
 * coarse answer's own complements) no sum of them follows. A hidden cell that is public anyway
 * (its line's only hidden one, the total shown) needs none (`publicOnItsLine`). `coarseHidden`
 * picks the same parts when it decides the coarse answer, so the two agree. An answer by both
 * dimensions keeps a part of each coarse cell hidden in the answer without the fine one the same
 * way. A fine value the dimension table lacks is a part of every coarse value of that answer.
 *
 * Not yet for agency kind, method, competency area and employment type: there a coarse answer's
 * two-way tables hide cells other answers show (by agency × employment type filtered to grade
 * group III, both agencies of a year whose one-way cells are shown), and mirroring them hid those
 * cells in the fine answers for nothing. Nor does the answer by the fine dimension alone mirror the
 * complements the answer by both picks for its own lines.
 */
export async function partsHidden<R extends object, O extends MetricOptions>(
  published: Metric<R, O>,
  db: Db,
  query: MetricQuery,
  answer: ReadonlyMap<string, readonly MetricRowBase[]>,
  options: O | undefined,
  /** Rows of the answer other guards hide already (besides those it shows suppressed). */
  hiddenAlready: (name: string, row: MetricRowBase) => boolean = () => false,
): Promise<SliceHidden> {
  const cells = new Map<string, Set<string>>();
  const groupBy = query.groupBy ?? [];
  for (const [coarse, { fine, mirrored }] of Object.entries(COARSENINGS) as [Dimension, Coarsening][]) {
    if (!mirrored || !groupBy.includes(fine)) continue;
    // The coarse answer this one's cells are parts of: by the coarse dimension in the fine one's
    // place, or, grouped by both, the answer without the fine one (its cells are the one-way
    // answer's, so the two keep the same part hidden).
    const both = groupBy.includes(coarse);
    const by = both ? groupBy.filter((d) => d !== fine) : groupBy.map((d) => (d === fine ? coarse : d));
    let other: Map<string, MetricRowBase[]>;
    try {
      other = rowTables(await published(db, { ...query, groupBy: by }, options));
    } catch (e) {
      // Not an answer anyone can have (the metric does not group so): nothing to agree with.
      if (e instanceof MetricInputError) continue;
      throw e;
    }
    const parentsOf = both ? new Map<string, Set<string>>() : new Map(await coarseParents(db, coarse));
    for (const [name, rows] of answer) {
      const otherRows = other.get(name) ?? [];
      const publicAnyway = publicOnItsLine(otherRows, coarse, (r) => r.suppressed === true);
      const hiddenThere = otherRows
        .filter((r) => !r.isTotal && r.suppressed && !publicAnyway(r))
        .map((r) => cellKeyOf(r, r.period));
      if (hiddenThere.length === 0) continue;
      const coarseValues = [
        ...new Set(otherRows.flatMap((r) => (r.keys[coarse] == null ? [] : [r.keys[coarse]!]))),
      ];
      const picked = cells.get(name) ?? new Set<string>();
      cells.set(name, picked);
      const isHidden = (r: MetricRowBase) =>
        r.suppressed === true || hiddenAlready(name, r) || picked.has(cellKeyOf(r, r.period));
      // The cells each coarse cell adds up, by its cell key. Totals are left to the tables' own
      // protection: the coarse answer publishes the same totals, so hiding one here hides nothing.
      const partsOf = new Map<string, MetricRowBase[]>();
      for (const r of rows) {
        const value = r.keys[fine];
        if (r.isTotal || value === null || value === undefined) continue;
        const rest = without(r.keys, fine);
        const counterparts = both
          ? [cellKeyOf({ keys: rest, isTotal: false }, r.period)]
          : [...(parentsOf.get(value) ?? coarseValues)].map((p) =>
              cellKeyOf({ keys: { ...rest, [coarse]: p }, isTotal: false }, r.period),
            );
        for (const c of counterparts) partsOf.set(c, [...(partsOf.get(c) ?? []), r]);
      }
      for (const c of hiddenThere) {
        const pick = partToHide(partsOf.get(c) ?? [], isHidden);
        if (pick !== null) picked.add(cellKeyOf(pick, pick.period));
      }
    }
  }
  return { cells, wholeTables: new Map(), missing: new Map() };
}
