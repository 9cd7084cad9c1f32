import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.ts';
import { parseFilters } from '../state/filters.ts';
import { metricFilter } from '../state/metric-filter.ts';
import { ignoredFiltersNote } from './ignored-filters.ts';

describe('ignoredFiltersNote', () => {
  it('names the filters a tile cannot apply, as the charts do (ID and EN)', () => {
    const filters = parseFilters(new URLSearchParams('svc=kk'));
    const { ignored } = metricFilter(filters, 'participation');
    expect(ignoredFiltersNote(translator('id'), ignored, 'tile')).toBe(
      'Filter tidak berlaku untuk angka ini: Jenis layanan',
    );
    expect(ignoredFiltersNote(translator('en'), ignored, 'tile')).toBe(
      'Filters that do not apply to this figure: Service type',
    );
    expect(ignoredFiltersNote(translator('id'), ignored, 'chart')).toBe(
      'Filter tidak berlaku untuk grafik ini: Jenis layanan',
    );
  });

  it('says nothing when every filter applies', () => {
    const { ignored } = metricFilter(parseFilters(new URLSearchParams('svc=kk')), 'serviceTimes');
    expect(ignoredFiltersNote(translator('id'), ignored, 'tile')).toBeNull();
    expect(ignoredFiltersNote(translator('id'), undefined, 'chart')).toBeNull();
  });
});
