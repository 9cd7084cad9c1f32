import { useMemo } from 'react';
import { useSnapshot, useSnapshotError, useSnapshotState } from '../app/SnapshotContext.tsx';
import { type ChartTable, sortedBy } from '../charts/chart-table.ts';
import { ChartCard } from '../components/ChartCard.tsx';
import { SummaryCallout } from '../components/SummaryCallout.tsx';
import {
  InvitationFunnelQuery,
  KirkpatrickLearningQuery,
  KirkpatrickReactionQuery,
  ParticipationQuery,
  ResistanceQuery,
  ResistanceRatesQuery,
} from '../graphql/operations.ts';
import type { DeclineReasonRow, ParticipationRow, ResistanceRow } from '../graphql/types.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { labelOf } from '../i18n/translate.ts';
import { DECLINE_REASONS, TENURE_BANDS } from '../state/domain.ts';
import type { Filters } from '../state/filters.ts';
import { updateSearch, useSearch } from '../state/url-store.ts';
import { useFilters } from '../state/use-filters.ts';
import type { YearSpan } from '../state/years.ts';
import { AgencyUnitSelect } from './AgencyUnitSelect.tsx';
import {
  AGENCY_UNIT_PARAM,
  type AgencyUnit,
  agencyUnitColumn,
  agencyUnitDimension,
  agencyUnitParam,
  coversSeveralYears,
  parseAgencyUnit,
} from './agency-unit.ts';
import { funnelTable, resistanceKindsTable } from './funnel.ts';
import { KindsHiddenNote, MostlyHiddenNote } from './HiddenRowsNote.tsx';
import { learningByMethodTable, reactionByMethodTable } from './kirkpatrick-tables.ts';
import { headcountNUnit, participationGrainNote, participationHeadcountN } from './participation-trend.ts';
import { periodText } from './period-title.ts';
import { reasonByTenure } from './reason-by-tenure.ts';
import { type ResistanceAnswer, resistanceSummary } from './resistance-summary.ts';
import { groupTable, type Measure, trendTable } from './trend-table.ts';
import { useCatalog } from './use-catalog.ts';
import { useMetric } from './use-metric.ts';

/**
 * The reasons of a breakdown, or, where it is withheld whole (a filtered answer, or a margin of 1–4
 * declines: no reason listed, the total hidden), its hidden total: the card then says all is hidden
 * rather than that there is no data.
 */
function withheldOrReasons(byReason: readonly DeclineReasonRow[]): readonly DeclineReasonRow[] {
  const reasons = byReason.filter((r) => !r.isTotal);
  return reasons.length > 0 ? reasons : byReason.filter((r) => r.isTotal && r.suppressed);
}

/** Tenure bands in career order (the API sorts codes as text: '10-19' before '5-9'). */
const tenureIndex = (band: string | null) => (TENURE_BANDS as readonly (string | null)[]).indexOf(band);

/**
 * The last year of the filters' range: the "to" year, else the snapshot's last (or the "from" year,
 * when that lies after it: a range with no data). Null while the snapshot is unknown, or when it
 * has no facts.
 */
export function lastYearOfRange(
  filters: Pick<Filters, 'fromYear' | 'toYear'>,
  years: YearSpan | null | undefined,
): number | null {
  if (filters.toYear !== null) return filters.toYear;
  if (!years) return null;
  return Math.max(years.last, filters.fromYear ?? years.last);
}

/** A snapshot without facts has no year to show: the card says there is no data. */
const NO_YEARS: ChartTable = { columns: [], rows: [], minN: null };

/**
 * Who takes part, per agency (or per kind of agency, `unit`): the yearly rate of the range's last
 * year (a rate over several years would count anyone trained once in five years as taking part).
 * Asked for that year alone: the whole range's answer is several times the size, and would list,
 * with a headcount of 0, agencies with staff in an earlier year of the range but none in this one
 * (the API gives every group a row in every period of its answer), so the rows shown for a year
 * would depend on where the range starts; with the year alone they are the agencies on that year's
 * headcount, as for a range of that one year.
 */
function ParticipationByAgencyCard({
  filters,
  year,
  unit,
}: {
  readonly filters: Filters;
  readonly year: number;
  readonly unit: AgencyUnit;
}) {
  const { t } = useLang();
  const catalog = useCatalog();
  const yearOnly = { ...filters, fromYear: year, toYear: year };
  const query = useMetric(ParticipationQuery, 'participation', yearOnly, {
    groupBy: [agencyUnitDimension(unit)],
    grain: 'year',
  });
  const table = useMemo(
    () =>
      sortedBy(
        groupTable(
          query.data?.participation,
          t(agencyUnitColumn(unit)),
          (r) => unitLabel(t, catalog.agencyName, unit, r.keys),
          [
            {
              key: 'rate',
              label: t('metric.participationRate'),
              kind: 'fraction',
              value: (r: ParticipationRow) => r.rate,
            },
            {
              key: 'headcount',
              label: t('metric.headcount'),
              kind: 'count',
              value: (r: ParticipationRow) => r.headcount,
            },
          ],
        ),
        'rate',
      ),
    [query.data, catalog, t, unit],
  );
  return (
    <ChartCard
      title={t(
        unit === 'kind' ? 'partisipasi.participationByKindYear' : 'partisipasi.participationByAgencyYear',
        {
          year,
        },
      )}
      table={table}
      chart={{ kind: 'bar', series: ['rate'], yKind: 'fraction' }}
      query={query}
      wide
    >
      {unit === 'agency' ? (
        <MostlyHiddenNote table={table} />
      ) : (
        <KindsHiddenNote table={table} severalYears={false} oneYear={null} />
      )}
    </ChartCard>
  );
}

/** A row's label: the agency's full name, or the kind of agency. */
function unitLabel(
  t: ReturnType<typeof useLang>['t'],
  agencyName: (code: string | null) => string,
  unit: AgencyUnit,
  keys: { readonly agency?: string | null; readonly agencyKind?: string | null },
): string {
  return unit === 'kind' ? labelOf(t, 'agencyKind', keys.agencyKind) : agencyName(keys.agency ?? null);
}

/** Who resists, per kind of agency over the page's range (the by-agency card's counterpart). */
function ResistanceByKindCard({
  filters,
  period,
  severalYears,
  oneYear,
}: {
  readonly filters: Filters;
  readonly period: string;
  readonly severalYears: boolean;
  /** The range's last year, which the note offers to show alone over several years. */
  readonly oneYear: number | null;
}) {
  const { t } = useLang();
  const query = useMetric(ResistanceRatesQuery, 'resistance', filters, { groupBy: ['agencyKind'] });
  const table = useMemo(
    () =>
      sortedBy(
        groupTable(
          query.data?.resistance,
          t(agencyUnitColumn('kind')),
          (r) => labelOf(t, 'agencyKind', r.keys.agencyKind),
          resistanceMeasures(t),
        ),
        'rate',
      ),
    [query.data, t],
  );
  return (
    <ChartCard
      title={t('partisipasi.byKind', { period })}
      table={table}
      chart={{ kind: 'bar', series: ['rate'], yKind: 'fraction' }}
      query={query}
      wide
    >
      <KindsHiddenNote table={table} severalYears={severalYears} oneYear={oneYear} />
    </ChartCard>
  );
}

/** The resistance cards' measures: the rate, and the invitations behind it. */
function resistanceMeasures(
  t: ReturnType<typeof useLang>['t'],
): readonly [Measure<ResistanceRow>, Measure<ResistanceRow>] {
  return [
    {
      key: 'rate',
      label: t('metric.resistanceRate'),
      kind: 'fraction',
      value: (r) => r.rate,
    },
    {
      key: 'invited',
      label: t('metric.invited'),
      kind: 'count',
      value: (r) => r.invited,
    },
  ];
}

export default function PartisipasiPage() {
  const { t, lang } = useLang();
  const [filters] = useFilters();
  const unit = parseAgencyUnit(useSearch().get(AGENCY_UNIT_PARAM));
  const snapshot = useSnapshot();
  const snapshotState = useSnapshotState();
  const snapshotError = useSnapshotError();
  // The per-agency participation card's year (`ParticipationByAgencyCard`).
  const agencyYear = lastYearOfRange(filters, snapshot?.years);
  const catalog = useCatalog();
  const funnel = useMetric(InvitationFunnelQuery, 'invitationFunnel', filters);
  const participation = useMetric(ParticipationQuery, 'participation', filters, {
    grain: filters.grain,
    coarsenWhenTooFine: true,
  });
  const total = useMetric(ResistanceQuery, 'resistance', filters);
  const byTenure = useMetric(ResistanceQuery, 'resistance', filters, { groupBy: ['tenureBand'] });
  // By agency whatever `unit` says: the summary above the cards names agencies; by kind the card
  // asks its own question (`ResistanceByKindCard`).
  const byAgency = useMetric(ResistanceRatesQuery, 'resistance', filters, { groupBy: ['agency'] });
  const overTime = useMetric(ResistanceRatesQuery, 'resistance', filters, {
    grain: filters.grain,
    coarsenWhenTooFine: true,
  });
  // Kirkpatrick L1 and L2 per method, one query each: either level can fail alone (an error at its
  // path) and only its card says so.
  const reaction = useMetric(KirkpatrickReactionQuery, 'kirkpatrick', filters, { groupBy: ['method'] });
  const learning = useMetric(KirkpatrickLearningQuery, 'kirkpatrick', filters, { groupBy: ['method'] });

  const tables = useMemo(() => {
    const tot = total.data?.resistance;
    const ten = byTenure.data?.resistance;
    const ag = byAgency.data?.resistance;
    const [rate, invited] = resistanceMeasures(t);
    const fun = funnel.data?.invitationFunnel;
    return {
      funnel: fun
        ? funnelTable(
            fun.rows.find((r) => r.isTotal),
            fun.minN,
            t,
          )
        : null,
      participation: trendTable(
        participation.data?.participation,
        t('chart.period'),
        [
          {
            key: 'rate',
            label: t('metric.participationRate'),
            kind: 'fraction',
            value: (r: ParticipationRow) => r.rate,
          },
        ],
        participation.grain ?? filters.grain,
        lang,
      ),
      kinds: tot
        ? resistanceKindsTable(
            tot.rows.find((r) => r.isTotal),
            tot.minN,
            t,
          )
        : null,
      reasons: tot
        ? sortedBy(
            {
              columns: [
                { key: 'reason', label: t('kualitas.reason'), kind: 'text' as const },
                { key: 'declines', label: t('metric.declines'), kind: 'count' as const },
                { key: 'share', label: t('metric.share'), kind: 'fraction' as const },
              ],
              rows: withheldOrReasons(tot.byReason).map((r) => ({
                values: {
                  reason: r.keys.declineReason
                    ? labelOf(t, 'reason', r.keys.declineReason)
                    : r.isTotal
                      ? t('reason.all')
                      : t('reason.none'),
                  declines: r.declines,
                  share: r.share,
                },
                n: r.n,
                suppressed: r.suppressed,
              })),
              minN: tot.minN,
            },
            'share',
          )
        : null,
      tenure: groupTable(
        ten && {
          ...ten,
          rows: [...ten.rows].sort((a, b) => tenureIndex(a.keys.tenureBand) - tenureIndex(b.keys.tenureBand)),
        },
        t('filter.tenureBands'),
        (r) => labelOf(t, 'tenure', r.keys.tenureBand),
        [rate, invited],
      ),
      reasonByTenure: ten ? reasonByTenure(ten.byReason, ten.minN, t) : null,
      // Who resists: agencies ranked by their rate, and the reasons by their share.
      agency: sortedBy(
        groupTable(ag, t('instansi.agency'), (r) => catalog.agencyName(r.keys.agency), [rate, invited]),
        'rate',
      ),
      overTime: trendTable(
        overTime.data?.resistance,
        t('chart.period'),
        [rate],
        overTime.grain ?? filters.grain,
        lang,
      ),
      reaction: reactionByMethodTable(reaction.data?.kirkpatrick.reaction, t),
      learning: learningByMethodTable(learning.data?.kirkpatrick.learning, t, lang),
    };
  }, [
    funnel.data,
    participation.data,
    total.data,
    byTenure.data,
    byAgency.data,
    overTime.data,
    reaction.data,
    learning.data,
    catalog,
    filters.grain,
    participation.grain,
    overTime.grain,
    t,
    lang,
  ]);

  // At month or quarter grain the rates are shares of the year's headcount: said under the chart.
  const rateNote = participationGrainNote(participation.grain ?? filters.grain);
  const period = periodText(filters.fromYear, filters.toYear, snapshot?.years, t);
  const severalYears = coversSeveralYears(filters, snapshot?.years);
  // "Who resists?" in words, from the answers the resistance cards show, once they have all come
  // (and the agencies' names): a failed one is left out (its card says so).
  const settled = !total.loading && !byTenure.loading && !byAgency.loading && !catalog.loading;
  const answer = (q: { error: unknown; data: { resistance: ResistanceAnswer } | undefined }) =>
    q.error ? null : (q.data?.resistance ?? null);
  const summary = settled
    ? resistanceSummary(
        {
          period,
          applied: total.applied,
          total: answer(total),
          byTenure: answer(byTenure),
          byAgency: answer(byAgency),
          agencyName: catalog.agencyName,
        },
        t,
        lang,
      )
    : [];
  return (
    <>
      {/* The results' own heading, so the cards (h3) do not read as part of the filter bar (h2). */}
      <h2 className="sr-only">{t('app.results')}</h2>
      <div className="grid">
        <ChartCard
          title={t('partisipasi.funnel')}
          table={tables.funnel}
          chart={{ kind: 'bar', series: ['count'], yKind: 'count' }}
          query={funnel}
          n={tables.funnel?.rows[0]?.n ?? null}
        />
        <ChartCard
          title={t('partisipasi.rateOverTime')}
          table={tables.participation}
          chart={{ kind: 'line', series: ['rate'], yKind: 'fraction' }}
          query={participation}
          n={participationHeadcountN(participation.data?.participation.rows ?? [])}
          nUnit={headcountNUnit(participation.data?.participation.rows ?? [])}
        >
          {rateNote && <p className="card-notes">{t(rateNote)}</p>}
        </ChartCard>
      </div>
      {/* The resistance section opens with its answer in words (the figures of the cards below). */}
      <SummaryCallout name="resistance" parts={summary} loading={!settled} />
      <div className="grid">
        <ChartCard
          title={t('partisipasi.resistanceKinds')}
          table={tables.kinds}
          chart={{ kind: 'bar', series: ['share'], yKind: 'fraction' }}
          query={total}
          n={tables.kinds?.rows[0]?.n ?? null}
        />
        <ChartCard
          title={t('partisipasi.byReason')}
          table={tables.reasons}
          chart={{ kind: 'bar', series: ['share'], yKind: 'fraction' }}
          query={total}
        />
        <ChartCard
          title={t('partisipasi.byTenure')}
          table={tables.tenure}
          chart={{ kind: 'bar', series: ['rate'], yKind: 'fraction' }}
          query={byTenure}
        />
        <ChartCard
          title={t('partisipasi.reasonByTenure')}
          table={tables.reasonByTenure}
          chart={{ kind: 'bar', series: DECLINE_REASONS, yKind: 'fraction' }}
          // Under any list filter the breakdown is withheld whole, three dimensions or not.
          query={{ ...byTenure, threeWay: false }}
        />
      </div>
      {/* The agency cards' breakdown: by agency (the default), or by kind of agency, where the
          small offices that hide most agencies' rows are one group. Kept in the URL. */}
      <div className="controls-row">
        <AgencyUnitSelect
          value={unit}
          onChange={(u) => updateSearch({ [AGENCY_UNIT_PARAM]: agencyUnitParam(u) })}
        />
      </div>
      <div className="grid">
        {agencyYear === null ? (
          // The year comes with the snapshot: nothing is asked before (the whole range would be).
          <ChartCard
            title={t('partisipasi.participationByAgency')}
            table={snapshotState === 'ready' ? NO_YEARS : null}
            loading={snapshotState === 'loading'}
            error={snapshotState === 'unavailable' ? snapshotError : undefined}
            wide
          />
        ) : (
          <ParticipationByAgencyCard filters={filters} year={agencyYear} unit={unit} />
        )}
        {unit === 'kind' ? (
          <ResistanceByKindCard
            filters={filters}
            period={period}
            severalYears={severalYears}
            oneYear={agencyYear}
          />
        ) : (
          <ChartCard
            // Pools every year chosen: named, beside the card of one year ("…, tahun 2025").
            title={t('partisipasi.byAgency', { period })}
            table={tables.agency}
            chart={{ kind: 'bar', series: ['rate'], yKind: 'fraction' }}
            query={byAgency}
            wide
          >
            <MostlyHiddenNote table={tables.agency} />
          </ChartCard>
        )}
        <ChartCard
          title={t('partisipasi.overTime')}
          table={tables.overTime}
          chart={{ kind: 'line', series: ['rate'], yKind: 'fraction' }}
          query={overTime}
          wide
        />
        <ChartCard
          title={t('partisipasi.reaction')}
          table={tables.reaction}
          chart={{ kind: 'bar', series: ['mean'], yKind: 'rating' }}
          query={reaction}
        >
          <p className="card-notes">{t('partisipasi.reactionNote')}</p>
        </ChartCard>
        <ChartCard
          title={t('partisipasi.learning')}
          table={tables.learning}
          chart={{ kind: 'bar', series: ['meanPre', 'meanPost'], yKind: 'score100' }}
          query={learning}
        >
          <p className="card-notes">{t('partisipasi.learningNote')}</p>
        </ChartCard>
      </div>
    </>
  );
}
