import { describe, expect, it } from 'vitest';
import type { CatalogQuery, KelurahanCatalogQuery } from '../graphql/operations.generated.ts';
import { LIST_PARAMS } from '../state/filters.ts';
import { filterListOptions } from './filter-options.ts';

const t = ((key: string) => key) as Parameters<typeof filterListOptions>[0];
const catalog = {
  agencies: [
    { code: 'DKPP', name: 'Dinas Ketahanan Pangan', kind: 'dinas', parentCode: null },
    { code: 'KEL-62.71.04.1006', name: 'Kelurahan Sabaru', kind: 'kelurahan', parentCode: 'KEC-62.71.04' },
  ],
  programs: [
    { code: 'PLY-PRIMA', title: 'Pelayanan Prima', competencyArea: 'x', method: 'y', jp: 20, provider: null },
  ],
  serviceTypes: { rows: [{ isTotal: true, keys: { serviceType: null } }] },
} as CatalogQuery;
const kelurahan: KelurahanCatalogQuery = {
  serviceTimes: {
    rows: [
      { isTotal: true, keys: { kelurahan: null } },
      { isTotal: false, keys: { kelurahan: '62.71.04.1006' } },
      { isTotal: false, keys: { kelurahan: '62.71.01.1001' } },
    ],
  },
};

describe('filterListOptions', () => {
  it('offers a control for every list filter a link can set (program and kelurahan too)', () => {
    const lists = filterListOptions(t, catalog, kelurahan);
    expect(Object.keys(lists)).toEqual(Object.keys(LIST_PARAMS));
    expect(lists.programs).toEqual([{ value: 'PLY-PRIMA', label: 'Pelayanan Prima (PLY-PRIMA)' }]);
  });

  it('lists kelurahan by code, named after their office when the catalogue has one', () => {
    expect(filterListOptions(t, catalog, kelurahan).kelurahan).toEqual([
      { value: '62.71.01.1001', label: '62.71.01.1001' },
      { value: '62.71.04.1006', label: 'Kelurahan Sabaru' },
    ]);
  });

  it('gives empty catalogue lists before the queries answer', () => {
    const lists = filterListOptions(t, undefined, undefined);
    expect(lists.programs).toEqual([]);
    expect(lists.kelurahan).toEqual([]);
    expect(lists.methods.length).toBeGreaterThan(0);
  });
});
