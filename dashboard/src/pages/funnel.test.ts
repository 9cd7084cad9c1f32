import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../charts/chart-table.ts';
import { NO_KEYS } from '../graphql/testing/no-keys.ts';
import type { ResistanceRow } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import { type FunnelRow, funnelTable, resistanceKindsTable, smallCells } from './funnel.ts';

const id = translator('id');
const en = translator('en');
const keys = { ...NO_KEYS };
const meta = {
  keys,
  period: null,
  isTotal: true,
  pctOfTotal: null,
  suppressed: false,
  samePeriodLastYear: null,
};
const funnel = (over: Partial<FunnelRow> = {}): FunnelRow => ({
  ...meta,
  n: 200,
  invited: 200,
  accepted: 150,
  enrolled: 120,
  completed: 90,
  acceptanceRate: 0.75,
  enrollmentRate: 0.8,
  completionRate: 0.75,
  overallRate: 0.45,
  ...over,
});
const resistance = (over: Partial<ResistanceRow> = {}): ResistanceRow => ({
  ...meta,
  n: 37,
  invited: 37,
  declined: 1,
  noResponse: 2,
  noShow: 12,
  resisted: 15,
  rate: 15 / 37,
  ...over,
});

describe('the invitation funnel', () => {
  it('is invited → accepted → enrolled → completed, with counts, share of invitations and step rates', () => {
    const table = funnelTable(funnel(), 5, id);
    expect(table?.columns.map((c) => c.label)).toEqual([
      'Tahap',
      'Jumlah undangan',
      'Proporsi dari undangan',
      'Dari tahap sebelumnya',
    ]);
    expect(table?.rows.map((r) => r.values)).toEqual([
      { stage: 'Diundang', count: 200, ofInvited: 1, stepRate: null },
      { stage: 'Menerima', count: 150, ofInvited: 0.75, stepRate: 0.75 },
      { stage: 'Terdaftar', count: 120, ofInvited: 0.6, stepRate: 0.8 },
      { stage: 'Selesai', count: 90, ofInvited: 0.45, stepRate: 0.75 },
    ]);
    expect(table?.rows.every((r) => r.n === 200)).toBe(true);
    expect(funnelTable(funnel(), 5, en)?.rows.map((r) => r.values.stage)).toEqual([
      'Invited',
      'Accepted',
      'Enrolled',
      'Completed',
    ]);
  });

  it('has a CSV whose value columns are named for what they hold (not "Invited" for every row)', () => {
    const csv = tableToCsv(funnelTable(funnel(), 5, en)!, 'S1').split('\r\n');
    expect(csv[0]).toBe(
      '\uFEFFStep,Invitations,Share of invitations (0-1),Of the previous step (0-1),n,suppressed,suppression_reason,snapshot',
    );
    expect(csv[2]).toBe('Accepted,150,0.75,0.75,200,false,,S1');
  });

  it('hides a step of 1 to 4 people (count and both rates), and the whole funnel when the API does', () => {
    const table = funnelTable(funnel({ invited: 37, n: 37, accepted: 10, enrolled: 3, completed: 0 }), 5, id);
    expect(table?.rows[2]?.suppressedCells).toEqual({
      count: 'primary',
      ofInvited: 'primary',
      stepRate: 'primary',
    });
    expect(table?.rows[3]?.suppressedCells).toBeUndefined();
    const hidden = funnelTable(funnel({ suppressed: true, n: null }), 5, id);
    expect(hidden?.rows.every((r) => r.suppressed && !r.suppressedCells)).toBe(true);
    expect(funnelTable(undefined, 5, id)).toBeNull();
  });
});

describe('resistance by kind', () => {
  it('shows declined, no response and no-show as invitations and shares', () => {
    const table = resistanceKindsTable(resistance({ declined: 10, noResponse: 20, noShow: 7 }), 5, id);
    expect(table?.columns.map((c) => c.label)).toEqual([
      'Jenis resistensi',
      'Undangan',
      'Proporsi dari undangan',
    ]);
    expect(table?.rows.map((r) => [r.values.kind, r.values.count])).toEqual([
      ['Menolak', 10],
      ['Tidak menjawab', 20],
      ['Tidak hadir', 7],
    ]);
    expect(table?.rows.some((r) => r.suppressedCells)).toBe(false);
  });

  it('hides counts of 1 to 4, and one more when only one would be (they add up to the resisted)', () => {
    const both = resistanceKindsTable(resistance(), 5, id);
    expect(both?.rows.map((r) => r.suppressedCells?.count ?? null)).toEqual(['primary', 'primary', null]);
    const one = resistanceKindsTable(resistance({ declined: 3, noResponse: 9, noShow: 12 }), 5, id);
    expect(one?.rows.map((r) => r.suppressedCells?.count ?? null)).toEqual([
      'primary',
      'complementary',
      null,
    ]);
  });
});

describe('small cells', () => {
  it('are 1 to minN − 1; zero and unknown are not', () => {
    expect([...smallCells([0, 1, 4, 5, null], 5, false)]).toEqual([1, 2]);
  });
  it('get a partner when additive and alone (the smallest of the rest, zero included)', () => {
    expect([...smallCells([3, 0, 40], 5, true)].sort()).toEqual([0, 1]);
    expect([...smallCells([30, 20, 40], 5, true)]).toEqual([]);
  });
});
