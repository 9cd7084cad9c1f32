import { listAgencies } from '@asn/warehouse';
import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { ANALYSIS_COST, portfolioComplexity } from '../limits/analysis-cost.ts';
import { LIST_FILTER_COST_FACTOR, METRIC_COST } from '../limits/metric-cost.ts';
import { checkCodes, selectorCheck } from '../metrics/known-codes.ts';
import { runMetric } from '../metrics/run-metric.ts';
import { memoPerSnapshot } from '../metrics/snapshot-memo.ts';
import { BudgetScenario, BudgetScenarioInput } from '../schema/budget-scenario.type.ts';
import { BudgetTrendYear } from '../schema/budget-trend.type.ts';
import { CohortComparison, CohortInput } from '../schema/cohort.type.ts';
import { CohortContrast, EffectIsolation } from '../schema/enums.ts';
import { ProgramPortfolioEntry } from '../schema/portfolio.type.ts';
import { ProgramEffects, ProgramEffectsInput } from '../schema/program-effects.type.ts';
import { Roi, RoiAssumptionsInput, RoiInput } from '../schema/roi.type.ts';
import { Scorecard } from '../schema/scorecard.type.ts';
import { checkYear } from './agency.resolver.ts';

import {
  toBudgetInput,
  toCohortSpec,
  toPortfolioInput,
  toProgramEffectsInput,
  toRoiSpec,
} from './cohort-spec.ts';

/** Research and planning analyses: role-gated, since they go beyond published aggregates. */
@Resolver()
export class AnalysisResolver {
  @Authorized('analyst')
  @Query(() => CohortComparison, {
    description:
      'Treated vs matched control with difference-in-differences, CI, Hedges g and pre-trend check (analyst).',
    complexity: ANALYSIS_COST.cohortComparison,
  })
  cohortComparison(
    @Ctx() ctx: ApiContext,
    @Arg('cohort', () => CohortInput, { description: 'Treatment, window and outcome.' }) cohort: CohortInput,
  ) {
    const spec = toCohortSpec(cohort);
    return runMetric(
      ctx,
      (db, o) => ctx.services.metrics.cohortComparison(db, spec, o),
      [
        ...selectorCheck(cohort.selector, 'cohort.selector.value'),
        { path: 'cohort.agencies', field: 'agencies', values: cohort.agencies },
      ],
      `cohortComparison:${JSON.stringify(spec)}`,
    );
  }

  @Authorized('analyst')
  @Query(() => ProgramEffects, {
    description:
      'Joint program effects (analyst): which programs completed in a window changed the outcome, each with the other programs and the matching stratum held fixed (one regression, HC1 standard errors, Holm-adjusted p-values, pre-trend per program). Use it where the per-program cohortComparison mixes programs taken together. Three warehouse queries.',
    complexity: ANALYSIS_COST.programEffects,
  })
  programEffects(
    @Ctx() ctx: ApiContext,
    @Arg('input', () => ProgramEffectsInput, { description: 'Treatment window, outcome and population.' })
    input: ProgramEffectsInput,
  ) {
    const spec = toProgramEffectsInput(input);
    return runMetric(
      ctx,
      (db, o) => ctx.services.metrics.programEffects(db, spec, o),
      [{ path: 'input.agencies', field: 'agencies', values: input.agencies }],
      `programEffects:${JSON.stringify(spec)}`,
    );
  }

  @Authorized('planner')
  @Query(() => Roi, {
    description: 'Phillips ROI of a program with low/base/high range and echoed assumptions (planner).',
    complexity: ANALYSIS_COST.roi,
  })
  roi(
    @Ctx() ctx: ApiContext,
    @Arg('input', () => RoiInput, { description: 'What to price.' }) input: RoiInput,
  ) {
    const spec = toRoiSpec(input);
    return runMetric(
      ctx,
      (db, o) => ctx.services.metrics.roi(db, spec, o),
      [
        ...selectorCheck(input.selector, 'input.selector.value'),
        { path: 'input.agencies', field: 'agencies', values: input.agencies },
      ],
      `roi:${JSON.stringify(spec)}`,
    );
  }

  @Authorized('planner')
  @Query(() => [ProgramPortfolioEntry], {
    description:
      'The program portfolio (planner): the Phillips ROI of every program in every completion year side by side, each as `roi` gives it for that program and year, with what the service-days comparison shows (evidence). As in `roi`, a program’s comparison group includes staff trained by other programs that year, so one program’s strong effect can make another look slower; `joint` gives each program’s effect with the year’s other programs held fixed. Ordered by year, then program code. Queries: 2 + 4 per year, however many programs, once per snapshot and years/window/contrast/JP length: other assumptions are priced without a query.',
    complexity: portfolioComplexity,
  })
  programPortfolio(
    @Ctx() ctx: ApiContext,
    @Arg('years', () => [Int], {
      nullable: true,
      description:
        'Completion years (each a 1 January – 31 December treatment window); null = every year with a completion.',
    })
    years?: number[] | null,
    @Arg('windowMonths', () => Int, {
      nullable: true,
      description: 'Cohort window length in months (default 12).',
    })
    windowMonths?: number | null,
    @Arg('contrast', () => CohortContrast, {
      nullable: true,
      description:
        'Who each program’s cohort is compared with (default vs_rest, as `roi`); only_vs_untrained keeps the year’s other programs out of both arms.',
    })
    contrast?: CohortContrast | null,
    @Arg('isolation', () => EffectIsolation, {
      nullable: true,
      description:
        'Which estimate every entry’s ROI is priced on (default cohort, as `roi`); joint prices the program’s coefficient in the year’s joint model. Pricing only: no extra query.',
    })
    isolation?: EffectIsolation | null,
    @Arg('assumptions', () => RoiAssumptionsInput, {
      nullable: true,
      description: 'Assumption overrides, applied to every entry.',
    })
    assumptions?: RoiAssumptionsInput | null,
  ) {
    const input = toPortfolioInput({ years, windowMonths, contrast, isolation, assumptions });
    return runMetric(
      ctx,
      async (db, o) => {
        // What the portfolio reads depends on the snapshot, years, window, contrast and JP length only:
        // a planner editing the ROI assumptions gets it priced again without a warehouse query.
        const key = JSON.stringify([
          input.years ?? null,
          input.windowMonths ?? null,
          input.contrast ?? null,
          input.assumptions?.jpMinutes ?? o.jpMinutes,
        ]);
        const evidence = await memoPerSnapshot(ctx.lease.snapshot, `portfolio:${key}`, () =>
          ctx.services.metrics.portfolioEvidence(db, input, o),
        );
        return ctx.services.metrics.pricePortfolio(evidence, input, o);
      },
      [],
      `programPortfolio:${JSON.stringify(input)}`,
    );
  }

  @Authorized('planner')
  @Query(() => [Scorecard], {
    description:
      'Agencies side by side for one year (scorecards), ordered by agency code (planner): each card is `Agency.scorecard` for that year, and an agency without data that year (whose scorecard is null) is left out. An agency named twice in `agencies` has one card; an unknown code is BAD_USER_INPUT (UNKNOWN_VALUE, field `agencies`). One batched metric call.',
    // An empty list is no restriction (every agency), priced as null: `?? 60` priced it 10, so 40
    // aliases of every agency's cards passed a limit that refuses the same with null (revApi).
    complexity: ({ args }) => 10 + 2 * ((args.agencies as unknown[] | null | undefined)?.length || 60),
  })
  async agencyComparison(
    @Ctx() ctx: ApiContext,
    @Arg('year', () => Int, { description: 'Calendar year, 1990 … 2100 (as `Agency.scorecard`).' })
    year: number,
    @Arg('agencies', () => [String], { nullable: true, description: 'Agency codes; null = all agencies.' })
    agencies?: string[] | null,
  ) {
    checkYear(year, 'year');
    await checkCodes(ctx, [{ path: 'agencies', field: 'agencies', values: agencies }]);
    // Each agency once, in code order (as `agencies` lists them), however the argument names them.
    const codes = agencies?.length
      ? [...new Set(agencies)].sort()
      : (await listAgencies(ctx.lease.db)).map((a) => a.code);
    const cards = await ctx.loaders.scorecard.loadMany(codes.map((agency) => ({ agency, year })));
    const failed = cards.find((c) => c instanceof Error);
    if (failed) throw failed;
    return cards.filter((c) => c !== null);
  }

  @Authorized('planner')
  @Query(() => [BudgetTrendYear], {
    description:
      'The training budget per fiscal year, ordered by year (planner): allocated and realised, the change on the year before (like for like), what the offerings organised that year cost and how many there were, and the budget per employee beside the participation rate, for the whole city or the agencies named. Every year from `from` to `to` has an entry (nulls where the data has nothing); without them, the years from the first to the last with a budget line, cost or offering. One query for the money, and the published `participation` (grain year, the same agencies), whose disclosure control decides the headcount and rate: priced as that metric field twice over.',
    // A published participation (grain year; with a list, its complements too) and one small query:
    // that metric field's price twice over (2 × METRIC_COST, doubled with a list as a metric's is).
    complexity: ({ args, childComplexity }) =>
      2 *
        METRIC_COST *
        ((args.agencies as unknown[] | null | undefined)?.length ? LIST_FILTER_COST_FACTOR : 1) +
      childComplexity,
  })
  budgetTrend(
    @Ctx() ctx: ApiContext,
    @Arg('from', () => Int, {
      nullable: true,
      description:
        'First fiscal year, 1990 … 2100 (outside it BAD_USER_INPUT OUT_OF_RANGE, field `from`); null = the first the data has.',
    })
    from?: number | null,
    @Arg('to', () => Int, {
      nullable: true,
      description:
        'Last fiscal year, 1990 … 2100, not before `from` (else BAD_USER_INPUT RANGE_REVERSED, field `from`); null = the last the data has.',
    })
    to?: number | null,
    @Arg('agencies', () => [String], {
      nullable: true,
      description:
        'Agency codes whose budgets, offerings and staff are added up; null or empty = the whole city. An unknown code is BAD_USER_INPUT (UNKNOWN_VALUE, field `agencies`).',
    })
    agencies?: string[] | null,
  ) {
    if (from != null) checkYear(from, 'from');
    if (to != null) checkYear(to, 'to');
    const input = {
      ...(from != null ? { from } : {}),
      ...(to != null ? { to } : {}),
      ...(agencies?.length ? { agencies: [...new Set(agencies)].sort() } : {}),
    };
    return runMetric(
      ctx,
      (db, o) => ctx.services.metrics.budgetTrend(db, input, o),
      [{ path: 'agencies', field: 'agencies', values: agencies }],
      `budgetTrend:${JSON.stringify(input)}`,
    );
  }

  @Authorized('planner')
  @Query(() => BudgetScenario, {
    description:
      'Seats a budget buys for one program in one agency, with the expected ROI range from past cohorts (planner). Seats are capped at the agency’s headcount (one per employee) and the priced requests at what the agency’s service units complete in a year; each cap is reported with a caveat.',
    complexity: ANALYSIS_COST.budgetScenario,
  })
  budgetScenario(
    @Ctx() ctx: ApiContext,
    @Arg('input', () => BudgetScenarioInput, { description: 'Agency, program and budget.' })
    input: BudgetScenarioInput,
  ) {
    const spec = toBudgetInput(input);
    return runMetric(
      ctx,
      (db, o) => ctx.services.metrics.budgetScenario(db, spec, o),
      [
        { path: 'input.agency', field: 'agencies', values: [input.agency] },
        { path: 'input.program', field: 'programs', values: [input.program] },
      ],
      `budgetScenario:${JSON.stringify(spec)}`,
    );
  }
}
