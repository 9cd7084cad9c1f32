import { skipToken, useQuery } from '@apollo/client/react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { ChartTable } from '../charts/chart-table.ts';
import { ChartCard } from '../components/ChartCard.tsx';
import { CiBar } from '../components/CiBar.tsx';
import { withCurrentOption } from '../components/current-option.ts';
import { MultiSelect } from '../components/MultiSelect.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { SnapshotBadge } from '../components/SnapshotBadge.tsx';
import { ErrorState, Loading } from '../components/StateView.tsx';
import { formatDate, formatNumber } from '../format/format.ts';
import { CohortQuery } from '../graphql/operations.ts';
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
import { contrastFromParam, contrastToParam } from './contrast.ts';
import { useDefaultCohort } from './default-cohort.ts';
import { JointEffectsCard } from './JointEffectsCard.tsx';
import { formatOutcome } from './joint-effects.ts';
import { useCatalog } from './use-catalog.ts';

const KINDS: CohortSelectorKind[] = ['program', 'method', 'competencyArea'];
const OUTCOMES: CohortOutcome[] = ['service_days', 'sla_met_rate', 'requests_handled', 'appraisal_score'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The cohort as it lives in the URL (`ck`, `cv`, `cfrom`, `cto`, `cout`, `cwin`, `cag`, `cc`), or null. */
export function cohortFromSearch(params: URLSearchParams): CohortInput | null {
  const kind = params.get('ck') as CohortSelectorKind | null;
  const value = params.get('cv');
  const from = params.get('cfrom');
  const to = params.get('cto');
  const outcome = params.get('cout') as CohortOutcome | null;
  if (!kind || !KINDS.includes(kind) || !value || !from || !to || !DATE.test(from) || !DATE.test(to))
    return null;
  if (!outcome || !OUTCOMES.includes(outcome)) return null;
  const win = Number(params.get('cwin'));
  const agencies = (params.get('cag') ?? '').split(',').filter(Boolean);
  return {
    selector: { kind, value },
    from,
    to,
    outcome,
    windowMonths: Number.isInteger(win) && win >= 1 && win <= 36 ? win : 12,
    agencies: agencies.length ? agencies : null,
    contrast: contrastFromParam(params.get('cc')),
  };
}

const isRate = (outcome: CohortOutcome) => outcome === 'sla_met_rate';

function prePostTable(c: CohortComparison, t: Translate, lang: 'id' | 'en'): ChartTable {
  const row = (label: string, window: { from: string; to: string }, pick: 'meanPre' | 'meanPost') => ({
    values: {
      window: `${label} (${formatDate(window.from, lang)} – ${formatDate(window.to, lang)})`,
      treated: c.treated[pick],
      control: c.control[pick],
    },
    n: c.n,
    suppressed: c.suppressed,
    suppressionReason: c.suppressed ? ('primary' as const) : null,
  });
  const kind = isRate(c.outcome) ? ('fraction' as const) : ('score' as const);
  return {
    columns: [
      { key: 'window', label: t('chart.period'), kind: 'text' },
      { key: 'treated', label: t('kohort.treated'), kind },
      { key: 'control', label: t('kohort.control'), kind },
    ],
    rows: [row(t('kohort.pre'), c.windows.pre, 'meanPre'), row(t('kohort.post'), c.windows.post, 'meanPost')],
    minN: null,
  };
}

export default function KohortPage() {
  const { t, lang } = useLang();
  const params = useSearch();
  const catalog = useCatalog();
  const search = params.toString();
  const cohort = useMemo(() => cohortFromSearch(new URLSearchParams(search)), [search]);

  const [kind, setKind] = useState<CohortSelectorKind>(cohort?.selector.kind ?? 'program');
  const [value, setValue] = useState(cohort?.selector.value ?? '');
  // Empty until typed: the window shows the default (the latest measurable year) meanwhile.
  const [fromInput, setFrom] = useState(cohort?.from ?? '');
  const [toInput, setTo] = useState(cohort?.to ?? '');
  const defaults = useDefaultCohort();
  const from = fromInput || defaults.window?.from || '';
  const to = toInput || defaults.window?.to || '';
  const [outcome, setOutcome] = useState<CohortOutcome>(cohort?.outcome ?? 'service_days');
  // As typed (it may be empty while the user retypes it); read as a number on submit.
  const [windowInput, setWindowMonths] = useState(String(cohort?.windowMonths ?? 12));
  const [agencies, setAgencies] = useState<string[]>(cohort?.agencies ?? []);
  const [contrast, setContrast] = useState<CohortContrast>(cohort?.contrast ?? 'vs_rest');

  // Back/forward refills the form from the URL: another cohort, or none (the default cohort, whose
  // program and window the form shows while its own fields are empty).
  useEffect(() => {
    setKind(cohort?.selector.kind ?? 'program');
    setValue(cohort?.selector.value ?? '');
    setFrom(cohort?.from ?? '');
    setTo(cohort?.to ?? '');
    setOutcome(cohort?.outcome ?? 'service_days');
    setWindowMonths(String(cohort?.windowMonths ?? 12));
    setAgencies(cohort?.agencies ? [...cohort.agencies] : []);
    setContrast(cohort?.contrast ?? 'vs_rest');
  }, [cohort]);
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
  const fallback =
    kind === 'program' && options.some((o) => o.value === defaults.program) ? defaults.program : null;
  const chosen = value || fallback || options[0]?.value || '';
  const shownOptions = withCurrentOption(
    options,
    chosen,
    kind !== 'program' || catalog.programs.length > 0,
    (v) => t('filter.unknownOption', { value: v }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    updateSearch({
      ck: kind,
      cv: chosen,
      cfrom: from,
      cto: to,
      cout: outcome,
      cwin: String(
        Number.isInteger(windowMonths) && windowMonths >= 1 && windowMonths <= 36 ? windowMonths : 12,
      ),
      cag: agencies.length ? [...agencies].sort().join(',') : null,
      cc: contrastToParam(contrast),
    });
  };

  // Without a cohort in the URL the page shows the default one (the largest program of the latest
  // measurable year, on service days), so it opens on an answer; the form shows the same.
  const shown = useMemo<CohortInput | null>(
    () =>
      cohort ??
      (defaults.program && defaults.window
        ? {
            selector: { kind: 'program', value: defaults.program },
            from: defaults.window.from,
            to: defaults.window.to,
            outcome: 'service_days',
            windowMonths: 12,
            agencies: null,
          }
        : null),
    [cohort, defaults.program, defaults.window],
  );
  const result = useQuery(CohortQuery, shown ? { variables: { cohort: shown } } : skipToken);
  const c = result.data?.cohortComparison;
  const table = useMemo(() => (c ? prePostTable(c, t, lang) : null), [c, t, lang]);

  return (
    <div className="grid">
      <section className="card wide" aria-labelledby="builder-h">
        <h2 id="builder-h">{t('kohort.builder')}</h2>
        {!cohort && defaults.program && defaults.window && (
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
              {KINDS.map((k) => (
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
            <SelectField
              label={t('kohort.outcome')}
              name="outcome"
              value={outcome}
              onChange={(v) => setOutcome(v as CohortOutcome)}
            >
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`kohort.outcome.${o}`)}
                </option>
              ))}
            </SelectField>
            <ContrastSelect name="contrast" value={contrast} onChange={setContrast} />
            <label className="field">
              <span className="field-label">{t('kohort.windowMonths')}</span>
              <input
                type="number"
                name="windowMonths"
                min={1}
                max={36}
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
            <button type="submit" className="btn btn-primary">
              {t('kohort.run')}
            </button>
          </div>
        </form>
      </section>

      {!shown &&
        !defaults.loading &&
        (defaults.error ? (
          // No default cohort because the snapshot did not come (an unknown token): say why.
          <div className="card wide">
            <ErrorState error={defaults.error} needsRole="analyst" />
          </div>
        ) : (
          <p className="card wide muted">{t('kohort.prompt')}</p>
        ))}
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
            chart={{
              kind: 'line',
              series: ['treated', 'control'],
              yKind: isRate(c.outcome) ? 'fraction' : 'score',
            }}
            n={c.n}
          />
          <section className="card" aria-labelledby="did-h" data-cohort-result>
            <h3 id="did-h">{t('kohort.did')}</h3>
            <p className="card-meta">
              <span className="n-badge">{t('chart.n', { n: formatNumber(c.n, lang) })}</span>
              <SnapshotBadge />
            </p>
            {c.suppressed ? (
              <p className="callout warn">{t('kohort.suppressedResult')}</p>
            ) : (
              <>
                {c.did.estimate !== null && c.did.ci && (
                  <>
                    <p className="callout">
                      {t('kohort.interpretation', {
                        estimate: formatOutcome(c.outcome, c.did.estimate, lang),
                        unit: lang === 'id' ? t(`kohort.unit.${c.outcome}`) : c.unit,
                        low: formatOutcome(c.outcome, c.did.ci.low, lang),
                        high: formatOutcome(c.outcome, c.did.ci.high, lang),
                      })}
                    </p>
                    <CiBar
                      estimate={c.did.estimate}
                      low={c.did.ci.low}
                      high={c.did.ci.high}
                      label={t('kohort.ci', { level: Math.round(c.did.ci.level * 100) })}
                    />
                  </>
                )}
                <dl className="stat-list">
                  <div className="stat">
                    <dt>{t('kohort.did')}</dt>
                    <dd>{formatOutcome(c.outcome, c.did.estimate, lang)}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t('kohort.ci', { level: Math.round((c.did.ci?.level ?? 0.95) * 100) })}</dt>
                    <dd>
                      {c.did.ci
                        ? `${formatOutcome(c.outcome, c.did.ci.low, lang)} … ${formatOutcome(c.outcome, c.did.ci.high, lang)}`
                        : '—'}
                    </dd>
                  </div>
                  <div className="stat">
                    <dt>{t('kohort.hedges')}</dt>
                    <dd>{formatNumber(c.hedgesG?.g, lang, 2)}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t('kohort.nArms')}</dt>
                    <dd>
                      {formatNumber(c.treated.n, lang)} / {formatNumber(c.control.n, lang)}
                    </dd>
                  </div>
                  <div className="stat">
                    <dt>p</dt>
                    <dd>{formatNumber(c.did.pValue, lang, 3)}</dd>
                  </div>
                </dl>
              </>
            )}
            <p className="muted" data-contrast={c.contrast}>
              {t('contrast.echo', { contrast: t(`contrast.${c.contrast}`) })}{' '}
              {t(`contrast.${c.contrast}.note`)}
            </p>
            <p className="muted">
              {t('kohort.matching', {
                dropped: formatNumber(c.matching.treatedDropped, lang),
                eligible: formatNumber(c.matching.treatedEligible, lang),
                strata: c.matching.strata,
              })}
            </p>
            {c.preTrend && c.preTrend.ciExcludesZero !== null && (
              <p className={c.preTrend.ciExcludesZero ? 'callout warn' : 'muted'}>
                {t('kohort.preTrend')}:{' '}
                {c.preTrend.ciExcludesZero ? t('kohort.preTrendBad') : t('kohort.preTrendOk')}
              </p>
            )}
            <h4>{t('kohort.warnings')}</h4>
            {c.warnings.length === 0 ? (
              <p className="muted">{t('kohort.noWarnings')}</p>
            ) : (
              <ul className="warnings">
                {c.warnings.map((w) => (
                  <li key={w.code}>{lang === 'id' ? w.id : w.en}</li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {/* The same window in one model with every program of it: beside the cohort, not instead. */}
      {shown && !result.error && <JointEffectsCard cohort={shown} programTitle={catalog.programTitle} />}
    </div>
  );
}
