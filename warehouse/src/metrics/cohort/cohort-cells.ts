import type { Db } from '../../db/index.ts';
import type { CohortSpec } from './cohort-spec.ts';
import { cohortUnitsSql, exactSumSql } from './cohort-units.ts';
import type { CohortWindowBounds } from './cohort-windows.ts';

/**
 * Sufficient statistics of a set of units observed in two windows: count, means of both windows and
 * of the change, and M2 = Σ(Δ − mean Δ)² (so variances combine exactly across cells).
 */
export interface PairMoments {
  readonly n: number;
  readonly meanBefore: number;
  readonly meanAfter: number;
  readonly meanChange: number;
  readonly m2Change: number;
}

export const EMPTY_MOMENTS: PairMoments = { n: 0, meanBefore: 0, meanAfter: 0, meanChange: 0, m2Change: 0 };

/** Merges two sets of moments exactly (Chan et al.'s parallel update for M2). */
export function combineMoments(a: PairMoments, b: PairMoments): PairMoments {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const delta = b.meanChange - a.meanChange;
  return {
    n,
    meanBefore: (a.n * a.meanBefore + b.n * b.meanBefore) / n,
    meanAfter: (a.n * a.meanAfter + b.n * b.meanAfter) / n,
    meanChange: (a.n * a.meanChange + b.n * b.meanChange) / n,
    m2Change: a.m2Change + b.m2Change + (delta * delta * a.n * b.n) / n,
  };
}

/** Units of one agency × stratum × arm, summarised. */
export interface CohortCell {
  readonly agencyCode: string;
  /** `${agencyKind}|${gradeGroup}|${tenureBand}` at the window start. */
  readonly stratum: string;
  readonly treated: boolean;
  /** Units observed in pre and post: pre → post. */
  readonly did: PairMoments;
  /** Units observed in placebo and pre: placebo → pre (pre-trend check). */
  readonly placebo: PairMoments;
  /** Completed requests in the post window of the `did` units (service outcomes; else 0). */
  readonly postCompleted: number;
}

/**
 * Count, means and M2 of a pair of windows, from exact sums (`exactSumSql`): the same bits on every
 * run. M2 = ΣΔ² − (ΣΔ)²/n (its rounding error is ≈ ε·ΣΔ², a few ulps of M2 unless the changes'
 * mean dwarfs their spread).
 */
const moments = (prefix: string, before: string, after: string) => {
  const seen = `${before} IS NOT NULL AND ${after} IS NOT NULL`;
  const f = `FILTER (WHERE ${seen})`;
  const change = `(${after} - ${before})`;
  const n = `count(*) ${f}`;
  const sumChange = exactSumSql(change, f);
  return `${n} AS ${prefix}_n,
      ${exactSumSql(before, f)} / nullif(${n}, 0) AS ${prefix}_before,
      ${exactSumSql(after, f)} / nullif(${n}, 0) AS ${prefix}_after,
      ${sumChange} / nullif(${n}, 0) AS ${prefix}_change,
      CASE WHEN ${n} > 1
        THEN greatest(${exactSumSql(`${change} * ${change}`, f)} - ${sumChange} * ${sumChange} / ${n}, 0) ELSE 0 END AS ${prefix}_m2`;
};

/**
 * The comparison population (`cohortUnitsSql`) aggregated in DuckDB to one row per agency × stratum
 * × arm with exact sufficient statistics, so a city-wide cohort never ships tens of thousands of
 * person rows to JavaScript (and no person-level row leaves the database). One query.
 */
export async function loadCohortCells(
  db: Db,
  spec: CohortSpec,
): Promise<{ cells: CohortCell[]; bounds: CohortWindowBounds }> {
  const { byCohort, bounds } = await queryCells(db, spec, 'selector');
  return { cells: byCohort.get(spec.selector.value) ?? [], bounds };
}

/**
 * `loadCohortCells` for every program at once: one cohort per program with a completer (matching
 * the selector) in the window, each against the same population, windows and outcome; one query.
 * The cells of a program are exactly those `loadCohortCells` gives for `{ kind: 'program', value }`.
 */
export async function loadCohortCellsByProgram(
  db: Db,
  spec: CohortSpec,
): Promise<{ byProgram: Map<string, CohortCell[]>; bounds: CohortWindowBounds }> {
  const { byCohort, bounds } = await queryCells(db, spec, 'program_code');
  return { byProgram: byCohort, bounds };
}

/** A row of per-cell aggregates (`CELL_AGGREGATES`, with `cohort`, `agency_code`, `stratum`, `treated`). */
export type CellRow = Record<string, string | number | boolean | null>;

/** The aggregates of one agency × stratum × arm over a relation of units (`cohortUnitsSql`'s columns). */
export const CELL_AGGREGATES = `${moments('d', 'pre', 'post')},
      coalesce(sum(post_completed) FILTER (WHERE pre IS NOT NULL AND post IS NOT NULL), 0) AS d_volume,
      ${moments('p', 'placebo', 'pre')}`;

async function queryCells(
  db: Db,
  spec: CohortSpec,
  cohortsBy: 'selector' | 'program_code',
): Promise<{ byCohort: Map<string, CohortCell[]>; bounds: CohortWindowBounds }> {
  const { sql, params, bounds } = cohortUnitsSql(spec, cohortsBy);
  const rows = await db.all<CellRow>(
    `SELECT cohort, agency_code, stratum, treated,
      ${CELL_AGGREGATES}
    FROM (${sql}) units
    GROUP BY cohort, agency_code, stratum, treated
    ORDER BY cohort, agency_code, stratum, treated`,
    params,
  );
  return { byCohort: cellsByCohort(rows), bounds };
}

/** Rows of `CELL_AGGREGATES` as cells per cohort, in row order. */
export function cellsByCohort(rows: readonly CellRow[]): Map<string, CohortCell[]> {
  const read = (r: CellRow, p: string): PairMoments => {
    const n = Number(r[`${p}_n`]);
    if (n === 0) return EMPTY_MOMENTS;
    return {
      n,
      meanBefore: Number(r[`${p}_before`]),
      meanAfter: Number(r[`${p}_after`]),
      meanChange: Number(r[`${p}_change`]),
      m2Change: Math.max(0, Number(r[`${p}_m2`])),
    };
  };
  const byCohort = new Map<string, CohortCell[]>();
  for (const r of rows) {
    const cohort = String(r.cohort);
    const cells = byCohort.get(cohort) ?? [];
    byCohort.set(cohort, cells);
    cells.push({
      agencyCode: String(r.agency_code),
      stratum: String(r.stratum),
      treated: r.treated === true,
      did: read(r, 'd'),
      placebo: read(r, 'p'),
      postCompleted: Number(r.d_volume),
    });
  }
  return byCohort;
}
