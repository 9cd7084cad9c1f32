import { describe, expect, it } from 'vitest';
import { cellText, tableToCsv } from '../charts/chart-table.ts';
import { NO_KEYS } from '../graphql/testing/no-keys.ts';
import type { ServiceTimesRow } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import {
  formatTargetDays,
  incompleteNote,
  kelurahanNote,
  serviceTimesMeasures,
  serviceTimesOverTime,
  serviceTypeName,
  serviceTypeTable,
  slaNote,
} from './service-types.ts';

// The service types of the Palangka Raya source (`service_levels`), as the API returns their codes.
const KNOWN = [
  'ktp_el',
  'kk',
  'kia',
  'akta_kelahiran',
  'akta_kematian',
  'akta_perkawinan',
  'pindah_datang',
  'pbg',
  'izin_reklame',
  'sip_nakes',
  'izin_usaha_mikro',
  'rekomendasi_bansos',
  'surat_keterangan_kecamatan',
  'rekomendasi_izin_kecamatan',
];

describe('service type names', () => {
  it('name every known code in both languages, never as the code itself', () => {
    for (const lang of ['id', 'en'] as const) {
      const t = translator(lang);
      for (const code of KNOWN) {
        const name = serviceTypeName(t, code);
        expect(name, `${lang} ${code}`).not.toBe(code);
        expect(name, `${lang} ${code}`).not.toMatch(/_/);
      }
    }
    expect(serviceTypeName(translator('id'), 'pbg')).toBe('PBG (Persetujuan Bangunan Gedung)');
    expect(serviceTypeName(translator('en'), 'kk')).toBe('KK (family card)');
  });

  it('fall back to the code for a service the dashboard does not know, and to nothing for none', () => {
    expect(serviceTypeName(translator('id'), 'izin_baru')).toBe('izin_baru');
    expect(serviceTypeName(translator('en'), null)).toBe('');
  });
});

const row = (over: Partial<ServiceTimesRow> & { serviceType?: string | null }): ServiceTimesRow => {
  const { serviceType = null, ...rest } = over;
  return {
    keys: { ...NO_KEYS, serviceType },
    period: null,
    isTotal: false,
    n: 100,
    pctOfTotal: null,
    suppressed: false,
    samePeriodLastYear: null,
    requests: 100,
    completed: 95,
    meanDays: 2,
    medianDays: 2,
    p90Days: 4,
    slaMetRate: 0.8,
    slaTargetDays: null,
    slaDue: 95,
    openRequests: 0,
    openPastTarget: 0,
    incomplete: false,
    requestsPerHandlerMonth: null,
    ...rest,
  };
};

describe('requests per handler per month (DESIGN L4)', () => {
  it('reads requestsPerHandlerMonth, two decimals in the reader’s language, blank where the API has none', () => {
    const { perHandler } = serviceTimesMeasures(translator('id'));
    expect(perHandler.label).toBe('Permohonan per petugas per bulan');
    expect(serviceTimesMeasures(translator('en')).perHandler.label).toBe('Requests per handler per month');
    expect(perHandler.value(row({ requestsPerHandlerMonth: 123.456 }))).toBe(123.456);
    expect(cellText(perHandler, 123.456, 'id')).toBe('123,46');
    expect(perHandler.value(row({}))).toBeNull();
  });
});

describe('service days by service type', () => {
  const result = {
    minN: 5,
    rows: [
      row({ serviceType: 'kk', medianDays: 1, slaTargetDays: 1 }),
      row({ serviceType: 'pbg', medianDays: 20, slaTargetDays: 28 }),
      row({ isTotal: true, medianDays: 3 }),
    ],
  };
  it('labels rows with the name, keeps the code in its own column (table and CSV), slowest first', () => {
    const table = serviceTypeTable(result, translator('id'), 'id');
    expect(table?.rows.map((r) => [r.values.group, r.values.code])).toEqual([
      ['PBG (Persetujuan Bangunan Gedung)', 'pbg'],
      ['KK (Kartu Keluarga)', 'kk'],
    ]);
    const csv = tableToCsv(table!, 'S1').split('\r\n');
    expect(csv[0]).toBe(
      '\uFEFFJenis layanan,Kode jenis layanan,Median (hari),Persentil ke-90 (hari),Tepat SLA (0-1),Target SLA (hari),Permohonan,n,suppressed,suppression_reason,snapshot',
    );
    // n is the completed requests (the days' and the SLA share's denominator), not the 100 submitted.
    expect(csv[1]).toBe('PBG (Persetujuan Bangunan Gedung),pbg,20,4,0.8,28,100,95,false,,S1');
  });

  it('shows each type’s SLA target beside its SLA share, in whole days where whole', () => {
    const withTargets = {
      minN: 5,
      rows: [
        row({ serviceType: 'ktp_el', medianDays: 0.9, slaTargetDays: 1 }),
        row({ serviceType: 'akta_perkawinan', medianDays: 2.4, slaTargetDays: 3 }),
        row({ serviceType: 'pbg', medianDays: 20, slaTargetDays: 0.5 }),
        row({ serviceType: 'kia', medianDays: 0.5, slaTargetDays: null }),
      ],
    };
    for (const [lang, label, half] of [
      ['id', 'Target SLA (hari)', '0,5'],
      ['en', 'SLA target (days)', '0.5'],
    ] as const) {
      const table = serviceTypeTable(withTargets, translator(lang), lang)!;
      const column = table.columns.find((c) => c.key === 'slaTarget')!;
      expect(column.label).toBe(label);
      // Right after the SLA share it qualifies.
      expect(table.columns.map((c) => c.key).indexOf('slaTarget')).toBe(
        table.columns.map((c) => c.key).indexOf('sla') + 1,
      );
      const shown = Object.fromEntries(
        table.rows.map((r) => [r.values.code, cellText(column, r.values.slaTarget, lang)]),
      );
      expect(shown).toEqual({ ktp_el: '1', akta_perkawinan: '3', pbg: half, kia: '—' });
    }
    expect(formatTargetDays(1 / 24, 'id')).toBe('0,04');
  });
});

describe('the two service-times time series', () => {
  it('each show their own measure: days in one, the SLA share in the other', () => {
    const result = {
      minN: 5,
      rows: [row({ period: '2024-01-01', isTotal: true }), row({ period: '2025-01-01', isTotal: true })],
    };
    const { overTime, slaOverTime } = serviceTimesOverTime(result, translator('en'), 'year', 'en');
    expect(overTime?.columns.map((c) => c.key)).toEqual(['period', 'median', 'p90', 'requests']);
    expect(slaOverTime?.columns.map((c) => c.key)).toEqual(['period', 'sla', 'requests']);
    expect(slaOverTime?.rows.map((r) => r.values.period)).toEqual(['2024-01-01', '2025-01-01']);
    expect(
      slaOverTime?.rows.map((r) => cellText(slaOverTime.columns[0]!, r.values.period ?? null, 'en')),
    ).toEqual(['2024', '2025']);
    expect(tableToCsv(overTime!, null)).not.toBe(tableToCsv(slaOverTime!, null));
  });
});

describe('the n of service-times tables', () => {
  it('is the completed requests the SLA share is over, not the requests submitted', () => {
    const result = {
      minN: 5,
      rows: [
        row({
          period: '2024-01-01',
          isTotal: true,
          n: 197_173,
          requests: 197_173,
          completed: 190_172,
          slaDue: 190_172,
        }),
        row({
          period: '2025-01-01',
          isTotal: true,
          n: null,
          suppressed: true,
          completed: null,
          slaDue: null,
        }),
      ],
    };
    const { overTime, slaOverTime } = serviceTimesOverTime(result, translator('id'), 'year', 'id');
    expect(slaOverTime?.rows.map((r) => r.n)).toEqual([190_172, null]);
    expect(overTime?.rows[0]?.n).toBe(190_172);
    expect(slaOverTime?.rows[1]?.suppressed).toBe(true);
  });

  it("is the SLA share's due requests: not those not yet due at the data's end, with the open ones past target", () => {
    // pbg, December 2025: 14 met of 18 due (was n = 65 completed + 4 open past target = 69).
    const result = {
      minN: 5,
      rows: [
        row({
          period: '2025-12-01',
          isTotal: true,
          completed: 65,
          openRequests: 86,
          openPastTarget: 4,
          slaDue: 18,
          slaMetRate: 14 / 18,
          incomplete: true,
        }),
      ],
    };
    const { overTime, slaOverTime } = serviceTimesOverTime(result, translator('id'), 'month', 'id');
    expect(slaOverTime?.rows[0]?.n).toBe(18);
    expect(overTime?.rows[0]?.n).toBe(65);
  });
});

describe('the note on requests still open when the data ends', () => {
  const months = {
    minN: 5,
    rows: [
      // October: a stale request open long past target, so not incomplete (the API's flag).
      row({ period: '2025-10-01', isTotal: true, openRequests: 5, openPastTarget: 5, incomplete: false }),
      row({ period: '2025-11-01', isTotal: true, openRequests: 5, openPastTarget: 2, incomplete: true }),
      row({ period: '2025-12-01', isTotal: true, openRequests: 1082, openPastTarget: 150, incomplete: true }),
      // A group's row is not a period's: only the totals name periods.
      row({ period: '2025-09-01', serviceType: 'pbg', openRequests: 1, incomplete: true }),
    ],
  };
  it('names the incomplete periods of a time series and says their days understate', () => {
    expect(incompleteNote(months, translator('en'), 'month', 'en')).toBe(
      'Incomplete periods (Nov 2025, Dec 2025): some requests were still open and within their target when the data ends. Median and p90 are of completed requests only, so they understate elapsed time.',
    );
    expect(incompleteNote(months, translator('id'), 'month', 'id')).toMatch(
      /^Periode belum lengkap \(Nov 2025, Des 2025\)/,
    );
  });
  it('gives the open requests a pooled card includes, and nothing when none is open or it is hidden', () => {
    const pooled = { minN: 5, rows: [row({ isTotal: true, openRequests: 1087, incomplete: true })] };
    expect(incompleteNote(pooled, translator('en'), null, 'en')).toMatch(
      /^Includes 1,087 requests still open/,
    );
    const done = { minN: 5, rows: [row({ isTotal: true })] };
    expect(incompleteNote(done, translator('en'), null, 'en')).toBeNull();
    const hidden = { minN: 5, rows: [row({ isTotal: true, suppressed: true, incomplete: null })] };
    expect(incompleteNote(hidden, translator('en'), 'month', 'en')).toBeNull();
    expect(incompleteNote(undefined, translator('en'), 'month', 'en')).toBeNull();
  });
  it('gives the SLA card its own note: the share of an incomplete period is of the requests already due', () => {
    expect(slaNote(months, translator('en'), 'month', 'en')).toBe(
      'Incomplete periods (Nov 2025, Dec 2025): the SLA share is of the requests whose target had passed when the data ends; those submitted later are left out until due. Open requests past their target count as misses.',
    );
    expect(slaNote(months, translator('id'), 'month', 'id')).toMatch(
      /^Periode belum lengkap \(Nov 2025, Des 2025\): persentase tepat SLA/,
    );
    expect(slaNote(months, translator('en'), 'month', 'en')).not.toMatch(/Median/);
    const done = {
      minN: 5,
      rows: [row({ period: '2025-10-01', isTotal: true, openRequests: 5, openPastTarget: 5 })],
    };
    expect(slaNote(done, translator('en'), 'month', 'en')).toBeNull();
    expect(slaNote(undefined, translator('en'), 'month', 'en')).toBeNull();
  });
});

describe('kelurahanNote', () => {
  it('says the kecamatan requests are left out while the filter names a kelurahan, and nothing otherwise', () => {
    expect(kelurahanNote(['62.71.04.1006'], translator('en'))).toMatch(
      /^With a kelurahan filter, requests served by the kecamatan are not counted/,
    );
    expect(kelurahanNote(['62.71.04.1006'], translator('id'))).toMatch(/kecamatan tidak dihitung/);
    expect(kelurahanNote([], translator('en'))).toBeNull();
  });
});
