import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../graphql/types.ts';
import { shortLabel } from './axis-labels.ts';
import {
  allSuppressed,
  type ChartTable,
  fromMetricRow,
  hasNoUnits,
  hiddenRow,
  isShortFormOf,
  plainRow,
  sortedBy,
  tableToCsv,
  totalN,
  withAgencyNames,
} from './chart-table.ts';
import { UTF8_BOM } from './csv.ts';

const table: ChartTable = {
  columns: [
    { key: 'agency', label: 'Instansi', kind: 'text' },
    { key: 'rate', label: 'Tingkat resistensi', kind: 'fraction' },
  ],
  rows: [
    plainRow({ agency: 'Dinas Kesehatan', rate: 0.25 }, 120),
    { values: { agency: '=HACK()', rate: 0.5 }, n: null, suppressed: true, suppressionReason: 'primary' },
  ],
  minN: 5,
};

describe('tableToCsv', () => {
  it('writes raw values with units, n, suppression and snapshot; hides suppressed measures', () => {
    expect(tableToCsv(table, 'S1')).toBe(
      `${UTF8_BOM}Instansi,Tingkat resistensi (0-1),n,suppressed,suppression_reason,snapshot\r\n` +
        'Dinas Kesehatan,0.25,120,false,,S1\r\n' +
        "'=HACK(),,,true,primary,S1\r\n",
    );
  });

  it('sums n over rows that show it', () => {
    expect(totalN(table)).toBe(120);
  });
});

describe('agency rows', () => {
  const metricRow = (agency: string | null, isTotal = false): MetricRow =>
    ({
      keys: { agency },
      period: null,
      isTotal,
      n: 40,
      pctOfTotal: null,
      suppressed: false,
      samePeriodLastYear: null,
    }) as unknown as MetricRow;
  const names: Record<string, string> = {
    DPMPTSP: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
    'KEL-62.71.02.1006': 'Kelurahan Kanarakan',
  };
  const byAgency: ChartTable = {
    columns: [
      { key: 'group', label: 'Instansi', kind: 'text' },
      { key: 'rate', label: 'Tingkat resistensi', kind: 'fraction' },
      { key: 'cost', label: 'Biaya', kind: 'idr' },
    ],
    rows: [
      // What a page that shortened names for the axis passes (pages/rows.ts cuts at 22 characters).
      fromMetricRow(metricRow('DPMPTSP'), {
        group: 'Dinas Penanaman Modal…',
        rate: 0.25,
        cost: 1389974707.69,
      }),
      fromMetricRow(metricRow('KEL-62.71.02.1006'), { group: 'Kelurahan Kanarakan', rate: 0.1, cost: null }),
      fromMetricRow(metricRow('NEW'), { group: 'NEW', rate: 0.3, cost: 437000000.00000006 }),
    ],
    minN: 5,
  };

  it('keeps the agency code of a grouped row, not of a total or an ungrouped row', () => {
    expect(byAgency.rows.map((r) => r.agency)).toEqual(['DPMPTSP', 'KEL-62.71.02.1006', 'NEW']);
    expect(fromMetricRow(metricRow('DPMPTSP', true), {}).agency).toBeUndefined();
    expect(fromMetricRow(metricRow(null), {}).agency).toBeUndefined();
  });

  it('recognises a name shortened for an axis, by either shortener', () => {
    const name = names.DPMPTSP!;
    expect(isShortFormOf('Dinas Penanaman Modal…', name)).toBe(true);
    expect(isShortFormOf(shortLabel(name), name)).toBe(true);
    expect(isShortFormOf(name, name)).toBe(false);
    expect(isShortFormOf('Dinas Kesehatan…', name)).toBe(false);
    expect(isShortFormOf('…', name)).toBe(false);
    // Cut in the middle, keeping the end that tells kelurahan apart, the prefix shortened.
    expect(isShortFormOf('Kel. Pe…timpun', 'Kelurahan Petuk Katimpun')).toBe(true);
    expect(isShortFormOf('Kel. Pe…timpun', 'Kelurahan Petuk Barunai')).toBe(false);
  });

  it('labels agency rows with the full name; other labels and unknown codes stay', () => {
    const named = withAgencyNames(byAgency, (code) => names[code]);
    expect(named?.rows.map((r) => r.values.group)).toEqual([
      'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
      'Kelurahan Kanarakan',
      'NEW',
    ]);
    // Measures, n and suppression are untouched; the input is not changed.
    expect(named?.rows[0]?.values.rate).toBe(0.25);
    expect(byAgency.rows[0]?.values.group).toBe('Dinas Penanaman Modal…');
    // Nothing to do: the same object back.
    expect(withAgencyNames(named, (code) => names[code])).toBe(named);
    expect(withAgencyNames(table, () => 'x')).toBe(table);
    expect(withAgencyNames(null, () => 'x')).toBeNull();
  });

  it('writes the agency code after the name, money in whole rupiah, no float noise', () => {
    const csv = tableToCsv(withAgencyNames(byAgency, (code) => names[code])!, 'S1');
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Instansi,agency_code,Tingkat resistensi (0-1),Biaya (Rp),n,suppressed,suppression_reason,snapshot',
      'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu,DPMPTSP,0.25,1389974708,40,false,,S1',
      'Kelurahan Kanarakan,KEL-62.71.02.1006,0.1,,40,false,,S1',
      'NEW,NEW,0.3,437000000,40,false,,S1',
      '',
    ]);
  });
});

describe('pivoted rows', () => {
  it('blanks single hidden cells and names them in the reason column', () => {
    const pivot: ChartTable = {
      columns: [
        { key: 'tenure', label: 'Masa kerja', kind: 'text' },
        { key: 'workload', label: 'Beban kerja', kind: 'fraction' },
      ],
      rows: [
        {
          values: { tenure: '20+', workload: 0.1 },
          n: 40,
          suppressed: false,
          suppressedCells: { workload: 'primary' },
        },
      ],
      minN: 5,
    };
    expect(tableToCsv(pivot, null).split('\r\n')[1]).toBe('20+,,40,true,Beban kerja: primary,');
  });

  it('with hiddenCellsInCsv "blank": a partly hidden row is shown, the reason column holds a reason or nothing', () => {
    const columns = [
      { key: 'tenure', label: 'Masa kerja', kind: 'text' as const },
      { key: 'workload', label: 'Beban kerja', kind: 'fraction' as const },
      { key: 'health', label: 'Kesehatan', kind: 'fraction' as const },
    ];
    const row = (tenure: string, hidden: Record<string, 'primary' | 'complementary' | 'unspecified'>) => ({
      values: { tenure, workload: 0.1, health: 0.2 },
      n: 40,
      suppressed: false,
      suppressedCells: hidden,
    });
    const pivot: ChartTable = {
      columns,
      rows: [
        row('<5', { health: 'unspecified' }),
        row('5-9', { workload: 'primary', health: 'primary' }),
        row('10-19', { workload: 'primary', health: 'complementary' }),
        row('20+', { workload: 'unspecified', health: 'unspecified' }),
        { ...hiddenRow({ tenure: 'x' }, 'complementary'), n: null },
      ],
      minN: 5,
      hiddenCellsInCsv: 'blank',
    };
    expect(tableToCsv(pivot, 'S1').slice(1).split('\r\n')).toEqual([
      'Masa kerja,Beban kerja (0-1),Kesehatan (0-1),n,suppressed,suppression_reason,snapshot',
      '<5,0.1,,40,false,,S1',
      // Every measure hidden: the row is, for the reason its cells share (none when they differ).
      '5-9,,,40,true,primary,S1',
      '10-19,,,40,true,,S1',
      '20+,,,40,true,,S1',
      'x,,,,true,complementary,S1',
      '',
    ]);
  });
});

describe('sortedBy', () => {
  const row = (group: string, rate: number | null, suppressed = false) => ({
    ...plainRow({ group, rate }, 10),
    suppressed,
  });
  const table: ChartTable = {
    columns: [
      { key: 'group', label: 'Instansi', kind: 'text' },
      { key: 'rate', label: 'Rate', kind: 'fraction' },
    ],
    rows: [row('A', 0.2), row('B', null), row('C', 0.35), row('D', 0.9, true), row('E', 0.2), row('F', 0.31)],
    minN: 5,
  };
  it('ranks by the measure, largest first; ties keep their order; hidden and empty rows go last', () => {
    expect(sortedBy(table, 'rate')?.rows.map((r) => r.values.group)).toEqual(['C', 'F', 'A', 'E', 'B', 'D']);
  });
  it('leaves the columns and the input alone, and passes null through', () => {
    const sorted = sortedBy(table, 'rate');
    expect(sorted?.columns).toBe(table.columns);
    expect(table.rows.map((r) => r.values.group)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(sortedBy(null, 'rate')).toBeNull();
  });
});

describe('hasNoUnits', () => {
  const rows = (...ns: (number | null)[]) => ns.map((n, i) => plainRow({ period: `202${i}`, rate: 0 }, n));
  it('is true for a metric table whose every row has n = 0 (a year outside the data)', () => {
    expect(hasNoUnits({ ...table, rows: rows(0, 0) })).toBe(true);
  });
  it('is false when one row has units, a row is hidden (n null), or there are no rows', () => {
    expect(hasNoUnits({ ...table, rows: rows(0, 12) })).toBe(false);
    expect(hasNoUnits({ ...table, rows: rows(0, null) })).toBe(false);
    expect(hasNoUnits({ ...table, rows: [] })).toBe(false);
  });
  it('leaves tables that are not metric rows (minN null: ROI cases, costs) alone', () => {
    expect(hasNoUnits({ ...table, rows: rows(0, 0), minN: null })).toBe(false);
  });
});

describe('allSuppressed', () => {
  const shown = plainRow({ period: '2024', rate: 0.5 }, 12);
  const hidden = hiddenRow({ period: '2025' }, 'primary');
  it('is true only when there are rows and every one is hidden', () => {
    expect(allSuppressed({ ...table, rows: [hidden, hiddenRow({ period: '2026' }, 'complementary')] })).toBe(
      true,
    );
    expect(allSuppressed({ ...table, rows: [hidden, shown] })).toBe(false);
    expect(allSuppressed({ ...table, rows: [] })).toBe(false);
  });
});
