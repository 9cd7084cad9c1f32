import { useMemo } from 'react';
import { ChartCard } from '../components/ChartCard.tsx';
import { Glossary, type GlossaryTerm } from '../components/Glossary.tsx';
import { KpiTile } from '../components/KpiTile.tsx';
import { PartialYearNote } from '../components/PartialYearNote.tsx';
import {
  JpComplianceQuery,
  ParticipationQuery,
  ResistanceRatesQuery,
  SatisfactionQuery,
  ServiceTimesQuery,
} from '../graphql/operations.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { labelOf } from '../i18n/translate.ts';
import { useFilters } from '../state/use-filters.ts';
import { ImpactCard, useImpactQuery } from './ImpactCard.tsx';
import { headcountNUnit } from './participation-trend.ts';
import {
  fromYearOn,
  incompleteYearsNote,
  slaTrendTable,
  tileRow,
  withComparisonYear,
} from './ringkasan-tiles.ts';
import { referenceYear, rowForYear, upToYear } from './rows.ts';
import { kelurahanNote, slaRate } from './service-types.ts';
import { trendTable } from './trend-table.ts';
import { useCatalog } from './use-catalog.ts';
import { useMetric } from './use-metric.ts';

/** The tiles' terms: their change in percentage points, when it is a clear one (the test), and n. */
const TILE_TERMS: readonly GlossaryTerm[] = ['pp', 'clearChange', 'n'];
/** The impact card's terms (planners): both Holm corrections it names, the joint model, the ROI. */
const IMPACT_TERMS: readonly GlossaryTerm[] = [
  'significant',
  'ci95',
  'pHolmPortfolio',
  'jointModel',
  'pHolmJoint',
  'clustered',
  'roi',
];

/**
 * Ringkasan: five KPI tiles against last year, whether training made service faster (planners), then
 * the yearly trends behind them.
 */
export default function RingkasanPage() {
  const { t, lang } = useLang();
  const [filters] = useFilters();
  const catalog = useCatalog();
  const yearly = { grain: 'year' } as const;
  // Read with the year before the range, so the first year's tiles compare too; charts drop it.
  const read = useMemo(() => withComparisonYear(filters), [filters]);
  const participation = useMetric(ParticipationQuery, 'participation', read, yearly);
  const resistance = useMetric(ResistanceRatesQuery, 'resistance', read, yearly);
  const jp = useMetric(JpComplianceQuery, 'jpCompliance', read, yearly);
  const ikm = useMetric(SatisfactionQuery, 'satisfaction', read, yearly);
  const sla = useMetric(ServiceTimesQuery, 'serviceTimes', read, yearly);
  // The impact card shows only for a role that may see the portfolio: its terms only with it.
  const impactShown = useImpactQuery().data?.programPortfolio !== undefined;

  const from = filters.fromYear;
  const year = referenceYear(fromYearOn(resistance.data?.resistance, from)?.rows);
  const ikmRow = ikm.data ? rowForYear(fromYearOn(ikm.data.satisfaction, from)!.rows, year) : null;

  // Clipped once per data change, so the chart tables below keep their identity between renders.
  const clipped = useMemo(
    () => ({
      p: upToYear(fromYearOn(participation.data?.participation, from), year),
      r: upToYear(fromYearOn(resistance.data?.resistance, from), year),
      j: upToYear(fromYearOn(jp.data?.jpCompliance, from), year),
      i: upToYear(fromYearOn(ikm.data?.satisfaction, from), year),
      s: upToYear(fromYearOn(sla.data?.serviceTimes, from), year),
    }),
    [participation.data, resistance.data, jp.data, ikm.data, sla.data, from, year],
  );
  const { p: pData, r: rData, j: jData, i: iData, s: sData } = clipped;
  const slaIncomplete = incompleteYearsNote(sData?.rows, t);
  // With a kelurahan filter the SLA figures leave the kecamatan's requests out (as on Layanan).
  const withoutKecamatan = kelurahanNote(filters.kelurahan, t);
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
      sla: slaTrendTable(sData, t, lang),
    }),
    [pData, rData, jData, iData, sData, period, t, lang],
  );

  return (
    <>
      {/* The results' own heading, so the tiles (h3) do not read as part of the filter bar (h2). */}
      <h2 className="sr-only">{t('ringkasan.kpis')}</h2>
      <div className="kpi-grid">
        <KpiTile
          label={t('metric.participationRate')}
          kind="fraction"
          row={tileRow(pData?.rows, participation.data?.participation.rows, year, { value: (r) => r.rate })}
          minN={pData?.minN ?? null}
          loading={participation.loading}
          error={participation.error}
          ignored={participation.ignored}
        />
        <KpiTile
          label={t('metric.resistanceRate')}
          kind="fraction"
          lowerIsBetter
          row={tileRow(rData?.rows, resistance.data?.resistance.rows, year, { value: (r) => r.rate })}
          minN={rData?.minN ?? null}
          loading={resistance.loading}
          error={resistance.error}
          ignored={resistance.ignored}
        />
        <KpiTile
          label={t('metric.jpCompliance')}
          kind="fraction"
          row={tileRow(jData?.rows, jp.data?.jpCompliance.rows, year, { value: (r) => r.rate })}
          minN={jData?.minN ?? null}
          loading={jp.loading}
          error={jp.error}
          ignored={jp.ignored}
        />
        <KpiTile
          label={t('metric.ikm')}
          kind="score"
          row={tileRow(iData?.rows, ikm.data?.satisfaction.rows, year, { value: (r) => r.ikm })}
          extra={ikmRow?.mutu ? `${t('metric.ikmBand')}: ${labelOf(t, 'band', ikmRow.mutu)}` : null}
          minN={iData?.minN ?? null}
          loading={ikm.loading}
          error={ikm.error}
          ignored={ikm.ignored}
        />
        <KpiTile
          label={t('metric.sla')}
          kind="fraction"
          row={tileRow(sData?.rows, sla.data?.serviceTimes.rows, year, slaRate)}
          extra={withoutKecamatan === null ? null : t('ringkasan.slaWithoutKecamatan')}
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
          query={participation}
          nUnit={headcountNUnit(pData?.rows ?? [])}
        />
        <ChartCard
          title={t('metric.resistanceRate')}
          table={tables.resistance}
          chart={{ kind: 'line', series: ['value'], yKind: 'fraction' }}
          query={resistance}
        />
        <ChartCard
          title={t('metric.jpCompliance')}
          table={tables.jp}
          chart={{ kind: 'line', series: ['value'], yKind: 'fraction' }}
          query={jp}
          nUnit={headcountNUnit(jData?.rows ?? [])}
        >
          {/* Who the rate is over: the 20 JP duty is certain for PNS, less so for PPPK (DOMAIN §2). */}
          {filters.employmentTypes.length !== 1 && (
            <div className="card-notes" data-jp-who>
              <p>{t('ringkasan.jpWho')}</p>
            </div>
          )}
        </ChartCard>
        <ChartCard
          title={t('metric.ikm')}
          table={tables.ikm}
          chart={{ kind: 'line', series: ['value'], yKind: 'score' }}
          query={ikm}
        />
        <ChartCard
          title={t('metric.sla')}
          table={tables.sla}
          chart={{ kind: 'line', series: ['value'], yKind: 'fraction' }}
          query={sla}
        >
          {slaIncomplete && (
            <p className="muted" data-incomplete-note>
              {slaIncomplete}
            </p>
          )}
          {withoutKecamatan && (
            <p className="muted" data-kelurahan-note>
              {withoutKecamatan}
            </p>
          )}
        </ChartCard>
      </div>
      <Glossary terms={impactShown ? [...TILE_TERMS, ...IMPACT_TERMS] : TILE_TERMS} />
    </>
  );
}
