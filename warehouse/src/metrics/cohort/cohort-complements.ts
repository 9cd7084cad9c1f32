import type { Db, SqlParam } from '../../db/index.ts';
import { leftOutVerdict, relax, relaxationsOf, visitRelaxations } from '../query/filter-complements.ts';
import type { CohortCell } from './cohort-cells.ts';
import type { CohortSpec } from './cohort-spec.ts';
import { cohortUnitsSql, selectorCondition } from './cohort-units.ts';

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
  /** Whether a program's own comparison (the union's member) is suppressed; absent: assumed so. */
  programHidden?: (program: CohortSpec) => Promise<boolean>,
): Promise<boolean> {
  if (minCell <= 1) return false;
  const actual = publishedCohortCounts(stratumArmCounts(cells));
  if (await unionLeavesOutFew(db, spec, actual, minCell, programHidden)) return true;
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
 * as 1 … 4, so 4). So each program with completers in the window is left out of the union in turn
 * (`withoutPrograms`), as a value is left out of a list, and the union is suppressed when that
 * changes a published count by 1 … minCell − 1 and the program's own comparison is hidden (a shown
 * one publishes its counts anyway; the union less the other programs only bounds the few who
 * completed that program alone, never more than they are). One count query per such program, and
 * the program's comparison where the count moves by that few; none for a union with completers of
 * one program only (it is that program's comparison).
 */
async function unionLeavesOutFew(
  db: Db,
  spec: CohortSpec,
  actual: readonly number[],
  minCell: number,
  programHidden: (program: CohortSpec) => Promise<boolean> = async () => true,
): Promise<boolean> {
  const kind = spec.selector.kind;
  if (kind !== 'method' && kind !== 'competencyArea') return false;
  const params: Record<string, SqlParam> = { from: spec.from, to: spec.to };
  const rows = await db.all<{ program_code: string }>(
    `SELECT DISTINCT program_code FROM marts.fct_enrollments
     WHERE status = 'completed' AND completed_on BETWEEN $from::DATE AND $to::DATE
       AND ${selectorCondition(kind, params, spec.selector.value)}
     ORDER BY program_code`,
    params,
  );
  if (rows.length < 2) return false;
  for (const { program_code } of rows) {
    const relaxed = { ...spec, withoutPrograms: [...(spec.withoutPrograms ?? []), program_code] };
    const counts = publishedCohortCounts(await loadStratumArmCounts(db, relaxed));
    const verdict = leftOutVerdict(
      counts.map((v, i) => Math.abs(v - (actual[i] ?? 0))),
      minCell,
    );
    if (verdict !== 'few') continue;
    const { withoutPrograms: _, ...rest } = spec;
    if (await programHidden({ ...rest, selector: { kind: 'program', value: program_code } })) return true;
  }
  return false;
}
