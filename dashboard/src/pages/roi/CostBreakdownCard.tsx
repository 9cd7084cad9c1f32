import { useMemo } from 'react';
import { ChartCard } from '../../components/ChartCard.tsx';
import type { Roi } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { costTable } from './tables.ts';

/** The cost breakdown: program cost by category and the participants' time, as a bar chart. */
export function CostBreakdownCard({ roi }: { roi: Roi }) {
  const { t } = useLang();
  const table = useMemo(() => costTable(roi, t), [roi, t]);
  return (
    <ChartCard
      title={t('roi.costBreakdown')}
      table={table}
      chart={{ kind: 'bar', series: ['amount'], yKind: 'idr' }}
      n={roi.n}
    />
  );
}
