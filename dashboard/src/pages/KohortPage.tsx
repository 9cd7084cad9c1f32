import { skipToken, useQuery } from '@apollo/client/react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { ChartTable } from '../charts/chart-table.ts';
import { ChartCard } from '../components/ChartCard.tsx';
import { CiBar } from '../components/CiBar.tsx';
import { shownChoice, withCurrentOption } from '../components/current-option.ts';
import { Glossary } from '../components/Glossary.tsx';
import { MultiSelect } from '../components/MultiSelect.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { SnapshotBadge } from '../components/SnapshotBadge.tsx';
import { ErrorState, Loading } from '../components/StateView.tsx';
import { formatDate, formatNumber, formatPValue } from '../format/format.ts';
import { CohortQuery, ProgramEffectsQuery } from '../graphql/operations.ts';
import type {
  CohortComparison,
  CohortContrast,
  CohortInput,
  CohortOutcome,
  CohortSelectorKind,
} from '../graphql/types.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { labelOf, type Translate } from '../i18n/translate.ts';
import { COMPETENCY_AREAS, METHODS } from '../state/domain.ts';
import { updateSearch, useSearch } from '../state/url-store.ts';
import { ContrastSelect } from './ContrastSelect.tsx';
import {
  COHORT_KINDS,
  COHORT_OUTCOMES,
  type CohortLink,
  calendarYear,
  cohortFromSearch,
  describeLinkProblem,
  WINDOW_MONTHS,
} from './cohort-link.ts';
import {
  cohortStatus,
  effectCiText,
  effectHeadline,
  formatEffect,
  isEmptyStatus,
  kohortTerms,
  matchingText,
  prePostChart,
  preTrendLine,
  shownWarnings,
  statusHeadline,
} from './cohort-result.ts';
import { contrastKey, contrastToParam } from './contrast.ts';
import { useDefaultCohort } from './default-cohort.ts';
import { countText } from './hidden-count.ts';
import { JointEffectsCard } from './JointEffectsCard.tsx';
import { jointInputOf } from './joint-effects.ts';
import { monthEnd, monthStart } from './month-window.ts';
import { useCatalog } from './use-catalog.ts';
import { WholeMonthsNote } from './WholeMonthsNote.tsx';

const isRate = (outcome: CohortOutcome) => outcome === 'sla_met_rate';

/** The window length field as the link gives it: an invalid one as typed, so the reader sees it. */
const windowField = (link: CohortLink, search: string) =>
  link.problems.some((p) => p.kind === 'windowOutOfRange')
    ? (new URLSearchParams(search).get('cwin') ?? '')
    : String(link.asked.windowMonths ?? WINDOW_MONTHS.default);

/**
 * Before and after, trained and comparison. A comparison with nobody in it (no data in a window, no
 * completers, no match) has no rows: nothing was hidden, so no cell is counted as suppressed.
 */
export function prePostTable(c: CohortComparison, t: Translate, lang: 'id' | 'en'): ChartTable {
  const row = (label: string, window: { from: string; to: string }, pick: 'meanPre' | 'meanPost') => ({
    values: {
      window: `${label} (${formatDate(window.from, lang)} – ${formatDate(window.to, lang)})`,
      treated: c.treated[pick],
      control: c.control[pick],
    },
    n: c.n,
    suppressed: c.suppressed,
    // The API says why (an arm below the minimum, or the agencies filter's complement); a hidden
    // comparison without a reason is said plainly, never as "n < 5".
    ...(c.suppressed && c.suppressionReason ? { suppressionReason: c.suppressionReason } : {}),
  });
  const kind = isRate(c.outcome) ? ('fraction' as const) : ('score' as const);
  return {
    columns: [
      { key: 'window', label: t('chart.period'), kind: 'text' },
      { key: 'treated', label: t('kohort.treated'), kind },
      { key: 'control', label: t('kohort.control'), kind },
    ],
    rows: isEmptyStatus(cohortStatus(c))
      ? []
      : [row(t('kohort.pre'), c.windows.pre, 'meanPre'), row(t('kohort.post'), c.windows.post, 'meanPost')],
    minN: null,
  };
}

export default function KohortPage() {
  const { t, lang } = useLang();
  const params = useSearch();
  const catalog = useCatalog();
  const search = params.toString();
  // The cohort the URL names, or why it cannot be compared as it is (a malformed shared link): the
  // form keeps whatever the link names validly and the page says what is wrong, never swapping in
  // the default cohort.
  const link = useMemo(() => cohortFromSearch(new URLSearchParams(search)), [search]);
  const cohort = link.cohort;
  const asked = link.asked;

  const [kind, setKind] = useState<CohortSelectorKind>(asked.kind ?? 'program');
  const [value, setValue] = useState(asked.value ?? '');
  // Empty until typed: the window shows the default (the latest measurable year) meanwhile, unless
  // the URL names a cohort (then a missing or invalid date stays empty, for the reader to fill in).
  const [fromInput, setFrom] = useState(asked.from ?? '');
  const [toInput, setTo] = useState(asked.to ?? '');
  const defaults = useDefaultCohort();
  const from = fromInput || (link.named ? '' : defaults.window?.from || '');
  const to = toInput || (link.named ? '' : defaults.window?.to || '');
  const [outcome, setOutcome] = useState<CohortOutcome>(asked.outcome ?? 'service_days');
  // As typed (it may be empty while the user retypes it); read as a number on submit.
  const [windowInput, setWindowMonths] = useState(windowField(link, search));
  const [agencies, setAgencies] = useState<string[]>(asked.agencies ? [...asked.agencies] : []);
  const [contrast, setContrast] = useState<CohortContrast>(asked.contrast ?? 'vs_rest');

  // Back/forward refills the form from the URL: another cohort, or none (the default cohort, whose
  // program and window the form shows while its own fields are empty).
  useEffect(() => {
    setKind(link.asked.kind ?? 'program');
    setValue(link.asked.value ?? '');
    setFrom(link.asked.from ?? '');
    setTo(link.asked.to ?? '');
    setOutcome(link.asked.outcome ?? 'service_days');
    setWindowMonths(windowField(link, search));
    setAgencies(link.asked.agencies ? [...link.asked.agencies] : []);
    setContrast(link.asked.contrast ?? 'vs_rest');
  }, [link, search]);
  const windowMonths = Number(windowInput);

  const options = useMemo(() => {
    if (kind === 'program')
      return catalog.programs.map((p) => ({ value: p.code, label: `${p.code} — ${p.title}` }));
    if (kind === 'method') return METHODS.map((m) => ({ value: m, label: labelOf(t, 'method', m) }));
    return COMPETENCY_AREAS.map((a) => ({ value: a, label: labelOf(t, 'area', a) }));
  }, [kind, catalog.programs, t]);
  // No value (no cohort in the URL, or the kind was just changed): the default program, else the
  // first option. A value the options lack (a shared link's unknown program) is kept and shown as
  // unknown, never replaced: the form names what the link asked for, next to the API's error.
  const chosen = shownChoice(
    value,
    options.map((o) => o.value),
    kind === 'program' ? defaults.program : null,
  );
  // No program in the data at all (an empty warehouse): nothing to compare by program. Said plainly,
  // and Compare is off, rather than writing a link without a choice (`ck=program` alone) whose error
  // would blame a link the user never used (no choice of program means the catalog has none: a
  // link's unknown code is still a choice). While the catalog loads (or has failed) nothing is said;
  // Compare waits for a choice all the same.
  const noPrograms = kind === 'program' && !chosen && !catalog.loading && !catalog.error;
  const shownOptions = withCurrentOption(
    options,
    chosen,
    kind !== 'program' || catalog.programs.length > 0,
    (v) => t('filter.unknownOption', { value: v }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    updateSearch({
      ck: kind,
      cv: chosen,
      // Whole months, as the API takes them (the note under the dates says so); for SKP appraisals,
      // which are yearly, the calendar year of the start (the API takes no other window).
      cfrom: outcome === 'appraisal_score' ? calendarYear(from).from : monthStart(from),
      cto: outcome === 'appraisal_score' ? calendarYear(from).to : monthEnd(to),
      cout: outcome,
      cwin: String(
        Number.isInteger(windowMonths) &&
          windowMonths >= WINDOW_MONTHS.min &&
          windowMonths <= WINDOW_MONTHS.max
          ? windowMonths
          : WINDOW_MONTHS.default,
      ),
      cag: agencies.length ? [...agencies].sort().join(',') : null,
      cc: contrastToParam(contrast),
    });
  };

  // Without a cohort in the URL the page shows the default one (the largest program of the latest
  // measurable year, on service days), so it opens on an answer; the form shows the same. A link
  // that names a cohort with a fault shows no comparison until the form is corrected. The default's
  // window comes with the snapshot; its program only with the completers query after it.
  const defaultScope = useMemo(
    () =>
      !link.named && defaults.window
        ? {
            from: defaults.window.from,
            to: defaults.window.to,
            outcome: 'service_days' as const,
            windowMonths: 12,
            agencies: null,
          }
        : null,
    [link.named, defaults.window],
  );
  const shown = useMemo<CohortInput | null>(
    () =>
      cohort ??
      (defaultScope && defaults.program
        ? { selector: { kind: 'program', value: defaults.program }, ...defaultScope }
        : null),
    [cohort, defaultScope, defaults.program],
  );
  // The joint model (`JointEffectsCard`, mounted with the cohort) needs the window, not the program:
  // asked for here as soon as the window is known, beside the completers query rather than after
  // it; the card's own query, with the same variables (`jointInputOf`), reads this one's answer.
  const jointInput = useMemo(() => {
    const scope = cohort ?? (defaultScope && { ...defaultScope, selector: { kind: 'program' as const } });
    return scope ? jointInputOf(scope) : null;
  }, [cohort, defaultScope]);
  useQuery(ProgramEffectsQuery, jointInput ? { variables: { input: jointInput } } : skipToken);
  const result = useQuery(CohortQuery, shown ? { variables: { cohort: shown } } : skipToken);
  const c = result.data?.cohortComparison;
  const table = useMemo(() => (c ? prePostTable(c, t, lang) : null), [c, t, lang]);
  const cOutcome = c?.outcome;
  const chart = useMemo(() => (cOutcome ? prePostChart(cOutcome, t) : undefined), [cOutcome, t]);
  const status = c ? cohortStatus(c) : null;
  const headline = c && status === 'estimated' ? effectHeadline(c, t, lang) : null;
  const matching = c ? matchingText(c, t, lang) : null;
  const preTrend = c ? preTrendLine(c, t, lang) : null;
  const warnings = useMemo(() => (c ? shownWarnings(c) : []), [c]);
  // The CI bar's hover text in the effect's unit: percentage points for the SLA rate.
  const scale = c && isRate(c.outcome) ? 100 : 1;

  return (
    <div className="grid">
      <section className="card wide" aria-labelledby="builder-h">
        <h2 id="builder-h">{t('kohort.builder')}</h2>
        {!link.named && defaults.program && defaults.window && (
          <p className="muted" data-default-note>
            {t('default.cohortNote', { year: defaults.window.from.slice(0, 4) })}
          </p>
        )}
        <form onSubmit={submit} data-cohort-form>
          <div className="form-grid">
            <SelectField
              label={t('kohort.selectorKind')}
              name="kind"
              value={kind}
              onChange={(v) => {
                setKind(v as CohortSelectorKind);
                // A program code is no method: the new kind starts on its default choice.
                setValue('');
              }}
            >
              {COHORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kohort.kind.${k}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('kohort.value')} name="value" value={chosen} onChange={setValue}>
              {shownOptions.map((o) => (
                <option key={o.value} value={o.value} data-unknown={o.unknown || undefined}>
                  {o.label}
                </option>
              ))}
            </SelectField>
            <label className="field">
              <span className="field-label">{t('kohort.from')}</span>
              <input
                type="date"
                name="from"
                value={from}
                required
                onChange={(e) => setFrom(e.currentTarget.value)}
              />
            </label>
            <label className="field">
              <span className="field-label">{t('kohort.to')}</span>
              <input
                type="date"
                name="to"
                value={to}
                min={from}
                required
                onChange={(e) => setTo(e.currentTarget.value)}
              />
            </label>
            {outcome === 'appraisal_score' && from ? (
              <p className="muted field-note" data-calendar-year role="status">
                {t('kohort.calendarYear', { year: from.slice(0, 4) })}
              </p>
            ) : (
              <WholeMonthsNote from={from} to={to} />
            )}
            <SelectField
              label={t('kohort.outcome')}
              name="outcome"
              value={outcome}
              onChange={(v) => setOutcome(v as CohortOutcome)}
            >
              {COHORT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`kohort.outcome.${o}`)}
                </option>
              ))}
            </SelectField>
            <ContrastSelect name="contrast" value={contrast} onChange={setContrast} kind={kind} />
            <label className="field">
              <span className="field-label">{t('kohort.windowMonths')}</span>
              <input
                type="number"
                name="windowMonths"
                min={WINDOW_MONTHS.min}
                max={WINDOW_MONTHS.max}
                required
                step={1}
                value={windowInput}
                onChange={(e) => setWindowMonths(e.currentTarget.value)}
              />
            </label>
            <MultiSelect
              name="cohortAgencies"
              label={t('filter.agencies')}
              options={catalog.agencies.map((a) => ({ value: a.code, label: a.name }))}
              selected={agencies}
              onChange={setAgencies}
            />
          </div>
          <div className="form-actions">
            <button
              type="submit"
              className="btn btn-primary"
              disabled={!chosen}
              aria-describedby={noPrograms ? 'kohort-no-programs' : undefined}
            >
              {t('kohort.run')}
            </button>
          </div>
        </form>
      </section>

      {link.problems.length > 0 && (
        <div className="card wide">
          <div className="state state-error" role="alert" data-error-kind="badLink">
            <p>{t('kohort.link.heading')}</p>
            <ul data-link-problems>
              {link.problems.map((p) => (
                <li key={`${p.kind}-${'param' in p ? p.param : ''}`} data-problem={p.kind}>
                  {describeLinkProblem(p, t)}
                </li>
              ))}
            </ul>
            <p className="muted">{t('kohort.link.fix')}</p>
          </div>
        </div>
      )}
      {noPrograms ? (
        // In place of "press Compare", which is off.
        <div className="card wide">
          <p className="state state-empty" id="kohort-no-programs" data-no-programs>
            {t('kohort.noPrograms')}
          </p>
        </div>
      ) : (
        !shown &&
        !link.named &&
        !defaults.loading &&
        (defaults.error ? (
          // No default cohort because the snapshot did not come (an unknown token): say why.
          <div className="card wide">
            <ErrorState error={defaults.error} needsRole="analyst" />
          </div>
        ) : (
          <p className="card wide muted">{t('kohort.prompt')}</p>
        ))
      )}
      {((shown && result.loading) || (!shown && defaults.loading)) && (
        <div className="card wide">
          <Loading />
        </div>
      )}
      {shown && result.error && (
        <div className="card wide">
          <ErrorState error={result.error} needsRole="analyst" onRetry={() => result.refetch()} />
        </div>
      )}
      {c && table && (
        <>
          <ChartCard
            title={t('kohort.prePost')}
            table={table}
            chart={chart}
            n={c.n}
            emptyText={t('kohort.noValues')}
          />
          <section className="card" aria-labelledby="did-h" data-cohort-result>
            <h3 id="did-h">{t('kohort.did')}</h3>
            <p className="card-meta">
              <span className="n-badge" title={c.n === null ? t('count.hiddenTitle') : undefined}>
                {t('chart.n', { n: countText(c.n, t, lang) })}
              </span>
              <SnapshotBadge />
            </p>
            {status !== 'estimated' && status !== null && (
              // Why there is no estimate, from the API's coverage warnings and the group sizes: only a
              // group of 1 to 4 is hidden for privacy; an empty one is said to be empty.
              <p className="callout warn" data-cohort-status={status}>
                {t(statusHeadline(status, c.suppressionReason))}
              </p>
            )}
            {status === 'estimated' && c.did.estimate !== null && c.did.ci && (
              <>
                <p className="callout" data-cohort-headline>
                  {headline}
                </p>
                <CiBar
                  estimate={c.did.estimate * scale}
                  low={c.did.ci.low * scale}
                  high={c.did.ci.high * scale}
                  label={t('kohort.ci', { level: Math.round(c.did.ci.level * 100) })}
                />
              </>
            )}
            {!isEmptyStatus(status ?? 'estimated') && !c.suppressed && (
              <dl className="stat-list">
                <div className="stat">
                  <dt>{t('kohort.did')}</dt>
                  <dd data-did>{formatEffect(c.outcome, c.did.estimate, lang, 'words')}</dd>
                </div>
                <div className="stat">
                  <dt>{t('kohort.ci', { level: Math.round((c.did.ci?.level ?? 0.95) * 100) })}</dt>
                  <dd>{c.did.ci ? effectCiText(c.outcome, c.did.ci, lang, 'words') : '—'}</dd>
                </div>
                <div className="stat">
                  <dt>{t('kohort.hedges')}</dt>
                  <dd>{formatNumber(c.hedgesG?.g, lang, 2)}</dd>
                </div>
                <div className="stat">
                  <dt>{t('kohort.nArms')}</dt>
                  <dd>
                    {countText(c.treated.n, t, lang)} / {countText(c.control.n, t, lang)}
                  </dd>
                </div>
                <div className="stat">
                  <dt>p</dt>
                  <dd>{formatPValue(c.did.pValue, lang)}</dd>
                </div>
              </dl>
            )}
            <p className="muted" data-contrast={c.contrast}>
              {t('contrast.echo', { contrast: t(contrastKey(c.contrast, c.selector.kind, 'label')) })}{' '}
              {t(contrastKey(c.contrast, c.selector.kind, 'note'))}
            </p>
            {matching !== null && (
              <p className="muted" data-matching>
                {matching}
              </p>
            )}
            {preTrend && (
              // Never left out: when the check could not be run, the line says so and why.
              <p className={preTrend.tone === 'ok' ? 'muted' : 'callout warn'} data-pre-trend={preTrend.tone}>
                {preTrend.text}
              </p>
            )}
            <h4>{t('kohort.warnings')}</h4>
            {warnings.length === 0 ? (
              <p className="muted">{t('kohort.noWarnings')}</p>
            ) : (
              <ul className="warnings">
                {warnings.map((w) => (
                  <li key={w.code}>{lang === 'id' ? w.id : w.en}</li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {/* The same window in one model with every program of it: beside the cohort, not instead. */}
      {shown && !result.error && <JointEffectsCard cohort={shown} programTitle={catalog.programTitle} />}
      {c && (
        <Glossary
          terms={kohortTerms(c, {
            stats: !isEmptyStatus(status ?? 'estimated') && !c.suppressed,
            matching: matching !== null,
          })}
        />
      )}
    </div>
  );
}
