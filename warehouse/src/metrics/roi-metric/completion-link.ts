import type { Db, SqlParam } from '../../db/index.ts';
import type { CohortSelector, CohortSelectorKind } from '../cohort/cohort-spec.ts';
import { selectorCondition } from '../cohort/cohort-units.ts';
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
 * The tables, for a selector S (program, method, competency area or any) and agencies A:
 * - completion filtered to S, by agency: each agency of A (only with A; without, or with a list
 *   naming every agency of that table, the ROI's cell is the table's total, hidden only when itself
 *   small, which `participantsVerdict` covers);
 * - completion filtered to A, by S's dimension: S's row (not for `any`, whose cell is the total);
 * - for a union of programs (method, competency area, any), completion filtered to A by program:
 *   the programs of S it hides. The ROI publishes two sums over them, participants and participant
 *   hours (attended × JP, and each program's JP is public), so two hidden programs of different JP
 *   would be two equations in two unknowns (privacy review: competency area regulation, February
 *   2021, gave REG-CO 7 and REG-EL 118 back, and with REG-CO's other windows a cell of 4): hidden
 *   when they have two or more JP lengths.
 * A multi-agency ROI is hidden when any of its agencies' rows is: a sum with a hidden row in it, less
 * the shown rows, would give it back. Likewise over time: a window of whole years is one row of
 * completion without a grain (several years: hidden when a year is, `guardYearSums`); completion
 * publishes no other range as one row, so a window of whole quarters is read by quarter, any other
 * (an analysis window is whole months) by month, and the ROI is hidden when any period's row is (the
 * ROI's sum less the shown periods would give it back). One to three metric calls (and their
 * guards' queries), and for a method or area the list of its programs.
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
    const byAgency = await completionRows(db, { ...window, ...selectorFilter(q.selector) }, 'agency', minN);
    // A list naming every agency of the table is the table's total (completion's guard exempts it).
    const listed = new Set(agencies);
    const everyAgency = [...byAgency.keys].every((a) => listed.has(a));
    if (!everyAgency && agencies.some((a) => byAgency.hidden.has(a))) return true;
  }
  const within = { ...window, ...(agencies ? { agencies } : {}) };
  const dimension = SELECTOR_DIMENSIONS[q.selector.kind];
  if (dimension !== 'program') {
    // A union of programs (method, competency area, any): its participants and its participant hours
    // (attended × the program's public JP) are two sums over its programs, so two programs completion
    // hides in the window, with different JP, would be solved from them. Hidden when its programs
    // hidden in completion by program have two or more JP lengths (of one length, the hours are that
    // length times the participants: nothing more).
    const byProgram = await completionRows(db, within, 'program', minN);
    const jpOf = await selectorProgramJp(db, q.selector);
    const hiddenJp = new Set([...byProgram.hidden].filter((p) => jpOf.has(p)).map((p) => jpOf.get(p)));
    if (hiddenJp.size > 1) return true;
  }
  if (dimension === null) return false;
  return (await completionRows(db, within, dimension, minN)).hidden.has(q.selector.value);
}

/** The planned JP of each program of a selector (dim_program; `any`: every program). */
async function selectorProgramJp(db: Db, selector: CohortSelector): Promise<Map<string, number>> {
  const params: Record<string, SqlParam> = {};
  const where = selectorCondition(selector.kind, params, selector.value);
  const rows = await db.all<{ program_code: string; jp: number | null }>(
    `SELECT program_code, jp FROM marts.dim_program WHERE ${where}`,
    params,
  );
  return new Map(rows.map((r) => [r.program_code, Number(r.jp ?? 0)]));
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
  return (await completionRows(db, filter, dimension, minN)).hidden;
}

/** `hiddenRows` with every key the answer lists (its rows, not its totals). */
async function completionRows(
  db: Db,
  filter: MetricFilter & { readonly from: string; readonly to: string },
  dimension: Dimension,
  minN: number,
): Promise<{ keys: Set<string>; hidden: Set<string> }> {
  const grain = windowGrain(filter.from, filter.to);
  const result = await completion(
    db,
    { filter, groupBy: [dimension], ...(grain ? { grain } : {}) },
    { minN },
  );
  const keys = new Set<string>();
  const hidden = new Set<string>();
  for (const row of result.rows) {
    const key = row.keys[dimension];
    if (row.isTotal || typeof key !== 'string') continue;
    keys.add(key);
    if (row.suppressed) hidden.add(key);
  }
  return { keys, hidden };
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
