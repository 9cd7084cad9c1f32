import { DEFAULT_MIN_CELL_SIZE } from '../cohort/cohort-comparison.ts';
import { relaxationsOf } from '../query/filter-complements.ts';
import type { RoiEchoedAssumption, RoiMetricResult, RoiSuppressionReason } from './roi-spec.ts';
import { roiWarnings } from './roi-warnings.ts';
import { type AgencyTrainingCosts, sumTrainingCosts } from './training-costs.ts';

/**
 * Disclosure control for the participant side of an ROI: who attended, for how long, and what they
 * cost. A program taken by one, two … minCellSize − 1 employees (of the agencies asked for) is a
 * small cell like any other: its participant count, completions and hours are persons counted, its
 * participant-time cost and the grade-mix salary behind it tell their grades, and the program costs
 * allocated by participant share tell their share. So such an ROI publishes none of them, nor the
 * figures built on the costs (the low/base/high cases: ROI %, BCR, payback and net benefits would
 * give the costs back from the benefits). `primary`: 1 … minCellSize − 1 participants (attended
 * enrollments) or distinct employees behind them (5 enrollments of 2 employees are 2 persons); 0 is
 * shown.
 * `complementary`: shown on its own, but the same ROI without its agencies filter (or with one agency
 * of a list of two or more left out, `relaxationsOf`) counts 1 … minCellSize − 1 participants or
 * distinct employees more or fewer, so subtracting the two would tell the few left out. Participants
 * add up over agencies (each enrollment is counted at its participant's one agency), so these
 * relaxations cover every narrower list; employees are counted once over the rows they appear in
 * (`employeeKeys`). No query: the costs are loaded for every agency anyway.
 *
 * The effect side (the cohort comparison, the benefit stream, `effect.handlers`) keeps its own
 * disclosure control (`analyseCohort`): a shown effect stays shown.
 */
export function participantsVerdict(
  count: Headcount,
  relaxed: readonly Headcount[],
  minCellSize: number = DEFAULT_MIN_CELL_SIZE,
): RoiSuppressionReason | null {
  const small = (n: number) => n > 0 && n < minCellSize;
  if (small(count.participants) || small(count.employees)) return 'primary';
  return relaxed.some(
    (r) =>
      small(Math.abs(r.participants - count.participants)) || small(Math.abs(r.employees - count.employees)),
  )
    ? 'complementary'
    : null;
}

/**
 * Who an ROI's participant side rests on: attended enrollments and the distinct employees behind
 * them. Both are judged: 5 enrollments of 2 employees are 2 persons (their grades, their completions).
 */
export interface Headcount {
  readonly participants: number;
  readonly employees: number;
}

/** The headcount of cost rows (`sumTrainingCosts`): enrollments added up, employees counted once. */
export function headcountOf(rows: readonly AgencyTrainingCosts[]): Headcount {
  const { participants, employees } = sumTrainingCosts(rows);
  return { participants, employees };
}

/**
 * The participants and distinct employees of the relaxations of an agencies filter (`relaxationsOf`): none without a filter;
 * every agency's (the filter dropped) and, for a list of two or more, the list without each agency;
 * none for a list naming every agency with participants (it leaves out nobody).
 * `rows` are the cost rows of every agency (`loadTrainingCosts`).
 */
export function relaxedParticipants(
  agencies: readonly string[] | undefined,
  rows: readonly AgencyTrainingCosts[],
): Headcount[] {
  const count = (keep: (agency: string | null) => boolean) =>
    headcountOf(rows.filter((r) => keep(r.agencyCode)));
  // A list naming every agency with participants leaves out nobody: its answer is the unfiltered
  // one, whose own check covers it, and leaving one of its agencies out is that narrower answer's
  // check (as the metrics' guards skip such relaxations, `visitRelaxations`).
  const listed = new Set(agencies ?? []);
  if (
    listed.size > 0 &&
    rows.every((r) => r.participants === 0 || (r.agencyCode !== null && listed.has(r.agencyCode)))
  )
    return [];
  return relaxationsOf({ agencies }, ['agencies']).map((r) => {
    if ('drop' in r) return count(() => true);
    const left = new Set((agencies ?? []).filter((a) => a !== r.without.value));
    return count((a) => a !== null && left.has(a));
  });
}

/** Assumptions whose default value comes from the participants' grades (hidden with them). */
const GRADE_MIX_ASSUMPTIONS = new Set(['monthlySalaryCostIdr', 'hourlySalaryCostIdr']);

/** The default monthly cost's note without the participants' hours it names. */
const HIDDEN_GRADE_MIX_NOTE = {
  note: "Hours-weighted mean over the participants of their grade's monthly cost (dim_grade, from the salary scale): hidden with the participants (disclosure control).",
  noteId:
    'Rata-rata tertimbang jam atas peserta dari biaya bulanan golongannya (dim_grade, dari skala gaji): dirahasiakan bersama pesertanya (perlindungan data pribadi).',
};

/**
 * The echoed assumptions with the salary costs taken from hidden participants' grades set to null
 * (and the monthly cost's note, which names their hours, replaced).
 */
export function hideGradeMix(assumptions: readonly RoiEchoedAssumption[]): RoiEchoedAssumption[] {
  return assumptions.map((a) => {
    if (!GRADE_MIX_ASSUMPTIONS.has(a.name) || a.source !== 'default') return a;
    return a.name === 'monthlySalaryCostIdr'
      ? { ...a, value: null, ...HIDDEN_GRADE_MIX_NOTE }
      : { ...a, value: null };
  });
}

/**
 * The ROI with its participant side hidden (`participantsVerdict`): counts, hours and costs null,
 * the cases null, the salary assumptions taken from the participants' grades null (a caller's own
 * value is echoed), `no_costs` dropped (it would say the costs are 0) and `participants_suppressed`
 * added; `suppressed` true. Unchanged when `reason` is null.
 *
 * The reason decides, it is not published (`suppressionReason` stays null), and the warning is the
 * same for both: `primary` would say 1 … minCellSize − 1 participants, which the published tables
 * never say of a hidden row (only `suppressed`), so the ROI of one agency would pin what its hidden
 * cells there leave open (option "same words": a small count answers as a complement does).
 */
export function hideParticipants(
  result: RoiMetricResult,
  reason: RoiSuppressionReason | null,
): RoiMetricResult {
  if (reason === null) return result;
  return {
    ...result,
    participants: null,
    completed: null,
    participantHours: null,
    costs: null,
    low: null,
    base: null,
    high: null,
    assumptions: hideGradeMix(result.assumptions),
    warnings: [...result.warnings.filter((w) => w.code !== 'no_costs'), roiWarnings.participantsSuppressed()],
    n: null,
    suppressed: true,
    suppressionReason: null,
  };
}
