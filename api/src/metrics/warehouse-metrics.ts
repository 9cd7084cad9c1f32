import {
  agencyScorecard,
  budgetScenario,
  budgetTrend,
  cohortComparison,
  completion,
  guardedSatisfaction,
  invitationFunnel,
  jpCompliance,
  learning,
  loadPortfolioEvidence,
  type ProgramEffect,
  participation,
  pricePortfolio,
  programEffects,
  type RoiMetricResult,
  reaction,
  resistance,
  roi,
  satisfaction,
  scorecardRoiHook,
  serviceTimes,
} from '@asn/warehouse';
import type { MetricPort, MetricResult } from './metric-port.ts';

/**
 * Metric rows as the API publishes them: without the primary / complementary distinction. Which
 * hidden rows are the small ones bounds them (1 … minN − 1, the others at least minN), and with
 * such bounds a reader can pin hidden counts that the sums alone leave open; `suppressed` says what
 * is hidden. (The warehouse keeps the reasons: its own guards and audits read them.)
 */
function unlabelled<R extends { readonly rows: readonly object[] }>(result: R): R {
  const clear = <T extends object>(row: T): T =>
    (row as { suppressionReason?: unknown }).suppressionReason == null
      ? row
      : { ...row, suppressionReason: null };
  const out: Record<string, unknown> = { ...result, rows: result.rows.map(clear) };
  const byReason = (result as { byReason?: unknown }).byReason;
  if (Array.isArray(byReason)) out.byReason = byReason.map(clear);
  return out as unknown as R;
}

/**
 * The MetricPort members that answer metric rows (`MetricResult`, GraphQL `MetricRow`s, whose
 * `suppressionReason` is always null). Worked out from the port's types, so a metric added to the
 * port with a `MetricFn` shape is one of them whatever its name.
 */
export type RowMetricName = {
  [K in keyof MetricPort]: MetricPort[K] extends (...args: never[]) => Promise<MetricResult> ? K : never;
}[keyof MetricPort];

/**
 * The bindings of the row metrics, as the warehouse answers them (reasons still labelled):
 * `warehouseMetrics` passes every one through `unlabelled`, so a binding here cannot skip it, and
 * `warehouseMetrics`' other bindings cannot take a row metric (their type leaves them out).
 */
const ROW_METRICS: Pick<MetricPort, RowMetricName> = {
  participation: (db, q, o) => participation(db, q, { minN: o.minN, signal: o.signal }),
  invitationFunnel: (db, q, o) => invitationFunnel(db, q, { minN: o.minN, signal: o.signal }),
  resistance: (db, q, o, what) =>
    resistance(db, q, { minN: o.minN, signal: o.signal, withReasons: what?.withReasons ?? true }),
  completion: (db, q, o) => completion(db, q, { minN: o.minN, signal: o.signal }),
  jpCompliance: (db, q, o) => jpCompliance(db, q, { minN: o.minN, jpMinutes: o.jpMinutes, signal: o.signal }),
  reaction: (db, q, o) => reaction(db, q, { minN: o.minN, signal: o.signal }),
  learning: (db, q, o) => learning(db, q, { minN: o.minN, signal: o.signal }),
  serviceTimes: (db, q, o) => serviceTimes(db, q, { minN: o.minN, signal: o.signal }),
  satisfaction: (db, q, o, what) =>
    (what?.withSample === false ? guardedSatisfaction : satisfaction)(db, q, {
      minN: o.minN,
      signal: o.signal,
    }),
};

/** The names of the row metrics, every one of them (tests query each through the API). */
export const ROW_METRIC_NAMES = Object.keys(ROW_METRICS) as readonly RowMetricName[];

/** Every row metric binding with its answer `unlabelled`. */
function unlabelledAll<P extends Pick<MetricPort, RowMetricName>>(bindings: P): P {
  return Object.fromEntries(
    Object.entries(bindings).map(([name, fn]) => [
      name,
      async (...args: unknown[]) =>
        unlabelled(await (fn as (...a: unknown[]) => Promise<{ readonly rows: readonly object[] }>)(...args)),
    ]),
  ) as P;
}

/** A joint-model program as GraphQL `ProgramEffect` (`program`, not `programCode`). */
const effectRow = ({ programCode, ...rest }: ProgramEffect) => ({ program: programCode, ...rest });

/**
 * The `@asn/warehouse` metric functions behind the API, with SUPPRESSION_MIN_N / JP_MINUTES passed
 * in. Shapes are the warehouse's own except where GraphQL needs a uniform row (scorecard
 * suppression, ROI cost categories as a list) and the row metrics' reasons (`unlabelled`). The
 * analyses (cohort, program effects, scorecard) keep theirs: their types document them.
 */
export function warehouseMetrics(): MetricPort {
  const others: Omit<MetricPort, RowMetricName> = {
    cohortComparison: async (db, spec, o) => await cohortComparison(db, spec, { minCellSize: o.minN }),
    programEffects: async (db, input, o) => {
      const result = await programEffects(db, input, { minCellSize: o.minN });
      return {
        ...result,
        programs: result.programs.map(({ programCode, ...p }) => ({ program: programCode, ...p })),
      };
    },
    agencyScorecard: async (db, request, o) => {
      const rows = await agencyScorecard(db, request, {
        minN: o.minN,
        jpMinutes: o.jpMinutes,
        // Phillips ROI per agency, with its caveats: a fixed four queries per year, whatever the
        // number of agencies.
        roiByAgency: scorecardRoiHook(db, { jpMinutes: o.jpMinutes }, { minCellSize: o.minN }),
      });
      return rows.map((r) => ({
        ...r,
        n: r.headcount,
        suppressed: r.suppressed.length > 0,
        suppressionReason: r.suppressed.length > 0 ? 'primary' : null,
        suppressedComponents: [...r.suppressed],
      }));
    },
    roi: async (db, spec, o) => {
      const { assumptions, ...rest } = spec;
      const result = await roi(db, rest, { jpMinutes: o.jpMinutes, ...assumptions }, { minCellSize: o.minN });
      return roiRow(result, assumptions?.jpMinutes !== undefined, o.minN);
    },
    portfolioEvidence: (db, input, o) =>
      loadPortfolioEvidence(
        db,
        {
          ...(input.years ? { years: input.years } : {}),
          ...(input.windowMonths ? { windowMonths: input.windowMonths } : {}),
          ...(input.contrast ? { contrast: input.contrast } : {}),
        },
        input.assumptions?.jpMinutes ?? o.jpMinutes,
        { minCellSize: o.minN },
      ),
    pricePortfolio: (evidence, input, o) =>
      pricePortfolio(
        evidence,
        { jpMinutes: o.jpMinutes, ...input.assumptions },
        { minCellSize: o.minN },
        input.isolation,
      ).map((e) => ({
        year: e.year,
        program: e.programCode,
        evidence: e.evidence,
        pValueHolm: e.pValueHolm,
        evidenceAfterHolm: e.evidenceAfterHolm,
        roi: roiRow(e.roi, input.assumptions?.jpMinutes !== undefined, o.minN),
        joint: e.joint === null ? null : effectRow(e.joint),
      })),
    budgetTrend: (db, input, o) => budgetTrend(db, input, { minN: o.minN, signal: o.signal }),
    budgetScenario: async (db, input, o) => {
      // Priced as `roi` prices: the request's overrides over the server's JP length (a default
      // unless the request set it).
      const { assumptions, ...spec } = input;
      const result = serverJpMinutes(
        await budgetScenario(db, spec, { jpMinutes: o.jpMinutes, ...assumptions }, { minCellSize: o.minN }),
        assumptions?.jpMinutes !== undefined,
      );
      const costs = result.roi?.costs;
      return {
        ...result,
        history: {
          ...result.history,
          cohorts: result.history.cohorts.map((c) => ({
            ...c,
            joint: c.joint === null ? null : effectRow(c.joint),
          })),
        },
        roi: result.roi && {
          ...result.roi,
          costs: {
            ...costs,
            programByCategory: Object.entries(costs?.programByCategoryIdr ?? {}).map(
              ([category, amountIdr]) => ({
                category,
                amountIdr,
              }),
            ),
          },
        },
      };
    },
  };
  return { ...unlabelledAll(ROW_METRICS), ...others };
}

/**
 * A warehouse ROI result as the `Roi` type reads it: cost categories as a list, JP_MINUTES echoed as
 * set, and the minimum cell size it was disclosure-controlled with.
 */
function roiRow(result: RoiMetricResult, requestSetJp: boolean, minN: number) {
  const echoed = serverJpMinutes(result, requestSetJp);
  const costs = echoed.costs;
  return {
    ...echoed,
    minN,
    costs: costs && {
      ...costs,
      programByCategory: Object.entries(costs.programByCategoryIdr).map(([category, amountIdr]) => ({
        category,
        amountIdr,
      })),
    },
  };
}

/**
 * The API always passes the server's JP_MINUTES, so the warehouse echoes it as `override`; unless the
 * request itself set `jpMinutes`, it is the deployment's default and is echoed as `default`.
 */
function serverJpMinutes<
  T extends { readonly assumptions: readonly { readonly name: string; readonly source: string }[] },
>(result: T, requestSetIt: boolean): T {
  if (requestSetIt) return result;
  return {
    ...result,
    assumptions: result.assumptions.map((a) => (a.name === 'jpMinutes' ? { ...a, source: 'default' } : a)),
  };
}
