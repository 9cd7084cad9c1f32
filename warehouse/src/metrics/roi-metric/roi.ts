import { readFactCoverage } from '../../catalog/coverage.ts';
import type { Db } from '../../db/index.ts';
import { cohortAnalysis, DEFAULT_MIN_CELL_SIZE } from '../cohort/cohort-comparison.ts';
import { programEffectsWithCoverage } from '../program-effects/program-effects.ts';
import { MetricInputError } from '../query/metric-input-error.ts';
import { hiddenByCompletion } from './completion-link.ts';
import { loadIkmChanges } from './ikm-change.ts';
import { DEFAULT_JP_MINUTES } from './participant-time.ts';
import { checkRoiAssumptions } from './roi-assumption-bounds.ts';
import { headcountOf, hideParticipants, participantsVerdict, relaxedParticipants } from './roi-disclosure.ts';
import { jointIsolation, roiFromParts } from './roi-from-parts.ts';
import type { RoiMetricAssumptions, RoiMetricOptions, RoiMetricResult, RoiSpec } from './roi-spec.ts';
import {
  type AgencyTrainingCosts,
  loadTrainingCosts,
  loadTrainingCostsByProgram,
  sumTrainingCosts,
} from './training-costs.ts';

/**
 * Phillips ROI (Kirkpatrick L5) of the training selected by `spec` (usually one program) in a window:
 * fully loaded costs (fct_costs of its offerings + participants' hours × salary cost by grade),
 * first-year benefits from the effect isolated by the matched cohort comparison of service days
 * (days saved per request × requests per year of the trained handlers × IDR per citizen day ×
 * confidence × attribution), ROI %, BCR, payback months, low/base/high from the effect's CI, every
 * assumption echoed, IKM change listed as an intangible. See `roiFromParts` for the rules.
 *
 * With `agencies`, participants, costs (by participant share) and the cohort are those agencies';
 * without, costs of offerings nobody attended are included too. Four warehouse queries (the fourth,
 * the service requests' coverage, tells "no data after the training yet" from "too little data");
 * with `isolation: 'joint'` two more (the window's joint model, whose coefficient and volume are then
 * priced; the cohort comparison is still reported in `cohort`). Disclosure control of the participant
 * side (`roi-disclosure.ts`): with 1 … minCellSize − 1 participants or distinct employees, or a
 * filter leaving out that few
 * (the agencies list; for a method, area or `any` selector, one of its programs), participants,
 * hours, costs and the cases are hidden; so they are where `completion` hides the same cell, by agency
 * within the selector or by the selector's dimension within the agencies (`hiddenByCompletion`: one
 * or two metric calls more, none when the participants are hidden already).
 */
export async function roi(
  db: Db,
  spec: RoiSpec,
  assumptions: RoiMetricAssumptions = {},
  options: RoiMetricOptions = {},
): Promise<RoiMetricResult> {
  checkRoiAssumptions(assumptions, 'assumptions');
  const analysis = await cohortAnalysis(db, { ...spec, outcome: 'service_days' }, options);
  const costQuery = {
    selector: spec.selector,
    from: spec.from,
    to: spec.to,
    jpMinutes: assumptions.jpMinutes ?? DEFAULT_JP_MINUTES,
  };
  // A method, area or `any` selector is a union of programs: its costs by program (one query, as
  // many rows), so that leaving one program out can be checked too.
  const byProgram =
    spec.selector.kind === 'program' ? null : [...(await loadTrainingCostsByProgram(db, costQuery)).values()];
  const all = byProgram ? byProgram.flat() : await loadTrainingCosts(db, costQuery);
  const wanted = spec.agencies && spec.agencies.length > 0 ? new Set(spec.agencies) : null;
  const inWanted = (rows: readonly AgencyTrainingCosts[]) =>
    wanted ? rows.filter((c) => c.agencyCode !== null && wanted.has(c.agencyCode)) : rows;
  const costs = sumTrainingCosts(inWanted(all));
  // Disclosure control of the participant side: a few participants, or a few left out by the
  // agencies filter or by leaving one program out of the selector's union.
  // The union without one program: its enrollments subtracted, its employees counted from the other
  // programs' rows (an employee of two programs stays).
  const minCell = options.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  const verdict = participantsVerdict(
    costs,
    [
      ...relaxedParticipants(spec.agencies, all),
      ...(byProgram ?? []).map((rows) => ({
        participants: costs.participants - sumTrainingCosts(inWanted(rows)).participants,
        employees: headcountOf(inWanted((byProgram ?? []).filter((o) => o !== rows).flat())).employees,
      })),
    ],
    minCell,
  );
  // The same cell as `completion` publishes it: hidden there (a complement too), hidden here.
  const hidden = verdict ?? ((await hiddenByCompletion(db, spec, minCell)) ? 'complementary' : null);
  const ikmAgencies = wanted ? [...wanted] : [...analysis.matchedByAgency.keys()];
  const ikm = await loadIkmChanges(db, ikmAgencies, analysis.bounds, minCell);
  const coverage = await readFactCoverage(db, 'fct_service_requests');
  if ((spec.isolation ?? 'cohort') === 'cohort')
    return hideParticipants(roiFromParts(spec, analysis, costs, ikm, assumptions, coverage), hidden);
  // Joint isolation: the selector's row of the window's joint model on service days (2 queries more).
  const kind = spec.selector.kind;
  if (kind === 'any')
    throw new MetricInputError('isolation joint needs a program, method or competency area selector', {
      reason: 'UNSUPPORTED_FILTER',
      field: 'isolation',
      metric: 'roi',
    });
  const joint = await programEffectsWithCoverage(
    db,
    {
      from: spec.from,
      to: spec.to,
      outcome: 'service_days',
      by: kind,
      ...(spec.windowMonths === undefined ? {} : { windowMonths: spec.windowMonths }),
      ...(spec.agencies === undefined ? {} : { agencies: spec.agencies }),
    },
    options,
    coverage,
  );
  return hideParticipants(
    roiFromParts(
      spec,
      analysis,
      costs,
      ikm,
      assumptions,
      coverage,
      jointIsolation(joint, spec.selector.value),
    ),
    hidden,
  );
}
