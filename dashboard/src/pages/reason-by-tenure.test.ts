import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../charts/chart-table.ts';
import { NO_KEYS } from '../graphql/testing/no-keys.ts';
import type { DeclineReasonRow } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import { reasonByTenure } from './reason-by-tenure.ts';

const meta = { period: null, pctOfTotal: null, samePeriodLastYear: null };

/** A decline-reason cell of a band (`share` null: hidden, as the API sends it). */
function cell(
  tenureBand: string,
  declineReason: string | null,
  declines: number,
  share: number | null,
): DeclineReasonRow {
  const hidden = share === null;
  return {
    ...meta,
    keys: { ...NO_KEYS, tenureBand, declineReason },
    isTotal: declineReason === null,
    suppressed: hidden,
    n: hidden ? null : declines,
    declines: hidden ? null : declines,
    share,
  };
}

// The QA world's answer as the policy review of the reasons-by-tenure card saw it: < 5 years shows
// workload and schedule, its other reasons hidden; ≥ 20 years shows all five; 5–9 years hidden whole.
const byReason: DeclineReasonRow[] = [
  cell('<5', 'workload', 256, 0.374269005847953),
  cell('<5', 'already_experienced', 0, null),
  cell('<5', 'schedule', 202, 0.295321637426901),
  cell('<5', 'health', 0, null),
  cell('<5', 'other', 0, null),
  cell('<5', null, 684, 1),
  cell('5-9', 'workload', 0, null),
  cell('5-9', null, 0, null),
  cell('20+', 'workload', 745, 0.154821280133001),
  cell('20+', 'already_experienced', 3126, 0.649625935162095),
  cell('20+', 'schedule', 472, 0.0980881130507066),
  cell('20+', 'health', 260, 0.0540315876974231),
  cell('20+', 'other', 209, 0.0434330839567747),
  cell('20+', null, 4812, 1),
];

describe('reasonByTenure', () => {
  const table = reasonByTenure(byReason, 5, translator('id'));

  it('keeps a hidden reason hidden while the rest of its band is shown', () => {
    expect(table.rows.map((r) => r.values.tenure)).toEqual(['< 5 tahun', '5–9 tahun', '≥ 20 tahun']);
    expect(table.rows[0]?.suppressed).toBe(false);
    expect(table.rows[0]?.suppressedCells).toEqual({
      already_experienced: 'unspecified',
      health: 'unspecified',
      other: 'unspecified',
    });
    expect(table.rows[1]?.suppressed).toBe(true);
  });

  it('has a CSV whose partly hidden band is not "suppressed" and whose reason column names no cells', () => {
    const csv = tableToCsv(table, 'S1').slice(1).split('\r\n');
    expect(csv[0]).toBe(
      'Masa kerja,Beban kerja (0-1),Sudah berpengalaman (0-1),Jadwal (0-1),Kesehatan (0-1),Lainnya (0-1),n,suppressed,suppression_reason,snapshot',
    );
    // Before: '…,684,true,Sudah berpengalaman; Kesehatan; Lainnya,S1'.
    expect(csv[1]).toBe('< 5 tahun,0.374269005847953,,0.295321637426901,,,684,false,,S1');
    // Hidden whole: suppressed, no reason (the API names none).
    expect(csv[2]).toBe('5–9 tahun,,,,,,,true,,S1');
    expect(csv[3]).toBe(
      '≥ 20 tahun,0.154821280133001,0.649625935162095,0.0980881130507066,0.0540315876974231,0.0434330839567747,4812,false,,S1',
    );
  });
});
