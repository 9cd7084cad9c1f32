import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import type { CsvTable } from '../../charts/csv.ts';
import { DownloadButtons } from '../../components/DownloadButtons.tsx';
import { useGlossaryTerms } from '../../components/Glossary.tsx';
import { ScrollBox } from '../../components/ScrollBox.tsx';
import { SnapshotBadge } from '../../components/SnapshotBadge.tsx';
import { ariaSortOf, SortButton } from '../../components/SortButton.tsx';
import { ErrorState, Loading } from '../../components/StateView.tsx';
import {
  formatBound,
  formatIdr,
  formatNumber,
  formatPercentPoints,
  formatPValue,
  formatSigned,
} from '../../format/format.ts';
import { ProgramPortfolioQuery } from '../../graphql/operations.ts';
import type { PortfolioEntry, RoiAssumptionsInput } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { updateSearch, useSearch } from '../../state/url-store.ts';
import { ContrastSelect } from '../ContrastSelect.tsx';
import { contrastFromParam, contrastToParam } from '../contrast.ts';
import { IsolationSelect } from '../IsolationSelect.tsx';
import { isolationFromParam, isolationToParam } from '../isolation.ts';
import { CLUSTERED_VERDICT_KEY } from '../joint-effects.ts';
import type { Catalog } from '../use-catalog.ts';
import { portfolioCsvColumns, portfolioCsvPart } from './csv-inputs.ts';
import {
  beforeHolmOnly,
  chainSearchOf,
  type Evidence,
  filterPortfolio,
  jointCaveatText,
  jointClusteredCheck,
  jointStanding,
  jointVerdict,
  type PortfolioSortKey,
  type PortfolioSummary,
  portfolioCsv,
  portfolioSummary,
  portfolioYears,
  shownEffect,
  sortFromParam,
  sortPortfolio,
} from './portfolio.ts';
import { portfolioTerms } from './roi-terms.ts';

/** A share in percent: one decimal below 10 % (0.2 % is not 0 %), whole percents above. */
function shareText(percent: number, lang: 'id' | 'en'): string {
  return formatPercentPoints(percent, lang, percent > 0 && percent < 10 ? 1 : 0);
}

/**
 * How many cohorts could be measured, and how many of them served citizens faster or slower after
 * Holm's correction for testing every cohort of the portfolio; the cohorts faster before it only are
 * named, with their Holm p, and not counted as shown.
 */
export function summaryText(summary: PortfolioSummary, t: Translate, lang: 'id' | 'en'): string {
  const counts = t('portfolio.summaryHolm', {
    estimable: formatNumber(summary.estimable, lang),
    cohorts: formatNumber(summary.cohorts, lang),
    faster: formatNumber(summary.faster, lang),
    slower: formatNumber(summary.slower, lang),
    inconclusive: formatNumber(summary.inconclusive, lang),
  });
  if (summary.fasterBeforeHolm.length === 0) return counts;
  const list = summary.fasterBeforeHolm
    .map((f) => t('portfolio.beforeHolmListItem', { label: f.label, p: formatPValue(f.pValueHolm, lang) }))
    .join(', ');
  return `${counts} ${t('portfolio.summaryBeforeHolm', { list })}`;
}

/** What the joint model adds: the cohorts still faster with the year's programs read together (Holm). */
export function jointSummaryText(summary: PortfolioSummary, t: Translate, lang: 'id' | 'en'): string {
  if (summary.jointEstimable === 0) return '';
  // Each finding carries what weakens it (agency clustering, few agencies), as its table row does.
  const list = summary.jointFasterHolm.map((f) => {
    const caveat = jointCaveatText(f, t, lang);
    return caveat ? `${f.label} (${caveat})` : f.label;
  });
  if (list.length === 1) return t('portfolio.jointSummaryOne', { list: list[0]! });
  return list.length > 0
    ? t('portfolio.jointSummary', {
        n: formatNumber(list.length, lang),
        list: list.join(', '),
      })
    : t('portfolio.jointSummaryNone');
}

/**
 * "Buka": the chain's card (RoiForm) shows the chosen row, and focus goes to its heading, so the
 * next Tab continues inside the chain instead of from a button scrolled out of view.
 */
export function openChain(): void {
  const heading = document.getElementById('roi-form-h');
  if (!heading) return;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

/** Rows shown before "show all". */
export const FIRST_ROWS = 10;

const evidenceLabel = (t: Translate, e: Evidence) => t(`portfolio.evidence.${e}`);

/** DiD with its 95 % CI in days per request, e.g. `−0,45 (−0,51 … −0,38)`, or a dash. */
function effectText(e: PortfolioEntry, lang: 'id' | 'en'): string {
  const shown = shownEffect(e);
  if (shown === null) return '—';
  const { estimate, ci } = shown;
  return `${formatSigned(estimate, lang, 2)} (${formatBound(ci.low, lang, 2)} … ${formatBound(ci.high, lang, 2)})`;
}

/** The joint model's coefficient with its 95 % CI, e.g. `−0,40 (−0,43 … −0,38)`, or a dash. */
function jointEffectText(e: PortfolioEntry, lang: 'id' | 'en'): string {
  const effect = e.joint?.effect;
  if (!effect || effect.estimate === null || effect.ci === null) return '';
  return `${formatSigned(effect.estimate, lang, 2)} (${formatBound(effect.ci.low, lang, 2)} … ${formatBound(effect.ci.high, lang, 2)})`;
}

/**
 * The "Model gabungan" cell: the joint model's verdict, ✓ Holm when it survives, the coefficient,
 * then the agency-clustered check as small lines (whether a shown effect holds with errors clustered
 * by agency; a caution when its completers sit in fewer than 5 agencies).
 */
function JointCell({ entry }: { readonly entry: PortfolioEntry }) {
  const { t, lang } = useLang();
  const verdict = jointVerdict(entry);
  const effect = jointEffectText(entry, lang);
  const clustered = jointClusteredCheck(entry, lang);
  return (
    <td
      data-label={t('portfolio.joint')}
      data-joint={verdict.evidence}
      data-clustered={clustered ? (clustered.verdict ?? 'none') : undefined}
      data-treated-agencies={clustered?.treatedAgencies}
    >
      <span className={`evidence evidence-${verdict.evidence}`}>{evidenceLabel(t, verdict.evidence)}</span>
      {verdict.holm && (
        <span className="holm-mark" title={t('portfolio.holmTitle')} data-holm>
          {' '}
          {t('portfolio.holm')}
        </span>
      )}
      {effect && <span className="joint-effect muted">{effect}</span>}
      {jointStanding(entry) === 'notAfterHolm' && (
        <span className="clustered-note" data-not-after-holm>
          {t('portfolio.notAfterHolm', { p: formatPValue(entry.joint?.pValueHolm, lang) })}
        </span>
      )}
      {clustered?.verdict && (
        <span
          className={`clustered-note clustered-${clustered.verdict}`}
          data-clustered-verdict={clustered.verdict}
        >
          {t(CLUSTERED_VERDICT_KEY[clustered.verdict])}
        </span>
      )}
      {clustered?.caution && (
        <span className="clustered-note clustered-caution" data-clustered-caution>
          {t(clustered.caution.key, clustered.caution.values)}
        </span>
      )}
    </td>
  );
}

/**
 * Base ROI with the low … high range, e.g. `1.863 % (1.571 … 2.155 %)`, a dash without costs, or
 * `hidden` when the API hid the costs (too few participants).
 */
function roiText(e: PortfolioEntry, lang: 'id' | 'en', hidden: string): string {
  const { low, base, high } = e.roi;
  if (!low || !base || !high) return hidden;
  if (base.roiPercent === null) return '—';
  const f = (v: number | null) => (v === null ? '—' : formatPercentPoints(v, lang, 0));
  return `${f(base.roiPercent)} (${f(low.roiPercent)} … ${f(high.roiPercent)})`;
}

/**
 * ROI & Anggaran, "Portofolio program": every program in every completion year, what the matched
 * comparison shows about service days and what a rupiah returned, under the ROI form's assumptions;
 * a row opens its Phillips chain below. URL: `py` (year), `pa=1` (also cohorts without an
 * estimate), `ps` (sort), `pc` (contrast), `pi` (isolation: which estimate the ROI prices).
 */
export function PortfolioCard({
  catalog,
  assumptions,
}: {
  readonly catalog: Catalog;
  readonly assumptions: RoiAssumptionsInput | undefined;
}) {
  const { t, lang } = useLang();
  const params = useSearch();
  const yearParam = Number(params.get('py'));
  const showAll = params.get('pa') === '1';
  const sort = sortFromParam(params.get('ps'));
  const contrast = contrastFromParam(params.get('pc')) ?? 'vs_rest';
  const isolation = isolationFromParam(params.get('pi')) ?? 'cohort';
  const query = useQuery(ProgramPortfolioQuery, {
    variables: {
      ...(contrast === 'vs_rest' ? {} : { contrast }),
      ...(isolation === 'cohort' ? {} : { isolation }),
      ...(assumptions && Object.keys(assumptions).length ? { assumptions } : {}),
    },
  });
  const entries = query.data?.programPortfolio;
  const years = useMemo(() => portfolioYears(entries ?? []), [entries]);
  const year = years.includes(yearParam) ? yearParam : null;
  const shown = useMemo(
    () => sortPortfolio(filterPortfolio(entries ?? [], { year, estimableOnly: !showAll }), sort),
    [entries, year, showAll, sort],
  );
  const summary = useMemo(
    () => portfolioSummary(filterPortfolio(entries ?? [], { year, estimableOnly: false })),
    [entries, year],
  );
  const title = catalog.programTitle;
  // The first rows answer the question; the rest stay one click away (a city runs dozens of cohorts).
  const [expanded, setExpanded] = useState(false);
  // Said when "Buka" opens a chain: focus moves to the chain's heading, this names what opened.
  // Kept as what opened, not as text: said in the language the page is in now.
  const [opened, setOpened] = useState<{ readonly program: string; readonly year: number } | null>(null);
  const visible = expanded ? shown : shown.slice(0, FIRST_ROWS);
  useGlossaryTerms(
    'portfolio',
    useMemo(() => portfolioTerms(entries ? shown : null), [entries, shown]),
  );

  const toggleSort = (key: PortfolioSortKey) =>
    updateSearch({
      ps:
        sort.key === key
          ? `${key}.${sort.dir === 'asc' ? 'desc' : 'asc'}`
          : `${key}.${key === 'program' || key === 'evidence' || key === 'joint' ? 'asc' : 'desc'}`,
    });
  const header = (key: PortfolioSortKey, label: string, num = false) => (
    <th scope="col" className={num ? 'num' : undefined} aria-sort={ariaSortOf(sort.key === key, sort.dir)}>
      <SortButton label={label} active={sort.key === key} dir={sort.dir} onClick={() => toggleSort(key)} />
    </th>
  );

  // The file is named after, and its rows end with, what the portfolio was computed and shown
  // with: two files of different assumptions, contrasts or years never share a name.
  const inputs = { year, contrast, isolation, showAll, assumptions };
  const portfolioTable = (snapshotId: string | null): CsvTable => {
    const { head, body } = portfolioCsv(shown, { t, title, snapshotId, inputs: portfolioCsvColumns(inputs) });
    return { header: head, rows: body };
  };

  return (
    <section className="card wide" aria-labelledby="portfolio-h" data-portfolio>
      <h2 id="portfolio-h">{t('portfolio.heading')}</h2>
      {entries && (
        <p className="card-meta">
          <SnapshotBadge />
        </p>
      )}
      <p className="muted">{t('portfolio.lead')}</p>
      <p className="sr-only" role="status" data-portfolio-opened>
        {opened ? t('portfolio.opened', { program: opened.program, year: String(opened.year) }) : ''}
      </p>
      {query.loading && <Loading />}
      {query.error && <ErrorState error={query.error} needsRole="planner" onRetry={() => query.refetch()} />}
      {entries && (
        <>
          <div className="portfolio-controls">
            <label className="field">
              <span className="field-label">{t('portfolio.year')}</span>
              <select
                name="portfolioYear"
                value={year === null ? '' : String(year)}
                onChange={(e) => updateSearch({ py: e.currentTarget.value || null })}
              >
                <option value="">{t('portfolio.allYears')}</option>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <ContrastSelect
              name="portfolioContrast"
              value={contrast}
              onChange={(v) => updateSearch({ pc: contrastToParam(v) })}
            />
            <IsolationSelect
              name="portfolioIsolation"
              value={isolation}
              onChange={(v) => updateSearch({ pi: isolationToParam(v) })}
            />
            <label className="check">
              <input
                type="checkbox"
                name="portfolioAll"
                checked={showAll}
                onChange={(e) => updateSearch({ pa: e.currentTarget.checked ? '1' : null })}
              />
              {t('portfolio.showAll')}
            </label>
            <DownloadButtons
              title={t('portfolio.heading')}
              filterPart={portfolioCsvPart(inputs)}
              table={portfolioTable}
              small={false}
              data-portfolio-csv
            />
          </div>
          <p className="callout" data-portfolio-summary>
            {summaryText(summary, t, lang)}{' '}
            {summary.costIdr > 0 &&
              t('portfolio.spendShare', {
                share: shareText((100 * summary.costFasterIdr) / summary.costIdr, lang),
                faster: formatIdr(summary.costFasterIdr, lang),
                total: formatIdr(summary.costIdr, lang),
              })}{' '}
            {jointSummaryText(summary, t, lang)}
          </p>
          {shown.length === 0 ? (
            <p className="muted">{t('portfolio.none')}</p>
          ) : (
            <ScrollBox label={t('portfolio.heading')} className="stack-host">
              <table className="data-table stack-table stack-sortable portfolio" data-portfolio-table>
                <caption className="sr-only">{t('portfolio.heading')}</caption>
                <thead>
                  {/* Stacked (a phone), the header stays in view as a row of sort buttons after
                      "Urutkan:" (styles.css), so the sort can be seen and used there too. */}
                  <tr data-sort-label={t('sort.label')}>
                    {header('program', t('roi.program'))}
                    {header('year', t('portfolio.year'), true)}
                    {header('evidence', t('portfolio.evidence'))}
                    {header('joint', t('portfolio.joint'))}
                    {header('effect', t('portfolio.effect'), true)}
                    {header('participants', t('roi.participants'), true)}
                    {header('cost', t('portfolio.cost'), true)}
                    {header('roi', t('portfolio.roi'), true)}
                    <th scope="col">
                      <span className="sr-only">{t('portfolio.open')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {visible.map((e) => (
                    <tr key={`${e.year}-${e.program}`} data-evidence={e.evidence}>
                      <th scope="row" data-label={t('roi.program')}>
                        <code>{e.program}</code> {title(e.program)}
                      </th>
                      <td className="num" data-label={t('portfolio.year')}>
                        {e.year}
                      </td>
                      <td data-label={t('portfolio.evidence')} data-evidence-holm={e.evidenceAfterHolm}>
                        <span className={`evidence evidence-${e.evidence}`}>
                          {evidenceLabel(t, e.evidence)}
                        </span>
                        {beforeHolmOnly(e) && (
                          <span className="muted holm-note" data-before-holm>
                            {t('portfolio.beforeHolmOnly', { p: formatPValue(e.pValueHolm, lang) })}
                          </span>
                        )}
                      </td>
                      <JointCell entry={e} />
                      <td className="num" data-label={t('portfolio.effect')}>
                        {effectText(e, lang)}
                      </td>
                      <td className="num" data-label={t('roi.participants')}>
                        {e.roi.participants === null
                          ? t('count.hidden')
                          : formatNumber(e.roi.participants, lang)}
                      </td>
                      <td className="num" data-label={t('portfolio.cost')}>
                        {e.roi.costs ? formatIdr(e.roi.costs.totalIdr, lang) : t('count.hidden')}
                      </td>
                      <td className="num" data-label={t('portfolio.roi')}>
                        {roiText(e, lang, t('count.hidden'))}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => {
                            updateSearch(chainSearchOf(e, contrast, isolation));
                            setOpened({ program: e.program, year: e.year });
                            openChain();
                          }}
                          aria-label={t('portfolio.openFor', { program: e.program, year: String(e.year) })}
                        >
                          {t('portfolio.open')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          )}
          {shown.length > FIRST_ROWS && (
            <button
              type="button"
              className="btn"
              aria-expanded={expanded}
              onClick={() => setExpanded(!expanded)}
              data-portfolio-more
            >
              {expanded
                ? t('portfolio.fewer', { n: String(FIRST_ROWS) })
                : t('portfolio.more', { n: formatNumber(shown.length, lang) })}
            </button>
          )}
          <p className="muted">
            {t(`contrast.${contrast}.note`)} {t('portfolio.note')} {t('portfolio.jointNote')}
          </p>
        </>
      )}
    </section>
  );
}
