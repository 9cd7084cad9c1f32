import { describe, expect, it } from 'vitest';
import { activeFilterCount, EMPTY_FILTERS, parseFilters, writeFilters } from './filters.ts';
import { metricFilter } from './metric-filter.ts';

describe('URL filters', () => {
  it('round-trips every field', () => {
    const filters = {
      ...EMPTY_FILTERS,
      fromYear: 2022,
      toYear: 2024,
      agencies: ['DISDUKCAPIL', 'BKPSDM'],
      methods: ['e_learning'],
      tenureBands: ['20+', '<5'],
      serviceTypes: ['ktp_el'],
      grain: 'quarter' as const,
    };
    const params = writeFilters(new URLSearchParams('page=partisipasi'), filters);
    expect(params.get('page')).toBe('partisipasi');
    const back = parseFilters(params.toString());
    expect(back).toEqual({ ...filters, agencies: ['BKPSDM', 'DISDUKCAPIL'], tenureBands: ['20+', '<5'] });
  });

  it('gives one canonical URL per view (sorted, defaults omitted)', () => {
    const a = writeFilters(new URLSearchParams(), { ...EMPTY_FILTERS, agencies: ['B', 'A'] }).toString();
    const b = writeFilters(new URLSearchParams(), { ...EMPTY_FILTERS, agencies: ['A', 'B', 'A'] }).toString();
    expect(a).toBe('agency=A%2CB');
    expect(a).toBe(b);
    expect(writeFilters(new URLSearchParams('from=2020'), EMPTY_FILTERS).toString()).toBe('');
  });

  it('drops malformed and unknown values instead of failing', () => {
    const f = parseFilters(
      'from=20x4&to=2023&method=workshop,hacking&agency=ok-1,<script>&grain=week&tenure=5-9',
    );
    expect(f.fromYear).toBeNull();
    expect(f.toYear).toBe(2023);
    expect(f.methods).toEqual(['workshop']);
    expect(f.agencies).toEqual(['ok-1']);
    expect(f.grain).toBe('year');
    expect(f.tenureBands).toEqual(['5-9']);
  });

  it('swaps a reversed period', () => {
    const f = parseFilters('from=2025&to=2022');
    expect([f.fromYear, f.toYear]).toEqual([2022, 2025]);
  });
  it('writes a reversed period in order, so the URL matches what is shown', () => {
    const written = writeFilters(new URLSearchParams('page=layanan'), {
      ...EMPTY_FILTERS,
      fromYear: 2025,
      toYear: 2021,
    });
    expect(written.toString()).toBe('page=layanan&from=2021&to=2025');
  });

  it('counts active population filters', () => {
    expect(activeFilterCount(parseFilters('from=2022&agency=A&method=seminar'))).toBe(2);
  });
});

describe('metricFilter', () => {
  const filters = parseFilters('from=2022&to=2023&agency=A&method=seminar&svc=ktp_el');

  it('turns years into whole-year dates', () => {
    expect(metricFilter(filters, 'participation').filter).toEqual({
      from: '2022-01-01',
      to: '2023-12-31',
      agencies: ['A'],
      methods: ['seminar'],
    });
  });

  it('names the filters a metric cannot apply instead of sending them', () => {
    expect(metricFilter(filters, 'participation').ignored).toEqual(['serviceTypes']);
    const svc = metricFilter(filters, 'serviceTimes');
    expect(svc.filter).toEqual({
      from: '2022-01-01',
      to: '2023-12-31',
      agencies: ['A'],
      serviceTypes: ['ktp_el'],
    });
    expect(svc.ignored).toEqual(['methods']);
  });
});
