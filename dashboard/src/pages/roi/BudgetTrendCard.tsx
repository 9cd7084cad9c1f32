import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { ChartCard } from '../../components/ChartCard.tsx';
import { BudgetTrendQuery } from '../../graphql/operations.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { budgetTrendSummary, budgetTrendTable } from './budget-trend.ts';

/**
 * "Anggaran pelatihan per tahun": the city's training budget per fiscal year, allocated and realised
 * (bars), with the budget per employee beside the participation rate, the offerings and their cost
 * in the table: the brief's first obstacle (a small training budget) and what followed a cut.
 */
export function BudgetTrendCard() {
  const { t, lang } = useLang();
  const query = useQuery(BudgetTrendQuery);
  const years = query.data?.budgetTrend;
  const table = useMemo(() => (years ? budgetTrendTable(years, t) : null), [years, t]);
  const summary = useMemo(() => (years ? budgetTrendSummary(years, t, lang) : []), [years, t, lang]);
  return (
    <ChartCard
      title={t('budgetTrend.heading')}
      table={table}
      chart={{ kind: 'bar', series: ['allocatedIdr', 'realizedIdr'], yKind: 'idr' }}
      loading={query.loading}
      error={query.error}
      onRetry={() => query.refetch()}
      needsRole="planner"
      showN={false}
      headingLevel={2}
      wide
      lead={
        summary.length > 0 ? (
          <p className="callout" data-budget-trend-summary>
            {summary.join(' ')}
          </p>
        ) : undefined
      }
    >
      <p className="muted" data-budget-trend-note>
        {t('budgetTrend.note')}
      </p>
    </ChartCard>
  );
}
