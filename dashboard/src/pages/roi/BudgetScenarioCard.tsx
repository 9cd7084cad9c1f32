import { skipToken, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ErrorState, Loading } from '../../components/StateView.tsx';
import { formatIdr, formatNumber, formatPercentPoints } from '../../format/format.ts';
import { BudgetScenarioQuery } from '../../graphql/operations.ts';
import type { BudgetScenarioInput } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { updateSearch, useSearch } from '../../state/url-store.ts';
import type { Catalog } from '../use-catalog.ts';
import { CaveatList } from './CaveatList.tsx';
import { ProgramOptions } from './ProgramOptions.tsx';
import { Stat } from './Stat.tsx';

interface BudgetScenarioCardProps {
  /** The program the ROI form prices, picked until the URL names one (`bp`). */
  readonly defaultProgram: string;
  readonly catalog: Catalog;
  readonly snapshotId: string | undefined;
}

/** Agency + program + budget → seats and an ROI range (URL: `ba`, `bp`, `bb`, `by`). */
export function BudgetScenarioCard({ defaultProgram, catalog, snapshotId }: BudgetScenarioCardProps) {
  const { t, lang } = useLang();
  const params = useSearch();
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
              <ProgramOptions programs={catalog.programs} />
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
            <span className="snap-badge">{t('chart.snapshotNote', { id: snapshotId ?? '…' })}</span>
          </p>
          <CaveatList caveats={result.caveats} />
        </div>
      )}
    </section>
  );
}
