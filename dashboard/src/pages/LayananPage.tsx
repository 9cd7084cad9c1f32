import { useMemo } from 'react';
import { useSnapshot } from '../app/SnapshotContext.tsx';
import { type ChartTable, fromMetricRow, sortedBy } from '../charts/chart-table.ts';
import { ChartCard } from '../components/ChartCard.tsx';
import { SummaryCallout } from '../components/SummaryCallout.tsx';
import { SatisfactionQuery, SatisfactionSampleQuery, ServiceTimesQuery } from '../graphql/operations.ts';
import type { SatisfactionRow } from '../graphql/types.ts';
import { useLang } from '../i18n/LangContext.tsx';
import type { MessageKey } from '../i18n/messages.id.ts';
import { labelOf } from '../i18n/translate.ts';
import { useFilters } from '../state/use-filters.ts';
import { ikmSampleMeasures, ikmSampleNote } from './ikm-sample.ts';
import { periodText } from './period-title.ts';
import { periodRows } from './rows.ts';
import { serviceSummary } from './service-summary.ts';
import {
  completedN,
  incompleteNote,
  kelurahanNote,
  serviceTimesMeasures,
  serviceTimesOverTime,
  serviceTypeTable,
  slaNote,
} from './service-types.ts';
import { groupTable, type Measure, trendTable } from './trend-table.ts';
import { useCatalog } from './use-catalog.ts';
import { useMetric } from './use-metric.ts';

/** Layanan Publik: Kirkpatrick L4 — service days (median, p90), SLA and IKM with its band. */
export default function LayananPage() {
  const { t, lang } = useLang();
  const [filters] = useFilters();
  const catalog = useCatalog();
  const snapshot = useSnapshot();
  const byType = useMetric(ServiceTimesQuery, 'serviceTimes', filters, { groupBy: ['serviceType'] });
  const byAgency = useMetric(ServiceTimesQuery, 'serviceTimes', filters, { groupBy: ['agency'] });
  const overTime = useMetric(ServiceTimesQuery, 'serviceTimes', filters, {
    grain: filters.grain,
    coarsenWhenTooFine: true,
  });
  const ikmByAgency = useMetric(SatisfactionSampleQuery, 'satisfaction', filters, { groupBy: ['agency'] });
  const ikmOverTime = useMetric(SatisfactionSampleQuery, 'satisfaction', filters, {
    grain: filters.grain,
    coarsenWhenTooFine: true,
  });
  const ikmTotal = useMetric(SatisfactionQuery, 'satisfaction', filters);

  const totalData = ikmTotal.data?.satisfaction;
  const tables = useMemo(() => {
    const { days, perHandler } = serviceTimesMeasures(t);
    const ikm: Measure<SatisfactionRow>[] = [
      { key: 'ikm', label: t('metric.ikm'), kind: 'score', value: (r) => r.ikm },
      {
        key: 'band',
        label: t('metric.ikmBand'),
        kind: 'text',
        value: (r) => (r.mutu ? labelOf(t, 'band', r.mutu) : null),
      },
      { key: 'responses', label: t('metric.responses'), kind: 'count', value: (r) => r.respondents },
      // PermenPANRB 14/2017's sample (Krejcie–Morgan over the row's service requests): the last measures.
      ...ikmSampleMeasures(t),
    ];
    // Full names: the chart's axis shortens them, keeping them apart (`distinctShort`).
    const agency = (code: string | null) => catalog.agencyName(code);
    const total = totalData;
    const totalRow = total?.rows.find((r) => r.isTotal);
    // The nine unsur of PermenPANRB 14/2017, each row carrying the total's n and suppression.
    const unsur: ChartTable | null =
      total && totalRow
        ? {
            columns: [
              { key: 'unsur', label: t('layanan.unsurColumn'), kind: 'text' },
              { key: 'nrr', label: t('layanan.nrr'), kind: 'rating4' },
            ],
            rows: Array.from({ length: 9 }, (_, i) =>
              fromMetricRow(totalRow, {
                unsur: t(`unsur.${i + 1}` as MessageKey),
                nrr: totalRow.nrr?.[i] ?? null,
              }),
            ),
            minN: total.minN,
          }
        : null;
    return {
      // Service types and units ranked, slowest (by median days) first.
      byType: serviceTypeTable(byType.data?.serviceTimes, t, lang),
      byAgency: sortedBy(
        groupTable(
          byAgency.data?.serviceTimes,
          t('instansi.agency'),
          (r) => agency(r.keys.agency),
          [...days, perHandler],
          completedN,
        ),
        'median',
      ),
      // Each time series shows its own measure (and the requests behind it), not the other's.
      ...serviceTimesOverTime(overTime.data?.serviceTimes, t, overTime.grain ?? filters.grain, lang),
      ikmByAgency: sortedBy(
        groupTable(ikmByAgency.data?.satisfaction, t('instansi.agency'), (r) => agency(r.keys.agency), ikm),
        'ikm',
      ),
      ikmOverTime: trendTable(
        ikmOverTime.data?.satisfaction,
        t('chart.period'),
        ikm,
        ikmOverTime.grain ?? filters.grain,
        lang,
      ),
      unsur,
    };
  }, [
    byType.data,
    byAgency.data,
    overTime.data,
    ikmByAgency.data,
    ikmOverTime.data,
    totalData,
    catalog,
    filters.grain,
    overTime.grain,
    ikmOverTime.grain,
    t,
    lang,
  ]);

  // Requests still open and not yet due when the data ends: the latest periods' days are of the
  // quick ones only, and their SLA share is of the requests already due.
  const notes = {
    byType: incompleteNote(byType.data?.serviceTimes, t, null, lang),
    byAgency: incompleteNote(byAgency.data?.serviceTimes, t, null, lang),
    overTime: incompleteNote(overTime.data?.serviceTimes, t, overTime.grain ?? filters.grain, lang),
    sla: slaNote(overTime.data?.serviceTimes, t, overTime.grain ?? filters.grain, lang),
    // Over the rows each table shows: the agencies (not the total), the periods' totals.
    ikmByAgency: ikmSampleNote(
      ikmByAgency.data?.satisfaction.rows.filter((r) => !r.isTotal),
      t,
    ),
    ikmOverTime: ikmSampleNote(periodRows(ikmOverTime.data?.satisfaction.rows ?? []), t),
  };
  // A card's note under its chart, named by kind (data-<kind>-note); nothing without text.
  const cardNote = (kind: 'incomplete' | 'ikm-sample' | 'kelurahan', text: string | null) =>
    text === null ? null : (
      <div className="card-notes" {...{ [`data-${kind}-note`]: true }}>
        <p>{text}</p>
      </div>
    );
  const withoutKecamatan = kelurahanNote(filters.kelurahan, t);
  const kelurahanCardNote = cardNote('kelurahan', withoutKecamatan);
  const daysChart = { kind: 'bar', series: ['median', 'p90'], yKind: 'days' } as const;
  // A card that pools the years chosen (per agency, per service type, the nine elements) names
  // them in its title ("Semua": the snapshot's years), so it is not read as one year.
  const period = periodText(filters.fromYear, filters.toYear, snapshot?.years, t);
  // "Did service get faster?" in words, from the answers the over-time and unsur cards show, once
  // they have all come: a failed one is left out (its card says so).
  const settled = !overTime.loading && !ikmOverTime.loading && !ikmTotal.loading;
  const summary = settled
    ? serviceSummary(
        {
          period,
          applied: overTime.applied,
          serviceOverTime:
            overTime.error || !overTime.data
              ? null
              : { rows: overTime.data.serviceTimes.rows, grain: overTime.grain ?? filters.grain },
          ikmOverTime:
            ikmOverTime.error || !ikmOverTime.data
              ? null
              : { rows: ikmOverTime.data.satisfaction.rows, grain: ikmOverTime.grain ?? filters.grain },
          ikmTotal: ikmTotal.error || !ikmTotal.data ? null : ikmTotal.data.satisfaction,
        },
        t,
        lang,
      )
    : [];
  return (
    <>
      {/* The results' own heading, so the cards (h3) do not read as part of the filter bar (h2). */}
      <h2 className="sr-only">{t('app.results')}</h2>
      {/* The page opens with its answer in words (the figures of the cards below). */}
      <SummaryCallout name="service" parts={summary} loading={!settled} />
      <div className="grid">
        <ChartCard
          title={t('layanan.byType', { period })}
          table={tables.byType}
          chart={daysChart}
          query={byType}
        >
          {cardNote('incomplete', notes.byType)}
          {kelurahanCardNote}
        </ChartCard>
        <ChartCard
          title={t('layanan.byAgency', { period })}
          table={tables.byAgency}
          chart={daysChart}
          query={byAgency}
        >
          {cardNote('incomplete', notes.byAgency)}
          {kelurahanCardNote}
        </ChartCard>
        <ChartCard
          title={t('layanan.overTime')}
          table={tables.overTime}
          chart={{ kind: 'line', series: ['median', 'p90'], yKind: 'days' }}
          query={overTime}
        >
          {cardNote('incomplete', notes.overTime)}
          {kelurahanCardNote}
        </ChartCard>
        <ChartCard
          title={t('layanan.sla')}
          table={tables.slaOverTime}
          chart={{ kind: 'line', series: ['sla'], yKind: 'fraction' }}
          query={overTime}
        >
          <div className="card-notes" data-sla-definition>
            <p>{t('layanan.slaDefinition')}</p>
          </div>
          {cardNote('incomplete', notes.sla)}
          {kelurahanCardNote}
        </ChartCard>
        <ChartCard
          title={t('layanan.ikm', { period })}
          table={tables.ikmByAgency}
          chart={{ kind: 'bar', series: ['ikm'], yKind: 'score' }}
          query={ikmByAgency}
        >
          {cardNote('ikm-sample', notes.ikmByAgency)}
        </ChartCard>
        <ChartCard
          title={t('layanan.ikmOverTime')}
          table={tables.ikmOverTime}
          chart={{ kind: 'line', series: ['ikm'], yKind: 'score' }}
          query={ikmOverTime}
        >
          {cardNote('ikm-sample', notes.ikmOverTime)}
        </ChartCard>
        <ChartCard
          title={t('layanan.unsur', { period })}
          table={tables.unsur}
          chart={{ kind: 'bar', series: ['nrr'], yKind: 'rating4' }}
          query={ikmTotal}
          n={tables.unsur?.rows[0]?.n ?? null}
        />
      </div>
    </>
  );
}
