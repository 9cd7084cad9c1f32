import { type FormEvent, useEffect, useState } from 'react';
import type { Program, Roi, RoiAssumptionsInput, RoiInput } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { updateSearch } from '../../state/url-store.ts';
import type { DefaultCohort } from '../default-cohort.ts';
import { ASSUMPTION_KEYS, type AssumptionKey, roiToSearch } from '../roi-params.ts';
import { ProgramOptions } from './ProgramOptions.tsx';

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
  const { t } = useLang();
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
  // Placeholders show the values the API used, so "default" is a number, not a blank.
  const used = new Map(assumptionsUsed?.map((a) => [a.name, a.value]) ?? []);

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

  return (
    <section className="card wide" aria-labelledby="roi-form-h">
      <h2 id="roi-form-h">{t('roi.chain')}</h2>
      {!programInUrl && defaults.program && defaults.window && (
        <p className="muted" data-default-note>
          {t('default.cohortNote', { year: defaults.window.from.slice(0, 4) })}
        </p>
      )}
      <form onSubmit={submit} data-roi-form>
        <div className="form-grid">
          <label className="field">
            <span className="field-label">{t('roi.program')}</span>
            <select name="program" value={program} onChange={(e) => setProgram(e.currentTarget.value)}>
              <ProgramOptions programs={programs} />
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
                onChange={(e) => {
                  // Read the value now: React clears currentTarget before a functional update runs.
                  const value = e.currentTarget.value;
                  setAssumptions((a) => ({ ...a, [key]: value }));
                }}
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
  );
}
