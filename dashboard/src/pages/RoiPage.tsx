import { skipToken, useQuery } from '@apollo/client/react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useSnapshot } from '../app/SnapshotContext.tsx';
import { type ChartTable, plainRow } from '../charts/chart-table.ts';
import { ChartCard } from '../components/ChartCard.tsx';
import { Empty, ErrorState, Loading } from '../components/StateView.tsx';
import { formatDate, formatIdr, formatNumber, formatPercentPoints } from '../format/format.ts';
import { BudgetScenarioQuery, RoiQuery } from '../graphql/operations.ts';
import type { BudgetScenarioInput, Roi, RoiAssumptionsInput } from '../graphql/types.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { labelOf, type Translate } from '../i18n/translate.ts';
import { updateSearch, useSearch } from '../state/url-store.ts';
import { useDefaultCohort } from './default-cohort.ts';
import { ASSUMPTION_KEYS, type AssumptionKey, roiFromSearch, roiToSearch } from './roi-params.ts';
import { useCatalog } from './use-catalog.ts';

function casesTable(roi: Roi, t: Translate): ChartTable {
  const row = (label: string, c: Roi['base']) =>
    plainRow(
      {
        case: label,
        roi: c.roiPercent,
        bcr: c.bcr,
        benefits: c.benefitsIdr,
        net: c.netBenefitsIdr,
        payback: c.paybackMonths,
      },
      roi.n,
    );
  return {
    columns: [
      { key: 'case', label: t('roi.case'), kind: 'text' },
      { key: 'roi', label: t('roi.roiPercent'), kind: 'percentPoints' },
      { key: 'bcr', label: t('roi.bcr'), kind: 'ratio' },
      { key: 'benefits', label: t('roi.benefits'), kind: 'idr' },
      { key: 'net', label: t('roi.netBenefits'), kind: 'idr' },
      { key: 'payback', label: t('roi.payback'), kind: 'ratio' },
    ],
    rows: [row(t('roi.low'), roi.low), row(t('roi.base'), roi.base), row(t('roi.high'), roi.high)],
    minN: null,
  };
}

function costTable(roi: Roi, t: Translate): ChartTable {
  return {
    columns: [
      { key: 'item', label: t('roi.costItem'), kind: 'text' },
      { key: 'amount', label: t('roi.totalCost'), kind: 'idr' },
    ],
    rows: [
      ...roi.costs.programByCategory.map((c) =>
        plainRow({ item: labelOf(t, 'cost', c.category), amount: c.amountIdr }, roi.n),
      ),
      plainRow({ item: t('roi.timeCost'), amount: roi.costs.participantTimeIdr }, roi.n),
    ],
    minN: null,
  };
}

/** ROI & Anggaran: the Phillips chain with editable assumptions, then a budget scenario. */
export default function RoiPage() {
  const { t, lang } = useLang();
  /** The API's text in the reader's language: its Indonesian variant, or the English one when it has none. */
  const inLang = (en: string, id: string | null | undefined) => (lang === 'en' ? en : (id ?? en));
  const params = useSearch();
  const search = params.toString();
  const catalog = useCatalog();
  const snapshot = useSnapshot();
  const defaults = useDefaultCohort();
  const input = useMemo(() => roiFromSearch(new URLSearchParams(search), defaults), [search, defaults]);

  const [program, setProgram] = useState(input?.selector.value ?? '');
  const [from, setFrom] = useState(input?.from ?? '');
  const [to, setTo] = useState(input?.to ?? '');
  const [assumptions, setAssumptions] = useState<Partial<Record<AssumptionKey, string>>>({});
  useEffect(() => {
    setProgram(input?.selector.value ?? '');
    setFrom(input?.from ?? '');
    setTo(input?.to ?? '');
    setAssumptions(
      Object.fromEntries(
        ASSUMPTION_KEYS.map((k) => [k, input?.assumptions?.[k]?.toString() ?? '']),
      ) as Record<AssumptionKey, string>,
    );
  }, [input]);

  const roiQuery = useQuery(RoiQuery, input ? { variables: { input } } : skipToken);
  const roi = roiQuery.data?.roi;
  // Placeholders show the values the API used, so "default" is a number, not a blank.
  const used = new Map(roi?.assumptions.map((a) => [a.name, a.value]) ?? []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const overrides: RoiAssumptionsInput = {};
    for (const key of ASSUMPTION_KEYS) {
      const raw = assumptions[key]?.replace(',', '.');
      if (raw) overrides[key] = Number(raw);
    }
    updateSearch(
      roiToSearch({ selector: { kind: 'program', value: program }, from, to, assumptions: overrides }),
    );
  };

  const tables = useMemo(
    () => (roi ? { cases: casesTable(roi, t), costs: costTable(roi, t) } : null),
    [roi, t],
  );
  const idr = (v: number | null | undefined) => formatIdr(v, lang);
  // The IKM on one line, its band and respondents under it: the column stays narrow in a half card.
  const ikmReading = (r: { ikm: number; band: string; respondents: number } | null | undefined) =>
    r ? (
      <>
        {formatNumber(r.ikm, lang, 2)}
        <br />
        <span className="muted">
          {r.band}, {t('roi.respondents', { n: formatNumber(r.respondents, lang) })}
        </span>
      </>
    ) : (
      '—'
    );
  const range = (r: { low: number; base: number; high: number } | null, f: (v: number) => string) =>
    r ? `${f(r.low)} / ${f(r.base)} / ${f(r.high)}` : '—';

  return (
    <div className="grid">
      <section className="card wide" aria-labelledby="roi-form-h">
        <h2 id="roi-form-h">{t('roi.chain')}</h2>
        {!params.get('rp') && defaults.program && defaults.window && (
          <p className="muted" data-default-note>
            {t('default.cohortNote', { year: defaults.window.from.slice(0, 4) })}
          </p>
        )}
        <form onSubmit={submit} data-roi-form>
          <div className="form-grid">
            <label className="field">
              <span className="field-label">{t('roi.program')}</span>
              <select name="program" value={program} onChange={(e) => setProgram(e.currentTarget.value)}>
                {catalog.programs.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.code} — {p.title}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('roi.from')}</span>
              <input type="date" name="from" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
            </label>
            <label className="field">
              <span className="field-label">{t('roi.to')}</span>
              <input
                type="date"
                name="to"
                value={to}
                min={from}
                onChange={(e) => setTo(e.currentTarget.value)}
              />
            </label>
          </div>
          <fieldset className="form-grid assumptions">
            <legend>{t('roi.assumptions')}</legend>
            {ASSUMPTION_KEYS.map((key) => (
              <label className="field" key={key}>
                <span className="field-label">{t(`roi.a.${key}`)}</span>
                <input
                  type="text"
                  inputMode="decimal"
                  name={key}
                  value={assumptions[key] ?? ''}
                  placeholder={used.has(key) ? String(used.get(key)) : ''}
                  onChange={(e) => setAssumptions((a) => ({ ...a, [key]: e.currentTarget.value }))}
                />
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary">
              {t('roi.recalc')}
            </button>
            <button type="button" className="btn" onClick={() => setAssumptions({})}>
              {t('roi.resetAssumptions')}
            </button>
          </div>
        </form>
      </section>

      {(roiQuery.loading || (!input && defaults.loading)) && (
        <div className="card wide">
          <Loading />
        </div>
      )}
      {!input && !defaults.loading && (
        <div className="card wide">
          <Empty />
        </div>
      )}
      {roiQuery.error && (
        <div className="card wide">
          <ErrorState error={roiQuery.error} needsRole="planner" onRetry={() => void roiQuery.refetch()} />
        </div>
      )}
      {roi && tables && (
        <>
          <section className="card" aria-labelledby="s1">
            <h3 id="s1">{t('roi.step1')}</h3>
            <dl className="stat-list">
              <Stat label={t('roi.participants')} value={formatNumber(roi.participants, lang)} />
              <Stat label={t('roi.completed')} value={formatNumber(roi.completed, lang)} />
              <Stat label={t('roi.hours')} value={formatNumber(roi.participantHours, lang)} />
            </dl>
            <h3>{t('roi.step2')}</h3>
            <dl className="stat-list">
              <Stat label={t('roi.programCost')} value={idr(roi.costs.programIdr)} />
              <Stat label={t('roi.timeCost')} value={idr(roi.costs.participantTimeIdr)} />
              <Stat label={t('roi.totalCost')} value={idr(roi.costs.totalIdr)} />
            </dl>
            <h3>{t('roi.step3')}</h3>
            <dl className="stat-list">
              <Stat label={t('roi.didDays')} value={formatNumber(roi.effect.didDays, lang, 2)} />
              <Stat
                label={t('roi.daysSaved')}
                value={range(roi.effect.daysSavedPerRequest, (v) => formatNumber(v, lang, 2))}
              />
              <Stat label={t('roi.handlers')} value={formatNumber(roi.effect.handlers, lang)} />
              <Stat label={t('roi.requestsPerYear')} value={formatNumber(roi.effect.requestsPerYear, lang)} />
            </dl>
            <p className="card-meta">
              <span className="n-badge">{t('chart.n', { n: formatNumber(roi.n, lang) })}</span>
              <span className="snap-badge">{t('chart.snapshotNote', { id: snapshot?.id ?? '…' })}</span>
            </p>
          </section>
          <section className="card" aria-labelledby="s4">
            <h3 id="s4">{t('roi.step4')}</h3>
            {/* Low / base / high benefits sit on three labelled lines, so the table fits a half-width
                card; in a narrow box (phone, mid-size screen) each stream becomes a stacked block. */}
            <div className="table-scroll stack-host">
              <table className="data-table stack-table roi-streams">
                <StackHead
                  first={t('roi.stream')}
                  nums={[t('roi.volume'), t('roi.value'), t('roi.benefits')]}
                />
                <tbody>
                  {roi.streams.map((s) => (
                    <tr key={s.name}>
                      <th scope="row">
                        {inLang(s.name, s.nameId)}
                        <br />
                        <span className="muted">
                          {t('roi.effect')}: {range(s.effect, (v) => formatNumber(v, lang, 2))}{' '}
                          {inLang(s.effectUnit, s.effectUnitId)}
                        </span>
                        {(lang === 'en' ? s.notes : s.notesId).map((note) => (
                          <span key={note} className="muted stream-note">
                            <br />
                            {note}
                          </span>
                        ))}
                      </th>
                      <td className="num" data-label={t('roi.volume')}>
                        {formatNumber(s.volumePerYear, lang)}
                      </td>
                      <td className="num" data-label={t('roi.value')}>
                        {idr(s.valuePerUnitIdr)}
                      </td>
                      <td className="num" data-label={t('roi.benefits')}>
                        <dl className="range-lines">
                          {(['low', 'base', 'high'] as const).map((k) => (
                            <div key={k}>
                              <dt>{t(`roi.${k}`)}</dt>
                              <dd>{idr(s.benefitsIdr[k])}</dd>
                            </div>
                          ))}
                        </dl>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {roi.ikmChanges.length > 0 && input && (
              <>
                <h4>{t('roi.intangibles')}</h4>
                <div className="table-scroll stack-host">
                  <table className="data-table stack-table" data-ikm-changes>
                    <StackHead
                      first={t('instansi.agency')}
                      nums={[t('roi.ikmPre'), t('roi.ikmPost'), t('roi.ikmChange')]}
                    />
                    <tbody>
                      {roi.ikmChanges.map((c) => (
                        <tr key={c.agencyCode}>
                          <th scope="row">{catalog.agencyName(c.agencyCode)}</th>
                          <td className="num" data-label={t('roi.ikmPre')}>
                            {ikmReading(c.pre)}
                          </td>
                          <td className="num" data-label={t('roi.ikmPost')}>
                            {ikmReading(c.post)}
                          </td>
                          <td className="num" data-label={t('roi.ikmChange')}>
                            {c.change === null || c.change === undefined
                              ? '—'
                              : `${c.change > 0 ? '+' : ''}${formatNumber(c.change, lang, 2)}`}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <p className="muted">
                  {t('roi.ikmNote', { from: formatDate(input.from, lang), to: formatDate(input.to, lang) })}
                </p>
              </>
            )}
            {roi.ikmChanges.length === 0 && roi.intangibles.length > 0 && (
              <>
                <h4>{t('roi.intangibles')}</h4>
                <ul>
                  {roi.intangibles.map((i) => (
                    <li key={i.name}>
                      <strong>{i.name}</strong>: {inLang(i.description, i.descriptionId)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <ChartCard
            title={`${t('roi.step5')} — ${t('roi.range')}`}
            table={tables.cases}
            chart={{ kind: 'bar', series: ['roi'], yKind: 'percentPoints' }}
            n={roi.n}
          >
            <p className="callout">
              {t('roi.range')}:{' '}
              {range(
                {
                  low: roi.low.roiPercent ?? Number.NaN,
                  base: roi.base.roiPercent ?? Number.NaN,
                  high: roi.high.roiPercent ?? Number.NaN,
                },
                (v) => formatPercentPoints(v, lang),
              )}
            </p>
          </ChartCard>
          <ChartCard
            title={t('roi.costBreakdown')}
            table={tables.costs}
            chart={{ kind: 'bar', series: ['amount'], yKind: 'idr' }}
            n={roi.n}
          />
          <section className="card wide" aria-labelledby="assump-h">
            <h3 id="assump-h">{t('roi.assumptionsUsed')}</h3>
            <div className="table-scroll stack-host">
              <table className="data-table stack-table">
                <thead>
                  <tr>
                    <th scope="col">{t('roi.assumption')}</th>
                    <th scope="col" className="num">
                      {t('roi.assumptionValue')}
                    </th>
                    <th scope="col">{t('roi.unit')}</th>
                    <th scope="col">{t('roi.source')}</th>
                  </tr>
                </thead>
                <tbody>
                  {roi.assumptions.map((a) => (
                    <tr key={a.name}>
                      <th scope="row">
                        {labelOf(t, 'roi.a', a.name)} <code className="muted">{a.name}</code>
                        <br />
                        <span className="muted">{inLang(a.note, a.noteId)}</span>
                      </th>
                      <td className="num" data-label={t('roi.assumptionValue')}>
                        {formatNumber(a.value, lang, a.value % 1 === 0 ? 0 : 2)}
                      </td>
                      <td data-label={t('roi.unit')}>{labelOf(t, 'unit', a.unit)}</td>
                      <td data-label={t('roi.source')}>{labelOf(t, 'roi.src', a.source)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {roi.warnings.length > 0 && (
              <ul className="warnings">
                {roi.warnings.map((w) => (
                  <li key={w.code}>{lang === 'id' ? w.id : w.en}</li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <BudgetScenarioCard defaultProgram={input?.selector.value ?? ''} />
    </div>
  );
}

/** Header of a stacking table: the row-title column, then right-aligned measure columns. */
function StackHead({ first, nums }: { first: string; nums: readonly string[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {nums.map((label) => (
          <th key={label} scope="col" className="num">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** Agency + program + budget → seats and an ROI range (URL: `ba`, `bp`, `bb`, `by`). */
function BudgetScenarioCard({ defaultProgram }: { defaultProgram: string }) {
  const { t, lang } = useLang();
  const params = useSearch();
  const catalog = useCatalog();
  const snapshot = useSnapshot();
  const agency = params.get('ba');
  const program = params.get('bp') ?? defaultProgram;
  const budget = Number(params.get('bb'));
  const yearParam = Number(params.get('by'));
  const input: BudgetScenarioInput | null =
    agency && budget > 0
      ? {
          agency,
          program,
          budgetIdr: budget,
          ...(yearParam >= 2000 && yearParam <= 2100 ? { year: yearParam } : {}),
        }
      : null;
  const query = useQuery(BudgetScenarioQuery, input ? { variables: { input } } : skipToken);
  const result = query.data?.budgetScenario;

  const [form, setForm] = useState({
    agency: agency ?? '',
    // Empty until picked: the select shows the default program, which may arrive after the first render.
    program: params.get('bp') ?? '',
    budget: params.get('bb') ?? '100000000',
    year: params.get('by') ?? '',
  });
  const defaultAgency =
    catalog.agencies.find((a) => /dukcapil/i.test(a.code) || /kependudukan/i.test(a.name))?.code ??
    catalog.agencies[0]?.code ??
    '';
  const chosenAgency = form.agency || defaultAgency;
  const chosenProgram = form.program || program;

  const budgetDigits = form.budget.replace(/[^\d]/g, '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    updateSearch({
      ba: chosenAgency,
      bp: chosenProgram,
      bb: budgetDigits,
      by: form.year || null,
    });
  };

  return (
    <section className="card wide" aria-labelledby="budget-h">
      <h2 id="budget-h">{t('roi.budget')}</h2>
      <form onSubmit={submit} data-budget-form>
        <div className="form-grid">
          <label className="field">
            <span className="field-label">{t('roi.budgetAgency')}</span>
            <select
              name="agency"
              value={chosenAgency}
              onChange={(e) => setForm({ ...form, agency: e.currentTarget.value })}
            >
              {catalog.agencies.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('roi.budgetProgram')}</span>
            <select
              name="program"
              value={chosenProgram}
              onChange={(e) => setForm({ ...form, program: e.currentTarget.value })}
            >
              {catalog.programs.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.code} — {p.title}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('roi.budgetIdr')}</span>
            <input
              type="text"
              inputMode="numeric"
              name="budget"
              value={form.budget}
              aria-describedby="budget-amount"
              onChange={(e) => setForm({ ...form, budget: e.currentTarget.value })}
            />
            {/* The amount as read back, so 100000000 is checked as "Rp 100.000.000" before it is sent. */}
            <small id="budget-amount" className="muted" data-budget-amount>
              {budgetDigits ? formatIdr(Number(budgetDigits), lang) : '—'}
            </small>
          </label>
          <label className="field">
            <span className="field-label">{t('roi.budgetYear')}</span>
            <input
              type="number"
              name="year"
              min={2000}
              max={2100}
              value={form.year}
              onChange={(e) => setForm({ ...form, year: e.currentTarget.value })}
            />
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {t('roi.budgetRun')}
          </button>
        </div>
      </form>
      {query.loading && <Loading />}
      {query.error && (
        <ErrorState error={query.error} needsRole="planner" onRetry={() => void query.refetch()} />
      )}
      {result && (
        <div data-budget-result>
          <dl className="stat-list">
            <Stat label={t('roi.budgetIdr')} value={formatIdr(result.budgetIdr, lang)} />
            <Stat
              label={t('roi.costPerParticipant')}
              value={formatIdr(result.history.costPerParticipantIdr, lang)}
            />
            <Stat label={t('roi.seats')} value={formatNumber(result.seats, lang)} />
            <Stat
              label={`${t('roi.expectedRoi')} (${t('roi.low')} / ${t('roi.base')} / ${t('roi.high')})`}
              value={
                result.roi
                  ? `${formatPercentPoints(result.roi.low.roiPercent, lang)} / ${formatPercentPoints(result.roi.base.roiPercent, lang)} / ${formatPercentPoints(result.roi.high.roiPercent, lang)}`
                  : '—'
              }
            />
          </dl>
          <p className="card-meta">
            <span className="n-badge">
              {t('chart.n', { n: formatNumber(result.history.participants, lang) })}
            </span>
            <span className="snap-badge">{t('chart.snapshotNote', { id: snapshot?.id ?? '…' })}</span>
          </p>
          {result.caveats.length > 0 && (
            <ul className="warnings">
              {result.caveats.map((w) => (
                <li key={w.code}>{lang === 'id' ? w.id : w.en}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
