import { describe, expect, it } from 'vitest';
import { cellText } from '../charts/chart-table.ts';
import { NO_KEYS } from '../graphql/testing/no-keys.ts';
import type { MetricRow, ServiceTimesRow } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import { EMPTY_FILTERS } from '../state/filters.ts';
import {
  fromYearOn,
  incompleteYearsNote,
  slaTrendTable,
  tileRow,
  withComparisonYear,
} from './ringkasan-tiles.ts';
import { slaRate } from './service-types.ts';

type Row = MetricRow & { rate: number | null };
const row = (year: number, rate: number | null, suppressed = false): Row => ({
  keys: { ...NO_KEYS },
  period: `${year}-01-01`,
  isTotal: true,
  n: suppressed ? null : 100,
  pctOfTotal: null,
  suppressed,
  samePeriodLastYear: null,
  rate,
});

describe('Ringkasan tiles over a one-year range', () => {
  it('reads the year before the range too, and the charts drop it again', () => {
    const read = withComparisonYear({ ...EMPTY_FILTERS, fromYear: 2023, toYear: 2023, agencies: ['X'] });
    expect(read).toMatchObject({ fromYear: 2022, toYear: 2023, agencies: ['X'] });
    expect(withComparisonYear(EMPTY_FILTERS)).toBe(EMPTY_FILTERS);
    const result = { rows: [row(2022, 0.4), row(2023, 0.5)], minN: 10 };
    expect(fromYearOn(result, 2023)?.rows.map((r) => r.period)).toEqual(['2023-01-01']);
    expect(fromYearOn(result, null)).toBe(result);
  });

  it('compares ?from=2023&to=2023 with 2022 when the snapshot has it (was "tanpa pembanding")', () => {
    const all = [row(2022, 0.4), row(2023, 0.5)];
    const shown = fromYearOn({ rows: all }, 2023)!.rows;
    const tile = tileRow(shown, all, '2023', { value: (r) => r.rate });
    expect(tile?.period).toBe('2023-01-01');
    expect(tile?.value).toBe(0.5);
    expect(tile?.delta).toBeCloseTo(0.1);
  });

  it('has no change when the year before is missing or hidden, or the year itself is hidden', () => {
    expect(tileRow([row(2023, 0.5)], [row(2023, 0.5)], '2023', { value: (r) => r.rate })?.delta).toBeNull();
    const hiddenBefore = [row(2022, null, true), row(2023, 0.5)];
    expect(tileRow(hiddenBefore.slice(1), hiddenBefore, '2023', { value: (r) => r.rate })?.delta).toBeNull();
    const hiddenNow = [row(2022, 0.4), row(2023, null, true)];
    const tile = tileRow(hiddenNow.slice(1), hiddenNow, '2023', { value: (r) => r.rate });
    expect(tile?.suppressed).toBe(true);
    expect(tile?.delta).toBeNull();
  });

  it("carries the year before's share and n, for the test of the change (resistance 2023 → 2024)", () => {
    const resistance = (year: number, resisted: number, invited: number): Row => ({
      ...row(year, resisted / invited),
      n: invited,
    });
    const all = [resistance(2023, 3510, 12_442), resistance(2024, 3767, 13_325)];
    const tile = tileRow(all.slice(1), all, '2024', { value: (r) => r.rate });
    expect(tile?.n).toBe(13_325);
    expect(tile?.previous).toEqual({ value: 3510 / 12_442, n: 12_442 });
    // None without a comparison.
    expect(
      tileRow([row(2023, 0.5)], [row(2023, 0.5)], '2023', { value: (r) => r.rate })?.previous,
    ).toBeNull();
  });

  it('never takes the headline from the comparison year', () => {
    const all = [row(2022, 0.4)];
    expect(tileRow(fromYearOn({ rows: all }, 2023)!.rows, all, '2023', { value: (r) => r.rate })).toBeNull();
  });
});

const sla = (year: number, over: Partial<ServiceTimesRow>): ServiceTimesRow => ({
  keys: { ...NO_KEYS },
  period: `${year}-01-01`,
  isTotal: true,
  n: 197_173,
  pctOfTotal: null,
  suppressed: false,
  samePeriodLastYear: null,
  requests: 197_173,
  completed: 190_172,
  meanDays: 2,
  medianDays: 2,
  p90Days: 4,
  slaMetRate: 0.8,
  slaTargetDays: null,
  slaDue: 190_172,
  openRequests: 0,
  openPastTarget: 0,
  incomplete: false,
  requestsPerHandlerMonth: null,
  ...over,
});

describe("Ringkasan's 'Tepat SLA' tile", () => {
  it('says as n the completed requests its share is over (was n = 197.173 submitted for 190.172)', () => {
    const all = [sla(2024, { completed: 180_000 }), sla(2025, {})];
    const tile = tileRow(all.slice(1), all, '2025', slaRate);
    expect(tile?.value).toBe(0.8);
    expect(tile?.n).toBe(190_172);
    // The trend table of the same card says the same n for the year.
    const table = slaTrendTable({ minN: 5, rows: all }, translator('id'), 'id');
    expect(table?.rows.find((r) => r.values.period === '2025-01-01')?.n).toBe(tile?.n);
  });

  it("takes the year before's n as its share's too: the requests due, not those submitted", () => {
    const all = [sla(2024, { slaMetRate: 0.7, slaDue: 150_000 }), sla(2025, {})];
    expect(tileRow(all.slice(1), all, '2025', slaRate)?.previous).toEqual({ value: 0.7, n: 150_000 });
  });

  it('keeps a hidden row hidden, n included', () => {
    const all = [sla(2025, { n: null, completed: null, slaDue: null, slaMetRate: null, suppressed: true })];
    expect(tileRow(all, all, '2025', slaRate)).toMatchObject({ n: null, suppressed: true, delta: null });
  });

  it('takes n from the metric when the rate names no denominator of its own', () => {
    const tile = tileRow([row(2023, 0.5)], [row(2023, 0.5)], '2023', { value: (r) => r.rate });
    expect(tile?.n).toBe(100);
  });
});

describe("Ringkasan's 'Tepat SLA' trend", () => {
  it('takes as n the completed requests its share is over, not the requests submitted', () => {
    const table = slaTrendTable(
      {
        minN: 5,
        rows: [sla(2023, {}), sla(2024, { n: null, completed: null, slaDue: null, suppressed: true })],
      },
      translator('id'),
      'id',
    );
    // The period cell holds the period's first day (what a CSV carries), shown as the year.
    expect(table?.rows.map((r) => [r.values.period, r.n])).toEqual([
      ['2023-01-01', 190_172],
      ['2024-01-01', null],
    ]);
    expect(table?.rows.map((r) => cellText(table.columns[0]!, r.values.period ?? null, 'id'))).toEqual([
      '2023',
      '2024',
    ]);
    expect(table?.rows[0]?.values.value).toBe(0.8);
  });
});

describe('an incomplete year (requests still open at the data’s end)', () => {
  it('shows no change on its tile and says why (was "▲ +4,8 pp vs tahun lalu" for 2025)', () => {
    const all = [sla(2024, { slaMetRate: 0.75 }), sla(2025, { slaMetRate: 0.798, incomplete: true })];
    const tile = tileRow(all.slice(1), all, '2025', slaRate);
    expect(tile?.value).toBe(0.798);
    expect(tile?.delta).toBeNull();
    expect(tile?.incomplete).toBe(true);
    const complete = tileRow(
      [sla(2024, {})],
      [sla(2023, { slaMetRate: 0.7 }), sla(2024, {})],
      '2024',
      slaRate,
    );
    expect(complete?.incomplete).toBe(false);
    expect(complete?.delta).toBeCloseTo(0.1);
  });

  it('compares with no incomplete year before it either', () => {
    const all = [sla(2024, { slaMetRate: 0.75, incomplete: true }), sla(2025, {})];
    expect(tileRow(all.slice(1), all, '2025', slaRate)?.delta).toBeNull();
  });

  it("names the incomplete years under Ringkasan's SLA trend", () => {
    const rows = [sla(2024, {}), sla(2025, { incomplete: true })];
    expect(incompleteYearsNote(rows, translator('id'))).toBe(
      '2025: periode belum lengkap: permohonan masih berjalan di akhir data',
    );
    expect(incompleteYearsNote(rows, translator('en'))).toBe(
      "2025: incomplete period: requests still open at the data's end",
    );
    expect(incompleteYearsNote([sla(2024, {})], translator('en'))).toBeNull();
    expect(incompleteYearsNote(undefined, translator('en'))).toBeNull();
  });
});
