import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../../charts/chart-table.ts';
import type { BudgetTrendYear } from '../../graphql/types.ts';
import { translator } from '../../i18n/translate.ts';
import { budgetTrendSummary, budgetTrendTable } from './budget-trend.ts';

const year = (y: number, over: Partial<BudgetTrendYear> = {}): BudgetTrendYear => ({
  year: y,
  agencies: 30,
  allocatedIdr: 9_000_000_000,
  realizedIdr: 8_100_000_000,
  realisation: 0.9,
  allocatedChange: null,
  offerings: 170,
  programCostIdr: 2_500_000_000,
  headcount: 6000,
  allocatedPerEmployeeIdr: 1_500_000,
  participationRate: 0.45,
  headcountSuppressed: false,
  ...over,
});

// The demo's shape: 2021 cut to 60 % of 2022, then rising; 2020's headcount hidden.
const YEARS: BudgetTrendYear[] = [
  year(2020, {
    headcountSuppressed: true,
    headcount: null,
    allocatedPerEmployeeIdr: null,
    participationRate: null,
  }),
  year(2021, {
    allocatedIdr: 5_400_000_000,
    realizedIdr: 4_860_000_000,
    allocatedChange: -0.4,
    allocatedPerEmployeeIdr: 900_000,
    participationRate: 0.31,
    offerings: 102,
  }),
  year(2022, { allocatedChange: 2 / 3 }),
  year(2023, {
    agencies: 0,
    allocatedIdr: null,
    realizedIdr: null,
    realisation: null,
    allocatedPerEmployeeIdr: null,
  }),
];

describe('budgetTrendTable', () => {
  const t = translator('id');
  const lines = (csv: string) => csv.slice(1).trimEnd().split('\r\n');

  it('exports every year with its money raw and names the staff figures participation hides', () => {
    const csv = lines(tableToCsv(budgetTrendTable(YEARS, t), 'S1'));
    expect(csv[0]).toBe(
      'Tahun anggaran,Anggaran dialokasikan (Rp),Anggaran terealisasi (Rp),Realisasi anggaran (0-1),' +
        'Perubahan anggaran dari tahun sebelumnya (0-1),Instansi dengan anggaran,Anggaran per pegawai (Rp),Tingkat partisipasi (0-1),' +
        'Pegawai,Penyelenggaraan pelatihan,Biaya langsung penyelenggaraan (Rp),n,suppressed,suppression_reason,snapshot',
    );
    expect(csv).toHaveLength(5);
    // 2020: the money stays, the three staff figures are blank and named as hidden.
    const [hidden] = csv.slice(1);
    expect(hidden).toMatch(/^2020,9000000000,8100000000,0\.9,,30,,,,170,2500000000,,true,/);
    expect(hidden).toContain('S1');
    expect(csv[2]).toBe('2021,5400000000,4860000000,0.9,-0.4,30,900000,0.31,6000,102,2500000000,,false,,S1');
    // A year without a budget line: blank money, not hidden.
    expect(csv[4]).toBe('2023,,,,,0,,0.45,6000,170,2500000000,,false,,S1');
  });

  it('marks exactly the staff figures of a hidden year, and nothing of the others', () => {
    const table = budgetTrendTable(YEARS, t);
    expect(table.rows[0]?.suppressedCells).toEqual({
      allocatedPerEmployeeIdr: 'unspecified',
      participationRate: 'unspecified',
      headcount: 'unspecified',
    });
    expect(table.rows.slice(1).every((r) => r.suppressedCells === undefined && !r.suppressed)).toBe(true);
    expect(table.minN).toBeNull();
  });
});

describe('budgetTrendSummary', () => {
  it('names the years of the least and most budget per employee with their participation, and the deepest cut', () => {
    expect(budgetTrendSummary(YEARS, translator('id'), 'id')).toEqual([
      'Anggaran pelatihan per pegawai paling kecil pada 2021 (Rp 900.000; partisipasi 31%) dan paling besar pada 2022 (Rp 1,5 jt; partisipasi 45%).',
      'Pemotongan terbesar: anggaran 2021 turun 40% dari tahun sebelumnya.',
    ]);
    expect(budgetTrendSummary(YEARS, translator('en'), 'en')).toEqual([
      'The training budget per employee was smallest in 2021 (Rp 900,000; participation 31%) and largest in 2022 (Rp 1.5 M; participation 45%).',
      'Deepest cut: the 2021 budget fell 40% on the year before.',
    ]);
  });

  it('says a hidden rate is hidden, and leaves out the cut when no year fell', () => {
    const hiddenRate = [
      year(2022, { participationRate: null }),
      year(2023, { allocatedPerEmployeeIdr: 2_000_000, allocatedChange: 0.1 }),
    ];
    expect(budgetTrendSummary(hiddenRate, translator('id'), 'id')).toEqual([
      'Anggaran pelatihan per pegawai paling kecil pada 2022 (Rp 1,5 jt; partisipasi dirahasiakan) dan paling besar pada 2023 (Rp 2,0 jt; partisipasi 45%).',
    ]);
  });

  it('names the years in which fewer agencies have a budget line than in the fullest year', () => {
    const partial = [
      year(2021, { agencies: 28 }),
      year(2022),
      year(2023, { agencies: 29 }),
      year(2024, { agencies: 0 }),
    ];
    const [, line] = budgetTrendSummary(partial, translator('en'), 'en');
    expect(line).toBe(
      'Fewer agencies have a budget line in 2021 (28), 2023 (29) than the 30 of the fullest year: the total and the budget per employee there are incomplete, and the change counts only the agencies with a line in both years.',
    );
    expect(budgetTrendSummary(partial, translator('id'), 'id')[1]).toContain(
      'pada 2021 (28), 2023 (29) dibanding 30 instansi',
    );
    // Every year with the same agencies (a year without any line is not "fewer"): no such line.
    expect(
      budgetTrendSummary([year(2021), year(2022), year(2023, { agencies: 0 })], translator('en'), 'en'),
    ).toHaveLength(1);
  });

  it('says nothing with fewer than two years to compare', () => {
    expect(budgetTrendSummary([year(2022)], translator('id'), 'id')).toEqual([]);
    expect(budgetTrendSummary(YEARS.slice(0, 1), translator('id'), 'id')).toEqual([]);
    expect(budgetTrendSummary([], translator('id'), 'id')).toEqual([]);
  });
});
