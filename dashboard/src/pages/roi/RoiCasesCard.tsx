import { useMemo } from 'react';
import { ChartCard } from '../../components/ChartCard.tsx';
import { formatNumber, formatPercentPoints } from '../../format/format.ts';
import type { Roi } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { formatRange } from './format.ts';
import { casesTable, effectNoteKey, paybackBeyondHorizon } from './tables.ts';

/** Step 5 of the Phillips chain: the ROI of the low, base and high cases as a bar chart and its range. */
export function RoiCasesCard({ roi }: { roi: Roi }) {
  const { t, lang } = useLang();
  const table = useMemo(() => casesTable(roi, t), [roi, t]);
  const horizon = paybackBeyondHorizon(roi);
  // The effect priced is not shown: said at the result, before the range, so no bar reads as a return.
  const effectNote = effectNoteKey(roi.warnings);
  return (
    <ChartCard
      title={`${t('roi.step5')} — ${t('roi.range')}`}
      table={table}
      chart={{ kind: 'bar', series: ['roi'], yKind: 'percentPoints' }}
      n={roi.n}
      lead={
        effectNote && (
          <p className="callout warn" data-roi-effect-note={effectNote}>
            {t(effectNote)}
          </p>
        )
      }
    >
      <p className="callout">
        {t('roi.range')}:{' '}
        {roi.low && roi.base && roi.high
          ? formatRange(
              {
                low: roi.low.roiPercent ?? Number.NaN,
                base: roi.base.roiPercent ?? Number.NaN,
                high: roi.high.roiPercent ?? Number.NaN,
              },
              (v) => formatPercentPoints(v, lang),
            )
          : t('count.hidden')}
      </p>
      {horizon !== null && (
        <p className="muted" data-payback-beyond>
          {t('roi.paybackBeyond', { horizon: formatNumber(horizon, lang) })}
        </p>
      )}
    </ChartCard>
  );
}
