import { describe, expect, it } from 'vitest';
import { type ChartTable, plainRow, sortedBy, tableToCsv, totalN } from './chart-table.ts';
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
          suppressionReason: null,
          suppressedCells: { workload: 'primary' },
        },
      ],
      minN: 5,
    };
    expect(tableToCsv(pivot, null).split('\r\n')[1]).toBe('20+,,40,true,Beban kerja: primary,');
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
