import type { Db } from '../../db/index.ts';
import { roiByAgency } from './roi-by-agency.ts';
import type { RoiMetricAssumptions, RoiMetricOptions, RoiWarning, RoiWarningCode } from './roi-spec.ts';
import { roiWarningOf } from './roi-warnings.ts';

/** One agency-year's ROI for the scorecard: base-case ROI %, its caveats, and them in one line. */
export interface ScorecardRoi {
  readonly agency: string;
  readonly year: number;
  readonly roiPct: number | null;
  readonly note?: string;
  readonly warnings?: readonly RoiWarning[];
}

/** The agency scorecard's ROI hook shape (`ScorecardRoiHook`), stated structurally. */
export type RoiScorecardHook = (request: {
  readonly agencies: readonly string[];
  readonly years: readonly number[];
}) => Promise<readonly ScorecardRoi[]>;

const NOTES: Record<RoiWarningCode, string> = {
  no_effect_data: 'no measurable effect on service time: no benefit assumed (Phillips)',
  no_data_after_training:
    'no data yet after the training: effect not measurable yet, no benefit assumed (Phillips)',
  no_data_before_training:
    'no service data before the training: effect not measurable, no benefit assumed (Phillips)',
  post_window_incomplete: 'window after the training runs past the data: benefits likely understated',
  effect_ci_includes_zero: 'effect CI includes zero',
  effect_adverse:
    'service significantly slower after the training: no benefit assumed, the harm not monetised',
  no_costs: 'no training costs recorded',
  participants_suppressed: 'participant side hidden (disclosure control): costs and ROI not shown',
  few_agencies: 'trained staff in fewer than 5 agencies: an agency’s own change may pose as the effect',
  diverging_pre_trends: 'groups already moving apart before the training: the effect may not be caused by it',
};

/**
 * Adapts `roiByAgency` to the agency scorecard's hook: base-case ROI % per agency and year, with
 * the ROI warnings (code, Indonesian and English text) and the same as a one-line English note.
 * One `roiByAgency` call (four queries) per requested year.
 */
export function scorecardRoiHook(
  db: Db,
  assumptions: RoiMetricAssumptions = {},
  options: RoiMetricOptions = {},
): RoiScorecardHook {
  return async ({ agencies, years }) => {
    const out: ScorecardRoi[] = [];
    for (const year of years) {
      for (const row of await roiByAgency(db, { year, agencies }, assumptions, options)) {
        const note = row.warnings.map((w) => NOTES[w] ?? w).join('; ');
        out.push({
          agency: row.agencyCode,
          year,
          roiPct: row.roiPercent.base,
          ...(note ? { note } : {}),
          warnings: row.warnings.map(roiWarningOf),
        });
      }
    }
    return out;
  };
}
