import { describe, expect, it } from 'vitest';
import { NO_KEYS } from '../graphql/testing/no-keys.ts';
import type { SatisfactionRow, ServiceTimesRow } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import { type ServiceSummaryInput, serviceSummary } from './service-summary.ts';

const id = translator('id');
const en = translator('en');

const meta = {
  keys: NO_KEYS,
  isTotal: true,
  pctOfTotal: null,
  samePeriodLastYear: null,
};

/** A yearly service-times total (`median` null: the row is hidden, as the API sends it). */
function service(
  year: number,
  median: number | null,
  sla: number | null,
  over: Partial<ServiceTimesRow> = {},
): ServiceTimesRow {
  const hidden = median === null && sla === null;
  return {
    ...meta,
    period: `${year}-01-01`,
    suppressed: hidden,
    n: hidden ? null : 1000,
    requests: hidden ? null : 1000,
    completed: hidden ? null : 990,
    meanDays: null,
    medianDays: median,
    p90Days: null,
    slaMetRate: sla,
    slaTargetDays: null,
    slaDue: hidden ? null : 990,
    openRequests: hidden ? null : 0,
    openPastTarget: hidden ? null : 0,
    incomplete: hidden ? null : false,
    requestsPerHandlerMonth: null,
    ...over,
  };
}

/** A satisfaction total: a year's, or the whole selection's (`year` null) with the nine NRR. */
function ikm(year: number | null, value: number | null, mutu: string | null, nrr: number[] | null = null) {
  const hidden = value === null;
  return {
    ...meta,
    period: year === null ? null : `${year}-01-01`,
    suppressed: hidden,
    n: hidden ? null : 1700,
    respondents: hidden ? null : 1700,
    ikm: value,
    mutu,
    kinerja: null,
    nrr,
    population: null,
    minimumSample: null,
    sampleAdequate: null,
  } satisfies SatisfactionRow;
}

/** The scale-1 demo's figures as the review saw them (Disdukcapil-wide trend, all 8,610 forms). */
const NRR = [3.05, 2.98, 3.2, 3.4, 3.06, 3.2, 3.21, 2.95, 2.883];
const demo = (over: Partial<ServiceSummaryInput> = {}): ServiceSummaryInput => ({
  period: '2021–2025',
  applied: [],
  serviceOverTime: {
    grain: 'year',
    rows: [
      service(2021, 1.6, 0.268),
      service(2022, 1.5, 0.3),
      service(2023, 1.3, 0.45),
      service(2024, 1.0, 0.7),
      service(2025, 0.97, 0.716),
    ],
  },
  ikmOverTime: {
    grain: 'year',
    rows: [ikm(2021, 72.64, 'C'), ikm(2023, 73.1, 'C'), ikm(2025, 79.05, 'B')],
  },
  ikmTotal: { rows: [ikm(null, 76.2, 'C', NRR)] },
  ...over,
});

const text = (parts: { key: string; text: string }[]) => parts.map((p) => p.text).join(' ');
const keys = (parts: { key: string }[]) => parts.map((p) => p.key);

describe('serviceSummary', () => {
  it('says whether service got faster, the SLA and IKM change and the weakest element, in Indonesian', () => {
    const parts = serviceSummary(demo(), id, 'id');
    expect(keys(parts)).toEqual(['lead', 'days', 'sla', 'ikm', 'unsur', 'notEffect']);
    expect(text(parts)).toBe(
      'Apakah layanan makin cepat? (2021–2025) ' +
        'Median waktu penyelesaian turun dari 1,6 hari (2021) menjadi 1,0 hari (2025): layanan makin cepat. ' +
        'Tepat SLA naik dari 26,8% (2021) menjadi 71,6% (2025). ' +
        'IKM naik dari 72,64 (mutu C) pada 2021 menjadi 79,05 (mutu B) pada 2025. ' +
        'Unsur IKM terlemah (2021–2025): U9 Penanganan pengaduan, saran dan masukan (NRR 2,88 dari 4). ' +
        'Ini tren layanan, bukan ukuran efek pelatihan: untuk itu lihat halaman Perbandingan Kohort.',
    );
  });

  it('says the same in English, with the filters named', () => {
    const parts = serviceSummary(demo({ applied: ['agencies', 'serviceTypes'] }), en, 'en');
    expect(parts[0]?.text).toMatch(/^Did service get faster\? \(2021–2025; filters: .+, .+\)$/);
    expect(text(parts)).toContain('Median completion time fell from 1.6 days (2021) to 1.0 days (2025)');
    expect(text(parts)).toContain('The share within SLA rose from 26.8% (2021) to 71.6% (2025).');
    expect(text(parts)).toContain('U9 Handling of complaints');
  });

  it('says slower and lower when they are, and the same when the shown values are equal', () => {
    const worse = demo({
      serviceOverTime: { grain: 'year', rows: [service(2021, 1.0, 0.7), service(2025, 1.6, 0.5)] },
      ikmOverTime: { grain: 'year', rows: [ikm(2021, 79.05, 'B'), ikm(2025, 79.051, 'B')] },
    });
    const said = text(serviceSummary(worse, id, 'id'));
    expect(said).toContain('naik dari 1,0 hari (2021) menjadi 1,6 hari (2025): layanan makin lambat.');
    expect(said).toContain('Tepat SLA turun dari 70,0% (2021) menjadi 50,0% (2025).');
    // 79,05 and 79,051 read the same: not "naik".
    expect(said).toContain('IKM sama, 79,05 (mutu B), pada 2021 dan 2025.');
  });

  it('names the periods at the grain of each series, and warns when the last one is incomplete', () => {
    const parts = serviceSummary(
      demo({
        serviceOverTime: {
          grain: 'quarter',
          rows: [service(2021, 1.6, 0.268), service(2025, 0.97, 0.716, { incomplete: true })],
        },
      }),
      id,
      'id',
    );
    expect(keys(parts)).toContain('incomplete');
    expect(parts.find((p) => p.key === 'days')?.text).toMatch(/\(T1 2021\).*\(T1 2025\)/);
    expect(parts.find((p) => p.key === 'incomplete')?.text).toMatch(/^T1 2025 belum lengkap/);
  });

  it('never reads a hidden period: compares the shown ends and says some are hidden', () => {
    const parts = serviceSummary(
      demo({
        serviceOverTime: {
          grain: 'year',
          rows: [service(2021, null, null), service(2022, 1.5, 0.3), service(2025, 0.97, 0.716)],
        },
      }),
      id,
      'id',
    );
    expect(parts.find((p) => p.key === 'days')?.text).toContain(
      'dari 1,5 hari (2022) menjadi 1,0 hari (2025)',
    );
    expect(keys(parts)).toContain('someHidden');
    expect(text(parts)).not.toContain('2021)');
  });

  it('leaves out a clause whose values are hidden and names it, keeping the rest', () => {
    const parts = serviceSummary(
      demo({
        serviceOverTime: { grain: 'year', rows: [service(2021, null, null), service(2025, 0.97, 0.716)] },
        ikmTotal: { rows: [ikm(null, null, null, null)] },
      }),
      id,
      'id',
    );
    expect(keys(parts)).toEqual(['lead', 'ikm', 'withheld', 'notEffect']);
    expect(parts.find((p) => p.key === 'withheld')?.text).toBe(
      'Dirahasiakan sesuai aturan kerahasiaan data, jadi tidak diringkas: perubahan waktu penyelesaian, perubahan tepat SLA, dan unsur IKM terlemah.',
    );
    // The one shown year's median is not offered as "the change" either.
    expect(text(parts)).not.toContain('0,97');
  });

  it('states a single period plainly (one year chosen)', () => {
    const parts = serviceSummary(
      demo({
        period: '2025',
        serviceOverTime: { grain: 'year', rows: [service(2025, 0.97, 0.716)] },
        ikmOverTime: { grain: 'year', rows: [ikm(2025, 79.05, 'B')] },
      }),
      id,
      'id',
    );
    expect(text(parts)).toContain('Median waktu penyelesaian 1,0 hari (2025).');
    expect(text(parts)).toContain('Tepat SLA 71,6% (2025).');
    expect(text(parts)).toContain('IKM 79,05 (mutu B) pada 2025.');
  });

  it('skips filled empty periods (n = 0) at either end', () => {
    const empty = service(2026, null, null, { suppressed: false, n: 0, requests: 0 });
    const parts = serviceSummary(
      demo({
        serviceOverTime: {
          grain: 'year',
          rows: [service(2021, 1.6, 0.268), service(2025, 0.97, 0.716), empty],
        },
      }),
      id,
      'id',
    );
    expect(parts.find((p) => p.key === 'days')?.text).toContain('(2025)');
    expect(keys(parts)).not.toContain('withheld');
  });

  it('says plainly when everything is hidden, or there is no data, and nothing when a query failed', () => {
    const allHidden = demo({
      serviceOverTime: { grain: 'year', rows: [service(2021, null, null)] },
      ikmOverTime: { grain: 'year', rows: [ikm(2021, null, null)] },
      ikmTotal: { rows: [ikm(null, null, null)] },
    });
    expect(keys(serviceSummary(allHidden, id, 'id'))).toEqual(['lead', 'hidden']);
    const none = demo({
      serviceOverTime: { grain: 'year', rows: [] },
      ikmOverTime: { grain: 'year', rows: [] },
      ikmTotal: { rows: [] },
    });
    expect(keys(serviceSummary(none, id, 'id'))).toEqual(['lead', 'noData']);
    expect(serviceSummary({ ...none, ikmTotal: null }, id, 'id')).toEqual([]);
  });
});
