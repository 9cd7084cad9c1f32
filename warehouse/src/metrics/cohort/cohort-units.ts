import type { Db, SqlParam } from '../../db/index.ts';
import { checkAppraisalGap, checkAppraisalWindow } from '../query/plan-query.ts';
import type { CohortOutcome, CohortSelectorKind, CohortSpec } from './cohort-spec.ts';
import { type CohortWindowBounds, cohortWindowBounds, type HalfOpenWindow } from './cohort-windows.ts';

/** One employee of the comparison population with its outcome in each window (null = not observed). */
export interface CohortUnit {
  readonly employeeKey: string;
  readonly treated: boolean;
  /** Agency at the treatment window start. */
  readonly agencyCode: string;
  /** `${agencyKind}|${gradeGroup}|${tenureBand}` as of the treatment window start. */
  readonly stratum: string;
  readonly placebo: number | null;
  readonly pre: number | null;
  readonly post: number | null;
  /** Completed requests handled in the post window (service outcomes only; 0 otherwise). */
  readonly postCompleted: number;
}

const SELECTOR_COLUMNS: Record<CohortSelectorKind, string | null> = {
  program: 'program_code',
  method: 'method',
  competencyArea: 'competency_area',
  any: null,
};

/** SQL condition (on a table with program attributes) for a selector; binds `$<name>` when needed. */
export function selectorCondition(
  kind: CohortSelectorKind,
  params: Record<string, SqlParam>,
  value: string,
  name = 'selector',
): string {
  const column = SELECTOR_COLUMNS[kind];
  if (column === null) return 'TRUE';
  params[name] = value;
  return `${column} = $${name}`;
}

/** 2^72: `exactSumSql` adds doubles as integers in units of 2^-72. */
const EXACT_SUM_SCALE = '4722366482869645213696.0';

/**
 * SQL for Σ `expr` (DOUBLE; null over no rows) that does not depend on the order the rows are added
 * in: each value is scaled by 2^72 to a HUGEINT (exact for |value| ≥ 2^-20, below that rounded to
 * 2^-72) and the integers are summed, which is exact, then divided once. DuckDB's parallel `sum`,
 * `avg` and `var_samp` over DOUBLE add in whatever order the threads deliver the rows, so the last
 * bits of a plain sum change from run to run; researchers need the same bits for the same snapshot.
 * Overflows (an error, never a wrong sum) past Σ|value| ≈ 3.6e16. `clause` follows the `sum(…)`: an
 * aggregate's FILTER, or a window's OVER.
 */
export const exactSumSql = (expr: string, clause = '') =>
  `(CAST(sum(CAST((${expr}) * ${EXACT_SUM_SCALE} AS HUGEINT)) ${clause} AS DOUBLE) / ${EXACT_SUM_SCALE})`;

const WINDOW_NAMES = ['placebo', 'pre', 'post'] as const;
type WindowName = (typeof WINDOW_NAMES)[number];

const inWindow = (expr: string, w: WindowName) =>
  `${expr} >= $${w}_start::DATE AND ${expr} < $${w}_end::DATE`;

/**
 * Per-window outcome expression over agg_handler_month. Service outcomes count only handlers: a
 * window without completed requests (days, SLA) or without requests (volume) gives null, and the
 * unit then drops out of any comparison that needs that window.
 */
function serviceValue(outcome: CohortOutcome, w: WindowName, months: number): string {
  const f = `FILTER (WHERE ${inWindow('month_start', w)})`;
  switch (outcome) {
    case 'service_days':
      return `${exactSumSql('sum_days', f)} / nullif(sum(completed) ${f}, 0)`;
    case 'sla_met_rate':
      return `sum(sla_met) ${f} / nullif(sum(completed) ${f}, 0)`;
    case 'requests_handled':
      return `nullif(sum(requests) ${f}, 0) / ${months}`;
    default:
      throw new Error(`not a service outcome: ${outcome}`);
  }
}

/**
 * Outcome CTE: one row per employee with `placebo`, `pre`, `post` and `post_completed`.
 * Appraisal year y (SKP) is dated y-12-31, the close of the year it rates, and counts in a window
 * when that date falls inside it; a window holding several years takes their mean, one holding none
 * gives null. Hence a post window after a treatment window ending before December holds the
 * training year's own appraisal (see `behaviourChange`).
 */
function outcomeSql(outcome: CohortOutcome, months: number): string {
  if (outcome === 'appraisal_score') {
    const at = 'make_date(period, 12, 31)';
    const value = (w: WindowName) => {
      const f = `FILTER (WHERE ${inWindow(at, w)})`;
      return `${exactSumSql('score', f)} / nullif(count(score) ${f}, 0) AS ${w}`;
    };
    return `SELECT employee_key, ${WINDOW_NAMES.map(value).join(', ')}, 0 AS post_completed
      FROM marts.fct_appraisals
      WHERE ${at} >= $placebo_start::DATE AND ${at} < $post_end::DATE
      GROUP BY employee_key`;
  }
  const value = (w: WindowName) => `${serviceValue(outcome, w, months)} AS ${w}`;
  return `SELECT employee_key, ${WINDOW_NAMES.map(value).join(', ')},
      coalesce(sum(completed) FILTER (WHERE ${inWindow('month_start', 'post')}), 0) AS post_completed
    FROM marts.agg_handler_month
    WHERE month_start >= $placebo_start::DATE AND month_start < $post_end::DATE
    GROUP BY employee_key`;
}

/** Full years of service at `$as_of` from appointed_on, banded as in the marts contract. */
const TENURE_BAND = `CASE
    WHEN years < 5 THEN '<5' WHEN years < 10 THEN '5-9' WHEN years < 20 THEN '10-19' ELSE '20+' END`;

/**
 * The comparison population's shared parts: the `pop` CTE (every employee with an assignment on the
 * treatment window start, dim_employee SCD2: the latest version that started on or before that day
 * and had not ended before it, with the matching attributes as of that day) and the `outcome` CTE
 * (one row per employee: the outcome per window), their parameters and the windows. `stratumSql`
 * is the matching stratum of a `pop` row aliased `p`. Shared by `cohortUnitsSql` and the joint
 * program-effects model.
 */
export function cohortPopulationSql(
  spec: Pick<CohortSpec, 'from' | 'to' | 'outcome' | 'windowMonths' | 'gapMonths' | 'agencies'>,
): {
  ctes: string;
  params: Record<string, SqlParam>;
  bounds: CohortWindowBounds;
  stratumSql: string;
} {
  const months = spec.windowMonths ?? 12;
  const gap = spec.gapMonths ?? 0;
  // Appraisals are yearly: one calendar year per window (`checkAppraisalWindow`), and a gap of whole
  // years (another would hold the same appraisal years as a window a few months apart).
  if (spec.outcome === 'appraisal_score') {
    checkAppraisalWindow(spec.from, spec.to);
    checkAppraisalGap(gap);
  }
  const bounds = cohortWindowBounds(spec.from, spec.to, months, gap);
  const agencies = spec.agencies ?? [];
  const params: Record<string, SqlParam> = {
    as_of: spec.from,
    from: spec.from,
    to: spec.to,
  };
  for (const w of WINDOW_NAMES) {
    const b: HalfOpenWindow = bounds[w];
    params[`${w}_start`] = b.start;
    params[`${w}_end`] = b.end;
  }
  agencies.forEach((code, i) => {
    params[`agency_${i}`] = code;
  });
  const agencyFilter =
    agencies.length === 0 ? '' : `AND agency_code IN (${agencies.map((_, i) => `$agency_${i}`).join(', ')})`;
  const ctes = `pop AS (
      SELECT employee_key, agency_code, agency_kind, grade_group,
        year($as_of::DATE) - year(appointed_on)
          - CASE WHEN month($as_of::DATE) * 100 + day($as_of::DATE) < month(appointed_on) * 100 + day(appointed_on)
                 THEN 1 ELSE 0 END AS years
      FROM marts.dim_employee
      WHERE valid_from <= $as_of::DATE AND (valid_to IS NULL OR valid_to >= $as_of::DATE) ${agencyFilter}
      QUALIFY row_number() OVER (PARTITION BY employee_key ORDER BY valid_from DESC) = 1
    ),
    outcome AS (${outcomeSql(spec.outcome, months)})`;
  return {
    ctes,
    params,
    bounds,
    stratumSql: `p.agency_kind || '|' || p.grade_group || '|' || ${TENURE_BAND.replaceAll('years', 'p.years')}`,
  };
}

/**
 * The comparison population as one SQL SELECT (one row per employee) with its parameters: every employee with an assignment on the treatment window start
 * (dim_employee, SCD2; the latest version that started on or before that day and had not ended
 * before it), with matching attributes as of that day, the treated flag, and the outcome per window.
 *
 * Treated: at least one enrollment with status `completed` and completed_on in [from, to] whose
 * program matches the selector. Everyone else in the population is a potential control: "never
 * completed any program of that selector in the window". Training outside the window (earlier, or
 * during the post window) does not exclude a control; such contamination biases the DiD toward 0.
 * `excludeFromControl` removes from the control pool whoever completed one of those selectors in the
 * window (e.g. a placebo check against staff untouched by a known active program).
 * `contrast: 'only_vs_untrained'` narrows both arms: treated who completed nothing outside the
 * selector (in `program_code` mode: exactly one program) in the window, against staff who completed
 * nothing in it.
 * Shared by `loadCohortUnits` (tests, inspection) and `loadCohortCells` (the metric).
 */
export function cohortUnitsSql(
  spec: CohortSpec,
  /**
   * `program_code`: one cohort per program among the window's completers that match the selector,
   * all sharing the population, windows and outcomes (the program portfolio); each row then belongs
   * to the cohort named in its `cohort` column. Default: the selector's one cohort, named by its value.
   */
  cohortsBy: 'selector' | 'program_code' = 'selector',
): {
  sql: string;
  params: Record<string, SqlParam>;
  bounds: CohortWindowBounds;
} {
  const { ctes, params, bounds, stratumSql } = cohortPopulationSql(spec);
  const units = cohortUnitsParts(spec, params, { stratumSql }, cohortsBy, '');
  return {
    sql: `
    WITH ${ctes}${units.ctes}
    ${units.select}`,
    params,
    bounds,
  };
}

/**
 * A method's or competency area's population read once for its comparison and its programs' own:
 * `pop` joined with `outcome` as `base` and the window's `completions` (both AS MATERIALIZED:
 * computed once, though read several times), then
 * `units` (the rows of `cohortUnitsSql(spec)`) and `program_units` (those of
 * `cohortUnitsSql(spec, 'program_code')`) over it, as CTEs to select from (`loadUnionCells`). The
 * same conditions as those two, so the same rows.
 */
export function cohortUnionSql(spec: CohortSpec): {
  ctes: string;
  params: Record<string, SqlParam>;
  bounds: CohortWindowBounds;
} {
  const { ctes, params, bounds, stratumSql } = cohortPopulationSql(spec);
  const union = cohortUnitsParts(spec, params, 'base', 'selector', '', 'completions');
  const programs = cohortUnitsParts(spec, params, 'base', 'program_code', '_by_program', 'completions');
  return {
    ctes: `${ctes},
    completions AS MATERIALIZED (
      SELECT employee_key, program_code, method, competency_area, status, completed_on
      FROM marts.fct_enrollments
      WHERE status = 'completed' AND completed_on BETWEEN $from::DATE AND $to::DATE
    ),
    base AS MATERIALIZED (
      SELECT p.employee_key, p.agency_code, ${stratumSql} AS stratum,
        o.placebo, o.pre, o.post, o.post_completed
      FROM pop p
      JOIN outcome o ON o.employee_key = p.employee_key
    )${union.ctes}${programs.ctes},
    units AS (${union.select}),
    program_units AS (${programs.select})`,
    params,
    bounds,
  };
}

/**
 * The treated, cohorts and control-exclusion CTEs of one population mode (names ending in `suffix`,
 * so two modes can share a statement) and the SELECT of its rows: over `pop` and `outcome` (the
 * stratum as `stratumSql`), or over `base` (`cohortUnionSql`: the two joined, with the stratum).
 */
function cohortUnitsParts(
  spec: CohortSpec,
  params: Record<string, SqlParam>,
  population: { readonly stratumSql: string } | 'base',
  cohortsBy: 'selector' | 'program_code',
  suffix: string,
  /** Where completions are read: the fact, or `cohortUnionSql`'s `completions` (the window's). */
  completions = 'marts.fct_enrollments',
): { ctes: string; select: string } {
  const without = spec.withoutPrograms ?? [];
  without.forEach((code, i) => {
    params[`without_${i}`] = code;
  });
  const selector =
    without.length === 0
      ? selectorCondition(spec.selector.kind, params, spec.selector.value)
      : `(${selectorCondition(spec.selector.kind, params, spec.selector.value)} AND program_code NOT IN (${without.map((_, i) => `$without_${i}`).join(', ')}))`;
  if (cohortsBy === 'selector') params.selector_value = spec.selector.value;
  const exclusions = (spec.excludeFromControl ?? []).map((x, i) =>
    selectorCondition(x.kind, params, x.value, `exclude_${i}`),
  );
  const excluded =
    exclusions.length === 0
      ? ''
      : `,
    excluded${suffix} AS (
      SELECT DISTINCT employee_key FROM ${completions}
      WHERE status = 'completed' AND completed_on BETWEEN $from::DATE AND $to::DATE
        AND (${exclusions.join(' OR ')})
    )`;
  // only_vs_untrained: the treated completed nothing outside their cohort (one program, or only the
  // selector's programs); the comparison completed nothing at all in the window.
  const exclusive = spec.contrast === 'only_vs_untrained';
  const onlyCohort = cohortsBy === 'program_code' ? 'tr.programs = 1' : 'tr.only_selector';
  const where = [
    ...(exclusions.length === 0
      ? []
      : [
          `(t.employee_key IS NOT NULL OR p.employee_key NOT IN (SELECT employee_key FROM excluded${suffix}))`,
        ]),
    ...(exclusive
      ? [
          `((t.employee_key IS NOT NULL AND ${onlyCohort}) OR (t.employee_key IS NULL AND tr.employee_key IS NULL))`,
        ]
      : []),
  ];
  const ctes = `,
    treated${suffix} AS (
      SELECT DISTINCT ${cohortsBy === 'selector' ? '$selector_value' : 'program_code'} AS cohort, employee_key
      FROM ${completions}
      WHERE status = 'completed' AND completed_on BETWEEN $from::DATE AND $to::DATE
        AND ${selector}
    ),
    cohorts${suffix} AS (${cohortsBy === 'selector' ? 'SELECT $selector_value AS cohort' : `SELECT DISTINCT cohort FROM treated${suffix}`})${excluded}${
      exclusive
        ? `,
    trained${suffix} AS (
      SELECT employee_key, count(DISTINCT program_code) AS programs, bool_and(${selector}) AS only_selector
      FROM ${completions}
      WHERE status = 'completed' AND completed_on BETWEEN $from::DATE AND $to::DATE
      GROUP BY employee_key
    )`
        : ''
    }`;
  const [stratum, o, from] =
    population === 'base'
      ? ['p.stratum', 'p', 'CROSS JOIN base p']
      : [
          population.stratumSql,
          'o',
          'CROSS JOIN pop p\n    JOIN outcome o ON o.employee_key = p.employee_key',
        ];
  const select = `SELECT c.cohort, p.employee_key, t.employee_key IS NOT NULL AS treated, p.agency_code,
      ${stratum} AS stratum,
      ${o}.placebo, ${o}.pre, ${o}.post, ${o}.post_completed
    FROM cohorts${suffix} c
    ${from}
    LEFT JOIN treated${suffix} t ON t.cohort = c.cohort AND t.employee_key = p.employee_key
    ${exclusive ? `LEFT JOIN trained${suffix} tr ON tr.employee_key = p.employee_key` : ''}
    ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}`;
  return { ctes, select };
}

/**
 * The comparison population one row per employee (for tests and inspection; metrics use the
 * per-cell aggregates of `loadCohortCells`, which never ship person-level rows out of DuckDB).
 */
export async function loadCohortUnits(
  db: Db,
  spec: CohortSpec,
): Promise<{ units: CohortUnit[]; bounds: CohortWindowBounds }> {
  const { sql, params, bounds } = cohortUnitsSql(spec);
  const rows = await db.all<{
    employee_key: string;
    treated: boolean;
    agency_code: string;
    stratum: string;
    placebo: number | null;
    pre: number | null;
    post: number | null;
    post_completed: number;
  }>(`${sql} ORDER BY p.employee_key`, params);
  const units = rows.map((r) => ({
    employeeKey: r.employee_key,
    treated: r.treated,
    agencyCode: r.agency_code,
    stratum: r.stratum,
    placebo: r.placebo,
    pre: r.pre,
    post: r.post,
    postCompleted: Number(r.post_completed),
  }));
  return { units, bounds };
}
