import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.ts';
import type { ChartTable, TableRow } from './chart-table.ts';
import { cardN, cardNBadge, chartAccessibleName, hiddenSlots } from './hidden-bars.ts';
import { hoverTip } from './hover-tip.ts';

const labels = ['Dinas Kesehatan', 'Kel. Bereng Bengkel', 'Kel. Pahandut'];
// Kel. Bereng Bengkel hidden (4 employees behind it), Kel. Pahandut a real 0 %.
const series = [{ label: 'Resistensi', values: [0.2, null, 0], hidden: [false, true, false] }];

describe('hidden bars', () => {
  it('finds the hidden points, not the zero ones', () => {
    expect(hiddenSlots(series)).toEqual([1]);
    expect(hiddenSlots([{ values: [null, 0] }])).toEqual([]);
  });

  it("names the hidden agencies in the chart's accessible name", () => {
    expect(chartAccessibleName('Resistensi per instansi', labels, series, translator('id'))).toBe(
      'Resistensi per instansi. Dirahasiakan: Kel. Bereng Bengkel',
    );
    expect(chartAccessibleName('Resistance by agency', labels, series, translator('en'))).toBe(
      'Resistance by agency. Hidden: Kel. Bereng Bengkel',
    );
    expect(chartAccessibleName('X', labels, [{ values: [1, null, 0] }], translator('en'))).toBe('X');
  });

  it('says "dirahasiakan" in the hover tip of a hidden bar, a dash for a missing one', () => {
    expect(hoverTip(labels, series, 1, 'fraction', 'id', 'dirahasiakan')?.lines).toEqual(['dirahasiakan']);
    expect(hoverTip(labels, series, 2, 'fraction', 'id', 'dirahasiakan')?.lines).toEqual(['0,0%']);
    expect(hoverTip(labels, [{ label: 'A', values: [null, 1, 1] }], 0, 'fraction', 'id', 'x')?.lines).toEqual(
      ['—'],
    );
  });
});

describe('cardN', () => {
  const row = (agency: string, n: number | null): TableRow => ({
    values: { group: agency, rate: n === null ? null : 0.5 },
    agency,
    n,
    suppressed: n === null,
  });
  const table = (rows: TableRow[]): ChartTable => ({
    columns: [
      { key: 'group', label: 'Instansi', kind: 'text' },
      { key: 'rate', label: 'Partisipasi', kind: 'fraction' },
    ],
    rows,
    minN: 5,
  });

  it('says the n counts the agencies shown when some are hidden (5.249 against 5.284)', () => {
    expect(cardN(table([row('A', 5_000), row('B', 249), row('C', null)]), undefined)).toEqual({
      n: 5_249,
      shownOnly: 'agencies',
    });
    expect(cardN(table([row('A', 5_000), row('B', 249)]), undefined)).toEqual({ n: 5_249, shownOnly: null });
    expect(cardN(table([row('A', 5_000), row('C', null)]), 42)).toEqual({ n: 42, shownOnly: null });
    expect(translator('id')('chart.nShown.agencies', { n: '5.249' })).toBe(
      'n = 5.249 (instansi yang ditampilkan)',
    );
    expect(translator('en')('chart.nShown.agencies', { n: '5,249' })).toBe('n = 5,249 (agencies shown)');
  });
});

describe('cardNBadge', () => {
  const id = translator('id');
  const en = translator('en');
  it('labels a headcount added up over years as employee-years, in both languages', () => {
    expect(cardNBadge(24331, null, 'employeeYears', id, 'id')).toEqual({
      text: 'n = 24.331 pegawai-tahun',
      title:
        'Jumlah pegawai tiap tahun, dijumlahkan: seorang pegawai dihitung sekali untuk setiap tahun, jadi ini bukan jumlah pegawai.',
    });
    expect(cardNBadge(24331, null, 'employeeYears', en, 'en').text).toBe('n = 24,331 employee-years');
    // Some year hidden: still the rows shown, with the unit.
    expect(cardNBadge(19299, 'rows', 'employeeYears', id, 'id').text).toBe(
      'n = 19.299 pegawai-tahun (baris yang ditampilkan)',
    );
  });

  it('says n as before without a unit, and no unit without an n', () => {
    expect(cardNBadge(4702, null, null, id, 'id')).toEqual({ text: 'n = 4.702', title: undefined });
    expect(cardNBadge(5249, 'agencies', undefined, id, 'id').text).toBe(
      'n = 5.249 (instansi yang ditampilkan)',
    );
    expect(cardNBadge(null, null, 'employeeYears', en, 'en').text).not.toContain('employee-years');
  });
});
