import { skipToken, useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import { useSnapshot, useSnapshotError, useSnapshotState } from '../app/SnapshotContext.tsx';
import { type ChartTable, tableToRows } from '../charts/chart-table.ts';
import { formatValue } from '../charts/value-kind.ts';
import { ChartCard } from '../components/ChartCard.tsx';
import { DownloadButtons } from '../components/DownloadButtons.tsx';
import { Glossary } from '../components/Glossary.tsx';
import { PartialYearNote } from '../components/PartialYearNote.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { SnapshotBadge } from '../components/SnapshotBadge.tsx';
import { ariaSortOf, SortButton } from '../components/SortButton.tsx';
import { Empty, ErrorState, Loading } from '../components/StateView.tsx';
import { formatNumber } from '../format/format.ts';
import { AgencyComparisonQuery } from '../graphql/operations.ts';
import type { Scorecard } from '../graphql/types.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { labelOf } from '../i18n/translate.ts';
import { navigate, updateSearch, useSearch } from '../state/url-store.ts';
import { useFilters } from '../state/use-filters.ts';
import { measurableYear } from '../state/years.ts';
import { comparePicks, MAX_PICK } from './compare-picks.ts';
import { scorecardSampleNote } from './ikm-sample.ts';
import { lastYearNote } from './last-year-note.ts';
import {
  NO_EFFECT_ROI_CAVEATS,
  roiFootnotes,
  roiMarks,
  roiNotMeasured,
  roiQualifierKey,
  scorecardCaveatText,
} from './roi-notes.ts';
import { hiddenFigures, parseSort, type SortKey, sortScorecards } from './scorecard-sort.ts';
import { scorecardN, scorecardWaiting } from './scorecard-state.ts';
import {
  budgetAmounts,
  SCORECARD_COLUMNS as COLUMNS,
  COST_KEYS,
  hiddenFiguresNote,
  noOwnTraining,
  RATE_KEYS,
  ratesTable,
  scorecardTable,
  stillShown,
} from './scorecard-table.ts';
import { useCatalog } from './use-catalog.ts';

const SORT_KEYS: SortKey[] = ['agency', ...COLUMNS.map((c) => c.key)];

/** Perbandingan Instansi: a sortable scorecard for one year; pick 2–4 agencies to set side by side. */
export default function InstansiPage() {
  const { t, lang } = useLang();
  const params = useSearch();
  const [filters, setFilters] = useFilters();
  const catalog = useCatalog();
  const snapshot = useSnapshot();
  const snapshotError = useSnapshotError();
  const snapshotState = useSnapshotState();
  // The "to" year of the filter, else the snapshot's last year (null until the snapshot is known, or
  // when it has no facts).
  const year = filters.toYear ?? snapshot?.years?.last ?? null;
  const sortParam = params.get('sort');
  const sort = useMemo(() => parseSort(sortParam, SORT_KEYS), [sortParam]);
  const cmp = params.get('cmp') ?? '';
  // Agency codes the catalogue does not know (a typo, an agency not in this snapshot) are dropped
  // from the link once it has loaded (in place: back does not return to it), and said so.
  const knownCodes = useMemo(() => catalog.agencies.map((a) => a.code), [catalog.agencies]);
  const { picked, unknown: unknownPicks } = useMemo(() => comparePicks(cmp, knownCodes), [cmp, knownCodes]);
  const [droppedPicks, setDroppedPicks] = useState<string[]>([]);
  useEffect(() => {
    if (unknownPicks.length === 0) return;
    setDroppedPicks(unknownPicks);
    const p = new URLSearchParams(window.location.search);
    if (picked.length > 0) p.set('cmp', picked.join(','));
    else p.delete('cmp');
    navigate(p, { replace: true });
  }, [unknownPicks, picked]);

  const query = useQuery(AgencyComparisonQuery, year === null ? skipToken : { variables: { year } });
  const cards = query.data?.agencyComparison;
  const sorted = useMemo(
    () => (cards ? sortScorecards(cards, sort, catalog.agencyName) : []),
    [cards, sort, catalog],
  );

  const toggleSort = (key: SortKey) =>
    updateSearch({ sort: `${key}.${sort.key === key && sort.dir === 'desc' ? 'asc' : 'desc'}` });
  const togglePick = (code: string, on: boolean) => {
    const next = on ? [...picked, code].slice(0, MAX_PICK) : picked.filter((c) => c !== code);
    updateSearch({ cmp: next.length ? next.join(',') : null });
  };

  // The last year's training has no year after it: its ROI cannot be measured yet. Say so once, and
  // offer the latest year that can.
  const roiYear = measurableYear(snapshot?.years);
  // The data's last year: its median service days leave out the requests still open at its end.
  const lastYearOpen = lastYearNote(year, snapshot?.years, t);
  const roiNotYet = year !== null && roiYear !== null && year > roiYear;

  // Caveats on the ROI column (e.g. −100 % that means "no measured benefit"), as footnotes.
  const notes = useMemo(() => roiFootnotes(cards ?? [], t, lang), [cards, t, lang]);

  // The footnote marks of a row's ROI caveats, as links to the footnotes; none without caveats.
  const marksOf = (c: Scorecard) => {
    const marks = roiMarks(c, notes);
    if (marks.length === 0) return null;
    return (
      <sup className="footnote-mark">
        {marks.map((m, i) => (
          <span key={m}>
            {i > 0 && ','}
            <a href={`#roi-note-${m}`} aria-label={t('instansi.roiNoteRef', { n: m })}>
              {m}
            </a>
          </span>
        ))}
      </sup>
    );
  };

  // The figures each card hides (disclosure control), worked out once per answer.
  const hiddenOf = useMemo(() => {
    const byAgency = new Map((cards ?? []).map((c) => [c.agency, hiddenFigures(c)]));
    return (c: Scorecard) => byAgency.get(c.agency) ?? new Set<SortKey>();
  }, [cards]);

  const pickedCards = useMemo(
    () => picked.map((code) => cards?.find((c) => c.agency === code)).filter((c): c is Scorecard => !!c),
    [picked, cards],
  );
  // The hidden figures' note under the table and under the side-by-side cards, as under every chart.
  const hiddenNote = useMemo(() => hiddenFiguresNote(cards ?? [], t), [cards, t]);
  const pickedHiddenNote = useMemo(() => hiddenFiguresNote(pickedCards, t), [pickedCards, t]);
  const rates = useMemo<ChartTable | null>(
    () => (pickedCards.length >= 2 ? ratesTable(pickedCards, { t, name: catalog.agencyName }) : null),
    [pickedCards, catalog, t],
  );
  // The CSVs: the whole scorecard in the order shown, and the agencies set side by side.
  const scorecardRows = (rows: readonly Scorecard[]) => (snapshotId: string | null) =>
    tableToRows(scorecardTable(rows, { t, name: catalog.agencyName }), snapshotId);
  // n: the headcount of the agencies shown (a hidden agency's is left out, and the badge says so).
  const scoreN = scorecardN(cards);
  const ofYear = year === null ? '' : ` ${year}`;
  const scorecardTitle = `${t('instansi.scorecard')}${ofYear}`;
  const sideBySideTitle = `${t('instansi.sideBySide')}${ofYear}`;

  // The dash of a card whose agency organised no training that year, said once under each view.
  const isCost = (key: SortKey) => (COST_KEYS as readonly string[]).includes(key);
  const noTrainingNote =
    year === null
      ? ''
      : t('instansi.noTrainingNote', {
          cost: COST_KEYS.map((k) => t(COLUMNS.find((c) => c.key === k)!.label)).join(', '),
          year,
        });

  // Agencies whose IKM rests on fewer questionnaires than PermenPANRB 14/2017's sample.
  const sampleNote = scorecardSampleNote(cards, t, catalog.agencyName);

  // What the card still shows of budget and ROI, said only when it does show it.
  const shownNote = (c: Scorecard) => {
    const { budget, roi } = stillShown(c);
    if (budget && roi) return t('instansi.noTrainingShown.both');
    if (budget) return t('instansi.noTrainingShown.budget');
    return roi ? t('instansi.noTrainingShown.roi') : '';
  };

  const focusScorecardHeading = () => document.getElementById('sc-h')?.focus();
  const ariaSort = (key: SortKey) => ariaSortOf(sort.key === key, sort.dir);
  const sortButton = (key: SortKey, label: string) => (
    <SortButton label={label} active={sort.key === key} dir={sort.dir} onClick={() => toggleSort(key)} />
  );

  return (
    <div className="grid">
      {pickedCards.length >= 2 && (
        <>
          {/* A section of the page beside "Berdampingan" and the scorecard: an h2 like them. */}
          <ChartCard
            headingLevel={2}
            title={`${t('instansi.rates')} ${year}`}
            table={rates}
            chart={{ kind: 'bar', series: RATE_KEYS, yKind: 'fraction' }}
            wide
          />
          <section className="card wide" aria-labelledby="sbs-h" data-side-by-side>
            <div className="card-head">
              <h2 id="sbs-h">{t('instansi.sideBySide')}</h2>
              <p className="card-meta">
                <SnapshotBadge />
              </p>
            </div>
            <div className="card-tools">
              <DownloadButtons
                title={sideBySideTitle}
                table={scorecardRows(pickedCards)}
                data-side-by-side-csv
              />
            </div>
            <div className="side-by-side">
              {pickedCards.map((c) => (
                <article key={c.agency} className="stat side-card">
                  <h3>{catalog.agencyName(c.agency)}</h3>
                  <dl>
                    {COLUMNS.map((col) => (
                      <div key={col.key} className="kv">
                        <dt>{t(col.label)}</dt>
                        {hiddenOf(c).has(col.key) ? (
                          <dd className="suppressed-cell">{t('chart.suppressed')}</dd>
                        ) : (
                          <dd
                            title={
                              isCost(col.key) && noOwnTraining(c) ? t('instansi.noTrainingTitle') : undefined
                            }
                          >
                            {col.key === 'roiPct' && roiNotMeasured(c)
                              ? t('instansi.roiNotMeasured')
                              : formatValue(col.kind, c[col.key] as number | null, lang)}
                            {col.key === 'budgetRealisation' && <BudgetAmounts card={c} />}
                            {col.key === 'roiPct' && roiQualifierKey(c) && (
                              <small className="muted roi-qualifier" data-roi-qualifier>
                                {' '}
                                {t(roiQualifierKey(c)!)}
                              </small>
                            )}
                          </dd>
                        )}
                      </div>
                    ))}
                    {c.ikmMutu && !hiddenOf(c).has('ikm') && (
                      <div className="kv">
                        <dt>{t('metric.ikmBand')}</dt>
                        <dd>{labelOf(t, 'band', c.ikmMutu)}</dd>
                      </div>
                    )}
                  </dl>
                  {noOwnTraining(c) && (
                    <p className="muted side-note" data-no-training>
                      {noTrainingNote} {shownNote(c)}
                    </p>
                  )}
                  {c.roiWarnings.map((w) => (
                    <p key={w.code} className="muted roi-caveat" data-roi-caveat={w.code}>
                      {t('instansi.roi')}: {scorecardCaveatText(w, t, lang)}
                    </p>
                  ))}
                  <p className="card-meta">
                    <span className="n-badge">{t('chart.n', { n: formatNumber(c.n, lang) })}</span>
                  </p>
                </article>
              ))}
            </div>
            {pickedHiddenNote.length > 0 && (
              <footer className="card-notes">
                {pickedHiddenNote.map((line) => (
                  <p key={line} data-suppression-note>
                    {line}
                  </p>
                ))}
              </footer>
            )}
          </section>
        </>
      )}
      <section className="card wide" aria-labelledby="sc-h">
        <div className="card-head">
          {/* Where focus goes when a notice's button below removes itself (tabIndex -1). */}
          <h2 id="sc-h" tabIndex={-1}>
            {scorecardTitle}
          </h2>
          <p className="card-meta">
            <span
              className="n-badge"
              data-scorecard-n
              title={scoreN.partial ? t('instansi.nShownTitle') : undefined}
            >
              {t(scoreN.partial ? 'instansi.nShown' : 'chart.n', { n: formatNumber(scoreN.n, lang) })}
            </span>
            <SnapshotBadge />
          </p>
        </div>
        {cards && cards.length > 0 && (
          <div className="card-tools">
            <DownloadButtons title={scorecardTitle} table={scorecardRows(sorted)} data-scorecard-csv />
          </div>
        )}
        <PartialYearNote year={year} />
        {lastYearOpen && (
          <p className="callout" data-last-year-note>
            {lastYearOpen}
          </p>
        )}
        {roiNotYet && (
          <p className="callout" data-roi-year-note>
            {t('instansi.roiNotYet', { year, next: year + 1 })}{' '}
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setFilters({ ...filters, toYear: roiYear });
                focusScorecardHeading();
              }}
            >
              {t('instansi.roiShowYear', { year: roiYear })}
            </button>
          </p>
        )}
        {droppedPicks.length > 0 && (
          <p className="callout warn" role="status" data-cmp-dropped>
            {t('instansi.cmpDropped', { list: droppedPicks.join(', ') })}{' '}
            <button
              type="button"
              className="btn btn-small btn-quiet"
              onClick={() => {
                setDroppedPicks([]);
                focusScorecardHeading();
              }}
            >
              {t('filter.droppedDismiss')}
            </button>
          </p>
        )}
        <p className="muted" aria-live="polite">
          {t('instansi.pickHint', { n: picked.length })}
          {picked.length > 0 && (
            <>
              {' '}
              <button
                type="button"
                className="btn btn-small btn-quiet"
                onClick={() => {
                  updateSearch({ cmp: null });
                  focusScorecardHeading();
                }}
              >
                {t('instansi.clear')}
              </button>
            </>
          )}
        </p>
        {scorecardWaiting(year, snapshotState, query) && <Loading />}
        {/* No year to show because the snapshot did not come (an unknown token): say why. The token's
            verdict can come before the snapshot query's own error does. */}
        {year === null &&
          snapshotState === 'unavailable' &&
          (snapshotError !== undefined ? <ErrorState error={snapshotError} /> : <TokenRejected />)}
        {query.error && (
          <ErrorState error={query.error} needsRole="planner" onRetry={() => query.refetch()} />
        )}
        {((cards && cards.length === 0) || (year === null && snapshotState === 'ready')) && <Empty />}
        {cards && cards.length > 0 && (
          <ScrollBox label={scorecardTitle} className="scorecard-scroll">
            <table className="data-table scorecard" data-scorecard>
              <caption className="sr-only">
                {t('instansi.scorecard')} {year}
              </caption>
              <thead>
                <tr>
                  <th scope="col" title={t('instansi.compare')} data-compare-head>
                    <span className="compare-full">{t('instansi.compare')}</span>
                    <span className="compare-short" aria-hidden="true">
                      {t('instansi.compareShort')}
                    </span>
                  </th>
                  <th scope="col" aria-sort={ariaSort('agency')}>
                    {sortButton('agency', t('instansi.agency'))}
                  </th>
                  {COLUMNS.map((c) => (
                    <th key={c.key} scope="col" className="num" aria-sort={ariaSort(c.key)}>
                      {sortButton(c.key, t(c.label))}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    n
                  </th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((c) => {
                  const name = catalog.agencyName(c.agency);
                  const on = picked.includes(c.agency);
                  // Only the figures whose component is below the minimum cell size are hidden.
                  const hidden = hiddenOf(c);
                  return (
                    <tr key={c.agency}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${t('instansi.compare')}: ${name}`}
                          checked={on}
                          disabled={!on && picked.length >= MAX_PICK}
                          onChange={(e) => togglePick(c.agency, e.currentTarget.checked)}
                        />
                      </td>
                      <th scope="row">{name}</th>
                      {COLUMNS.map((col) =>
                        hidden.has(col.key) ? (
                          <td key={col.key} className="suppressed-cell">
                            {t('chart.suppressed')}
                            {/* A hidden ROI still points at its caveats (why it is hidden among them). */}
                            {col.key === 'roiPct' && marksOf(c)}
                          </td>
                        ) : col.key === 'roiPct' && c.roiWarnings.length > 0 ? (
                          <td
                            key={col.key}
                            className="num"
                            title={c.roiWarnings.map((w) => scorecardCaveatText(w, t, lang)).join(' ')}
                          >
                            {roiNotMeasured(c) ? (
                              <span className="muted" data-roi-not-measured>
                                {t('instansi.roiNotMeasured')}
                              </span>
                            ) : (
                              formatValue(col.kind, c.roiPct, lang)
                            )}
                            {marksOf(c)}
                            {roiQualifierKey(c) && (
                              <span className="roi-qualifier" data-roi-qualifier>
                                {' '}
                                {t(roiQualifierKey(c)!)}
                              </span>
                            )}
                          </td>
                        ) : isCost(col.key) && noOwnTraining(c) ? (
                          <td
                            key={col.key}
                            className="num"
                            title={t('instansi.noTrainingTitle')}
                            data-no-training
                          >
                            {formatValue(col.kind, null, lang)}
                            <sup className="footnote-mark" aria-hidden="true">
                              *
                            </sup>
                          </td>
                        ) : (
                          <td key={col.key} className="num">
                            {formatValue(col.kind, c[col.key] as number | null, lang)}
                            {col.key === 'budgetRealisation' && <BudgetAmounts card={c} />}
                          </td>
                        ),
                      )}
                      {/* n is the headcount: when that is hidden, its column already says so. */}
                      <td className="num">{formatNumber(c.n, lang)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollBox>
        )}
        {cards && hiddenNote.length > 0 && (
          <div className="card-notes">
            {hiddenNote.map((line) => (
              <p key={line} data-suppression-note>
                {line}
              </p>
            ))}
          </div>
        )}
        {sampleNote !== null && (
          <p className="muted" data-ikm-sample-note>
            {sampleNote}
          </p>
        )}
        {cards?.some(noOwnTraining) && (
          <p className="muted" data-no-training-note>
            * {noTrainingNote} {t('instansi.noTrainingShown.table')}
          </p>
        )}
        {cards && notes.length > 0 && (
          <ol className="footnotes" aria-label={t('instansi.roiNotes')} data-roi-notes>
            {notes.map((n) => (
              <li key={n.code} id={`roi-note-${n.mark}`} value={n.mark}>
                {t('instansi.roi')}: {n.text}
              </li>
            ))}
          </ol>
        )}
      </section>
      {/* The ROI column, the cost per employee completing and n; the 95 % CI when a footnote
          explains an ROI by it. */}
      {cards && cards.length > 0 && (
        <Glossary
          terms={[
            'roi',
            'costPerCompleter',
            'n',
            ...(notes.some((n) => NO_EFFECT_ROI_CAVEATS.has(n.code)) ? (['ci95'] as const) : []),
          ]}
        />
      )}
    </div>
  );
}

/**
 * The rupiah behind a budget realisation, on a second line under it ("Rp 86,3 jt dari Rp 99,9 jt");
 * nothing when the card has neither amount.
 */
function BudgetAmounts({ card }: { readonly card: Scorecard }) {
  const { t, lang } = useLang();
  const text = budgetAmounts(card, t, lang);
  if (text === null) return null;
  return (
    <>
      <br />
      <small className="muted" data-budget-amounts>
        {text}
      </small>
    </>
  );
}

function TokenRejected() {
  const { t } = useLang();
  return (
    <div className="state state-error state-unauthenticated" role="alert" data-error-kind="unauthenticated">
      {t('state.unauthenticated')}
    </div>
  );
}
