import type { CellHiddenReason, ChartTable } from '../charts/chart-table.ts';
import type { DeclineReasonRow } from '../graphql/types.ts';
import { labelOf, type Translate } from '../i18n/translate.ts';
import { DECLINE_REASONS, TENURE_BANDS } from '../state/domain.ts';

/**
 * Decline reasons pivoted by tenure band: one row per band, one share column per reason. A hidden
 * reason cell stays hidden (suppressedCells) while the rest of the band is shown. Its CSV blanks the
 * hidden cells only: a band is `suppressed` when it is hidden whole, and `suppression_reason` never
 * lists the hidden reasons (metric cells carry no reason of their own), as in every other chart's CSV.
 */
export function reasonByTenure(
  byReason: readonly DeclineReasonRow[],
  minN: number,
  t: Translate,
): ChartTable {
  const bands = TENURE_BANDS.filter((b) => byReason.some((r) => r.keys.tenureBand === b));
  return {
    columns: [
      { key: 'tenure', label: t('filter.tenureBands'), kind: 'text' },
      ...DECLINE_REASONS.map((r) => ({ key: r, label: labelOf(t, 'reason', r), kind: 'fraction' as const })),
    ],
    rows: bands.map((band) => {
      const cells = byReason.filter((r) => r.keys.tenureBand === band);
      const total = cells.find((r) => r.isTotal);
      const hidden: Record<string, CellHiddenReason> = {};
      const values: Record<string, string | number | null> = { tenure: labelOf(t, 'tenure', band) };
      for (const reason of DECLINE_REASONS) {
        const cell = cells.find((r) => !r.isTotal && r.keys.declineReason === reason);
        // Metric rows carry no reason (it would bound the hidden count): never put down to n < 5.
        if (cell?.suppressed) hidden[reason] = 'unspecified';
        values[reason] = cell?.share ?? null;
      }
      return {
        values,
        n: total?.n ?? null,
        suppressed: total?.suppressed ?? false,
        suppressedCells: hidden,
      };
    }),
    minN,
    hiddenCellsInCsv: 'blank',
  };
}
