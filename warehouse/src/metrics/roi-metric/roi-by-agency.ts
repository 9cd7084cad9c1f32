import { readFactCoverage } from '../../catalog/coverage.ts';
import type { Db } from '../../db/index.ts';
import type { RoiRange } from '../../roi/index.ts';
import { loadCohortCells } from '../cohort/cohort-cells.ts';
import { analyseCohort, DEFAULT_MIN_CELL_SIZE } from '../cohort/cohort-comparison.ts';
import type { CohortSpec } from '../cohort/cohort-spec.ts';
import { hiddenRows } from './completion-link.ts';
import { loadIkmChanges } from './ikm-change.ts';
import { DEFAULT_JP_MINUTES } from './participant-time.ts';
import { hideParticipants, participantsVerdict } from './roi-disclosure.ts';
import { roiFromParts } from './roi-from-parts.ts';
import type { RoiMetricAssumptions, RoiMetricOptions, RoiWarningCode } from './roi-spec.ts';
import { type AgencyTrainingCosts, loadTrainingCosts, sumTrainingCosts } from './training-costs.ts';

export interface RoiByAgencyQuery {
  readonly year: number;
  /** Agencies to report; absent or empty = every agency with participants or employees in the cohort. */
  readonly agencies?: readonly string[];
}

/** One agency's ROI row for the agency scorecard. */
export interface AgencyRoiSummary {
  readonly agencyCode: string;
  readonly year: number;
  /**
   * Attended enrollments of the agency's employees in offerings starting in the year; null, with the
   * costs, benefits and ROI figures, when they or the distinct employees behind them are
   * 1 … minCellSize − 1 (`roi-disclosure.ts`), or when the year's completion by agency hides the
   * agency's row (`hiddenByCompletion`).
   */
  readonly participants: number | null;
  /** Fully loaded costs, IDR (program costs by participant share + participant time). */
  readonly costsIdr: number | null;
  /** First-year benefits, IDR, low/base/high. */
  readonly benefitsIdr: RoiRange | null;
  /** ROI % low/base/high; null when costs are 0 or the participants are hidden. */
  readonly roiPercent: {
    readonly low: number | null;
    readonly base: number | null;
    readonly high: number | null;
  };
  readonly bcr: number | null;
  /**
   * Base case payback (computeRoi's RoiCase): not capped at the 12-month benefit horizon, so above
   * 12 means the costs are not recovered within it (bcr < 1); null when benefits ≤ 0 or hidden.
   */
  readonly paybackMonths: number | null;
  /** Days saved per request (any training in the year vs none); null = not measurable → no benefit. */
  readonly daysSavedPerRequest: RoiRange | null;
  /** IKM change (post − pre year), intangible; null when not surveyed in both. */
  readonly ikmChange: number | null;
  /**
   * Units behind the effect (cohort treated + control); 0 when there are no service handlers. Null
   * when the effect is suppressed (disclosure control: a group below the minimum cell size).
   */
  readonly n: number | null;
  /** True when the effect estimate is suppressed (small cohort): benefits assumed 0. */
  readonly suppressed: boolean;
  readonly warnings: readonly RoiWarningCode[];
}

/**
 * ROI per agency for one year, batch-friendly for the agency scorecard: a fixed four queries and one
 * completion call (by agency, for its disclosure control) for any number of agencies. Per agency: treated = its employees (at 1 January) who completed ANY
 * training in the year, control = its employees who completed none, exactly matched within the
 * agency (cohort comparison of service days, pre = the year before, post = the year after); costs =
 * its participants' share of the year's offerings + their time. Agencies without service handlers
 * have no measurable effect, so Phillips' rule "no data → no improvement" gives benefits 0 and an
 * ROI of −100 %: read it as "no measured benefit", flagged by the `no_effect_data` warning
 * (`no_data_after_training` when the snapshot's data ends before the year after).
 */
export async function roiByAgency(
  db: Db,
  query: RoiByAgencyQuery,
  assumptions: RoiMetricAssumptions = {},
  options: RoiMetricOptions = {},
): Promise<AgencyRoiSummary[]> {
  const spec: CohortSpec = {
    selector: { kind: 'any', value: '' },
    from: `${query.year}-01-01`,
    to: `${query.year}-12-31`,
    outcome: 'service_days',
    ...(query.agencies && query.agencies.length > 0 ? { agencies: query.agencies } : {}),
  };
  const { cells, bounds } = await loadCohortCells(db, spec);
  const costRows = await loadTrainingCosts(db, {
    selector: spec.selector,
    from: spec.from,
    to: spec.to,
    jpMinutes: assumptions.jpMinutes ?? DEFAULT_JP_MINUTES,
  });
  const agencies = spec.agencies ?? [
    ...new Set([
      ...cells.map((c) => c.agencyCode),
      ...costRows.flatMap((c) => (c.agencyCode ? [c.agencyCode] : [])),
    ]),
  ];
  const sorted = [...agencies].sort();
  const minCell = options.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  const ikm = await loadIkmChanges(db, sorted, bounds, minCell);
  const coverage = await readFactCoverage(db, 'fct_service_requests');
  // Each agency's participants are its row of the year's completion by agency: hidden there, hidden
  // here (`hiddenByCompletion`).
  const hiddenInCompletion = await hiddenRows(db, { from: spec.from, to: spec.to }, 'agency', minCell);
  const noCosts: AgencyTrainingCosts = sumTrainingCosts([]);
  return sorted.map((agencyCode) => {
    const analysis = analyseCohort(
      cells.filter((c) => c.agencyCode === agencyCode),
      bounds,
      spec,
      options,
    );
    const costs = costRows.find((c) => c.agencyCode === agencyCode) ?? noCosts;
    // One agency a row: its participants are the row's own (no filter to difference against).
    const r = hideParticipants(
      roiFromParts(
        { selector: spec.selector, from: spec.from, to: spec.to, agencies: [agencyCode] },
        analysis,
        costs,
        ikm.filter((c) => c.agencyCode === agencyCode),
        assumptions,
        coverage,
      ),
      participantsVerdict(costs, [], minCell) ??
        (hiddenInCompletion.has(agencyCode) ? 'complementary' : null),
    );
    return {
      agencyCode,
      year: query.year,
      participants: r.participants,
      costsIdr: r.costs?.totalIdr ?? null,
      benefitsIdr:
        r.low && r.base && r.high
          ? { low: r.low.benefitsIdr, base: r.base.benefitsIdr, high: r.high.benefitsIdr }
          : null,
      roiPercent: {
        low: r.low?.roiPercent ?? null,
        base: r.base?.roiPercent ?? null,
        high: r.high?.roiPercent ?? null,
      },
      bcr: r.base?.bcr ?? null,
      paybackMonths: r.base?.paybackMonths ?? null,
      daysSavedPerRequest: r.effect.daysSavedPerRequest,
      ikmChange: r.ikmChanges[0]?.change ?? null,
      n: r.cohort.n,
      suppressed: r.suppressed,
      warnings: r.warnings.map((w) => w.code),
    };
  });
}
