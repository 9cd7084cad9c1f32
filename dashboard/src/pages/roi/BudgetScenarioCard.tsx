import { skipToken, useQuery } from '@apollo/client/react';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { shownChoice, withCurrentOption } from '../../components/current-option.ts';
import { useGlossaryTerms } from '../../components/Glossary.tsx';
import { ScrollBox } from '../../components/ScrollBox.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { SnapshotBadge } from '../../components/SnapshotBadge.tsx';
import { ErrorState, Loading } from '../../components/StateView.tsx';
import { formatIdr, formatNumber } from '../../format/format.ts';
import { BudgetScenarioQuery, ProgramPortfolioQuery } from '../../graphql/operations.ts';
import type {
  BudgetScenario,
  BudgetScenarioInput,
  CohortContrast,
  EffectIsolation,
  RoiAssumptionsInput,
} from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { updateSearch, useSearch } from '../../state/url-store.ts';
import { ContrastSelect } from '../ContrastSelect.tsx';
import { contrastFromParam, contrastToParam } from '../contrast.ts';
import { countText } from '../hidden-count.ts';
import { IsolationSelect } from '../IsolationSelect.tsx';
import { isolationFromParam, isolationToParam } from '../isolation.ts';
import { TONE_CLASS } from '../joint-effects.ts';
import type { Catalog } from '../use-catalog.ts';
import { AssumptionsTable } from './AssumptionsUsedCard.tsx';
import { changedAssumptionsText } from './assumption-text.ts';
import {
  BUDGET_YEAR_MAX,
  BUDGET_YEAR_MIN,
  budgetFromParam,
  budgetTextIn,
  checkBudget,
  checkBudgetYear,
  sameScenario,
} from './budget-input.ts';
import { budgetRoiView, splitEffectCaveats } from './budget-roi.ts';
import { type BudgetPastCohort, budgetYearRows, pooledYears } from './budget-years.ts';
import { CaveatList } from './CaveatList.tsx';
import { formatRange } from './format.ts';
import { ProgramOptions } from './ProgramOptions.tsx';
import { cohortWeaknesses } from './portfolio.ts';
import { budgetTerms } from './roi-terms.ts';
import { Stat } from './Stat.tsx';

interface BudgetScenarioCardProps {
  /** The program the ROI form prices, picked until the URL names one (`bp`). */
  readonly defaultProgram: string;
  /** With its state: a catalog known to hold no program is said, one still loading is not. */
  readonly catalog: Catalog & { readonly loading: boolean; readonly error: unknown };
  /**
   * The ROI form's assumptions (the chain's, URL-set `ra.*` included): the scenario is priced with
   * them and lists what it used, and the portfolio, whose verdicts on the cohorts it prices the card
   * reads, is asked with the same, so the same variables answer from Apollo's cache.
   */
  readonly assumptions?: RoiAssumptionsInput | undefined;
}

/** The form as the URL fills it (`ba`, `bp`, `bb`, `by`, `bc`, `bi`). */
function formOf(
  agency: string | null,
  program: string | null,
  budget: string | null,
  year: string | null,
  contrast: CohortContrast | null,
  isolation: EffectIsolation | null,
) {
  return {
    agency: agency ?? '',
    // Empty until picked: the select shows the default program, which may arrive after the first render.
    program: program ?? '',
    budget: budget ?? '100000000',
    year: year ?? '',
    contrast: contrast ?? 'vs_rest',
    isolation: isolation ?? 'cohort',
  };
}

/**
 * The past completion years the expected days saved rest on: per year the cohort comparison's DiD
 * and, when the scenario prices the joint model, the program's coefficient in that year's joint
 * model with its verdict and Holm; which years are pooled.
 */
function BudgetYears({
  cohorts,
  isolation,
}: {
  readonly cohorts: readonly BudgetPastCohort[];
  readonly isolation: EffectIsolation;
}) {
  const { t, lang } = useLang();
  if (cohorts.length === 0) return null;
  const rows = budgetYearRows(cohorts, isolation, t, lang);
  const years = pooledYears(rows);
  const basis = t(`roi.budgetBasis.${isolation}`);
  return (
    <div className="budget-years" data-budget-years>
      <h3 id="budget-years-h">{t('roi.budgetYears')}</h3>
      <p className="muted">
        {years ? t('roi.budgetYearsUsed', { basis, years }) : t('roi.budgetYearsNone', { basis })}
      </p>
      <ScrollBox label={t('roi.budgetYears')} className="stack-host">
        <table className="data-table stack-table budget-years-table" aria-labelledby="budget-years-h">
          <thead>
            <tr>
              <th scope="col">{t('roi.budgetYearCol')}</th>
              <th scope="col" className="num">
                {t('roi.budgetDid')}
              </th>
              {isolation === 'joint' && <th scope="col">{t('roi.budgetJoint')}</th>}
              <th scope="col" className="num">
                {t('roi.budgetN')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.year} data-year={r.year} data-pooled={r.pooled || undefined}>
                <th scope="row">
                  {r.year}
                  {!r.pooled && <span className="muted year-note">{t('roi.budgetNotUsed')}</span>}
                </th>
                <td className="num" data-label={t('roi.budgetDid')} data-did>
                  {r.didEstimated ? r.did : <span className="suppressed-cell">{r.did}</span>}
                </td>
                {r.joint && (
                  <td data-label={t('roi.budgetJoint')} data-joint={r.joint.direction ?? 'none'}>
                    {r.joint.estimated ? (
                      <>
                        <span className="joint-effect" data-joint-effect>
                          {r.joint.text}
                        </span>
                        {r.joint.verdict && (
                          <span className={TONE_CLASS[r.joint.verdict.tone]}>{r.joint.verdict.text}</span>
                        )}
                        {r.joint.holm && (
                          <span className="holm-mark" title={t('portfolio.holmTitle')} data-holm>
                            {' '}
                            {t('portfolio.holm')}
                          </span>
                        )}
                        {r.joint.notAfterHolm && (
                          <span className="muted holm-note" data-not-after-holm>
                            {t('joint.notAfterHolm')}
                          </span>
                        )}
                      </>
                    ) : (
                      <span className="suppressed-cell">{r.joint.text}</span>
                    )}
                  </td>
                )}
                <td
                  className={r.n === null ? 'num suppressed-cell' : 'num'}
                  data-label={t('roi.budgetN')}
                  title={r.n === null ? t('count.hiddenTitle') : undefined}
                >
                  {countText(r.n, t, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <p className="muted">{t('roi.budgetYearsNote')}</p>
    </div>
  );
}

/**
 * The assumptions the scenario was priced with (the API's echo): which were changed in the ROI form,
 * then all of them in the chain's table.
 */
function BudgetAssumptions({ assumptions }: { readonly assumptions: BudgetScenario['assumptions'] }) {
  const { t, lang } = useLang();
  if (assumptions.length === 0) return null;
  const changed = changedAssumptionsText(assumptions, t, lang);
  return (
    <div className="budget-assumptions" data-budget-assumptions>
      <h3 id="budget-assump-h">{t('roi.budgetAssumptions')}</h3>
      <p className="muted" data-budget-assumptions-changed={changed ? 'yes' : 'no'}>
        {changed ? t('roi.budgetAssumptionsChanged', { list: changed }) : t('roi.budgetAssumptionsDefault')}
      </p>
      <details>
        <summary>{t('roi.budgetAssumptionsAll')}</summary>
        <AssumptionsTable
          assumptions={assumptions}
          labelledBy="budget-assump-h"
          label={t('roi.budgetAssumptions')}
        />
      </details>
    </div>
  );
}

/**
 * Agency + program + budget → seats and an ROI range, with the days saved per request it rests on
 * and the past years behind them (URL: `ba`, `bp`, `bb`, `by`, `bc`, `bi` = isolation, absent = cohort).
 */
export function BudgetScenarioCard({ defaultProgram, catalog, assumptions }: BudgetScenarioCardProps) {
  const { t, lang } = useLang();
  const params = useSearch();
  const agency = params.get('ba');
  const programParam = params.get('bp');
  const budgetParam = params.get('bb');
  const yearRaw = params.get('by');
  const contrastParam = contrastFromParam(params.get('bc'));
  const isolationParam = isolationFromParam(params.get('bi'));
  // The program priced: the URL's, else the ROI form's, else (no program has enough completers to
  // be the ROI's default) the first of the catalog, which is what the select shows: never '' priced
  // under a select that names "P1 — Prima" (the API answers '' with a raw "not in this snapshot").
  const program = shownChoice(
    programParam ?? defaultProgram,
    catalog.programs.map((p) => p.code),
  );
  // No program in the data at all (an empty warehouse): nothing to price, said, and nothing run.
  const noPrograms = program === '' && !catalog.loading && !catalog.error;
  // Only the whole, positive, sane rupiah amount the form writes; anything else runs nothing.
  const budget = budgetFromParam(budgetParam);
  const yearParam = Number(yearRaw);
  // A year the form would refuse (a hand-edited link) runs nothing, and the field says why.
  const yearInUrl = checkBudgetYear(yearRaw ?? '');
  // Priced with the ROI form's assumptions, as the chain above is (none set: the API's defaults).
  const formAssumptions = assumptions && Object.keys(assumptions).length ? assumptions : null;
  const input: BudgetScenarioInput | null =
    agency && program && budget !== null && yearInUrl !== 'invalid'
      ? {
          agency,
          program,
          budgetIdr: budget,
          ...(yearInUrl === 'ok' ? { year: yearParam } : {}),
          ...(contrastParam ? { contrast: contrastParam } : {}),
          ...(isolationParam && isolationParam !== 'cohort' ? { isolation: isolationParam } : {}),
          ...(formAssumptions ? { assumptions: formAssumptions } : {}),
        }
      : null;
  const query = useQuery(BudgetScenarioQuery, input ? { variables: { input } } : skipToken);

  const [form, setForm] = useState(() =>
    formOf(agency, programParam, budgetParam, yearRaw, contrastParam, isolationParam),
  );
  // Whether the budget's problem is shown: after leaving the field, after a refused submit, or when
  // the URL itself names a budget that cannot be run.
  const [budgetChecked, setBudgetChecked] = useState(budgetParam !== null);
  // Whether the year's problem is shown: after leaving the field or a refused submit.
  const [yearChecked, setYearChecked] = useState(yearInUrl === 'invalid');
  // Back/forward (or a shared link) changes the URL, not this state: follow it, like the ROI form.
  useEffect(() => {
    setForm(formOf(agency, programParam, budgetParam, yearRaw, contrastParam, isolationParam));
    setBudgetChecked(budgetParam !== null);
    setYearChecked(checkBudgetYear(yearRaw ?? '') === 'invalid');
  }, [agency, programParam, budgetParam, yearRaw, contrastParam, isolationParam]);
  // The budget is typed in the UI language: when it changes, the amount typed is written again in
  // the new one (as the ROI form rewrites its fields), not read anew with the other separators.
  const typedIn = useRef(lang);
  useEffect(() => {
    const from = typedIn.current;
    typedIn.current = lang;
    setForm((f) => ({ ...f, budget: budgetTextIn(f.budget, from, lang) }));
  }, [lang]);
  const defaultAgency =
    catalog.agencies.find((a) => /dukcapil/i.test(a.code) || /kependudukan/i.test(a.name))?.code ??
    catalog.agencies[0]?.code ??
    '';
  const chosenAgency = form.agency || defaultAgency;
  // An agency code the catalog lacks (from a shared link) stays shown, marked unknown, rather than
  // the select showing the first agency while the scenario asks about another.
  const agencyOptions = withCurrentOption(
    catalog.agencies.map((a) => ({ value: a.code, label: a.name })),
    chosenAgency,
    catalog.agencies.length > 0,
    (v) => t('filter.unknownOption', { value: v }),
  );
  const chosenProgram = form.program || program;

  const budgetCheck = checkBudget(form.budget, lang);
  const budgetProblem =
    budgetChecked && budgetCheck.kind !== 'ok'
      ? t(budgetCheck.kind === 'notNumber' ? 'roi.fieldNotNumber' : 'roi.fieldRange', {
          min: formatIdr(budgetCheck.min, lang),
          max: formatIdr(budgetCheck.max, lang),
        })
      : null;
  const yearCheck = checkBudgetYear(form.year);
  const yearProblem =
    yearChecked && yearCheck === 'invalid'
      ? t('roi.budgetYearRange', { min: String(BUDGET_YEAR_MIN), max: String(BUDGET_YEAR_MAX) })
      : null;
  // A result answers the URL's scenario; while the form shows a budget that cannot be run, no figure
  // on screen may look like its answer.
  const result = input && !budgetProblem ? query.data?.budgetScenario : undefined;
  // The form no longer says what the shown result answers (edited, or a submit refused): the result
  // is marked as the previous inputs' until the form is run again.
  const stale =
    Boolean(result) &&
    !sameScenario(
      {
        ...form,
        agency: chosenAgency,
        program: chosenProgram,
        budget: budgetCheck.kind === 'ok' ? String(budgetCheck.value) : null,
      },
      {
        agency: agency ?? '',
        program,
        budget: budgetParam,
        year: yearRaw ?? '',
        contrast: contrastParam ?? 'vs_rest',
        isolation: isolationParam ?? 'cohort',
      },
    );

  // The portfolio's verdicts on the cohorts the scenario prices (its pooled past years), in the
  // portfolio's words, so the two cards never disagree about what weakens them.
  const scenarioContrast = contrastParam ?? 'vs_rest';
  const scenarioIsolation = isolationParam ?? 'cohort';
  const portfolio = useQuery(
    ProgramPortfolioQuery,
    result
      ? {
          variables: {
            ...(scenarioContrast === 'vs_rest' ? {} : { contrast: scenarioContrast }),
            ...(scenarioIsolation === 'cohort' ? {} : { isolation: scenarioIsolation }),
            ...(formAssumptions ? { assumptions: formAssumptions } : {}),
          },
        }
      : skipToken,
  );
  const pricedYears = useMemo(
    () => (result?.history.cohorts ?? []).filter((c) => c.pooled).map((c) => c.year),
    [result],
  );
  const weaknesses =
    result && portfolio.data
      ? cohortWeaknesses(portfolio.data.programPortfolio, result.programCode, pricedYears, t, lang)
      : [];

  const roiView = result ? budgetRoiView(result, t, lang) : null;
  useGlossaryTerms(
    'budget',
    useMemo(
      () => budgetTerms(result ? budgetYearRows(result.history.cohorts, result.isolation, t, lang) : null),
      [result, t, lang],
    ),
  );
  const { effect: effectCaveats, rest: otherCaveats } = splitEffectCaveats(result?.caveats ?? []);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!chosenProgram) return;
    if (budgetCheck.kind !== 'ok' || yearCheck === 'invalid') {
      if (budgetCheck.kind !== 'ok') setBudgetChecked(true);
      if (yearCheck === 'invalid') setYearChecked(true);
      const field = e.currentTarget.elements.namedItem(budgetCheck.kind !== 'ok' ? 'budget' : 'year');
      if (field instanceof HTMLInputElement) field.focus();
      return;
    }
    updateSearch({
      ba: chosenAgency,
      bp: chosenProgram,
      bb: String(budgetCheck.value),
      by: form.year || null,
      bc: contrastToParam(form.contrast),
      bi: isolationToParam(form.isolation),
    });
  };

  return (
    <section className="card wide" aria-labelledby="budget-h">
      <h2 id="budget-h">{t('roi.budget')}</h2>
      <form onSubmit={submit} data-budget-form>
        <div className="form-grid fit">
          <SelectField
            label={t('roi.budgetAgency')}
            name="agency"
            value={chosenAgency}
            onChange={(agency) => setForm({ ...form, agency })}
          >
            {agencyOptions.map((o) => (
              <option key={o.value} value={o.value} data-unknown={o.unknown || undefined}>
                {o.label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('roi.budgetProgram')}
            name="program"
            value={chosenProgram}
            onChange={(program) => setForm({ ...form, program })}
          >
            <ProgramOptions programs={catalog.programs} current={chosenProgram} />
          </SelectField>
          <label className="field">
            <span className="field-label">{t('roi.budgetIdr')}</span>
            <input
              type="text"
              inputMode="numeric"
              name="budget"
              value={form.budget}
              aria-invalid={budgetProblem ? true : undefined}
              aria-describedby={budgetProblem ? 'budget-amount budget-error' : 'budget-amount'}
              onChange={(e) => setForm({ ...form, budget: e.currentTarget.value })}
              onBlur={() => setBudgetChecked(true)}
            />
            {/* The amount as read back, so 100000000 is checked as "Rp 100.000.000" before it is sent. */}
            <small id="budget-amount" className="muted" data-budget-amount>
              {budgetCheck.kind === 'ok' ? formatIdr(budgetCheck.value, lang) : '—'}
            </small>
            {budgetProblem && (
              <small id="budget-error" className="field-error" data-field-error="budget">
                {budgetProblem}
              </small>
            )}
          </label>
          <label className="field">
            <span className="field-label">{t('roi.budgetYear')}</span>
            <input
              type="number"
              name="year"
              min={BUDGET_YEAR_MIN}
              max={BUDGET_YEAR_MAX}
              value={form.year}
              aria-invalid={yearProblem ? true : undefined}
              aria-describedby={yearProblem ? 'budget-year-error' : undefined}
              onChange={(e) => setForm({ ...form, year: e.currentTarget.value })}
              onBlur={() => setYearChecked(true)}
            />
            {yearProblem && (
              <small id="budget-year-error" className="field-error" data-field-error="year">
                {yearProblem}
              </small>
            )}
          </label>
          <ContrastSelect
            name="budgetContrast"
            value={form.contrast}
            onChange={(contrast) => setForm({ ...form, contrast })}
          />
          <IsolationSelect
            name="budgetIsolation"
            value={form.isolation}
            onChange={(isolation) => setForm({ ...form, isolation })}
          />
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!chosenProgram}
            aria-describedby={noPrograms ? 'budget-no-programs' : undefined}
          >
            {t('roi.budgetRun')}
          </button>
        </div>
      </form>
      {noPrograms && (
        <p className="state state-empty" id="budget-no-programs" data-no-programs>
          {t('roi.noPrograms')}
        </p>
      )}
      {input && !budgetProblem && query.loading && <Loading />}
      {input && !budgetProblem && query.error && (
        <ErrorState error={query.error} needsRole="planner" onRetry={() => query.refetch()} />
      )}
      {result && (
        <div
          data-budget-result
          data-stale={stale || undefined}
          className={stale ? 'stale-result' : undefined}
        >
          {stale && (
            <p className="callout warn" data-budget-stale>
              {t('roi.budgetStale')}
            </p>
          )}
          {/* The effect priced is not shown: said before any figure, so no ROI reads as a shown return. */}
          {effectCaveats.map((c) => (
            <p key={c.code} className="callout warn" data-budget-effect-caveat={c.code}>
              {lang === 'id' ? c.id : c.en}
            </p>
          ))}
          {/* The effect priced is shown, but the portfolio says what weakens it: said before the ROI too. */}
          {weaknesses.length > 0 && (
            <div className="callout warn" data-budget-weakness>
              <p>{t('roi.budgetWeak')}</p>
              <ul>
                {weaknesses.map((w) => (
                  <li key={w.label} data-budget-weakness-cohort={w.label}>
                    <strong>{w.label}</strong>: {w.text}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <dl className="stat-list">
            <Stat label={t('roi.budgetIdr')} value={formatIdr(result.budgetIdr, lang)} />
            <Stat
              label={t('roi.costPerParticipant')}
              value={formatIdr(result.history.costPerParticipantIdr, lang)}
            />
            <Stat label={t('roi.seats')} value={formatNumber(result.seats, lang)} />
            <div className="stat" data-budget-roi={roiView!.notShown ? 'not-shown' : 'shown'}>
              <dt>{`${t('roi.expectedRoi')} (${t('roi.low')} / ${t('roi.base')} / ${t('roi.high')})`}</dt>
              <dd>
                {roiView!.value}
                {roiView!.detail && (
                  <small className="muted" data-budget-roi-detail>
                    {' '}
                    {roiView!.detail}
                  </small>
                )}
              </dd>
            </div>
            <Stat
              label={`${t('roi.budgetDaysSaved', { basis: t(`roi.budgetBasis.${result.isolation}`) })} (${t('roi.low')} / ${t('roi.base')} / ${t('roi.high')})`}
              value={formatRange(result.daysSavedPerRequest, (v) => formatNumber(v, lang, 2))}
            />
          </dl>
          <p className="card-meta">
            <span className="n-badge">
              {t('chart.n', {
                n:
                  result.history.participants === null
                    ? t('count.hidden')
                    : formatNumber(result.history.participants, lang),
              })}
            </span>
            <SnapshotBadge />
          </p>
          <BudgetYears cohorts={result.history.cohorts} isolation={result.isolation} />
          <CaveatList caveats={otherCaveats} />
          <BudgetAssumptions assumptions={result.assumptions} />
        </div>
      )}
    </section>
  );
}
