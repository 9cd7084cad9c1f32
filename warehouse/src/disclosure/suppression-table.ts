/**
 * The linear structure a reader can exploit in a published grouping, shared by `applySuppression`
 * (which protects it) and `findRecoverableCells` (which attacks it).
 *
 * Every cell and margin is an *entry* with a count n. Every published sum relation is a *line*:
 * Σ cells − margin = 0 (a row, a column, the margins against the grand total, or in 1-D the cells
 * against the total). In 2-D each entry lies on exactly two lines, one "row line" and one "column
 * line", so entries are the edges of a bipartite graph whose vertices are the lines (margin row and
 * margin column included). That graph view is what makes exact disclosure checkable: a hidden entry
 * is determined by the published values iff it lies on no cycle of hidden entries.
 *
 * Zeros: a cell with n = 0 has no units, so it is never confidential and is always published; and
 * because zeros are always published, a reader knows every hidden cell has n ≥ 1. The protection
 * rules take that knowledge into account (see `applySuppression`).
 *
 * Several tables can be merged into one system (`mergeTables`) and tied together by further lines,
 * e.g. a group's months against its quarter and year published by coarser queries
 * (`period-lines.ts`). Entries are then no longer edges of one graph, so exact disclosure is checked
 * by elimination (`linear-audit.ts`); each merged 2-D table keeps its own `grid` for the cycle rule.
 */

/** Which margins a reader can know even when they are not rows of this table. */
export type TotalsOption = boolean | { rows?: boolean; columns?: boolean; grand?: boolean };

export interface TableShapeOptions {
  /**
   * One key (1-D grouping) or two (rows × columns). A null key value marks a margin row. No key:
   * every partition holds one row and no line (only useful with lines between partitions, e.g.
   * periods; alone it is the primary rule).
   */
  groupKeys: readonly PropertyKey[];
  /** Rows are split into independent tables by these keys (e.g. period). */
  partitionKeys?: readonly PropertyKey[];
  /**
   * Margins published elsewhere (other tiles, reports) when not given as rows. Default true: an
   * overall count usually appears somewhere, so assuming it is known is the safe side.
   * Margin rows present in `rows` are always treated as published.
   */
  totals?: TotalsOption;
  /**
   * 2-D only: whether the one-way query publishing a margin hides it (its own small count, or a
   * complement it chose there), given a row of the partition, the axis (0: the row margins, by the
   * first key; 1: the column margins) and the margin's key value. Such a margin is unknown to a
   * reader, and must stay so here (`keepHidden`). Without it a margin is taken as known unless it
   * is small, and a small margin can then be protected only by hiding another margin, which this
   * table cannot do: the last resort hides every row (see `applySuppression`, rule 4).
   */
  marginHiddenElsewhere?: (
    partitionRow: Readonly<Record<PropertyKey, unknown>>,
    axis: 0 | 1,
    value: unknown,
  ) => boolean;
  /** Smallest publishable n (default 5, DOMAIN §9). */
  minN?: number;
}

export interface Entry {
  /** Index in the input rows, or null for a margin that is not a row. */
  rowIndex: number | null;
  n: number;
  isMargin: boolean;
  /** Unknown to the reader: suppressed, or an absent margin that is not published. */
  hidden: boolean;
  /** May be suppressed: it is a row and has units. */
  hideable: boolean;
  /** 0 < n < minN: must not be derivable, whether it is a row or a margin published elsewhere. */
  confidential: boolean;
  /**
   * A margin another query hides (its own small cell or a complement there): it must not become
   * derivable here either, or that query's protection would be undone.
   */
  keepHidden: boolean;
  /** 2-D only: [row vertex, column vertex] in its grid; the margin row/column are the last vertices. */
  vertex?: [number, number];
  /**
   * The table's grand total given as a row, at least minN and published elsewhere too (`totals`):
   * the last resort of hiding every row leaves it shown, since hiding it would protect nothing.
   */
  grandElsewhere?: boolean;
}

/** One 2-D table inside a system: its entries (edges) and the counts of row and column vertices. */
export interface Grid {
  entries: number[];
  rows: number;
  columns: number;
}

export interface Line {
  /** Entry indices with their sign in Σ sign·n = 0. */
  terms: { entry: number; sign: 1 | -1 }[];
}

export interface SuppressionTable {
  entries: Entry[];
  lines: Line[];
  /** The 2-D tables in it (margin vertices included), for the cycle rule; none for 1-D. */
  grids: Grid[];
  /**
   * Lines the others imply (a coarser level's own tables), for interval propagation only: bounds
   * propagate only along lines a system has, while elimination and the line rules need none of them.
   */
  boundsOnly?: Line[];
}

export const DEFAULT_MIN_N = 5;

function totalsFlags(totals: TotalsOption | undefined): { rows: boolean; columns: boolean; grand: boolean } {
  if (totals === undefined || typeof totals === 'boolean') {
    const all = totals ?? true;
    return { rows: all, columns: all, grand: all };
  }
  return { rows: totals.rows ?? false, columns: totals.columns ?? false, grand: totals.grand ?? false };
}

export const keyOf = (value: unknown): string => JSON.stringify(value ?? null);
const isMarginValue = (value: unknown): boolean => value === null || value === undefined;

function assertCount(n: unknown, index: number): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new RangeError(`rows[${index}].n must be a non-negative integer, got ${String(n)}`);
  }
  return n;
}

/**
 * Splits rows into partitions and builds the entry/line model of each.
 *
 * @throws RangeError on duplicate key combinations, bad counts, or other than 1–2 group keys.
 */
export function buildSuppressionTables(
  rows: readonly Record<PropertyKey, unknown>[],
  options: TableShapeOptions,
): SuppressionTable[] {
  const { groupKeys } = options;
  if (groupKeys.length > 2) {
    throw new RangeError(`groupKeys must name at most 2 keys, got ${groupKeys.length}`);
  }
  const minN = options.minN ?? DEFAULT_MIN_N;
  if (!Number.isInteger(minN) || minN < 1) throw new RangeError(`minN must be an integer ≥ 1, got ${minN}`);
  const published = totalsFlags(options.totals);

  const partitions = new Map<string, number[]>();
  rows.forEach((row, index) => {
    assertCount(row.n, index);
    const key = keyOf((options.partitionKeys ?? []).map((k) => row[k] ?? null));
    const list = partitions.get(key) ?? [];
    list.push(index);
    partitions.set(key, list);
  });

  const absentMargin = (
    n: number,
    isPublished: boolean,
    vertex?: [number, number],
    hiddenElsewhere = false,
  ): Entry => ({
    rowIndex: null,
    n,
    isMargin: true,
    // An external publisher applies the same rule, so a small margin is not known even if "published".
    hidden: !isPublished || (n > 0 && n < minN) || hiddenElsewhere,
    hideable: false,
    confidential: n > 0 && n < minN,
    keepHidden: hiddenElsewhere && n > 0,
    ...(vertex ? { vertex } : {}),
  });
  const present = (index: number, isMargin: boolean, vertex?: [number, number]): Entry => {
    const n = rows[index]!.n as number;
    return {
      rowIndex: index,
      n,
      isMargin,
      hidden: false,
      hideable: n > 0,
      confidential: n > 0 && n < minN,
      keepHidden: false,
      ...(vertex ? { vertex } : {}),
    };
  };

  return [...partitions.values()].map((unordered) => {
    const seen = new Set<string>();
    const combos = new Map<number, string>();
    for (const index of unordered) {
      const combo = keyOf(groupKeys.map((k) => rows[index]![k] ?? null));
      if (seen.has(combo)) throw new RangeError(`rows[${index}] repeats the group key combination ${combo}`);
      seen.add(combo);
      combos.set(index, combo);
    }
    // Canonical order (by key, not by input position): ties between equally cheap complements are
    // then broken the same way whichever query, range or path builds the same table.
    const indices = [...unordered].sort((a, b) => compareStrings(combos.get(a)!, combos.get(b)!) || a - b);
    if (groupKeys.length === 0) {
      return { entries: indices.map((index) => present(index, false)), lines: [], grids: [] };
    }
    return groupKeys.length === 1
      ? build1d(indices, rows, groupKeys[0]!, published.grand, present, absentMargin)
      : build2d(indices, rows, groupKeys, published, present, absentMargin, (axis, value) =>
          options.marginHiddenElsewhere
            ? options.marginHiddenElsewhere(rows[indices[0]!]!, axis, value)
            : false,
        );
  });
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One system of several tables: entries and lines concatenated, each 2-D table keeping its grid. */
export function mergeTables(tables: readonly SuppressionTable[]): {
  table: SuppressionTable;
  /** Index of each table's first entry in the merged system. */
  offsets: number[];
} {
  const merged: SuppressionTable = { entries: [], lines: [], grids: [] };
  const offsets: number[] = [];
  for (const t of tables) {
    const offset = merged.entries.length;
    offsets.push(offset);
    merged.entries.push(...t.entries);
    for (const line of t.lines) {
      merged.lines.push({
        terms: line.terms.map((term) => ({ entry: term.entry + offset, sign: term.sign })),
      });
    }
    for (const grid of t.grids) {
      merged.grids.push({ ...grid, entries: grid.entries.map((e) => e + offset) });
    }
  }
  return { table: merged, offsets };
}

/** A grand total given as a row: shown by the last resort when published elsewhere and not small. */
function grandRow(entry: Entry, publishedElsewhere: boolean): Entry {
  return publishedElsewhere && !entry.confidential && entry.n > 0
    ? { ...entry, grandElsewhere: true }
    : entry;
}

function build1d(
  indices: number[],
  rows: readonly Record<PropertyKey, unknown>[],
  key: PropertyKey,
  totalPublished: boolean,
  present: (index: number, isMargin: boolean) => Entry,
  absentMargin: (n: number, isPublished: boolean) => Entry,
): SuppressionTable {
  const entries: Entry[] = [];
  let totalIndex: number | null = null;
  let sum = 0;
  for (const index of indices) {
    if (isMarginValue(rows[index]![key])) {
      totalIndex = index;
      continue;
    }
    entries.push(present(index, false));
    sum += rows[index]!.n as number;
  }
  entries.push(
    totalIndex === null
      ? absentMargin(sum, totalPublished)
      : grandRow(present(totalIndex, true), totalPublished),
  );
  const terms = entries.map((_, i) => ({ entry: i, sign: (i === entries.length - 1 ? -1 : 1) as 1 | -1 }));
  return { entries, lines: [{ terms }], grids: [] };
}

function build2d(
  indices: number[],
  rows: readonly Record<PropertyKey, unknown>[],
  keys: readonly PropertyKey[],
  published: { rows: boolean; columns: boolean; grand: boolean },
  present: (index: number, isMargin: boolean, vertex: [number, number]) => Entry,
  absentMargin: (
    n: number,
    isPublished: boolean,
    vertex: [number, number],
    hiddenElsewhere?: boolean,
  ) => Entry,
  marginHidden: (axis: 0 | 1, value: unknown) => boolean,
): SuppressionTable {
  const [rowKey, colKey] = keys as [PropertyKey, PropertyKey];
  const rowLabels = new Map<string, number>();
  const colLabels = new Map<string, number>();
  const rowValues: unknown[] = [];
  const colValues: unknown[] = [];
  for (const index of indices) {
    const r = rows[index]![rowKey];
    const c = rows[index]![colKey];
    if (!isMarginValue(r) && !rowLabels.has(keyOf(r))) {
      rowLabels.set(keyOf(r), rowLabels.size);
      rowValues.push(r);
    }
    if (!isMarginValue(c) && !colLabels.has(keyOf(c))) {
      colLabels.set(keyOf(c), colLabels.size);
      colValues.push(c);
    }
  }
  const R = rowLabels.size;
  const C = colLabels.size;
  // Vertex R is the margin row (column totals and grand total), vertex C the margin column.
  const at = new Map<string, number>();
  const entries: Entry[] = [];
  const rowSums = new Array<number>(R).fill(0);
  const colSums = new Array<number>(C).fill(0);
  for (const index of indices) {
    const r = rows[index]![rowKey];
    const c = rows[index]![colKey];
    const i = isMarginValue(r) ? R : rowLabels.get(keyOf(r))!;
    const j = isMarginValue(c) ? C : colLabels.get(keyOf(c))!;
    at.set(`${i},${j}`, entries.length);
    const entry = present(index, i === R || j === C, [i, j]);
    entries.push(i === R && j === C ? grandRow(entry, published.grand) : entry);
    if (i < R && j < C) {
      rowSums[i] = rowSums[i]! + (rows[index]!.n as number);
      colSums[j] = colSums[j]! + (rows[index]!.n as number);
    }
  }
  const addAbsent = (i: number, j: number, n: number, isPublished: boolean, hiddenElsewhere = false) => {
    if (at.has(`${i},${j}`)) return;
    at.set(`${i},${j}`, entries.length);
    entries.push(absentMargin(n, isPublished, [i, j], hiddenElsewhere));
  };
  rowSums.forEach((n, i) => {
    addAbsent(i, C, n, published.rows, published.rows && marginHidden(0, rowValues[i]));
  });
  colSums.forEach((n, j) => {
    addAbsent(R, j, n, published.columns, published.columns && marginHidden(1, colValues[j]));
  });
  addAbsent(
    R,
    C,
    rowSums.reduce((a, b) => a + b, 0),
    published.grand,
  );

  // Line of row vertex i: Σ_j<C entry(i, j) − entry(i, C) = 0; same for columns.
  const lines: Line[] = [];
  for (let i = 0; i <= R; i++) {
    const terms: Line['terms'] = [];
    for (let j = 0; j <= C; j++) {
      const e = at.get(`${i},${j}`);
      if (e !== undefined) terms.push({ entry: e, sign: j === C ? -1 : 1 });
    }
    lines.push({ terms });
  }
  for (let j = 0; j <= C; j++) {
    const terms: Line['terms'] = [];
    for (let i = 0; i <= R; i++) {
      const e = at.get(`${i},${j}`);
      if (e !== undefined) terms.push({ entry: e, sign: i === R ? -1 : 1 });
    }
    lines.push({ terms });
  }
  return {
    entries,
    lines,
    grids: [{ entries: entries.map((_, i) => i), rows: R + 1, columns: C + 1 }],
  };
}
