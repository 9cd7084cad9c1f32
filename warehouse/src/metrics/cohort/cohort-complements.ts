import type { Db, SqlParam } from '../../db/index.ts';
import { leftOutVerdict, relax, relaxationsOf, visitRelaxations } from '../query/filter-complements.ts';
import { CELL_AGGREGATES, type CellRow, type CohortCell, cellsByCohort } from './cohort-cells.ts';
import type { CohortSpec } from './cohort-spec.ts';
import { cohortUnionSql, cohortUnitsSql, selectorCondition } from './cohort-units.ts';
import type { CohortWindowBounds } from './cohort-windows.ts';

/**
 * Disclosure control across queries for the cohort comparison (and so for the ROI and budget
 * analyses built on `cohortAnalysis`): the rule `guardFilterComplements` applies to the metrics
 * (`query/filter-complements.ts`), applied to an analysis.
 *
 * A comparison restricted to some agencies (or with some selectors kept out of its control pool)
 * and the same comparison without that restriction differ by the employees it leaves out. Both may
 * be shown on their own (every arm ≥ minCellSize), yet subtracting their arm counts would tell how
 * many trained or untrained employees the left-out agencies hold: with 1 … minCellSize − 1, a small
 * group is disclosed. So for each relaxation (`relaxationsOf`, as the metrics: each list dropped
 * alone and, with both, both at once; and each agency or control-pool selector left out of a list of
 * two or more, so `{A, B}` against `{A}` beside a large office C) the counts the comparison publishes
 * are computed for the relaxed spec, and where any of them differs from the actual one by 1 … minCellSize − 1 the result
 * is suppressed as a small arm would suppress it (`analyseCohort`'s `complementary`: every count
 * that is not 0 null, no number in the warnings), with `suppressionReason: 'complementary'`.
 *
 * Cost: one query per relaxation (a list of L ≥ 2 values adds L), counts per stratum × arm only (no
 * moments, no inference), and only when the result would otherwise be shown; none without a list
 * filter; a list that leaves out nobody has no values left out (`visitRelaxations`). The matched
 * counts do not add up over agencies, so a narrower answer two values away is only checked through
 * these relaxations (see `relaxationsOf`). A method or competency area is checked against itself
 * less each of its programs (`unionLeavesOutFew`). Differences are taken in
 * both directions: with matching, a wider population can also lower a count (a treated employee
 * whose stratum gains a control is no longer dropped), and such a fall tells as much.
 */

/** Units of one matching stratum and arm: in the comparison (pre and post) and in the pre-trend check. */
export interface StratumArmCount {
  readonly stratum: string;
  readonly treated: boolean;
  readonly did: number;
  readonly placebo: number;
}

/** The spec's list filters, in the order their relaxations are formed. */
const COHORT_LIST_FILTERS = ['agencies', 'excludeFromControl'] as const;

/**
 * The specs to difference against: the spec without each of its list filters, without both, and
 * without each value of a list of two or more (`relaxationsOf`).
 */
export function cohortRelaxations(spec: CohortSpec): CohortSpec[] {
  return relaxationsOf(spec, COHORT_LIST_FILTERS).map((r) => relax(spec, r));
}

/** A population's cells as counts per stratum and arm. */
export function stratumArmCounts(cells: readonly CohortCell[]): StratumArmCount[] {
  return cells.map((c) => ({ stratum: c.stratum, treated: c.treated, did: c.did.n, placebo: c.placebo.n }));
}

/** Per stratum, the units of each arm for one pair of windows. */
function byStratum(counts: readonly StratumArmCount[], pair: 'did' | 'placebo') {
  const out = new Map<string, { treated: number; control: number }>();
  for (const c of counts) {
    const s = out.get(c.stratum) ?? { treated: 0, control: 0 };
    if (c.treated) s.treated += c[pair];
    else s.control += c[pair];
    out.set(c.stratum, s);
  }
  return [...out.values()];
}

/**
 * The counts of people a shown comparison publishes, as `analyseCohort` computes them (exact
 * matching: a stratum is matched when it has both arms): treatedEligible, treated n, treatedDropped,
 * control n, controlUnused, n, and the pre-trend's arms (0 when it has no matched stratum).
 */
export function publishedCohortCounts(counts: readonly StratumArmCount[]): number[] {
  const arms = (pair: 'did' | 'placebo') => {
    let eligible = 0;
    let treated = 0;
    let control = 0;
    let unused = 0;
    for (const s of byStratum(counts, pair)) {
      eligible += s.treated;
      if (s.treated > 0 && s.control > 0) {
        treated += s.treated;
        control += s.control;
      } else unused += s.control;
    }
    return { eligible, treated, dropped: eligible - treated, control, unused };
  };
  const did = arms('did');
  const placebo = arms('placebo');
  return [
    did.eligible,
    did.treated,
    did.dropped,
    did.control,
    did.unused,
    did.treated + did.control,
    placebo.treated,
    placebo.control,
  ];
}

/** The comparison population of `spec` counted per stratum and arm (one query, no moments). */
export async function loadStratumArmCounts(db: Db, spec: CohortSpec): Promise<StratumArmCount[]> {
  const { sql, params } = cohortUnitsSql(spec);
  const rows = await db.all<{ stratum: string; treated: boolean; d: number | bigint; p: number | bigint }>(
    `SELECT stratum, treated,
      count(*) FILTER (WHERE pre IS NOT NULL AND post IS NOT NULL) AS d,
      count(*) FILTER (WHERE placebo IS NOT NULL AND pre IS NOT NULL) AS p
    FROM (${sql}) units
    GROUP BY stratum, treated`,
    params,
  );
  return rows.map((r) => ({
    stratum: String(r.stratum),
    treated: r.treated === true,
    did: Number(r.d),
    placebo: Number(r.p),
  }));
}

/**
 * True when some relaxation of the spec's list filters changes a published count by 1 … minCell − 1
 * (see above): the comparison of `cells` must then be suppressed (`complementary`). False without a
 * list filter, and with minCell ≤ 1 (no suppression at all).
 */
export async function leavesOutFewUnits(
  db: Db,
  spec: CohortSpec,
  cells: readonly CohortCell[],
  minCell: number,
  /**
   * The programs of a method or area whose own comparison (same spec, the program as the selector)
   * is suppressed (`cohortAnalysis` gives it).
   */
  membersHidden: (union: CohortSpec) => Promise<ReadonlySet<string>>,
  /** A method's or area's counts less each program, when already read (`loadUnionCells`). */
  lessEach?: Map<string, StratumArmCount[]>,
): Promise<boolean> {
  if (minCell <= 1) return false;
  const actual = publishedCohortCounts(stratumArmCounts(cells));
  if (await unionLeavesOutFew(db, spec, actual, minCell, membersHidden, lessEach)) return true;
  if (cohortRelaxations(spec).length === 0) return false;
  return visitRelaxations(
    spec,
    COHORT_LIST_FILTERS,
    async (relaxed) => {
      const counts = publishedCohortCounts(await loadStratumArmCounts(db, relaxed));
      return leftOutVerdict(
        counts.map((v, i) => Math.abs(v - (actual[i] ?? 0))),
        minCell,
      );
    },
    { stopAtFew: true },
  );
}

/**
 * A method or competency area is a union of programs, each of which may be compared on its own: the
 * union's treated less its other programs' (published) treated bound the one left, so a program
 * hidden for its 1 … minCell − 1 treated was pinned where that bound reached its cap (privacy review:
 * competency area regulation, Q4 2023, 26 treated, less REG-KL 8 and REG-SM 14: REG-WS ≥ 4, hidden
 * as 1 … 4, so 4). So each program with completers in the window is left out of the union in turn,
 * as a value is left out of a list, and the union is suppressed when that changes a published count
 * by 1 … minCell − 1 and the program's own comparison is hidden (a shown one publishes its counts
 * anyway; the union less the other programs only bounds the few who completed that program alone,
 * never more than they are). One query counts the union less each of its programs
 * (`unionLessEachProgram`), and `membersHidden` (one more, the programs' own comparisons) runs only
 * where one moves a count by that few; none for a union with completers of one program only (it is
 * that program's comparison). `cohortAnalysis` reads both with the union's cells in one query
 * (`loadUnionCells`) and passes them in: no query here then.
 */
async function unionLeavesOutFew(
  db: Db,
  spec: CohortSpec,
  actual: readonly number[],
  minCell: number,
  membersHidden: (union: CohortSpec) => Promise<ReadonlySet<string>>,
  read: Map<string, StratumArmCount[]> | undefined,
): Promise<boolean> {
  const kind = spec.selector.kind;
  if (kind !== 'method' && kind !== 'competencyArea') return false;
  const lessEach = read ?? (await unionLessEachProgram(db, spec));
  if (lessEach.size < 2) return false;
  const few = [...lessEach].filter(
    ([, counts]) =>
      leftOutVerdict(
        publishedCohortCounts(counts).map((v, i) => Math.abs(v - (actual[i] ?? 0))),
        minCell,
      ) === 'few',
  );
  if (few.length === 0) return false;
  const hidden = await membersHidden(spec);
  return few.some(([program]) => hidden.has(program));
}

/**
 * Per program with completers of the union in the window: the union's population counted per
 * stratum and arm as if that program were not part of it (`withoutPrograms`), in one query. Left
 * out, a program's completers who completed nothing else of the union leave the treated: with the
 * default contrast they join the control pool (unless `excludeFromControl` keeps them out), with
 * `only_vs_untrained` they leave the population (they completed training outside the selector), as
 * does anyone treated who completed it among others.
 */
export async function unionLessEachProgram(
  db: Db,
  spec: CohortSpec,
): Promise<Map<string, StratumArmCount[]>> {
  const { sql, params } = cohortUnitsSql(spec);
  const less = lessEachProgramSql(spec, params);
  const rows = await db.all<LessEachRow>(
    `WITH units AS (${sql}),
    ${less.ctes}
    ${less.select}
    ORDER BY ALL`,
    params,
  );
  return lessEachOf(rows);
}

type LessEachRow = {
  program_code: string;
  stratum: string;
  treated: boolean;
  d: number | bigint;
  p: number | bigint;
};

/**
 * `unionLessEachProgram`'s CTEs (`done`, `pr`, `m`) and its SELECT (one row per program × stratum ×
 * arm: `program_code`, `stratum`, `treated`, `d`, `p`), reading the union's units from a relation
 * named `units` with `cohortUnitsSql`'s columns.
 */
function lessEachProgramSql(
  spec: CohortSpec,
  params: Record<string, SqlParam>,
  /** The fact, or `cohortUnionSql`'s `completions` (the window's). */
  completions = 'marts.fct_enrollments',
): { ctes: string; select: string } {
  const selector = selectorCondition(spec.selector.kind, params, spec.selector.value);
  const exclusive = spec.contrast === 'only_vs_untrained';
  const exclusions = (spec.excludeFromControl ?? []).map((x, i) =>
    selectorCondition(x.kind, params, x.value, `exclude_${i}`),
  );
  // pr only for the union's treated: `rest` and `dropped` read it only where u.treated.
  const rest = 'len(list_filter(pr.progs, x -> x <> m.program_code)) > 0';
  // Left out of the population under the relaxed selector.
  const dropped = exclusive
    ? 'u.treated AND list_contains(pr.progs, m.program_code)'
    : exclusions.length === 0
      ? 'FALSE'
      : `u.treated AND NOT ${rest} AND pr.excluded`;
  const ctes = `done AS (
      SELECT employee_key, program_code,
        ${exclusions.length === 0 ? 'FALSE' : `(${exclusions.join(' OR ')})`} AS excluded
      FROM ${completions}
      WHERE status = 'completed' AND completed_on BETWEEN $from::DATE AND $to::DATE
    ),
    pr AS (
      SELECT employee_key, list(DISTINCT program_code) FILTER (WHERE ${selector}) AS progs,
        bool_or(excluded) AS excluded
      FROM done JOIN marts.dim_program USING (program_code)
      WHERE employee_key IN (SELECT employee_key FROM units WHERE treated)
      GROUP BY employee_key
    ),
    m AS (SELECT DISTINCT program_code FROM done JOIN marts.dim_program USING (program_code) WHERE ${selector})`;
  const select = `SELECT m.program_code, u.stratum, (u.treated AND ${rest}) AS treated,
      count(*) FILTER (WHERE u.pre IS NOT NULL AND u.post IS NOT NULL) AS d,
      count(*) FILTER (WHERE u.placebo IS NOT NULL AND u.pre IS NOT NULL) AS p
    FROM units u
    LEFT JOIN pr USING (employee_key)
    CROSS JOIN m
    WHERE NOT coalesce(${dropped}, FALSE)
    GROUP BY ALL`;
  return { ctes, select };
}

function lessEachOf(rows: readonly LessEachRow[]): Map<string, StratumArmCount[]> {
  const out = new Map<string, StratumArmCount[]>();
  for (const r of rows) {
    const list = out.get(r.program_code) ?? [];
    list.push({
      stratum: String(r.stratum),
      treated: r.treated === true,
      did: Number(r.d),
      placebo: Number(r.p),
    });
    out.set(r.program_code, list);
  }
  return out;
}

/** A method's or competency area's comparison inputs, read in one query (`loadUnionCells`). */
export interface UnionCells {
  /** The union's cells, as `loadCohortCells` gives them. */
  readonly cells: CohortCell[];
  readonly bounds: CohortWindowBounds;
  /** The union less each of its programs, as `unionLessEachProgram` gives it. */
  readonly lessEach: Map<string, StratumArmCount[]>;
  /** Its programs' own cells, as `loadCohortCellsByProgram` gives them. */
  readonly byProgram: Map<string, CohortCell[]>;
}

/** True for a spec `loadUnionCells` reads: a method or competency area, no program left out. */
export function isUnionSpec(spec: CohortSpec): boolean {
  const kind = spec.selector.kind;
  return (kind === 'method' || kind === 'competencyArea') && (spec.withoutPrograms ?? []).length === 0;
}

/**
 * `loadCohortCells`, `unionLessEachProgram` and `loadCohortCellsByProgram` of a method or competency
 * area in one query: the population (`pop`, `outcome`) is read once, materialized, and each of the
 * three aggregates the same rows as its own query (`cohortUnionSql`), so the answers are theirs. The
 * programs' cells are computed whether or not the check needs them (`membersHidden`): on a
 * scale-10 world about 10 ms, where a query of their own read the population again (35 ms and more).
 */
export async function loadUnionCells(db: Db, spec: CohortSpec): Promise<UnionCells> {
  if (!isUnionSpec(spec)) throw new Error(`not a method or competency area: ${spec.selector.kind}`);
  const { ctes, params, bounds } = cohortUnionSql(spec);
  const less = lessEachProgramSql(spec, params, 'completions');
  const rows = await db.all<CellRow & { part: string }>(
    `WITH ${ctes},
    ${less.ctes}
    SELECT 'union' AS part, cohort, agency_code, stratum, treated,
      ${CELL_AGGREGATES}
    FROM units
    GROUP BY cohort, agency_code, stratum, treated
    UNION ALL BY NAME
    SELECT 'program' AS part, cohort, agency_code, stratum, treated,
      ${CELL_AGGREGATES}
    FROM program_units
    GROUP BY cohort, agency_code, stratum, treated
    UNION ALL BY NAME
    SELECT 'less' AS part, program_code AS cohort, stratum, treated, d, p
    FROM (${less.select})
    ORDER BY part, cohort, agency_code, stratum, treated`,
    params,
  );
  const cells = cellsByCohort(rows.filter((r) => r.part === 'union')).get(spec.selector.value) ?? [];
  const byProgram = cellsByCohort(rows.filter((r) => r.part === 'program'));
  const lessEach = lessEachOf(
    rows
      .filter((r) => r.part === 'less')
      .map((r) => ({
        program_code: String(r.cohort),
        stratum: String(r.stratum),
        treated: r.treated === true,
        d: Number(r.d),
        p: Number(r.p),
      })),
  );
  return { cells, bounds, lessEach, byProgram };
}
