import type { Db } from '../../db/index.ts';
import type { CohortSelector, CohortSelectorKind } from '../cohort/cohort-spec.ts';
import type { Dimension, MetricFilter, TimeGrain } from '../filter.ts';
import { completion } from '../guarded-metrics.ts';
import { periodEnd, periodStart } from '../query/periods.ts';

/**
 * An ROI's participant side (attended enrollments, completed ones) is a cell of the `completion`
 * tables too: the ROI of program P for agency X over a window is the row X of completion filtered to
 * P by agency, and the row P of completion filtered to X by program, over the same window (both
 * place an enrollment at its offering's start). Where completion hides that row, as a small cell or
 * as a complement of one, an ROI publishing its participants and completions would undo the hiding:
 * with the table's total and its other rows, a hidden complement's count gives back the small cell it
 * protects (program KEP-CO in 2024: completion by agency hid DISDIK's 29 attended, 25 completed as a
 * complement; the ROI for DISDIK published them). So the ROI hides its participant side wherever one
 * of those rows is hidden, as published (`guarded-metrics`' completion, with its guards across
 * queries), with the same minimum cell size.
 *
 * The two tables, for a selector S (program, method, competency area or any) and agencies A:
 * - completion filtered to S, by agency: each agency of A (only with A; without, the ROI's cell is
 *   that table's total, hidden only when itself small, which `participantsVerdict` covers);
 * - completion filtered to A, by S's dimension: S's row (not for `any`, whose cell is the total).
 * A multi-agency ROI is hidden when any of its agencies' rows is: a sum with a hidden row in it, less
 * the shown rows, would give it back. Likewise over time: a window of whole years is one row of
 * completion without a grain (several years: hidden when a year is, `guardYearSums`); completion
 * publishes no other range as one row, so a window of whole quarters is read by quarter, any other
 * (an analysis window is whole months) by month, and the ROI is hidden when any period's row is (the
 * ROI's sum less the shown periods would give it back). One or two metric calls (and their guards'
 * queries).
 */
export async function hiddenByCompletion(
  db: Db,
  q: {
    readonly selector: CohortSelector;
    readonly from: string;
    readonly to: string;
    readonly agencies?: readonly string[] | undefined;
  },
  minN: number,
): Promise<boolean> {
  const window = { from: q.from, to: q.to };
  const agencies = q.agencies && q.agencies.length > 0 ? q.agencies : null;
  if (agencies) {
    const hidden = await hiddenRows(db, { ...window, ...selectorFilter(q.selector) }, 'agency', minN);
    if (agencies.some((a) => hidden.has(a))) return true;
  }
  const dimension = SELECTOR_DIMENSIONS[q.selector.kind];
  if (dimension === null) return false;
  const hidden = await hiddenRows(db, { ...window, ...(agencies ? { agencies } : {}) }, dimension, minN);
  return hidden.has(q.selector.value);
}

/**
 * The keys of the rows `completion` hides (not its totals) grouped by `dimension` under `filter`, as
 * published (`guarded-metrics`), in any period of the window `filter.from` – `filter.to` (whole
 * months; read at the coarsest grain the window is whole periods of, `windowGrain`). Per agency for
 * the agency scorecard's ROI (selector `any`: one call for every agency), per program for the
 * portfolio's.
 */
export async function hiddenRows(
  db: Db,
  filter: MetricFilter & { readonly from: string; readonly to: string },
  dimension: Dimension,
  minN: number,
): Promise<Set<string>> {
  const grain = windowGrain(filter.from, filter.to);
  const result = await completion(
    db,
    { filter, groupBy: [dimension], ...(grain ? { grain } : {}) },
    { minN },
  );
  const hidden = new Set<string>();
  for (const row of result.rows) {
    const key = row.keys[dimension];
    if (!row.isTotal && row.suppressed && typeof key === 'string') hidden.add(key);
  }
  return hidden;
}

/**
 * The grain a window of whole months is read at: none for whole years (one row), else quarter for
 * whole quarters, else month.
 */
export function windowGrain(from: string, to: string): TimeGrain | undefined {
  const whole = (grain: TimeGrain) => periodStart(grain, from) === from && periodEnd(grain, to) === to;
  if (whole('year')) return undefined;
  return whole('quarter') ? 'quarter' : 'month';
}

const SELECTOR_DIMENSIONS: Record<CohortSelectorKind, Dimension | null> = {
  program: 'program',
  method: 'method',
  competencyArea: 'competencyArea',
  any: null,
};

function selectorFilter(selector: CohortSelector): MetricFilter {
  switch (selector.kind) {
    case 'program':
      return { programs: [selector.value] };
    case 'method':
      return { methods: [selector.value] };
    case 'competencyArea':
      return { competencyAreas: [selector.value] };
    case 'any':
      return {};
  }
}
