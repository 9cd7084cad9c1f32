import { type FormEvent, useEffect, useState } from 'react';
import { shownChoice } from '../../components/current-option.ts';
import { SelectField } from '../../components/SelectField.tsx';
import { formatNumber } from '../../format/format.ts';
import type {
  CohortContrast,
  EffectIsolation,
  Program,
  Roi,
  RoiAssumptionsInput,
  RoiInput,
} from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { updateSearch } from '../../state/url-store.ts';
import { ContrastSelect } from '../ContrastSelect.tsx';
import type { DefaultCohort } from '../default-cohort.ts';
import { IsolationSelect } from '../IsolationSelect.tsx';
import { wholeMonths } from '../month-window.ts';
import {
  ASSUMPTION_KEYS,
  type AssumptionCheck,
  type AssumptionKey,
  assumptionPlaceholder,
  checkAssumption,
  clearAssumptionsSearch,
  roiToSearch,
} from '../roi-params.ts';
import { useCatalog } from '../use-catalog.ts';
import { WholeMonthsNote } from '../WholeMonthsNote.tsx';
import { ProgramOptions } from './ProgramOptions.tsx';
import { formatGroupedNumber, formatPlainNumber } from './parse-number.ts';

interface RoiFormProps {
  /** The ROI question the URL asks (or the default cohort's); null while there is none. */
  readonly input: RoiInput | null;
  readonly defaults: DefaultCohort;
  /** True when the URL names a program (`rp`): the default-cohort note is then not shown. */
  readonly programInUrl: boolean;
  readonly programs: readonly Program[];
  /** The assumptions the API used, shown as placeholders; undefined until the ROI has loaded. */
  readonly assumptionsUsed: Roi['assumptions'] | undefined;
}

/** The ROI question: program, window and assumption overrides, written to the URL on submit. */
export function RoiForm({ input, defaults, programInUrl, programs, assumptionsUsed }: RoiFormProps) {
  const { t, lang } = useLang();
  const catalog = useCatalog();
  const [program, setProgram] = useState(input?.selector.value ?? '');
  const [from, setFrom] = useState(input?.from ?? '');
  const [to, setTo] = useState(input?.to ?? '');
  const [contrast, setContrast] = useState<CohortContrast>(input?.contrast ?? 'vs_rest');
  const [isolation, setIsolation] = useState<EffectIsolation>(input?.isolation ?? 'cohort');
  const [assumptions, setAssumptions] = useState<Partial<Record<AssumptionKey, string>>>({});
  // Fields whose problem is shown: after leaving the field, or after a refused submit.
  const [shown, setShown] = useState<ReadonlySet<AssumptionKey>>(new Set());
  // Re-sync when the question changes (submit, back/forward, shared link) or the language does (the
  // fields are written in it), not when another card changes an unrelated URL parameter.
  const inputKey = JSON.stringify(input);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `inputKey` stands for `input` by value
  useEffect(() => {
    setProgram(input?.selector.value ?? '');
    setFrom(input?.from ?? '');
    setTo(input?.to ?? '');
    setContrast(input?.contrast ?? 'vs_rest');
    setIsolation(input?.isolation ?? 'cohort');
    setAssumptions(
      Object.fromEntries(
        ASSUMPTION_KEYS.map((k) => {
          const v = input?.assumptions?.[k];
          return [k, typeof v === 'number' ? formatPlainNumber(v, lang) : ''];
        }),
      ) as Record<AssumptionKey, string>,
    );
    setShown(new Set());
  }, [inputKey, lang]);
  // Placeholders show the values the API used, so "default" is a number, not a blank, written as
  // the page writes numbers (8.751.440 in Indonesian).
  // The program the select shows is the one sent. Without a question (no program has enough
  // completers to be the default, so the URL and the default name none) that is the first program,
  // as on the Kohort page, never '' sent under a select that shows "P1 — Prima".
  const chosenProgram = shownChoice(
    program,
    programs.map((p) => p.code),
    defaults.program,
  );
  // No program in the data at all (an empty warehouse): nothing to price, said instead of a chain of
  // "no data". While the catalog loads (or has failed) nothing is said, and the button waits too.
  const noPrograms = programs.length === 0 && !catalog.loading && !catalog.error;
  const used = new Map(assumptionsUsed?.map((a) => [a.name, a.value]) ?? []);
  const checks = Object.fromEntries(
    ASSUMPTION_KEYS.map((k) => [k, checkAssumption(k, assumptions[k], lang)]),
  ) as Record<AssumptionKey, AssumptionCheck>;
  const problem = (key: AssumptionKey): string | null => {
    const c = checks[key];
    if (c.kind === 'empty' || c.kind === 'ok') return null;
    const range = { min: formatNumber(c.min, lang), max: formatNumber(c.max, lang) };
    return t(c.kind === 'notNumber' ? 'roi.fieldNotNumber' : 'roi.fieldRange', range);
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!chosenProgram) return;
    const overrides: RoiAssumptionsInput = {};
    const invalid: AssumptionKey[] = [];
    for (const key of ASSUMPTION_KEYS) {
      const c = checks[key];
      if (c.kind === 'ok') overrides[key] = c.value;
      else if (c.kind !== 'empty') invalid.push(key);
    }
    if (invalid.length) {
      // Not sent: the ROI would silently use the default in place of the number typed.
      setShown(new Set(ASSUMPTION_KEYS));
      const first = e.currentTarget.elements.namedItem(invalid[0]!);
      if (first instanceof HTMLInputElement) first.focus();
      return;
    }
    updateSearch(
      roiToSearch({
        selector: { kind: 'program', value: chosenProgram },
        // Whole months, as the API takes them (the note under the dates says so).
        ...wholeMonths({ from, to }),
        contrast,
        isolation,
        assumptions: overrides,
      }),
    );
  };

  const reset = () => {
    setAssumptions({});
    setShown(new Set());
    // The overrides live in the URL: drop them there too, so the ROI is priced with the defaults.
    updateSearch(clearAssumptionsSearch(new URLSearchParams(window.location.search)));
  };

  return (
    <section className="card wide" aria-labelledby="roi-form-h">
      {/* Focused by the portfolio's "Buka" (tabIndex -1: reachable by script, not by Tab). */}
      <h2 id="roi-form-h" tabIndex={-1}>
        {t('roi.chain')}
      </h2>
      {!programInUrl && defaults.program && defaults.window && (
        <p className="muted" data-default-note>
          {t('default.cohortNote', { year: defaults.window.from.slice(0, 4) })}
        </p>
      )}
      <form onSubmit={submit} data-roi-form>
        <div className="form-grid fit">
          <SelectField label={t('roi.program')} name="program" value={chosenProgram} onChange={setProgram}>
            <ProgramOptions programs={programs} current={chosenProgram} />
          </SelectField>
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
          <WholeMonthsNote from={from} to={to} />
          <ContrastSelect name="contrast" value={contrast} onChange={setContrast} />
          <IsolationSelect name="isolation" value={isolation} onChange={setIsolation} />
        </div>
        <fieldset className="form-grid assumptions">
          <legend>{t('roi.assumptions')}</legend>
          {ASSUMPTION_KEYS.map((key) => {
            const message = shown.has(key) ? problem(key) : null;
            const errorId = `roi-a-${key}-error`;
            const placeholder = used.get(key);
            return (
              <label className="field" key={key}>
                <span className="field-label">{t(`roi.a.${key}`)}</span>
                <input
                  type="text"
                  inputMode="decimal"
                  name={key}
                  value={assumptions[key] ?? ''}
                  placeholder={
                    placeholder == null
                      ? ''
                      : formatGroupedNumber(assumptionPlaceholder(key, placeholder), lang)
                  }
                  aria-invalid={message ? true : undefined}
                  aria-describedby={message ? errorId : undefined}
                  onChange={(e) => {
                    // Read the value now: React clears currentTarget before a functional update runs.
                    const value = e.currentTarget.value;
                    setAssumptions((a) => ({ ...a, [key]: value }));
                  }}
                  onBlur={() => setShown((s) => (s.has(key) ? s : new Set(s).add(key)))}
                />
                {message && (
                  <small id={errorId} className="field-error" data-field-error={key}>
                    {message}
                  </small>
                )}
              </label>
            );
          })}
        </fieldset>
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!chosenProgram}
            aria-describedby={noPrograms ? 'roi-no-programs' : undefined}
          >
            {t('roi.recalc')}
          </button>
          <button type="button" className="btn" onClick={reset}>
            {t('roi.resetAssumptions')}
          </button>
        </div>
      </form>
      {noPrograms && (
        <p className="state state-empty" id="roi-no-programs" data-no-programs>
          {t('roi.noPrograms')}
        </p>
      )}
    </section>
  );
}
