import { describe, expect, it } from 'vitest';
import type { Program } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import { renderWithCatalog } from '../testing/catalog-render.tsx';
import KohortPage from './KohortPage.tsx';

/** The page on first paint, in Indonesian, with the catalog's programs cached (null: still loading). */
const page = (programs: readonly Program[] | null): string => renderWithCatalog(<KohortPage />, programs);

const compareButton = (markup: string) => markup.match(/<button type="submit"[^>]*>/)?.[0] ?? '';
const P1: Program = {
  code: 'P1',
  title: 'Prima',
  competencyArea: 'pelayanan',
  method: 'klasikal',
  jp: 24,
  provider: 'BKPSDM',
};

describe('Kohort page on data without programs', () => {
  it('says there is no program to compare, and Compare writes no link without a choice', () => {
    const markup = page([]);
    expect(compareButton(markup)).toBe(
      '<button type="submit" class="btn btn-primary" disabled="" aria-describedby="kohort-no-programs">',
    );
    expect(markup).toContain(
      '<p class="state state-empty" id="kohort-no-programs" data-no-programs="true">Tidak ada program untuk dibandingkan dalam data ini.</p>',
    );
    // Not "press Compare" beside a Compare that is off.
    expect(markup).not.toContain('lalu tekan');
    expect(translator('en')('kohort.noPrograms')).toBe('No programs to compare in this data.');
  });

  it('keeps Compare and the prompt when there is a program to pick', () => {
    const markup = page([P1]);
    expect(compareButton(markup)).toBe('<button type="submit" class="btn btn-primary">');
    expect(markup).toMatch(/<option value="P1" selected="">P1 — Prima<\/option>/);
    expect(markup).not.toContain('data-no-programs');
  });

  it('while the catalog loads: Compare waits, and nothing claims there are no programs', () => {
    const markup = page(null);
    expect(compareButton(markup)).toContain('disabled=""');
    expect(markup).not.toContain('data-no-programs');
  });
});
