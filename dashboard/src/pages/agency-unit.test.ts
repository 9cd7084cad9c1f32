import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/translate.ts';
import {
  AGENCY_UNITS,
  agencyUnitColumn,
  agencyUnitDimension,
  agencyUnitParam,
  coversSeveralYears,
  mostlyHidden,
  parseAgencyUnit,
} from './agency-unit.ts';

describe('the Partisipasi agency cards’ breakdown (by agency or by kind of agency)', () => {
  it('reads the URL: kind, else by agency (absent, empty or unknown)', () => {
    expect(parseAgencyUnit('kind')).toBe('kind');
    expect(parseAgencyUnit('agency')).toBe('agency');
    expect(parseAgencyUnit(null)).toBe('agency');
    expect(parseAgencyUnit('')).toBe('agency');
    expect(parseAgencyUnit('KIND')).toBe('agency');
  });

  it('writes the URL: nothing for the default, so a plain link stays plain', () => {
    expect(agencyUnitParam('agency')).toBeNull();
    expect(agencyUnitParam('kind')).toBe('kind');
    for (const unit of AGENCY_UNITS) expect(parseAgencyUnit(agencyUnitParam(unit))).toBe(unit);
  });

  it('groups by the API dimension of the unit, under its own column header', () => {
    expect(agencyUnitDimension('agency')).toBe('agency');
    expect(agencyUnitDimension('kind')).toBe('agencyKind');
    expect(MESSAGES.id[agencyUnitColumn('kind')]).toBe('Jenis instansi');
    expect(MESSAGES.id[agencyUnitColumn('agency')]).toBe('Instansi');
  });

  it('names every kind of agency the source accepts, in both languages', () => {
    // etl/src/source-schema/migrations: agencies.kind CHECK (the only values the warehouse holds).
    for (const kind of ['dinas', 'badan', 'kecamatan', 'sekretariat', 'inspektorat', 'kelurahan']) {
      expect(MESSAGES.id[`agencyKind.${kind}` as keyof typeof MESSAGES.id]).toBeTruthy();
      expect(MESSAGES.en[`agencyKind.${kind}` as keyof typeof MESSAGES.en]).toBeTruthy();
    }
  });
});

describe('mostlyHidden (a by-agency card then points to the kinds)', () => {
  const rows = (hidden: number, shown: number) => ({
    rows: [
      ...Array.from({ length: hidden }, () => ({ values: {}, n: null, suppressed: true })),
      ...Array.from({ length: shown }, () => ({ values: {}, n: 10, suppressed: false })),
    ],
  });

  it('counts the hidden rows when they are at least half', () => {
    expect(mostlyHidden(rows(41, 12))).toEqual({ hidden: 41, rows: 53 });
    expect(mostlyHidden(rows(2, 2))).toEqual({ hidden: 2, rows: 4 });
  });

  it('says nothing when fewer than half are hidden, for a short table, or without a table', () => {
    expect(mostlyHidden(rows(26, 27))).toBeNull();
    expect(mostlyHidden(rows(0, 53))).toBeNull();
    expect(mostlyHidden(rows(3, 0))).toBeNull();
    expect(mostlyHidden(null)).toBeNull();
    expect(mostlyHidden(undefined)).toBeNull();
  });
});

describe('the by-kind cards’ note on hidden kinds', () => {
  it('tells a range of several years from one year, an open end read as the snapshot’s year', () => {
    const span = { first: 2021, last: 2025 };
    expect(coversSeveralYears({ fromYear: null, toYear: null }, span)).toBe(true);
    expect(coversSeveralYears({ fromYear: 2023, toYear: 2023 }, span)).toBe(false);
    expect(coversSeveralYears({ fromYear: 2025, toYear: null }, span)).toBe(false);
    expect(coversSeveralYears({ fromYear: null, toYear: 2021 }, span)).toBe(false);
    expect(coversSeveralYears({ fromYear: 2024, toYear: null }, span)).toBe(true);
    expect(coversSeveralYears({ fromYear: null, toYear: null }, { first: 2025, last: 2025 })).toBe(false);
    expect(coversSeveralYears({ fromYear: null, toYear: null }, null)).toBe(true);
    expect(coversSeveralYears({ fromYear: 2023, toYear: 2023 }, null)).toBe(false);
  });

  it('says why kinds are hidden in both languages, with the single-year hint only for a range', () => {
    for (const lang of ['id', 'en'] as const) {
      const one = MESSAGES[lang]['partisipasi.kindsHidden'];
      const range = MESSAGES[lang]['partisipasi.kindsHiddenRange'];
      for (const text of [one, range]) expect(text).toMatch(/^\{hidden\} .+ \{rows\} /);
      expect(range.length).toBeGreaterThan(one.length);
    }
    expect(MESSAGES.id['partisipasi.kindsHiddenRange']).toContain('Satu tahun saja');
    expect(MESSAGES.id['partisipasi.kindsHidden']).not.toContain('Satu tahun saja');
  });
});
