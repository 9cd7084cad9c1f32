import { describe, expect, it } from 'vitest';
import { parseFilters, writeFilters } from './filters.ts';
import { unknownFilterValues, withoutUnknown } from './unknown-filters.ts';

describe('unknown filter values', () => {
  const known = { agencies: ['DISDUKCAPIL', 'KEL-62.71.01.1001'], programs: ['PLY-PRIMA'], serviceTypes: [] };

  it('finds the codes a shared link names that the catalogue does not know (KEL-PAHANDUT)', () => {
    const filters = parseFilters('page=layanan&agency=KEL-PAHANDUT,DISDUKCAPIL&program=PLY-PRIMA&svc=kk');
    const unknown = unknownFilterValues(filters, known);
    // Service types: the catalogue gave none (not loaded, or hidden), so nothing is judged there.
    expect(unknown).toEqual({ agencies: ['KEL-PAHANDUT'] });
    const kept = withoutUnknown(filters, unknown);
    expect(kept.agencies).toEqual(['DISDUKCAPIL']);
    expect(kept.serviceTypes).toEqual(['kk']);
    expect(writeFilters(new URLSearchParams('page=layanan'), kept).toString()).toBe(
      'page=layanan&agency=DISDUKCAPIL&program=PLY-PRIMA&svc=kk',
    );
  });

  it('is empty when every value is known', () => {
    expect(unknownFilterValues(parseFilters('agency=DISDUKCAPIL'), known)).toEqual({});
  });
});
