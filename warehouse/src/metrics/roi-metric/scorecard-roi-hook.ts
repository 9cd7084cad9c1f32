import type { Db } from '../../db/index.ts';
import { roiByAgency } from './roi-by-agency.ts';
import type { RoiMetricAssumptions, RoiMetricOptions } from './roi-spec.ts';

/** The agency scorecard's ROI hook shape (`ScorecardRoiHook`), stated structurally. */
export type RoiScorecardHook = (request: {
  readonly agencies: readonly string[];
  readonly years: readonly number[];
}) => Promise<readonly { agency: string; year: number; roiPct: number | null; note?: string }[]>;

const NOTES: Record<string, string> = {
  no_effect_data: 'no measurable effect on service time: no benefit assumed (Phillips)',
  effect_ci_includes_zero: 'effect CI includes zero',
  no_costs: 'no training costs recorded',
};

/**
 * Adapts `roiByAgency` to the agency scorecard's hook: base-case ROI % per agency and year, with
 * the ROI warnings as a note. One `roiByAgency` call (three queries) per requested year.
 */
export function scorecardRoiHook(
  db: Db,
  assumptions: RoiMetricAssumptions = {},
  options: RoiMetricOptions = {},
): RoiScorecardHook {
  return async ({ agencies, years }) => {
    const out: { agency: string; year: number; roiPct: number | null; note?: string }[] = [];
    for (const year of years) {
      for (const row of await roiByAgency(db, { year, agencies }, assumptions, options)) {
        const note = row.warnings.map((w) => NOTES[w] ?? w).join('; ');
        out.push({ agency: row.agencyCode, year, roiPct: row.roiPercent.base, ...(note ? { note } : {}) });
      }
    }
    return out;
  };
}
