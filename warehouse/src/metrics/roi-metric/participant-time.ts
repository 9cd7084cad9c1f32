import { ROI_DEFAULT_ASSUMPTIONS, type RoiAssumption, type RoiParameters } from '../../roi/index.ts';
import { groupedInt, idDecimal } from './id-decimal.ts';
import type { RoiMetricAssumptions } from './roi-spec.ts';
import type { AgencyTrainingCosts } from './training-costs.ts';

export const DEFAULT_JP_MINUTES = 45;

export interface PricedTime {
  /** Cost of one participant hour, IDR (see `priceParticipantTime`). */
  readonly hourlyCostIdr: number;
  /** Parameters for `computeRoi`, with the hourly cost fixed to `hourlyCostIdr`. */
  readonly parameters: Partial<RoiParameters>;
  readonly jpMinutes: number;
  /** Echo of the cost-side parameters (replaces computeRoi's own hourly-cost line). */
  readonly assumptions: readonly RoiAssumption[];
}

/**
 * Prices participants' time. The monthly cost of a participant is, by default, the hours-weighted
 * mean over the participants of their grade's cost (dim_grade.monthly_cost_idr, from the source's
 * salary scale), with `ROI_DEFAULT_ASSUMPTIONS.monthlySalaryCostIdr` for hours whose grade has none;
 * the hourly cost is that monthly cost / `workingHoursPerMonth`. A caller's `monthlySalaryCostIdr`
 * replaces the per-grade costs for every participant hour; a caller's `hourlySalaryCostIdr` replaces
 * both (the monthly cost and the working hours are then not used, and the echo says so). So the
 * echoed `hourlySalaryCostIdr` is always the echoed `monthlySalaryCostIdr / workingHoursPerMonth`
 * unless the hourly cost itself was given.
 */
export function priceParticipantTime(
  costs: AgencyTrainingCosts,
  assumptions: RoiMetricAssumptions,
): PricedTime {
  const d = ROI_DEFAULT_ASSUMPTIONS;
  const { jpMinutes = DEFAULT_JP_MINUTES, ...parameters } = assumptions;
  const hoursPerMonth = parameters.workingHoursPerMonth ?? d.workingHoursPerMonth.value;
  const hours = costs.participantHours;
  const ungraded = hours - costs.hoursWithGradeCost;
  const gradeMonthly =
    hours > 0
      ? (costs.hoursTimesMonthlyCostIdr + ungraded * d.monthlySalaryCostIdr.value) / hours
      : d.monthlySalaryCostIdr.value;
  const givenMonthly = parameters.monthlySalaryCostIdr;
  const givenHourly = parameters.hourlySalaryCostIdr;
  const monthly = givenMonthly ?? gradeMonthly;
  const hourlyCostIdr = givenHourly ?? monthly / hoursPerMonth;
  const unused = givenHourly === undefined ? '' : ' Not used: hourlySalaryCostIdr was given.';
  const unusedId = givenHourly === undefined ? '' : ' Tidak dipakai: hourlySalaryCostIdr diberikan.';
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
  const hourlyNote =
    givenHourly !== undefined
      ? [
          'Value of one participant hour, supplied by the caller (replaces monthlySalaryCostIdr / workingHoursPerMonth).',
          'Nilai satu jam peserta, diberikan oleh pemanggil (menggantikan monthlySalaryCostIdr / workingHoursPerMonth).',
        ]
      : [
          'Value of one participant hour = monthlySalaryCostIdr / workingHoursPerMonth.',
          'Nilai satu jam peserta = monthlySalaryCostIdr / workingHoursPerMonth.',
        ];
  const monthlyNote =
    givenMonthly !== undefined
      ? [
          `Monthly cost of one participant, supplied by the caller: replaces the per-grade costs for every participant hour.${unused}`,
          `Biaya bulanan satu peserta, diberikan oleh pemanggil: menggantikan biaya per golongan untuk setiap jam peserta.${unusedId}`,
        ]
      : hours === 0
        ? [
            `No participant hours to weight grades by: ${groupedInt(d.monthlySalaryCostIdr.value, 'en')} IDR: ${d.monthlySalaryCostIdr.note}${unused}`,
            `Tidak ada jam peserta untuk membobot golongan: ${groupedInt(d.monthlySalaryCostIdr.value, 'id')} IDR: ${d.monthlySalaryCostIdr.noteId}${unusedId}`,
          ]
        : ungraded > 0
          ? [
              `Hours-weighted mean over the participants of their grade's monthly cost (dim_grade, from the salary scale); ${ungraded.toFixed(1)} h of grades without a cost at ${groupedInt(d.monthlySalaryCostIdr.value, 'en')} IDR: ${d.monthlySalaryCostIdr.note}${unused}`,
              `Rata-rata tertimbang jam atas peserta dari biaya bulanan golongannya (dim_grade, dari skala gaji); ${idDecimal(ungraded, 1)} jam dari golongan tanpa biaya dihitung ${groupedInt(d.monthlySalaryCostIdr.value, 'id')} IDR: ${d.monthlySalaryCostIdr.noteId}${unusedId}`,
            ]
          : // Every hour priced by its grade: the city-wide placeholder is not used, so not named.
            [
              `Hours-weighted mean over the participants of their grade's monthly cost (dim_grade, from the salary scale); every participant hour has its grade's cost.${unused}`,
              `Rata-rata tertimbang jam atas peserta dari biaya bulanan golongannya (dim_grade, dari skala gaji); setiap jam peserta punya biaya golongannya.${unusedId}`,
            ];
  return {
    hourlyCostIdr,
    parameters: { ...parameters, hourlySalaryCostIdr: hourlyCostIdr },
    jpMinutes,
    assumptions: [
      echo(
        'hourlySalaryCostIdr',
        hourlyCostIdr,
        'IDR/hour',
        // Derived from an overridden monthly cost or working hours counts as overridden (as computeRoi).
        givenHourly !== undefined ||
          givenMonthly !== undefined ||
          parameters.workingHoursPerMonth !== undefined,
        hourlyNote[0]!,
        hourlyNote[1]!,
      ),
      echo(
        'workingHoursPerMonth',
        hoursPerMonth,
        d.workingHoursPerMonth.unit,
        parameters.workingHoursPerMonth !== undefined,
        `${d.workingHoursPerMonth.note}${unused}`,
        `${d.workingHoursPerMonth.noteId}${unusedId}`,
      ),
      echo(
        'monthlySalaryCostIdr',
        monthly,
        d.monthlySalaryCostIdr.unit,
        givenMonthly !== undefined,
        monthlyNote[0]!,
        monthlyNote[1]!,
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
