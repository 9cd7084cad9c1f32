import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.ts';
import { EMPTY_FILTERS } from '../state/filters.ts';
import { impactIgnoredNote } from './impact-filters.ts';

describe("the impact card's note on filters it does not apply", () => {
  const t = translator('id');
  it('names each list filter set, as the tiles do', () => {
    expect(impactIgnoredNote({ ...EMPTY_FILTERS, agencies: ['DISDUKCAPIL'] }, t)).toBe(
      'Filter tidak berlaku untuk kartu ini: Instansi',
    );
    expect(impactIgnoredNote({ ...EMPTY_FILTERS, methods: ['workshop'], gradeGroups: ['III'] }, t)).toBe(
      'Filter tidak berlaku untuk kartu ini: Metode, Golongan',
    );
  });
  it('names the years too: the portfolio counts every completion year', () => {
    expect(impactIgnoredNote({ ...EMPTY_FILTERS, fromYear: 2023, toYear: 2023 }, t)).toBe(
      'Filter tidak berlaku untuk kartu ini: Tahun 2023',
    );
    expect(impactIgnoredNote({ ...EMPTY_FILTERS, fromYear: 2022, toYear: null }, translator('en'))).toBe(
      'Filters that do not apply to this card: Year 2022–…',
    );
  });
  it('says nothing without a filter (the grain is no filter)', () => {
    expect(impactIgnoredNote({ ...EMPTY_FILTERS, grain: 'month' }, t)).toBeNull();
  });
});
