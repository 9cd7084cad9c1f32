import { ROI_DEFAULT_ASSUMPTIONS, type RoiAssumption, type RoiParameters } from '../../roi/index.ts';
import { idDecimal } from './id-decimal.ts';
import type { RoiMetricAssumptions } from './roi-spec.ts';
import type { AgencyTrainingCosts } from './training-costs.ts';

export const DEFAULT_JP_MINUTES = 45;

export interface PricedTime {
  /** Cost of one participant hour, IDR (hours-weighted mean over the participants' grades). */
  readonly hourlyCostIdr: number;
  /** Parameters for `computeRoi`, with the hourly cost fixed to `hourlyCostIdr`. */
  readonly parameters: Partial<RoiParameters>;
  readonly jpMinutes: number;
  /** Echo of the cost-side parameters (replaces computeRoi's own hourly-cost line). */
  readonly assumptions: readonly RoiAssumption[];
}

/**
 * Prices participants' time per grade: Σ hours × dim_grade.monthly_cost_idr / workingHoursPerMonth,
 * with `monthlySalaryCostIdr` for grades missing from dim_grade; a caller's `hourlySalaryCostIdr`
 * replaces all of it. The hours-weighted mean goes to `computeRoi` as the hourly cost.
 */
export function priceParticipantTime(
  costs: AgencyTrainingCosts,
  assumptions: RoiMetricAssumptions,
): PricedTime {
  const d = ROI_DEFAULT_ASSUMPTIONS;
  const { jpMinutes = DEFAULT_JP_MINUTES, ...parameters } = assumptions;
  const hoursPerMonth = parameters.workingHoursPerMonth ?? d.workingHoursPerMonth.value;
  const fallbackMonthly = parameters.monthlySalaryCostIdr ?? d.monthlySalaryCostIdr.value;
  const hours = costs.participantHours;
  const given = parameters.hourlySalaryCostIdr;
  const gradeTimeIdr =
    (costs.hoursTimesMonthlyCostIdr + (hours - costs.hoursWithGradeCost) * fallbackMonthly) / hoursPerMonth;
  const hourlyCostIdr = given ?? (hours > 0 ? gradeTimeIdr / hours : fallbackMonthly / hoursPerMonth);
  const echo = (
    name: string,
    value: number,
    unit: string,
    overridden: boolean,
    note: string,
    noteId: string,
  ): RoiAssumption => ({
    name,
    value,
    unit,
    source: overridden ? 'override' : 'default',
    note,
    noteId,
  });
  return {
    hourlyCostIdr,
    parameters: { ...parameters, hourlySalaryCostIdr: hourlyCostIdr },
    jpMinutes,
    assumptions: [
      echo(
        'hourlySalaryCostIdr',
        hourlyCostIdr,
        'IDR/hour',
        given !== undefined,
        given !== undefined
          ? 'Value of one participant hour, supplied by the caller (replaces the per-grade costs).'
          : 'Hours-weighted mean over participants of dim_grade.monthly_cost_idr / workingHoursPerMonth.',
        given !== undefined
          ? 'Nilai satu jam peserta, diberikan oleh pemanggil (menggantikan biaya per golongan).'
          : 'Rata-rata tertimbang jam atas peserta dari dim_grade.monthly_cost_idr / workingHoursPerMonth.',
      ),
      echo(
        'workingHoursPerMonth',
        hoursPerMonth,
        d.workingHoursPerMonth.unit,
        parameters.workingHoursPerMonth !== undefined,
        d.workingHoursPerMonth.note,
        d.workingHoursPerMonth.noteId,
      ),
      echo(
        'monthlySalaryCostIdr',
        fallbackMonthly,
        d.monthlySalaryCostIdr.unit,
        parameters.monthlySalaryCostIdr !== undefined,
        `Used only for participant hours whose grade has no dim_grade cost (${(hours - costs.hoursWithGradeCost).toFixed(1)} h). ${d.monthlySalaryCostIdr.note}`,
        `Hanya dipakai untuk jam peserta yang golongannya tidak punya biaya di dim_grade (${idDecimal(hours - costs.hoursWithGradeCost, 1)} jam). ${d.monthlySalaryCostIdr.noteId}`,
      ),
      echo(
        'jpMinutes',
        jpMinutes,
        'minutes/JP',
        assumptions.jpMinutes !== undefined,
        'Length of one JP (JP_MINUTES); no regulation text found (DOMAIN §2, certainty L). Hours = planned JP × jpMinutes / 60.',
        'Lama satu JP (JP_MINUTES); teks peraturannya tidak ditemukan (DOMAIN §2, kepastian L). Jam = JP terencana × jpMinutes / 60.',
      ),
    ],
  };
}

/** computeRoi's assumptions with its hourly-cost line replaced by the per-grade echo. */
export function mergeAssumptions(
  fromLibrary: readonly RoiAssumption[],
  priced: PricedTime,
  extra: readonly RoiAssumption[] = [],
): RoiAssumption[] {
  return [...fromLibrary.filter((a) => a.name !== 'hourlySalaryCostIdr'), ...priced.assumptions, ...extra];
}
