import { useMemo } from 'react';
import { ChartCard } from '../components/ChartCard.tsx';
import { KpiTile } from '../components/KpiTile.tsx';
import { PartialYearNote } from '../components/PartialYearNote.tsx';
import {
  JpComplianceQuery,
  ParticipationQuery,
  ResistanceRatesQuery,
  SatisfactionQuery,
  ServiceTimesQuery,
} from '../graphql/operations.ts';
import type { MetricRow } from '../graphql/types.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { labelOf } from '../i18n/translate.ts';
import { useFilters } from '../state/use-filters.ts';
import { ImpactCard } from './ImpactCard.tsx';
import { referenceYear, rowForYear, upToYear } from './rows.ts';
import { trendTable } from './trend-table.ts';
import { useCatalog } from './use-catalog.ts';
import { useMetric } from './use-metric.ts';

/**
 * Ringkasan: five KPI tiles against last year, whether training made service faster (planners), then
 * the yearly trends behind them.
 */
export default function RingkasanPage() {
  const { t, lang } = useLang();
  const [filters] = useFilters();
  const catalog = useCatalog();
  const yearly = { grain: 'year' } as const;
  const participation = useMetric(ParticipationQuery, 'participation', filters, yearly);
  const resistance = useMetric(ResistanceRatesQuery, 'resistance', filters, yearly);
  const jp = useMetric(JpComplianceQuery, 'jpCompliance', filters, yearly);
  const ikm = useMetric(SatisfactionQuery, 'satisfaction', filters, yearly);
  const sla = useMetric(ServiceTimesQuery, 'serviceTimes', filters, yearly);

  const year = referenceYear(resistance.data?.resistance.rows);
  const tile = <R extends MetricRow>(rows: readonly R[] | undefined, value: (r: R) => number | null) => {
    const row = rows ? rowForYear(rows, year) : null;
    if (!row) return null;
    // The change is computed from the rows themselves: the API's `samePeriodLastYear` compares
    // each metric's headline measure (median days for service times), not the one a tile shows.
    const lastYear = String(Number(row.period?.slice(0, 4)) - 1);
    const prev = rows?.find((r) => r.isTotal && r.period?.startsWith(lastYear));
    const now = value(row);
    const before = prev && !prev.suppressed ? value(prev) : null;
    return {
      ...row,
      value: now,
      delta: now !== null && before !== null && !row.suppressed ? now - before : null,
    };
  };
  const ikmRow = ikm.data ? rowForYear(ikm.data.satisfaction.rows, year) : null;

  // Clipped once per data change, so the chart tables below keep their identity between renders.
  const clipped = useMemo(
    () => ({
      p: upToYear(participation.data?.participation, year),
      r: upToYear(resistance.data?.resistance, year),
      j: upToYear(jp.data?.jpCompliance, year),
      i: upToYear(ikm.data?.satisfaction, year),
      s: upToYear(sla.data?.serviceTimes, year),
    }),
    [participation.data, resistance.data, jp.data, ikm.data, sla.data, year],
  );
  const { p: pData, r: rData, j: jData, i: iData, s: sData } = clipped;
  const period = t('chart.period');
  const tables = useMemo(
    () => ({
      participation: trendTable(
        pData,
        period,
        [{ key: 'value', label: t('metric.participationRate'), kind: 'fraction', value: (r) => r.rate }],
        'year',
        lang,
      ),
      resistance: trendTable(
        rData,
        period,
        [{ key: 'value', label: t('metric.resistanceRate'), kind: 'fraction', value: (r) => r.rate }],
        'year',
        lang,
      ),
      jp: trendTable(
        jData,
        period,
        [{ key: 'value', label: t('metric.jpCompliance'), kind: 'fraction', value: (r) => r.rate }],
        'year',
        lang,
      ),
      ikm: trendTable(
        iData,
        period,
        [{ key: 'value', label: t('metric.ikm'), kind: 'score', value: (r) => r.ikm }],
        'year',
        lang,
      ),
      sla: trendTable(
        sData,
        period,
        [{ key: 'value', label: t('metric.sla'), kind: 'fraction', value: (r) => r.slaMetRate }],
        'year',
        lang,
      ),
    }),
    [pData, rData, jData, iData, sData, period, t, lang],
  );

  return (
    <>
      <div className="kpi-grid">
        <KpiTile
          label={t('metric.participationRate')}
          kind="fraction"
          row={tile(pData?.rows, (r) => r.rate)}
          minN={pData?.minN ?? null}
          loading={participation.loading}
          error={participation.error}
          ignored={participation.ignored}
        />
        <KpiTile
          label={t('metric.resistanceRate')}
          kind="fraction"
          lowerIsBetter
          row={tile(rData?.rows, (r) => r.rate)}
          minN={rData?.minN ?? null}
          loading={resistance.loading}
          error={resistance.error}
          ignored={resistance.ignored}
        />
        <KpiTile
          label={t('metric.jpCompliance')}
          kind="fraction"
          row={tile(jData?.rows, (r) => r.rate)}
          minN={jData?.minN ?? null}
          loading={jp.loading}
          error={jp.error}
          ignored={jp.ignored}
        />
        <KpiTile
          label={t('metric.ikm')}
          kind="score"
          row={tile(iData?.rows, (r) => r.ikm)}
          extra={ikmRow?.mutu ? `${t('metric.ikmBand')}: ${labelOf(t, 'band', ikmRow.mutu)}` : null}
          minN={iData?.minN ?? null}
          loading={ikm.loading}
          error={ikm.error}
          ignored={ikm.ignored}
        />
        <KpiTile
          label={t('metric.sla')}
          kind="fraction"
          row={tile(sData?.rows, (r) => r.slaMetRate)}
          minN={sData?.minN ?? null}
          loading={sla.loading}
          error={sla.error}
          ignored={sla.ignored}
        />
      </div>
      <PartialYearNote year={year === null ? null : Number(year)} />
      <ImpactCard catalog={catalog} />
      <h2 className="section-title">{t('ringkasan.trend')}</h2>
      <div className="grid three">
        <ChartCard
          title={t('metric.participationRate')}
          table={tables.participation}
          chart={{ kind: 'line', series: ['value'], yKind: 'fraction' }}
          loading={participation.loading}
          error={participation.error}
          onRetry={participation.refetch}
          ignored={participation.ignored}
          applied={participation.applied}
        />
        <ChartCard
          title={t('metric.resistanceRate')}
          table={tables.resistance}
          chart={{ kind: 'line', series: ['value'], yKind: 'fraction' }}
          loading={resistance.loading}
          error={resistance.error}
          onRetry={resistance.refetch}
          ignored={resistance.ignored}
          applied={resistance.applied}
        />
        <ChartCard
          title={t('metric.jpCompliance')}
          table={tables.jp}
          chart={{ kind: 'line', series: ['value'], yKind: 'fraction' }}
          loading={jp.loading}
          error={jp.error}
          onRetry={jp.refetch}
          ignored={jp.ignored}
          applied={jp.applied}
        />
        <ChartCard
          title={t('metric.ikm')}
          table={tables.ikm}
          chart={{ kind: 'line', series: ['value'], yKind: 'score' }}
          loading={ikm.loading}
          error={ikm.error}
          onRetry={ikm.refetch}
          ignored={ikm.ignored}
          applied={ikm.applied}
        />
        <ChartCard
          title={t('metric.sla')}
          table={tables.sla}
          chart={{ kind: 'line', series: ['value'], yKind: 'fraction' }}
          loading={sla.loading}
          error={sla.error}
          onRetry={sla.refetch}
          ignored={sla.ignored}
          applied={sla.applied}
        />
      </div>
    </>
  );
}
