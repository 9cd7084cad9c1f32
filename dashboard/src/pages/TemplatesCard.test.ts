import { describe, expect, it } from 'vitest';
import { templateGrain } from './TemplatesCard.tsx';

const employees = {
  table: 'employees',
  grain: 'one row per civil servant (PNS or PPPK)',
  grainId: 'satu baris per pegawai ASN (PNS atau PPPK)',
  csv: 'employees.csv',
  xlsx: 'employees.xlsx',
};

describe('templateGrain', () => {
  it('says what one row is in the UI language', () => {
    expect(templateGrain(employees, 'id')).toEqual({
      text: 'satu baris per pegawai ASN (PNS atau PPPK)',
      lang: 'id',
    });
    expect(templateGrain(employees, 'en')).toEqual({
      text: 'one row per civil servant (PNS or PPPK)',
      lang: 'en',
    });
  });

  it('falls back to the English, marked as English, for an index written before grainId existed', () => {
    const { grainId: _, ...older } = employees;
    expect(templateGrain(older, 'id')).toEqual({
      text: 'one row per civil servant (PNS or PPPK)',
      lang: 'en',
    });
    expect(templateGrain({ ...employees, grainId: '  ' }, 'id').lang).toBe('en');
  });
});
