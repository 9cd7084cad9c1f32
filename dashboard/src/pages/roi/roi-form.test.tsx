import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../graphql/types.ts';
import { translator } from '../../i18n/translate.ts';
import { renderWithCatalog } from '../../testing/catalog-render.tsx';
import type { DefaultCohort } from '../default-cohort.ts';
import { BudgetScenarioCard } from './BudgetScenarioCard.tsx';
import { RoiForm } from './RoiForm.tsx';

const program = (code: string, title: string): Program => ({
  code,
  title,
  competencyArea: 'pelayanan',
  method: 'klasikal',
  jp: 24,
  provider: 'BKPSDM',
});
const P1 = program('P1', 'Prima');
const P2 = program('P2', 'Dua');

const DUKCAPIL = { code: 'DUKCAPIL', name: 'Dinas Kependudukan', kind: 'dinas', parentCode: null };

/** Server-rendered markup on first paint, in Indonesian, with the catalog's programs (null: loading). */
const html = (programs: readonly Program[] | null, node: ReactNode) =>
  renderWithCatalog(node, programs, [DUKCAPIL]);

/** A tiny warehouse: a measurable year, but no program with enough completers to be the default. */
const noDefault: DefaultCohort = {
  program: null,
  window: { from: '2024-01-01', to: '2024-12-31' },
  loading: false,
};

const roiForm = (programs: readonly Program[] | null, defaults = noDefault) =>
  html(
    programs,
    <RoiForm
      input={null}
      defaults={defaults}
      programInUrl={false}
      programs={programs ?? []}
      assumptionsUsed={undefined}
    />,
  );

const budgetCard = (programs: readonly Program[] | null, defaultProgram = '') => {
  const catalog = {
    agencies: [],
    programs: programs ?? [],
    agencyName: (c: string | null | undefined) => c ?? '',
    programTitle: (c: string | null | undefined) => c ?? '',
    loading: programs === null,
    error: undefined,
  };
  return html(programs, <BudgetScenarioCard defaultProgram={defaultProgram} catalog={catalog} />);
};

/** The value the markup's program `<select>` holds: its selected option's (none: what a browser shows first). */
const selectedProgram = (markup: string) =>
  markup
    .match(/<select name="program">.*?<\/select>/)?.[0]
    .match(/<option value="([^"]*)"[^>]* selected=""/)?.[1] ?? null;
const submitButton = (markup: string) => markup.match(/<button type="submit"[^>]*>/)?.[0] ?? '';

const ID_NO_PROGRAMS = 'Tidak ada program dalam data ini: tidak ada program yang dapat dihitung.';

describe('ROI form: the program it shows is the program it sends', () => {
  it('holds the first program when no program is the default (it showed P1 while sending "")', () => {
    const markup = roiForm([P1, P2]);
    expect(selectedProgram(markup)).toBe('P1');
    expect(submitButton(markup)).not.toContain('disabled');
    expect(markup).not.toContain('data-no-programs');
  });

  it('holds the default program when there is one and the URL names none', () => {
    const markup = roiForm([P1, P2], { ...noDefault, window: null, program: 'P2' });
    expect(selectedProgram(markup)).toBe('P2');
  });

  it('with no program in the data, says so and cannot be submitted', () => {
    const markup = roiForm([]);
    expect(selectedProgram(markup)).toBeNull();
    expect(submitButton(markup)).toBe(
      '<button type="submit" class="btn btn-primary" disabled="" aria-describedby="roi-no-programs">',
    );
    expect(markup).toContain(
      `<p class="state state-empty" id="roi-no-programs" data-no-programs="true">${ID_NO_PROGRAMS}</p>`,
    );
    expect(translator('en')('roi.noPrograms')).toBe(
      'No programs in this data: there is no program to price.',
    );
  });

  it('while the catalog loads, waits without claiming there are no programs', () => {
    const markup = roiForm(null);
    expect(submitButton(markup)).toContain('disabled=""');
    expect(markup).not.toContain('data-no-programs');
  });
});

describe('budget scenario: the program it shows is the program it prices', () => {
  it('holds the first program when the ROI form has none (it showed P1 while sending "")', () => {
    const markup = budgetCard([P1, P2]);
    expect(selectedProgram(markup)).toBe('P1');
    expect(submitButton(markup)).not.toContain('disabled');
    expect(markup).not.toContain('data-no-programs');
  });

  it("follows the ROI form's program, an unknown one (a shared link's) included", () => {
    expect(selectedProgram(budgetCard([P1, P2], 'P2'))).toBe('P2');
    expect(selectedProgram(budgetCard([P1, P2], 'NOPE'))).toBe('NOPE');
  });

  it('with no program in the data, says so and runs nothing (no raw "“Program” “”" error)', () => {
    const markup = budgetCard([]);
    expect(submitButton(markup)).toBe(
      '<button type="submit" class="btn btn-primary" disabled="" aria-describedby="budget-no-programs">',
    );
    expect(markup).toContain(
      `<p class="state state-empty" id="budget-no-programs" data-no-programs="true">${ID_NO_PROGRAMS}</p>`,
    );
  });

  it('while the catalog loads, waits without claiming there are no programs', () => {
    const markup = budgetCard(null);
    expect(submitButton(markup)).toContain('disabled=""');
    expect(markup).not.toContain('data-no-programs');
  });
});
