import { useQuery } from '@apollo/client/react';
import { useCallback, useMemo } from 'react';
import type { CsvTable } from '../charts/csv.ts';
import { DownloadButtons } from '../components/DownloadButtons.tsx';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { SnapshotBadge } from '../components/SnapshotBadge.tsx';
import { ErrorState, Loading } from '../components/StateView.tsx';
import { formatNumber, formatPValue, MISSING, pAfterLabel } from '../format/format.ts';
import { ProgramEffectsQuery } from '../graphql/operations.ts';
import type { CohortInput, ProgramEffects } from '../graphql/types.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { labelOf } from '../i18n/translate.ts';
import { countText, isHiddenCount } from './hidden-count.ts';
import {
  CLUSTERED_VERDICT_KEY,
  clusteredCheckOf,
  effectText,
  failedClusteredChecks,
  jointCsv,
  jointInputOf,
  jointModelSummary,
  jointWarnings,
  shownButNotAfterHolm,
  sortProgramEffects,
  TONE_CLASS,
  verdictOf,
} from './joint-effects.ts';

/**
 * Perbandingan Kohort, "Semua program sekaligus": the joint model over the cohort's window, outcome,
 * window length and agencies, one row per program completed in the window (each with the others held
 * fixed, Holm-adjusted p, and the same coefficient with agency-clustered errors as a check), the
 * program the form selected highlighted.
 */
export function JointEffectsCard({
  cohort,
  programTitle,
}: {
  readonly cohort: CohortInput;
  readonly programTitle: (code: string) => string;
}) {
  const { t, lang } = useLang();
  const input = useMemo(() => jointInputOf(cohort), [cohort]);
  const query = useQuery(ProgramEffectsQuery, { variables: { input } });
  const data = query.data?.programEffects;
  const selected = cohort.selector.value;
  const label = useCallback(
    (value: string) =>
      cohort.selector.kind === 'program'
        ? programTitle(value)
        : labelOf(t, cohort.selector.kind === 'method' ? 'method' : 'area', value),
    [cohort.selector.kind, programTitle, t],
  );

  return (
    <section className="card wide" aria-labelledby="joint-h" data-joint-effects>
      <h3 id="joint-h">{t(`joint.heading.${cohort.selector.kind}`)}</h3>
      <p className="card-meta">
        {data && !data.suppressed && (
          <span className="n-badge">{t('chart.n', { n: formatNumber(data.n, lang) })}</span>
        )}
        <SnapshotBadge />
      </p>
      <p className="muted">
        {t('joint.lead', {
          kind: t(`joint.kind.${cohort.selector.kind}`),
          kinds: t(`joint.kinds.${cohort.selector.kind}`),
        })}
      </p>
      {query.loading && <Loading />}
      {query.error && <ErrorState error={query.error} needsRole="analyst" onRetry={() => query.refetch()} />}
      {data && <JointResult data={data} selected={selected} label={label} />}
    </section>
  );
}

function JointResult({
  data,
  selected,
  label,
}: {
  readonly data: ProgramEffects;
  readonly selected: string | null;
  /** A row's name beside its code: the program title, or the method / area in the page's language. */
  readonly label: (value: string) => string;
}) {
  const { t, lang } = useLang();
  const rows = useMemo(() => sortProgramEffects(data.programs), [data.programs]);
  const texts = jointWarnings(data.warnings).map((w) => ({
    code: w.code,
    text: lang === 'id' ? w.id : w.en,
  }));
  const warnings = texts.map((w) => <li key={w.code}>{w.text}</li>);
  if (data.suppressed) {
    // Why the model is not fitted, in the page's language (the API's own words).
    return texts.length > 1 ? (
      <div className="callout warn" data-joint-suppressed>
        <ul className="warnings">{warnings}</ul>
      </div>
    ) : (
      <p className="callout warn" data-joint-suppressed>
        {texts[0]?.text ?? t('joint.suppressed')}
      </p>
    );
  }
  const outcome = data.outcome;
  const unit =
    outcome === 'sla_met_rate'
      ? t('joint.unitPoints')
      : lang === 'id'
        ? t(`kohort.unit.${outcome}`)
        : data.unit;
  const level = Math.round((data.programs.find((p) => p.effect.ci)?.effect.ci?.level ?? 0.95) * 100);
  const effectLabel = t('joint.effect', { level });
  const clusteredLabel = t('joint.clustered', { level });
  const jointTable = (snapshotId: string | null): CsvTable => {
    const { head, body } = jointCsv(rows, {
      by: data.by,
      outcome,
      t,
      label,
      effectLabel,
      // The CSV carries the raw difference of two 0–1 shares, not the screen's points.
      unit: outcome === 'sla_met_rate' ? t('joint.unitShareCsv') : unit,
      snapshotId: snapshotId ?? '',
    });
    return { header: head, rows: body };
  };
  return (
    <>
      <p className="callout" data-joint-summary>
        {jointModelSummary(data, t, lang)}
      </p>
      {rows.length > 0 && (
        <p>
          <DownloadButtons
            title={t(`joint.heading.${data.by}`)}
            table={jointTable}
            small={false}
            data-joint-csv
          />
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted">{t('joint.none')}</p>
      ) : (
        <ScrollBox
          label={t(`joint.caption.${data.by}`, { outcome: t(`kohort.outcome.${outcome}`) })}
          className="stack-host"
        >
          <table className="data-table stack-table joint-effects" data-joint-table>
            <caption className="sr-only">
              {t(`joint.caption.${data.by}`, { outcome: t(`kohort.outcome.${outcome}`) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(`joint.by.${data.by}`)}</th>
                <th scope="col" className="num">
                  {t('joint.n')}
                </th>
                <th scope="col" className="num">
                  {t(`joint.alsoOther.${data.by}`)}
                </th>
                <th scope="col" className="num">
                  {effectLabel} <span className="muted">{unit}</span>
                </th>
                <th scope="col">{t('joint.verdict')}</th>
                <th scope="col">
                  {clusteredLabel} <span className="muted">{unit}</span>
                </th>
                <th scope="col" className="num">
                  {t('joint.pHolm')}
                </th>
                <th scope="col">{t('joint.preTrend')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => {
                const verdict = verdictOf(p, outcome);
                const clustered = clusteredCheckOf(p, outcome, lang);
                const failedChecks = failedClusteredChecks(p, outcome, lang);
                const isSelected = p.program === selected;
                return (
                  <tr
                    key={p.program}
                    data-program={p.program}
                    data-direction={p.direction}
                    data-selected={isSelected || undefined}
                    aria-current={isSelected ? 'true' : undefined}
                    className={isSelected ? 'selected' : undefined}
                  >
                    <th scope="row">
                      {data.by === 'program' ? (
                        <>
                          <code>{p.program}</code> {label(p.program)}
                        </>
                      ) : (
                        label(p.program)
                      )}
                      {isSelected && <span className="sr-only"> ({t('joint.selected')})</span>}
                    </th>
                    <HiddenCountCell label={t('joint.n')} value={p.n} />
                    <HiddenCountCell label={t(`joint.alsoOther.${data.by}`)} value={p.alsoOtherPrograms} />
                    <td className="num" data-label={`${effectLabel}, ${unit}`}>
                      {effectText(p, outcome, lang)}
                    </td>
                    <td data-label={t('joint.verdict')}>
                      <span className={TONE_CLASS[verdict.tone]} data-verdict>
                        {t(verdict.key)}
                      </span>
                      {shownButNotAfterHolm(p) && (
                        <span className="muted holm-note" data-not-after-holm>
                          {t('joint.notAfterHolm')}
                        </span>
                      )}
                    </td>
                    <td
                      className="clustered-check"
                      data-label={`${clusteredLabel}, ${unit}`}
                      data-clustered={clustered ? (clustered.verdict ?? 'none') : undefined}
                      data-treated-agencies={clustered?.treatedAgencies}
                    >
                      {clustered ? (
                        <>
                          <span className="clustered-ci" data-clustered-ci>
                            {clustered.ci}
                          </span>
                          {clustered.bootstrapP && (
                            <span className="clustered-note" data-clustered-bootstrap>
                              {t('joint.clustered.bootstrapP', { p: pAfterLabel(clustered.bootstrapP) })}
                            </span>
                          )}
                          {clustered.verdict && (
                            <span
                              className={`clustered-note clustered-${clustered.verdict}`}
                              data-clustered-verdict={clustered.verdict}
                            >
                              {t(CLUSTERED_VERDICT_KEY[clustered.verdict])}
                            </span>
                          )}
                          {/* Which of the two checks did not show the effect (either suffices). */}
                          {failedChecks.length > 0 && (
                            <span className="clustered-note" data-clustered-failed>
                              {t('joint.clustered.failedBy', {
                                reasons: failedChecks
                                  .map((f) => t(f.key, f.values))
                                  .join(t('joint.clustered.failedAnd')),
                              })}
                            </span>
                          )}
                          {clustered.caution && (
                            <span className="clustered-note clustered-caution" data-clustered-caution>
                              {t(clustered.caution.key, clustered.caution.values)}
                            </span>
                          )}
                        </>
                      ) : (
                        MISSING
                      )}
                    </td>
                    <td className="num" data-label={t('joint.pHolm')}>
                      {formatPValue(p.pValueHolm, lang)}
                    </td>
                    <td data-label={t('joint.preTrend')}>
                      {p.preTrend?.ciExcludesZero === true ? (
                        <span className="evidence pretrend-flag" data-pretrend-flag>
                          {t('joint.preTrendBad')}
                        </span>
                      ) : p.preTrend?.ciExcludesZero === false ? (
                        <span className="muted">{t('joint.preTrendOk')}</span>
                      ) : (
                        MISSING
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {rows.length > 0 && (
        <p className="muted" data-clustered-note>
          {t('joint.clusteredNote')}
        </p>
      )}
      {warnings.length > 0 && (
        <>
          <h4>{t('kohort.warnings')}</h4>
          <ul className="warnings">{warnings}</ul>
        </>
      )}
    </>
  );
}

/** A table cell with a count, or "dirahasiakan" / "hidden" (with why, on hover) when the API hid it. */
function HiddenCountCell({ label, value }: { readonly label: string; readonly value: number | null }) {
  const { t, lang } = useLang();
  const hidden = isHiddenCount(value);
  return (
    <td
      className={hidden ? 'num suppressed-cell' : 'num'}
      data-label={label}
      data-hidden-count={hidden || undefined}
      title={hidden ? t('count.hiddenTitle') : undefined}
    >
      {countText(value, t, lang)}
    </td>
  );
}
