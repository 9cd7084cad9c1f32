import { type FactCoverage, readFactCoverage } from '../../catalog/coverage.ts';
import type { Db, SqlParam } from '../../db/index.ts';
import type { SuppressionReason } from '../../disclosure/index.ts';
import { DEFAULT_CONFIDENCE_LEVEL, tInference } from '../../stats/index.ts';
import {
  type ClusterCell,
  type WildClusterBootstrapResult,
  wildClusterBootstrap,
} from '../../stats/wild-cluster-bootstrap.ts';
import {
  clusterMeat,
  cr1Covariance,
  type GroupCrossProducts,
  type GroupResidualMoments,
  hc1Covariance,
  type WithinOlsFit,
  withinMeat,
  withinOls,
} from '../../stats/within-ols.ts';
import { DEFAULT_MIN_CELL_SIZE, windowCoverageWarnings } from '../cohort/cohort-comparison.ts';
import {
  type CohortEstimate,
  type CohortOutcome,
  type CohortWarning,
  type CohortWindow,
  type CohortWindows,
  OUTCOME_FACTS,
  OUTCOME_UNITS,
} from '../cohort/cohort-spec.ts';
import { cohortPopulationSql, exactSumSql } from '../cohort/cohort-units.ts';
import { cohortWarnings } from '../cohort/cohort-warnings.ts';
import { type CohortWindowBounds, reportWindows } from '../cohort/cohort-windows.ts';
import { leftOutVerdict, visitRelaxations } from '../query/filter-complements.ts';

/**
 * What a program's joint estimate shows, in the outcome's own direction (for service days `lower`
 * means faster service): the 95 % CI lies below 0 (`lower`), above 0 (`higher`), contains 0
 * (`inconclusive`), or there is no estimate (`not_estimated`: too few completers in the model, or
 * not identified apart from the other programs).
 */
export type EffectDirection = 'lower' | 'higher' | 'inconclusive' | 'not_estimated';

/** Why a program has no estimate. */
export type ProgramEffectGap = 'small_n' | 'not_identified' | 'no_se';

/** What gets an indicator: each program, each learning method, or each competency area. */
export type ProgramEffectsBy = 'program' | 'method' | 'competencyArea';

const BY_COLUMN: Record<ProgramEffectsBy, string> = {
  program: 'program_code',
  method: 'method',
  competencyArea: 'competency_area',
};

export interface ProgramEffectsSpec {
  /** Treatment window, inclusive ISO dates: a program's indicator is 1 for whoever completed it in it. */
  readonly from: string;
  readonly to: string;
  /**
   * One indicator per program (default), per learning method (completed any program of it), or per
   * competency area: "does e-learning work as well as workshops?", with the overlap handled alike.
   */
  readonly by?: ProgramEffectsBy;
  /** Default `service_days`. */
  readonly outcome?: CohortOutcome;
  /** Length of the placebo, pre and post windows in months (default 12), as in the cohort comparison. */
  readonly windowMonths?: number;
  /** Months left out between pre and the treatment window (default 0), as in the cohort comparison. */
  readonly gapMonths?: number;
  /** Restrict the population to employees in these agencies at the window start. */
  readonly agencies?: readonly string[];
}

/**
 * Disclosure control of a row's counts: a count below the minimum cell size is null, never 0 (a 0
 * stays 0: an empty group hides nobody). `completers` is hidden on its own size; `n`, and with it
 * `alsoOtherPrograms` and `postCompleted` (a part and the volume of that group), on the size of `n`.
 */
export interface ProgramEffect {
  /** The program code; with `by: method` or `competencyArea`, the method or the competency area. */
  readonly programCode: string;
  /**
   * Employees of the population who completed the program in the window (outcome observed or not).
   * Null when suppressed (fewer than the minimum cell size).
   */
  readonly completers: number | null;
  /** Of them, those in the model (outcome observed before and after). Null when suppressed (fewer than the minimum cell size). */
  readonly n: number | null;
  /**
   * Of those `n`, how many also completed another program in the window (what the joint model
   * separates). Null when `n` is suppressed.
   */
  readonly alsoOtherPrograms: number | null;
  /**
   * Completed requests those `n` handled in the post window (service outcomes; 0 for appraisals):
   * the volume an ROI priced on this effect multiplies (`roi` with `isolation: 'joint'`). Null when
   * `n` is suppressed.
   */
  readonly postCompleted: number | null;
  /** The program's coefficient: change in the outcome, other programs and the stratum held fixed. */
  readonly effect: CohortEstimate;
  /** Holm-adjusted p-value over the programs estimated in this model (family-wise error). */
  readonly pValueHolm: number | null;
  readonly direction: EffectDirection;
  /** The same model from the placebo window to pre: a coefficient away from 0 means the completers were already drifting. */
  readonly preTrend: (CohortEstimate & { readonly ciExcludesZero: boolean | null }) | null;
  /** Why `effect` is empty, null when it is not. */
  readonly gap: ProgramEffectGap | null;
  /**
   * The same coefficient with standard errors clustered by agency (the employees' agency at the
   * window start; CR1, t with clusters − 1 df): allows for shocks shared by everyone in an agency.
   * Null when `effect` is. With its completers in few agencies (`treatedClusters`) it is itself
   * unreliable (too small), and with one it cannot tell the program from that agency's own change.
   */
  readonly clustered: ClusteredEstimate | null;
}

/** A joint-model coefficient's inference with agency-clustered (CR1) standard errors. */
export interface ClusteredEstimate {
  readonly se: number | null;
  /** Clusters − 1. */
  readonly df: number | null;
  readonly pValue: number | null;
  readonly ci: CohortEstimate['ci'];
  /** Agencies with an employee in the model. */
  readonly clusters: number;
  /** Agencies with a completer of this program in the model. */
  readonly treatedClusters: number;
  /**
   * The wild cluster restricted bootstrap's p-value of "no effect" (Webb weights, 9,999 seeded draws,
   * or all 6^G vectors when G ≤ 5; see `wildClusterBootstrap`): keeps its size with few agencies
   * or few treated agencies, where the CR1 t-test above rejects far too often (with one treated
   * agency it is very conservative instead). Null when the test cannot be run.
   */
  readonly wildBootstrap: WildClusterBootstrapResult | null;
}

export interface ProgramEffectsResult {
  /** What got an indicator (the spec's, default `program`). */
  readonly by: ProgramEffectsBy;
  readonly outcome: CohortOutcome;
  readonly unit: string;
  readonly treatmentWindow: CohortWindow;
  readonly windows: CohortWindows;
  readonly agencies: readonly string[];
  /** Employees in the model (outcome observed before and after), trained or not. Null when suppressed. */
  readonly n: number | null;
  /**
   * Of them, those who completed no program in the window. Null when suppressed, and when a
   * program's `n` is (complementary suppression: n − untrained, the trained, less the programs
   * shown would give the hidden program's count).
   */
  readonly untrained: number | null;
  /** Matching strata with a unit (each its own intercept). Null when suppressed. */
  readonly strata: number | null;
  /** Residual degrees of freedom: n − strata − programs estimated. */
  readonly dfResidual: number;
  /** Share of the within-stratum variance of the change explained by the programs (0–1); null without a fit. */
  readonly rSquaredWithin: number | null;
  /** Ordered by program code. */
  readonly programs: readonly ProgramEffect[];
  readonly suppressed: boolean;
  /**
   * Why the model is suppressed (`SuppressionReason`): `primary` when it is not fitted (fewer than
   * minCellSize untrained, or too few units); `complementary` when `agencies` leaves out 1 …
   * minCellSize − 1 employees in a count the model publishes, which the same model without them
   * would reveal by difference: then no estimate and no count that is not 0, in the programs' rows
   * too. Null when shown.
   */
  readonly suppressionReason: SuppressionReason;
  readonly warnings: readonly CohortWarning[];
}

export interface ProgramEffectsOptions {
  /** Minimum completers in the model, and untrained units, before an estimate is shown. Default 5. */
  readonly minCellSize?: number;
  readonly level?: number;
}

type Pair = 'did' | 'placebo';
const PAIRS: readonly Pair[] = ['did', 'placebo'];

/** Aggregates of one pair (did or placebo) read from the warehouse: per stratum, cross-products by program. */
interface PairSums {
  /** stratum → n, Σy, Σy² */
  readonly strata: Map<string, { n: number; sumY: number; sumYY: number }>;
  /** stratum → program → n, Σy, overlap, Σ post-window completed requests */
  readonly x: Map<string, Map<string, { n: number; sumY: number; overlap: number; volume: number }>>;
  /** stratum → "a\u0000b" (a < b) → units with both */
  readonly xx: Map<string, Map<string, number>>;
  /** Units who completed no program in the window. */
  readonly untrained: { value: number };
  /**
   * The effect pair's sums per agency (cluster) × stratum, for the wild cluster bootstrap:
   * cluster → stratum → n, Σy, per program n and Σy, per program pair n.
   */
  readonly cells: Map<string, Map<string, CellSums>>;
}

interface CellSums {
  n: number;
  sumY: number;
  readonly x: Map<string, { n: number; sumY: number }>;
  readonly xx: Map<string, number>;
}

const emptyPair = (): PairSums => ({
  strata: new Map(),
  x: new Map(),
  xx: new Map(),
  untrained: { value: 0 },
  cells: new Map(),
});

/**
 * The joint program-effects model: which programs changed the outcome once the others are held
 * fixed. One regression over the population of the cohort comparison (every employee with an
 * assignment at the window start, outcome observed before and after):
 *
 *   Δ_i = α_stratum(i) + Σ_p β_p · completed_p,i + e_i,   Δ = post − pre,
 *
 * with one intercept per matching stratum (agency kind × grade group × tenure band, as the cohort
 * comparison matches on) and one indicator per program completed in the treatment window. β_p is
 * the change associated with program p among employees alike in stratum and in the other programs
 * they completed: the per-program comparison (`cohortComparison`, `vs_rest`) puts staff trained by
 * other programs in p's comparison group and so lets one strong program make the others look worse;
 * here every program's effect is estimated at once. Standard errors are heteroskedasticity-robust
 * (HC1); CIs use t with n − strata − programs df; Holm's adjustment is reported for reading many
 * programs at once. The same model from the placebo window to pre gives each program's pre-trend.
 *
 * Differences from the per-program comparison, by design: strata enter as fixed effects (a
 * variance-weighted average over strata, not the treated mix); employees who completed several
 * programs count in each of them, their effects assumed to add up.
 *
 * Privacy: the model is fitted from per-stratum sums computed in DuckDB (counts and sums of the
 * changes per stratum, per stratum × program and per stratum × program pair); no person-level row
 * leaves the database. A program with fewer than `minCellSize` completers in the model has no
 * estimate (`small_n`) and no count of them (`n`, `alsoOtherPrograms`, `postCompleted` null; the
 * model's `untrained` too, which would give it back); with fewer than `minCellSize` untrained
 * employees, or fewer units than parameters, nothing is estimated (`suppressed`: the model's counts
 * are null). A count of 0 is shown: it hides nobody. Across queries: with `agencies`, a model whose
 * published counts (n, untrained, each program's completers, n and overlap) differ by 1 … minCellSize
 * − 1 from the same model's without them is suppressed whole (`leavesOutFewEmployees`).
 *
 * Queries: 3 (the sums, the residual sums with the coefficients known, the outcome's coverage); with
 * `agencies` one more (the counts without them), and one fewer when that suppresses the model.
 */
export async function programEffects(
  db: Db,
  spec: ProgramEffectsSpec,
  options: ProgramEffectsOptions = {},
): Promise<ProgramEffectsResult> {
  const coverage = await readFactCoverage(db, OUTCOME_FACTS[spec.outcome ?? 'service_days']);
  return programEffectsWithCoverage(db, spec, options, coverage);
}

/**
 * `programEffects` with the outcome fact's coverage already read (2 queries): the program portfolio
 * fits one model per year and reads the coverage once.
 */
export async function programEffectsWithCoverage(
  db: Db,
  spec: ProgramEffectsSpec,
  options: ProgramEffectsOptions,
  coverage: FactCoverage | null,
): Promise<ProgramEffectsResult> {
  if (spec.by !== undefined && !Object.hasOwn(BY_COLUMN, spec.by))
    throw new RangeError(`by must be one of ${Object.keys(BY_COLUMN).join(', ')}, got ${String(spec.by)}`);
  const level = options.level ?? DEFAULT_CONFIDENCE_LEVEL;
  const minCell = options.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  const outcome = spec.outcome ?? 'service_days';
  const base = cohortPopulationSql({ ...spec, outcome });
  const unitsCtes = unitsCtesOf(base, spec.by);
  const { pairs, completers } = await readSums(db, unitsCtes, base.params);
  // A population of 1 … minCell − 1 employees (a small office) takes the ordinary path on purpose:
  // its untrained are fewer than minCell, so the model is not fitted and, as any model not fitted,
  // lists no program and names no count, in the same words (a listed program would say that someone
  // there completed it). A warning of its own, saying the population is small, would pin a count the
  // published tables may hide as a complement (the agency's headcount in `participation`).
  const programs = [...completers.keys()].sort();
  const fits = new Map<Pair, PairFit>();
  for (const pair of PAIRS) fits.set(pair, fitPair(pairs.get(pair) ?? emptyPair(), programs, minCell));
  const did = fits.get('did') as PairFit;
  const complementary =
    did.fit !== null && (await leavesOutFewEmployees(db, { ...spec, outcome }, did, completers, minCell));
  // A model suppressed whole needs no residuals: nothing of its inference is shown.
  const moments = complementary ? new Map() : await readResidualMoments(db, unitsCtes, base.params, fits);
  return assemble(
    spec,
    outcome,
    base.bounds,
    programs,
    completers,
    fits,
    moments,
    minCell,
    level,
    coverage,
    complementary,
  );
}

/** What every result repeats of its question: the indicator kind, outcome and its unit, windows, agencies. */
function modelFrame(spec: ProgramEffectsSpec, outcome: CohortOutcome, bounds: CohortWindowBounds) {
  return {
    by: spec.by ?? 'program',
    outcome,
    unit: OUTCOME_UNITS[outcome],
    treatmentWindow: { from: spec.from, to: spec.to },
    windows: reportWindows(bounds),
    agencies: [...(spec.agencies ?? [])],
  };
}

/** The `units` (one row per employee and pair with its change y) and `took` CTEs over the population. */
function unitsCtesOf(base: ReturnType<typeof cohortPopulationSql>, by: ProgramEffectsBy | undefined): string {
  return `${base.ctes},
    units AS (
      SELECT 'did' AS pair, p.employee_key, ${base.stratumSql} AS stratum, o.post - o.pre AS y,
        o.post_completed AS volume, p.agency_code AS cluster
      FROM pop p JOIN outcome o ON o.employee_key = p.employee_key
      WHERE o.pre IS NOT NULL AND o.post IS NOT NULL
      UNION ALL
      SELECT 'placebo', p.employee_key, ${base.stratumSql}, o.pre - o.placebo, 0, p.agency_code
      FROM pop p JOIN outcome o ON o.employee_key = p.employee_key
      WHERE o.placebo IS NOT NULL AND o.pre IS NOT NULL
    ),
    took AS (
      SELECT DISTINCT employee_key, ${BY_COLUMN[by ?? 'program']} AS program_code FROM marts.fct_enrollments
      WHERE status = 'completed' AND completed_on BETWEEN $from::DATE AND $to::DATE
        AND ${BY_COLUMN[by ?? 'program']} IS NOT NULL
    )`;
}

/** The counts of people a shown model publishes, by name: n, untrained, and per program c:, n:, o:. */
function publishedModelCounts(
  model: { readonly n: number; readonly untrained: number },
  programs: ReadonlyMap<string, { readonly n: number; readonly overlap: number }>,
  completers: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map<string, number>([
    ['n', model.n],
    ['untrained', model.untrained],
  ]);
  for (const [p, c] of completers) out.set(`c:${p}`, c);
  for (const [p, c] of programs) {
    out.set(`n:${p}`, c.n);
    out.set(`o:${p}`, c.overlap);
  }
  return out;
}

/** The published counts of the model over `spec`'s population, read alone (one query, no sums of y). */
async function readModelCounts(db: Db, spec: ProgramEffectsSpec & { outcome: CohortOutcome }) {
  const base = cohortPopulationSql(spec);
  const rows = await db.all<{
    kind: 'n' | 'u' | 'x' | 'c';
    a: string | null;
    n: number | bigint;
    o: number | bigint | null;
  }>(
    `WITH ${unitsCtesOf(base, spec.by)},
    ud AS (SELECT * FROM units WHERE pair = 'did'),
    ux AS (
      SELECT u.employee_key, t.program_code, count(*) OVER (PARTITION BY u.employee_key) AS programs
      FROM ud u JOIN took t ON t.employee_key = u.employee_key
    )
    SELECT 'n' AS kind, NULL AS a, count(*) AS n, NULL AS o FROM ud
    UNION ALL
    SELECT 'u', NULL, count(*), NULL FROM ud u ANTI JOIN took t ON t.employee_key = u.employee_key
    UNION ALL
    SELECT 'x', program_code, count(*), count(*) FILTER (WHERE programs > 1) FROM ux GROUP BY program_code
    UNION ALL
    SELECT 'c', t.program_code, count(*), NULL FROM took t SEMI JOIN pop p ON p.employee_key = t.employee_key
      GROUP BY t.program_code`,
    base.params,
  );
  const model = { n: 0, untrained: 0 };
  const programs = new Map<string, { n: number; overlap: number }>();
  const completers = new Map<string, number>();
  for (const r of rows) {
    const n = Number(r.n);
    if (r.kind === 'n') model.n = n;
    else if (r.kind === 'u') model.untrained = n;
    else if (r.kind === 'x') programs.set(String(r.a), { n, overlap: Number(r.o ?? 0) });
    else completers.set(String(r.a), n);
  }
  return publishedModelCounts(model, programs, completers);
}

/**
 * Disclosure control across queries, the metrics' rule (`guardFilterComplements`) for the joint
 * model: the model restricted to `agencies` and the same model without them (or without one of two
 * or more agencies, `relaxationsOf`) differ by the employees of the other agencies; where a count the model publishes (n, untrained, a program's completers, n
 * or overlap) would differ by 1 … minCell − 1, subtracting the two answers discloses a small group,
 * so the model is suppressed (`complementary`). The relaxed counts come from one count query. False
 * without `agencies` and with minCell ≤ 1.
 */
async function leavesOutFewEmployees(
  db: Db,
  spec: ProgramEffectsSpec & { outcome: CohortOutcome },
  did: PairFit,
  completers: ReadonlyMap<string, number>,
  minCell: number,
): Promise<boolean> {
  if (minCell <= 1) return false;
  const actual = publishedModelCounts(did, did.counts, completers);
  return visitRelaxations(
    spec,
    ['agencies'],
    async (relaxed) => {
      const other = await readModelCounts(db, relaxed);
      const keys = new Set([...actual.keys(), ...other.keys()]);
      const leftOut = [...keys].map((k) => Math.abs((other.get(k) ?? 0) - (actual.get(k) ?? 0)));
      return leftOutVerdict(leftOut, minCell);
    },
    { stopAtFew: true },
  );
}

type SumRow = {
  kind: 'n' | 'x' | 'xx' | 'c' | 'p' | 'u' | 'g' | 'gx' | 'cn' | 'cx' | 'cxx';
  pair: Pair | null;
  stratum: string | null;
  a: string | null;
  b: string | null;
  n: number | bigint;
  s: number | null;
  ss: number | null;
  /** 'x' rows: Σ post-window completed requests of the program's units (service outcomes). */
  v?: number | bigint | null;
  /** 'cn', 'cx', 'cxx' rows: the agency (cluster). */
  g?: string | null;
};

/**
 * Query 1: per pair and stratum the units' n, Σy, Σy²; per program n, Σy, overlap; per program pair
 * n; completers; and for the effect pair the same per agency × stratum (the bootstrap's cells).
 */
async function readSums(
  db: Db,
  ctes: string,
  params: Record<string, SqlParam>,
): Promise<{ pairs: Map<Pair, PairSums>; completers: Map<string, number> }> {
  const rows = await db.all<SumRow>(
    `WITH ${ctes},
    ux AS (
      SELECT u.pair, u.employee_key, u.stratum, u.cluster, u.y, u.volume, t.program_code,
        count(*) OVER (PARTITION BY u.pair, u.employee_key) AS programs
      FROM units u JOIN took t ON t.employee_key = u.employee_key
    )
    SELECT 'n' AS kind, pair, stratum, NULL AS a, NULL AS b, count(*) AS n, ${exactSumSql('y')} AS s,
        ${exactSumSql('y * y')} AS ss, NULL AS v, NULL AS g
      FROM units GROUP BY pair, stratum
    UNION ALL
    SELECT 'x', pair, stratum, program_code, NULL, count(*), ${exactSumSql('y')}, count(*) FILTER (WHERE programs > 1),
        sum(volume), NULL
      FROM ux GROUP BY pair, stratum, program_code
    UNION ALL
    SELECT 'xx', a.pair, a.stratum, a.program_code, b.program_code, count(*), NULL, NULL, NULL, NULL
      FROM ux a JOIN ux b ON b.pair = a.pair AND b.employee_key = a.employee_key AND a.program_code < b.program_code
      GROUP BY a.pair, a.stratum, a.program_code, b.program_code
    UNION ALL
    SELECT 'u', u.pair, NULL, NULL, NULL, count(*), NULL, NULL, NULL, NULL
      FROM units u ANTI JOIN took t ON t.employee_key = u.employee_key GROUP BY u.pair
    UNION ALL
    SELECT 'c', NULL, NULL, t.program_code, NULL, count(*), NULL, NULL, NULL, NULL
      FROM took t SEMI JOIN pop p ON p.employee_key = t.employee_key GROUP BY t.program_code
    UNION ALL
    SELECT 'cn', pair, stratum, NULL, NULL, count(*), ${exactSumSql('y')}, NULL, NULL, cluster
      FROM units WHERE pair = 'did' GROUP BY pair, stratum, cluster
    UNION ALL
    SELECT 'cx', pair, stratum, program_code, NULL, count(*), ${exactSumSql('y')}, NULL, NULL, cluster
      FROM ux WHERE pair = 'did' GROUP BY pair, stratum, cluster, program_code
    UNION ALL
    SELECT 'cxx', a.pair, a.stratum, a.program_code, b.program_code, count(*), NULL, NULL, NULL, a.cluster
      FROM ux a JOIN ux b ON b.pair = a.pair AND b.employee_key = a.employee_key AND a.program_code < b.program_code
      WHERE a.pair = 'did'
      GROUP BY a.pair, a.stratum, a.cluster, a.program_code, b.program_code
    ORDER BY kind, pair, stratum, a, b, g`,
    params,
  );
  const pairs = new Map<Pair, PairSums>(PAIRS.map((p) => [p, emptyPair()]));
  const completers = new Map<string, number>();
  for (const r of rows) {
    const n = Number(r.n);
    if (r.kind === 'c') {
      completers.set(String(r.a), n);
      continue;
    }
    const sums = pairs.get(r.pair as Pair) as PairSums;
    if (r.kind === 'u') {
      sums.untrained.value = n;
      continue;
    }
    const stratum = String(r.stratum);
    if (r.kind === 'cn' || r.kind === 'cx' || r.kind === 'cxx') {
      const cluster = String(r.g);
      const byStratum = sums.cells.get(cluster) ?? new Map<string, CellSums>();
      sums.cells.set(cluster, byStratum);
      const cell = byStratum.get(stratum) ?? { n: 0, sumY: 0, x: new Map(), xx: new Map() };
      byStratum.set(stratum, cell);
      if (r.kind === 'cn') {
        cell.n = n;
        cell.sumY = Number(r.s);
      } else if (r.kind === 'cx') cell.x.set(String(r.a), { n, sumY: Number(r.s) });
      else cell.xx.set(`${r.a}\u0000${r.b}`, n);
      continue;
    }
    if (r.kind === 'n') sums.strata.set(stratum, { n, sumY: Number(r.s), sumYY: Number(r.ss) });
    else if (r.kind === 'x') {
      const m = sums.x.get(stratum) ?? new Map();
      m.set(String(r.a), { n, sumY: Number(r.s), overlap: Number(r.ss), volume: Number(r.v ?? 0) });
      sums.x.set(stratum, m);
    } else {
      const m = sums.xx.get(stratum) ?? new Map();
      m.set(`${r.a}\u0000${r.b}`, n);
      sums.xx.set(stratum, m);
    }
  }
  return { pairs, completers };
}

interface PairFit {
  readonly sums: PairSums;
  /** The strata, in the order of `groups`. */
  readonly strata: readonly string[];
  readonly groups: readonly GroupCrossProducts[];
  /** Programs in the model (enough completers), their column index; the rest are not in X. */
  readonly columns: readonly string[];
  /** Per program: units in the pair's model, of them with another program, their post-window requests. */
  readonly counts: ReadonlyMap<string, { n: number; overlap: number; volume: number }>;
  readonly n: number;
  readonly untrained: number;
  /** Null when the model is not fitted (too few units). */
  readonly fit: WithinOlsFit | null;
}

/**
 * Fits one pair. Programs with fewer than `minCell` units in the model are kept in it as
 * regressors (so their completers do not pose as untrained) but get no reported estimate.
 */
function fitPair(sums: PairSums, programs: readonly string[], minCell: number): PairFit {
  const counts = new Map<string, { n: number; overlap: number; volume: number }>();
  for (const byProgram of sums.x.values())
    for (const [program, v] of byProgram) {
      const c = counts.get(program) ?? { n: 0, overlap: 0, volume: 0 };
      counts.set(program, { n: c.n + v.n, overlap: c.overlap + v.overlap, volume: c.volume + v.volume });
    }
  const columns = programs.filter((p) => (counts.get(p)?.n ?? 0) > 0);
  const index = new Map(columns.map((p, i) => [p, i]));
  const k = columns.length;
  const strata = [...sums.strata.keys()].sort();
  const groups = strata.map((stratum) =>
    crossProductsOfSums(
      sums.strata.get(stratum) as { n: number; sumY: number; sumYY: number },
      sums.x.get(stratum),
      sums.xx.get(stratum),
      index,
    ),
  );
  const n = groups.reduce((s, g) => s + g.n, 0);
  const untrained = sums.untrained.value;
  const fittable = untrained >= minCell && n > strata.length + k;
  return { sums, strata, groups, columns, counts, n, untrained, fit: fittable ? withinOls(groups, k) : null };
}

/**
 * The cross-products of a set of units (a stratum, or an agency × stratum cell) from their sums:
 * the indicators are 0/1, so Σx_p = Σx_p² = n_p and Σx_a x_b is the count with both.
 */
function crossProductsOfSums(
  base: { readonly n: number; readonly sumY: number; readonly sumYY: number },
  x: Iterable<[string, { readonly n: number; readonly sumY: number }]> | undefined,
  xx: Iterable<[string, number]> | undefined,
  index: ReadonlyMap<string, number>,
): GroupCrossProducts {
  const k = index.size;
  const sumX = new Array<number>(k).fill(0);
  const sumXY = new Array<number>(k).fill(0);
  const sumXX = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [program, v] of x ?? []) {
    const i = index.get(program) as number;
    sumX[i] = v.n;
    sumXY[i] = v.sumY;
    (sumXX[i] as number[])[i] = v.n;
  }
  for (const [key, n] of xx ?? []) {
    const [a, b] = key.split('\u0000') as [string, string];
    const i = index.get(a) as number;
    const j = index.get(b) as number;
    (sumXX[i] as number[])[j] = n;
    (sumXX[j] as number[])[i] = n;
  }
  return { n: base.n, sumX, sumXX, sumY: base.sumY, sumXY, sumYY: base.sumYY };
}

/** A pair's agency × stratum cells as the wild cluster bootstrap takes them (agencies in code order). */
function clusterCells(f: PairFit): ClusterCell[] {
  const index = new Map(f.columns.map((c, i) => [c, i]));
  const groupOf = new Map(f.strata.map((s, i) => [s, i]));
  return [...f.sums.cells.keys()].sort().flatMap((cluster, c) =>
    [...(f.sums.cells.get(cluster) ?? [])].flatMap(([stratum, cell]) => {
      const group = groupOf.get(stratum);
      if (group === undefined) return [];
      return [
        { cluster: c, group, sums: crossProductsOfSums({ ...cell, sumYY: 0 }, cell.x, cell.xx, index) },
      ];
    }),
  );
}

/** One pair's residual sums: the HC1 moments per stratum, and per agency the score Σ x̃ e (CR1). */
interface PairResiduals {
  readonly moments: ReadonlyMap<string, GroupResidualMoments>;
  readonly scores: ReadonlyMap<string, number[]>;
  /** Per program: the agencies with a completer of it in the model. */
  readonly treatedClusters: ReadonlyMap<string, number>;
}

/**
 * Query 2: per pair and stratum Σe², per program Σe²x, per program pair Σe²x_ax_b, with each pair's
 * β; and for the effect (not the pre-trend) per stratum and agency Σe, per program also over its
 * completers, from which each agency's score s_g = Σ_{i∈g} x̃_i e_i = Σ_s (Σ_{i∈g∩s} x_i e_i −
 * x̄_s Σ_{i∈g∩s} e_i) follows.
 */
async function readResidualMoments(
  db: Db,
  ctes: string,
  params: Record<string, SqlParam>,
  fits: ReadonlyMap<Pair, PairFit>,
): Promise<Map<Pair, PairResiduals>> {
  const out = new Map<Pair, PairResiduals>();
  const betas: string[] = [];
  const p: Record<string, SqlParam> = { ...params };
  for (const pair of PAIRS) {
    const f = fits.get(pair) as PairFit;
    if (f.fit === null) continue;
    f.fit.coefficients.forEach((b, i) => {
      if (b === null) return;
      const name = `beta_${pair}_${i}`;
      p[name] = b;
      p[`${name}_program`] = f.columns[i] as string;
      betas.push(`('${pair}', $${name}_program, $${name}::DOUBLE)`);
    });
  }
  if (![...fits.values()].some((f) => f.fit !== null)) return out;
  const rows = await db.all<SumRow>(
    `WITH ${ctes},
    beta(pair, program_code, b) AS (${betas.length === 0 ? "SELECT 'did', '', 0.0 WHERE false" : `VALUES ${betas.join(', ')}`}),
    resid AS (
      SELECT u.pair, u.employee_key, u.stratum, u.cluster, u.y - coalesce(${exactSumSql('b.b')}, 0) AS r
      FROM units u
      LEFT JOIN took t ON t.employee_key = u.employee_key
      LEFT JOIN beta b ON b.pair = u.pair AND b.program_code = t.program_code
      GROUP BY u.pair, u.employee_key, u.stratum, u.cluster, u.y
    ),
    e1 AS (
      SELECT pair, employee_key, stratum, cluster,
        r - ${exactSumSql('r', 'OVER (PARTITION BY pair, stratum)')} / count(*) OVER (PARTITION BY pair, stratum) AS e1
      FROM resid
    ),
    e AS (SELECT *, e1 ** 2 AS e2 FROM e1),
    ex AS (SELECT e.*, t.program_code FROM e JOIN took t ON t.employee_key = e.employee_key)
    SELECT 'n' AS kind, pair, stratum, NULL AS a, NULL AS b, count(*) AS n, ${exactSumSql('e2')} AS s, NULL AS ss
      FROM e GROUP BY pair, stratum
    UNION ALL
    SELECT 'x', pair, stratum, program_code, NULL, count(*), ${exactSumSql('e2')}, NULL FROM ex
      GROUP BY pair, stratum, program_code
    UNION ALL
    SELECT 'xx', a.pair, a.stratum, a.program_code, b.program_code, count(*), ${exactSumSql('a.e2')}, NULL
      FROM ex a JOIN ex b ON b.pair = a.pair AND b.employee_key = a.employee_key AND a.program_code < b.program_code
      GROUP BY a.pair, a.stratum, a.program_code, b.program_code
    UNION ALL
    SELECT 'g', pair, stratum, cluster, NULL, count(*), ${exactSumSql('e1')}, NULL FROM e WHERE pair = 'did'
      GROUP BY pair, stratum, cluster
    UNION ALL
    SELECT 'gx', pair, stratum, cluster, program_code, count(*), ${exactSumSql('e1')}, NULL FROM ex WHERE pair = 'did'
      GROUP BY pair, stratum, cluster, program_code
    ORDER BY kind, pair, stratum, a, b`,
    p,
  );
  for (const pair of PAIRS) {
    const f = fits.get(pair) as PairFit;
    if (f.fit === null) continue;
    const k = f.columns.length;
    const index = new Map(f.columns.map((c, i) => [c, i]));
    const byStratum = new Map<string, { sumE2: number; sumE2X: number[]; sumE2XX: number[][] }>();
    const get = (stratum: string) => {
      let m = byStratum.get(stratum);
      if (!m) {
        m = {
          sumE2: 0,
          sumE2X: new Array<number>(k).fill(0),
          sumE2XX: Array.from({ length: k }, () => new Array<number>(k).fill(0)),
        };
        byStratum.set(stratum, m);
      }
      return m;
    };
    // x̄ per stratum (the program columns' means), for the agencies' scores.
    const xBar = new Map(
      f.strata.map((stratum, i) => {
        const g = f.groups[i] as GroupCrossProducts;
        return [stratum, g.sumX.map((v) => (g.n > 0 ? v / g.n : 0))] as const;
      }),
    );
    const scores = new Map<string, number[]>();
    const score = (cluster: string) => {
      let v = scores.get(cluster);
      if (!v) {
        v = new Array<number>(k).fill(0);
        scores.set(cluster, v);
      }
      return v;
    };
    const treated = new Map<string, Set<string>>();
    for (const r of rows) {
      if (r.pair !== pair) continue;
      const s = Number(r.s);
      if (r.kind === 'g') {
        const v = score(String(r.a));
        const m = xBar.get(String(r.stratum));
        if (m) for (let i = 0; i < k; i++) v[i] = (v[i] as number) - (m[i] as number) * s;
        continue;
      }
      if (r.kind === 'gx') {
        const i = index.get(String(r.b));
        const v = score(String(r.a));
        if (i !== undefined) v[i] = (v[i] as number) + s;
        const set = treated.get(String(r.b)) ?? new Set<string>();
        set.add(String(r.a));
        treated.set(String(r.b), set);
        continue;
      }
      const m = get(String(r.stratum));
      if (r.kind === 'n') m.sumE2 = s;
      else if (r.kind === 'x') {
        const i = index.get(String(r.a)) as number;
        m.sumE2X[i] = s;
        (m.sumE2XX[i] as number[])[i] = s;
      } else {
        const i = index.get(String(r.a)) as number;
        const j = index.get(String(r.b)) as number;
        (m.sumE2XX[i] as number[])[j] = s;
        (m.sumE2XX[j] as number[])[i] = s;
      }
    }
    out.set(pair, {
      moments: new Map([...byStratum]),
      scores,
      treatedClusters: new Map([...treated].map(([program, set]) => [program, set.size])),
    });
  }
  return out;
}

const NO_ESTIMATE: CohortEstimate = { estimate: null, se: null, df: null, pValue: null, ci: null };

/** Per program of one pair: the estimate with HC1 inference, or the reason there is none. */
function estimatesOf(
  f: PairFit,
  residuals: PairResiduals | undefined,
  minCell: number,
  level: number,
): Map<
  string,
  { estimate: CohortEstimate; gap: ProgramEffectGap | null; clustered: ClusteredEstimate | null }
> {
  const out = new Map<
    string,
    { estimate: CohortEstimate; gap: ProgramEffectGap | null; clustered: ClusteredEstimate | null }
  >();
  if (f.fit === null || residuals === undefined) return out;
  const { moments } = residuals;
  const k = f.columns.length;
  const empty: GroupResidualMoments = {
    sumE2: 0,
    sumE2X: new Array<number>(k).fill(0),
    sumE2XX: Array.from({ length: k }, () => new Array<number>(k).fill(0)),
  };
  const meat = withinMeat(
    f.groups,
    f.strata.map((s) => moments.get(s) ?? empty),
    k,
  );
  const v = hc1Covariance(f.fit, meat);
  const clusters = residuals.scores.size;
  const vc = cr1Covariance(f.fit, clusterMeat([...residuals.scores.values()], k), clusters);
  const cells = f.sums.cells.size > 0 ? clusterCells(f) : null;
  f.columns.forEach((program, i) => {
    const n = f.counts.get(program)?.n ?? 0;
    const beta = f.fit?.coefficients[i] ?? null;
    if (n < minCell) {
      out.set(program, { estimate: NO_ESTIMATE, gap: 'small_n', clustered: null });
      return;
    }
    if (beta === null) {
      out.set(program, { estimate: NO_ESTIMATE, gap: 'not_identified', clustered: null });
      return;
    }
    const variance = v === null ? null : ((v[i] as number[])[i] as number);
    const se = variance !== null && variance > 0 ? Math.sqrt(variance) : null;
    const t = tInference(beta, se, f.fit?.dfResidual ?? null, level);
    const cv = vc === null ? null : ((vc[i] as number[])[i] as number);
    const c = tInference(beta, cv !== null && cv > 0 ? Math.sqrt(cv) : null, clusters - 1, level);
    out.set(program, {
      estimate: { estimate: beta, se: t.se, df: t.df, pValue: t.pValue, ci: t.ci },
      gap: t.se === null ? 'no_se' : null,
      clustered: {
        se: c.se,
        df: c.se === null ? null : c.df,
        pValue: c.pValue,
        ci: c.ci,
        clusters,
        treatedClusters: residuals.treatedClusters.get(program) ?? 0,
        wildBootstrap:
          cells === null || f.fit === null ? null : wildClusterBootstrap(f.fit, f.groups, cells, i),
      },
    });
  });
  return out;
}

/** Holm's step-down adjustment of p-values (null stays null). */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const present = pValues
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: number; i: number } => x.p !== null)
    .sort((a, b) => a.p - b.p);
  const m = present.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 0;
  present.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}

function directionOf(e: CohortEstimate): EffectDirection {
  if (e.estimate === null || e.ci === null) return 'not_estimated';
  if (e.ci.high < 0) return 'lower';
  if (e.ci.low > 0) return 'higher';
  return 'inconclusive';
}

function assemble(
  spec: ProgramEffectsSpec,
  outcome: CohortOutcome,
  bounds: CohortWindowBounds,
  programs: readonly string[],
  completers: ReadonlyMap<string, number>,
  fits: ReadonlyMap<Pair, PairFit>,
  moments: ReadonlyMap<Pair, PairResiduals>,
  minCell: number,
  level: number,
  coverage: FactCoverage | null,
  /** Suppress the fitted model whole: its agencies leave out a small group (`leavesOutFewEmployees`). */
  complementary = false,
): ProgramEffectsResult {
  const did = fits.get('did') as PairFit;
  const placebo = fits.get('placebo') as PairFit;
  const effects = estimatesOf(did, moments.get('did'), minCell, level);
  const pre = estimatesOf(placebo, moments.get('placebo'), minCell, level);
  const holm = holmAdjust(programs.map((p) => effects.get(p)?.estimate.pValue ?? null));
  const primary = did.fit === null;
  const suppressed = primary || complementary;
  // Disclosure control: a count of 1 … minCell − 1 is hidden (null); 0 hides nobody. Suppressed as
  // a complement, the model hides every count that is not 0 (each could differ by a small group).
  const small = (count: number) => count > 0 && (complementary || count < minCell);
  let hiddenRow = false;
  const list: ProgramEffect[] = programs.map((programCode, i) => {
    const e = effects.get(programCode);
    const counts = did.counts.get(programCode) ?? { n: 0, overlap: 0, volume: 0 };
    const effect = e?.estimate ?? NO_ESTIMATE;
    const p = pre.get(programCode)?.estimate;
    const gap: ProgramEffectGap | null =
      e?.gap ?? (effect.estimate === null ? (counts.n < minCell ? 'small_n' : 'not_identified') : null);
    const completerCount = completers.get(programCode) ?? 0;
    const hideN = small(counts.n);
    if (hideN) hiddenRow = true;
    return {
      programCode,
      completers: small(completerCount) ? null : completerCount,
      n: hideN ? null : counts.n,
      alsoOtherPrograms: hideN ? null : counts.overlap,
      postCompleted: hideN ? null : counts.volume,
      effect,
      pValueHolm: holm[i] ?? null,
      direction: directionOf(effect),
      preTrend:
        p === undefined || p.estimate === null
          ? null
          : { ...p, ciExcludesZero: p.ci === null ? null : p.ci.low > 0 || p.ci.high < 0 },
      gap: suppressed ? 'small_n' : gap,
      clustered: effect.estimate === null ? null : (e?.clustered ?? null),
    };
  });
  const warnings = windowCoverageWarnings(bounds, coverage);
  if (suppressed && !primary) warnings.push(cohortWarnings.suppressedComplementary(minCell));
  // Nobody with data in both windows (a window past the data's end, say): no model, for want of
  // data, not of untrained employees; the list stays unpublished as for any model not fitted.
  else if (suppressed && did.n === 0) warnings.push(cohortWarnings.nothingToCompare(true));
  else if (suppressed)
    warnings.push({
      code: 'suppressed',
      id: `Model tidak dihitung: kurang dari ${minCell} pegawai tanpa pelatihan atau terlalu sedikit pegawai untuk jumlah program (perlindungan data dan ketelitian).`,
      en: `Model not fitted: fewer than ${minCell} untrained employees, or too few employees for the number of programs (disclosure control and precision).`,
    });
  const fit = suppressed ? null : did.fit;
  return {
    ...modelFrame(spec, outcome, bounds),
    n: suppressed ? null : did.n,
    // Complementary suppression: with a program's n hidden, n − untrained (everyone trained) less the
    // programs shown could give it back, so untrained goes too.
    untrained: suppressed || hiddenRow ? null : did.untrained,
    strata: suppressed ? null : did.strata.length,
    dfResidual: fit?.dfResidual ?? 0,
    rSquaredWithin: fit === null || !(fit.tssWithin > 0) ? null : 1 - fit.rss / fit.tssWithin,
    // A suppressed model lists no program: compared with the list of another model (the same one
    // without a filter, or with one more agency), a program present in one and missing from the
    // other would say that someone of a small group completed it.
    programs: suppressed ? [] : list,
    suppressed,
    suppressionReason: primary ? 'primary' : complementary ? 'complementary' : null,
    warnings,
  };
}
