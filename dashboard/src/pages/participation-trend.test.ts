import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.ts';
import { headcountNUnit, participationGrainNote, participationHeadcountN } from './participation-trend.ts';

const month = (period: string, n: number | null, isTotal = true) => ({ period, n, isTotal });

describe('participation trend n', () => {
  it("counts a year's headcount once at month grain, not once per month (9.525, not 114.300)", () => {
    const rows = Array.from({ length: 12 }, (_, i) =>
      month(`2025-${String(i + 1).padStart(2, '0')}-01`, 9525),
    );
    expect(participationHeadcountN(rows)).toBe(9525);
  });

  it('adds the years as the year grain does, and leaves out group rows and hidden periods', () => {
    expect(
      participationHeadcountN([
        month('2024-01-01', 9400),
        month('2024-04-01', null),
        month('2024-04-01', 120, false),
        month('2025-01-01', 9525),
        month('2025-04-01', 9525),
      ]),
    ).toBe(9400 + 9525);
    expect(participationHeadcountN([month('2025-01-01', 9525), month('2026-01-01', 9610)])).toBe(19_135);
  });

  it('is null when no period has an n', () => {
    expect(participationHeadcountN([])).toBeNull();
    expect(participationHeadcountN([month('2025-01-01', null)])).toBeNull();
  });
});

describe('headcount n unit', () => {
  it('counts employee-years over more than one year (2021–2025: 24.331 for ~4,700 employees)', () => {
    const years = [4702, 4781, 4866, 4950, 5032].map((n, i) => month(`${2021 + i}-01-01`, n));
    expect(participationHeadcountN(years)).toBe(24_331);
    expect(headcountNUnit(years)).toBe('employeeYears');
    // Month grain over two years: still two years.
    expect(
      headcountNUnit([month('2024-01-01', 9400), month('2024-02-01', 9400), month('2025-01-01', 9525)]),
    ).toBe('employeeYears');
  });

  it('counts employees over one year, and no year that is hidden, empty or a group', () => {
    const months = Array.from({ length: 12 }, (_, i) =>
      month(`2025-${String(i + 1).padStart(2, '0')}-01`, 9525),
    );
    expect(headcountNUnit(months)).toBeNull();
    expect(headcountNUnit([month('2025-01-01', 9525), month('2026-01-01', 0)])).toBeNull();
    expect(headcountNUnit([month('2024-01-01', null), month('2025-01-01', 9525)])).toBeNull();
    expect(headcountNUnit([month('2024-01-01', 120, false), month('2025-01-01', 9525)])).toBeNull();
    expect(headcountNUnit([])).toBeNull();
  });
});

describe('participation grain note', () => {
  it("explains month and quarter rates as shares of the year's headcount, in both languages", () => {
    expect(participationGrainNote('year')).toBeNull();
    const m = participationGrainNote('month');
    const q = participationGrainNote('quarter');
    expect(m && translator('id')(m)).toMatch(/jumlah pegawai tahun itu.*bulan tersebut/);
    expect(m && translator('en')(m)).toMatch(/share of the year's headcount.*in that month/);
    expect(q && translator('id')(q)).toMatch(/triwulan tersebut/);
    expect(q && translator('en')(q)).toMatch(/n = the headcount, once per year/);
  });
});
