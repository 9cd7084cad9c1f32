import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { SnapshotBadge } from '../components/SnapshotBadge.tsx';
import { ErrorState, Loading } from '../components/StateView.tsx';
import {
  formatIdr,
  formatNumber,
  formatPercentPoints,
  formatPValue,
  formatSigned,
} from '../format/format.ts';
import { classifyError } from '../graphql/errors.ts';
import { ProgramPortfolioQuery } from '../graphql/operations.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { updateSearch } from '../state/url-store.ts';
import { useFilters } from '../state/use-filters.ts';
import { countText } from './hidden-count.ts';
import { impactIgnoredNote } from './impact-filters.ts';
import { jointSummaryText, summaryText } from './roi/PortfolioCard.tsx';
import {
  beforeHolmOnly,
  DEFAULT_PORTFOLIO_SORT,
  impactJointClause,
  jointCaveatText,
  jointStanding,
  jointVerdict,
  portfolioSummary,
  sortPortfolio,
} from './roi/portfolio.ts';
import type { Catalog } from './use-catalog.ts';

/** Programs named in the headline: the strongest shown effects. */
const TOP = 3;

/** Still faster in the year's joint model after Holm's adjustment. */
const jointHolds = (e: Parameters<typeof jointVerdict>[0]) => {
  const v = jointVerdict(e);
  return v.evidence === 'faster' && v.holm;
};

/**
 * The program portfolio the card answers from (no filter: the card says which of the page's it does
 * not apply). Ringkasan reads it too, for its glossary: the same request, made once by Apollo.
 */
export function useImpactQuery() {
  return useQuery(ProgramPortfolioQuery, { variables: {} });
}

/**
 * Ringkasan's answer to "does the training pay off?": of the program cohorts whose effect on service
 * days can be measured, how many served citizens faster after Holm's correction for testing every
 * cohort (those faster before it only are named as such, not counted), and the strongest of them
 * (shown effects first), from the program
 * portfolio (the same request the ROI page makes, so one answer serves both). Planners and admins
 * only: for a role that may not see ROI the card is not shown at all.
 */
export function ImpactCard({ catalog }: { readonly catalog: Catalog }) {
  const { t, lang } = useLang();
  const [filters] = useFilters();
  // The portfolio takes no filter: the card says which of the page's it does not apply.
  const ignoredNote = impactIgnoredNote(filters, t);
  const query = useImpactQuery();
  const entries = query.data?.programPortfolio;
  const summary = useMemo(() => (entries ? portfolioSummary(entries) : null), [entries]);
  const top = useMemo(
    () =>
      entries
        ? sortPortfolio(
            entries.filter((e) => e.evidence === 'faster'),
            DEFAULT_PORTFOLIO_SORT,
          ).slice(0, TOP)
        : [],
    [entries],
  );
  // Not this role's figures (or no valid token): the rest of the page stands on its own.
  const hidden =
    query.error !== undefined && ['forbidden', 'unauthenticated'].includes(classifyError(query.error).kind);
  if (hidden) return null;
  // What weakens each joint-model finding (agency clustering, few agencies), as the portfolio says.
  const caveats = new Map(summary?.jointFasterHolm.map((f) => [f.label, jointCaveatText(f, t, lang)]));
  const caveatOf = (e: (typeof top)[number]) => caveats.get(`${e.program} ${e.year}`) ?? '';
  const open = () => {
    updateSearch({ page: 'roi' });
    document.getElementById('main')?.focus();
  };
  return (
    <section className="card wide" aria-labelledby="impact-h" data-impact>
      <h2 id="impact-h">{t('impact.heading')}</h2>
      {query.loading && <Loading />}
      {query.error && <ErrorState error={query.error} onRetry={() => query.refetch()} />}
      {summary && (
        <>
          <p className="card-meta">
            {/* n: the program cohorts whose effect could be measured (each item gives its own groups). */}
            <span className="n-badge" data-impact-n={summary.estimable}>
              {t('impact.n', { n: formatNumber(summary.estimable, lang) })}
            </span>
            <SnapshotBadge />
          </p>
          {ignoredNote && (
            <p className="muted" data-ignored-filters>
              {ignoredNote}
            </p>
          )}
          <p className="callout" data-impact-summary>
            {summaryText(summary, t, lang)} {jointSummaryText(summary, t, lang)}
          </p>
          {top.length > 0 && (
            <ul className="impact-list">
              {top.map((e) => (
                <li
                  key={`${e.year}-${e.program}`}
                  data-joint-holds={jointHolds(e) || undefined}
                  data-joint-standing={jointStanding(e)}
                  data-before-holm={beforeHolmOnly(e) || undefined}
                >
                  {/* Faster on its own CI, not after Holm's correction over every cohort: said first. */}
                  {beforeHolmOnly(e) && (
                    <strong data-before-holm-note>
                      {t('portfolio.beforeHolmItem', { p: formatPValue(e.pValueHolm, lang) })}
                    </strong>
                  )}
                  {t('impact.item', {
                    program: catalog.programTitle(e.program),
                    year: String(e.year),
                    effect: formatSigned(e.roi.cohort.did.estimate, lang, 2),
                    roi:
                      e.roi.base?.roiPercent == null
                        ? '—'
                        : formatPercentPoints(e.roi.base.roiPercent, lang, 0),
                    cost: formatIdr(e.roi.costs?.totalIdr ?? null, lang),
                    joint: impactJointClause(e, t, lang),
                  })}
                  {jointHolds(e) && caveatOf(e) && (
                    <span data-joint-caveat>{t('impact.jointCaveat', { caveat: caveatOf(e) })}</span>
                  )}{' '}
                  <span className="muted" data-item-n>
                    {t('impact.itemN', {
                      treated: countText(e.roi.cohort.treated.n, t, lang),
                      control: countText(e.roi.cohort.control.n, t, lang),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p className="muted">
            {t('impact.scope')}{' '}
            <a
              href="?page=roi"
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                open();
              }}
            >
              {t('impact.open')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
