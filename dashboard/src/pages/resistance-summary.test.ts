import { describe, expect, it } from 'vitest';
import { NO_KEYS } from '../graphql/testing/no-keys.ts';
import type { DeclineReasonRow, ResistanceRow } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import {
  type ResistanceAnswer,
  type ResistanceSummaryInput,
  resistanceSummary,
} from './resistance-summary.ts';

const id = translator('id');
const en = translator('en');

const meta = {
  period: null,
  pctOfTotal: null,
  samePeriodLastYear: null,
};

/** A resistance row of `invited` invitations at `rate` (null: hidden, as the API sends it). */
function row(
  keys: Partial<ResistanceRow['keys']>,
  invited: number,
  rate: number | null,
  isTotal = false,
): ResistanceRow {
  const hidden = rate === null;
  return {
    ...meta,
    keys: { ...NO_KEYS, ...keys },
    isTotal,
    suppressed: hidden,
    n: hidden ? null : invited,
    invited: hidden ? null : invited,
    declined: null,
    noResponse: null,
    noShow: null,
    resisted: hidden ? null : Math.round(invited * rate),
    rate,
  };
}

/** A decline-reason row (`share` null: hidden). */
function reason(
  keys: Partial<DeclineReasonRow['keys']>,
  declines: number,
  share: number | null,
  isTotal = false,
): DeclineReasonRow {
  const hidden = share === null;
  return {
    ...meta,
    keys: { ...NO_KEYS, ...keys },
    isTotal,
    suppressed: hidden,
    n: hidden ? null : declines,
    declines: hidden ? null : declines,
    share,
  };
}

/** The scale-1 demo world's figures, as the reviewer saw them (rounded). */
const total: ResistanceAnswer = {
  rows: [row({}, 57810, 0.2825635703165542, true)],
  byReason: [
    reason({ declineReason: 'already_experienced' }, 4901, 0.46393411586520256),
    reason({ declineReason: 'health' }, 761, 0.07203710715638016),
    reason({ declineReason: 'other' }, 636, 0.06020446800454373),
    reason({ declineReason: 'schedule' }, 1711, 0.161965164710337),
    reason({ declineReason: 'workload' }, 2555, 0.24185914426353655),
    reason({}, 10564, 1, true),
  ],
};
const byTenure: ResistanceAnswer = {
  // The API's order (codes as text), not the career order.
  rows: [
    row({ tenureBand: '10-19' }, 27152, 0.2714348850913377),
    row({ tenureBand: '20+' }, 17530, 0.3739304050199658),
    row({ tenureBand: '5-9' }, 3432, 0.19696969696969696),
    row({ tenureBand: '<5' }, 9696, 0.17883663366336633),
    row({}, 57810, 0.2825635703165542, true),
  ],
  byReason: [
    reason({ tenureBand: '20+', declineReason: 'already_experienced' }, 3126, 0.6496259351620948),
    reason({ tenureBand: '20+', declineReason: 'health' }, 260, 0.05403158769742311),
    reason({ tenureBand: '20+', declineReason: 'other' }, 209, 0.04343308395677473),
    reason({ tenureBand: '20+', declineReason: 'schedule' }, 472, 0.09808811305070657),
    reason({ tenureBand: '20+', declineReason: 'workload' }, 745, 0.15482128013300084),
    reason({ tenureBand: '20+' }, 4812, 1, true),
    // The margin over every band (no tenure band): not a band's row.
    reason({ declineReason: 'workload' }, 2555, 0.9),
  ],
};
const byAgency: ResistanceAnswer = {
  rows: [
    row({ agency: 'BAPPEDA' }, 761, 0.27726675427069647),
    row({ agency: 'BPBD' }, 698, 0.28796561604584525),
    row({ agency: 'DINKES' }, 9045, 0.2665561083471531),
    row({}, 57810, 0.2825635703165542, true),
  ],
};
const names: Record<string, string> = {
  BAPPEDA: 'Badan Perencanaan Pembangunan Daerah',
  BPBD: 'Badan Penanggulangan Bencana Daerah',
  DINKES: 'Dinas Kesehatan',
};
const input = (over: Partial<ResistanceSummaryInput> = {}): ResistanceSummaryInput => ({
  period: '2021–2025',
  applied: [],
  total,
  byTenure,
  byAgency,
  agencyName: (code) => names[code] ?? code,
  ...over,
});
const text = (parts: readonly { key: string; text: string }[]) =>
  Object.fromEntries(parts.map((p) => [p.key, p.text]));

describe('who resists, in words', () => {
  it('states the rate, the tenure bands at both ends, the reasons and the top agency (Indonesian)', () => {
    const parts = resistanceSummary(input(), id, 'id');
    expect(parts.map((p) => p.key)).toEqual([
      'lead',
      'overall',
      'tenure',
      'tenureReason',
      'reason',
      'agency',
    ]);
    expect(text(parts)).toEqual({
      lead: 'Siapa yang menolak? (2021–2025)',
      overall:
        'Secara keseluruhan, 28,3% dari 57.810 undangan berujung resistensi (ditolak, tidak dijawab, atau tidak dihadiri).',
      tenure:
        'Menurut masa kerja, resistensi tertinggi pada pegawai dengan masa kerja ≥ 20 tahun (37,4%) dan terendah pada masa kerja < 5 tahun (17,9%).',
      tenureReason:
        'Pada pegawai dengan masa kerja ≥ 20 tahun, alasan penolakan tersering: “Sudah berpengalaman” (65,0% dari penolakan mereka).',
      reason:
        'Alasan penolakan yang paling sering secara keseluruhan: “Sudah berpengalaman” (46,4% dari penolakan).',
      agency:
        'Instansi dengan tingkat resistensi tertinggi: Badan Penanggulangan Bencana Daerah (28,8% dari 698 undangan).',
    });
  });

  it('writes English with a decimal point and a thousands comma', () => {
    const parts = text(resistanceSummary(input({ period: 'all years' }), en, 'en'));
    expect(parts.lead).toBe('Who resists? (all years)');
    expect(parts.overall).toBe(
      'Overall, 28.3% of 57,810 invitations met resistance (declined, unanswered or not attended).',
    );
    expect(parts.tenure).toBe(
      'By tenure, resistance is highest among staff with ≥ 20 years of service (37.4%) and lowest among staff with < 5 years of service (17.9%).',
    );
    expect(parts.tenureReason).toBe(
      'Among staff with ≥ 20 years of service, the most common decline reason: “Already experienced” (65.0% of their declines).',
    );
    expect(parts.reason).toBe(
      'The most common decline reason overall: “Already experienced” (46.4% of declines).',
    );
    expect(parts.agency).toBe(
      'The agency with the highest resistance rate: Badan Penanggulangan Bencana Daerah (28.8% of 698 invitations).',
    );
  });

  it('names the list filters the figures are read under', () => {
    const parts = resistanceSummary(input({ applied: ['agencies', 'programs'] }), id, 'id');
    expect(parts[0]).toEqual({
      key: 'lead',
      text: 'Siapa yang menolak? (2021–2025; filter: Instansi, Program)',
    });
  });

  it('never names a hidden band, and says the comparison is of the bands shown', () => {
    const hiddenTop: ResistanceAnswer = {
      ...byTenure,
      rows: byTenure.rows.map((r) => (r.keys.tenureBand === '20+' ? row({ tenureBand: '20+' }, 0, null) : r)),
    };
    const parts = text(resistanceSummary(input({ byTenure: hiddenTop }), id, 'id'));
    expect(parts.tenure).toBe(
      'Di antara kelompok masa kerja yang ditampilkan (sebagian dirahasiakan), resistensi tertinggi pada pegawai dengan masa kerja 10–19 tahun (27,1%) dan terendah pada masa kerja < 5 tahun (17,9%).',
    );
    expect(parts.tenure).not.toContain('≥ 20');
    // The reasons of the band named (10–19): none in the answer, so no clause; never the hidden band's.
    expect(parts.tenureReason).toBeUndefined();
  });

  it('leaves the tenure clause out with fewer than two bands shown', () => {
    const one: ResistanceAnswer = {
      rows: [
        row({ tenureBand: '<5' }, 0, null),
        row({ tenureBand: '20+' }, 17530, 0.37),
        row({}, 0, null, true),
      ],
      byReason: byTenure.byReason,
    };
    const parts = resistanceSummary(input({ byTenure: one }), id, 'id');
    // Left out because a band is hidden: said so at the end, not dropped silently.
    expect(parts.map((p) => p.key)).toEqual(['lead', 'overall', 'reason', 'agency', 'withheld']);
    expect(text(parts).withheld).toBe(
      'Dirahasiakan untuk melindungi data pribadi pegawai, jadi tidak diringkas: rincian menurut masa kerja.',
    );
    expect(text(parts).withheld).not.toContain('37');
  });

  it('says when every band shown resists alike', () => {
    const alike: ResistanceAnswer = {
      rows: [row({ tenureBand: '<5' }, 100, 0.25), row({ tenureBand: '5-9' }, 200, 0.2501)],
    };
    expect(text(resistanceSummary(input({ byTenure: alike }), id, 'id')).tenure).toBe(
      'Resistensi sama pada setiap kelompok masa kerja yang ditampilkan (25,0%).',
    );
  });

  it('names the top reason among those shown when one is hidden, never the hidden one', () => {
    const withHidden: ResistanceAnswer = {
      ...total,
      byReason: (total.byReason ?? []).map((r) =>
        r.keys.declineReason === 'already_experienced'
          ? reason({ declineReason: 'already_experienced' }, 0, null)
          : r,
      ),
    };
    expect(text(resistanceSummary(input({ total: withHidden }), id, 'id')).reason).toBe(
      'Di antara alasan penolakan yang ditampilkan (sebagian dirahasiakan), yang paling sering: “Beban kerja” (24,2% dari penolakan).',
    );
  });

  it('says the reasons are hidden when they are withheld whole (a filtered answer: only the hidden total)', () => {
    const withheld: ResistanceAnswer = { ...total, byReason: [reason({}, 0, null, true)] };
    const parts = resistanceSummary(input({ total: withheld }), id, 'id');
    expect(parts.map((p) => p.key)).toEqual([
      'lead',
      'overall',
      'tenure',
      'tenureReason',
      'agency',
      'withheld',
    ]);
    expect(text(parts).withheld).toBe(
      'Dirahasiakan untuk melindungi data pribadi pegawai, jadi tidak diringkas: alasan penolakan.',
    );
  });

  it('says the reasons are hidden when every reason row is hidden', () => {
    const allHidden: ResistanceAnswer = {
      ...total,
      byReason: (total.byReason ?? []).map((r) =>
        r.isTotal ? r : reason({ declineReason: r.keys.declineReason }, 0, null),
      ),
    };
    expect(text(resistanceSummary(input({ total: allHidden }), en, 'en')).withheld).toBe(
      'Hidden to protect employees’ privacy, so not summarised: the decline reasons.',
    );
  });

  it('one agency filtered (DISDUKCAPIL): the reasons are hidden, the lone agency row is not a hidden comparison', () => {
    // The QA world's answer to ?page=partisipasi&agency=DISDUKCAPIL.
    const dukcapil: ResistanceAnswer = {
      rows: [row({}, 1545, 0.2906148867313916, true)],
      byReason: [reason({}, 0, null, true)],
    };
    const oneAgency: ResistanceAnswer = {
      rows: [
        row({ agency: 'DISDUKCAPIL' }, 1545, 0.2906148867313916),
        row({}, 1545, 0.2906148867313916, true),
      ],
    };
    const args = { applied: ['agencies' as const], total: dukcapil, byAgency: oneAgency };
    const idParts = resistanceSummary(input(args), id, 'id');
    expect(idParts.map((p) => p.key)).toEqual(['lead', 'overall', 'tenure', 'tenureReason', 'withheld']);
    expect(text(idParts).withheld).toBe(
      'Dirahasiakan untuk melindungi data pribadi pegawai, jadi tidak diringkas: alasan penolakan.',
    );
    expect(text(resistanceSummary(input(args), en, 'en')).withheld).toBe(
      'Hidden to protect employees’ privacy, so not summarised: the decline reasons.',
    );
  });

  it('one program in one year (TIK-KL 2023): the reasons and every agency row hidden, in one sentence', () => {
    const tik: ResistanceAnswer = {
      rows: [row({}, 162, 0.38271604938271603, true)],
      byReason: [reason({}, 0, null, true)],
    };
    const agenciesHidden: ResistanceAnswer = {
      rows: [
        row({ agency: 'BAPPEDA' }, 0, null),
        row({ agency: 'BPBD' }, 0, null),
        row({ agency: 'DINKES' }, 0, null),
        row({}, 162, 0.38271604938271603, true),
      ],
    };
    const args = { total: tik, byAgency: agenciesHidden };
    const parts = resistanceSummary(input(args), id, 'id');
    expect(parts.map((p) => p.key)).toEqual(['lead', 'overall', 'tenure', 'tenureReason', 'withheld']);
    expect(text(parts).withheld).toBe(
      'Dirahasiakan untuk melindungi data pribadi pegawai, jadi tidak diringkas: alasan penolakan dan rincian per instansi.',
    );
    expect(text(resistanceSummary(input(args), en, 'en')).withheld).toBe(
      'Hidden to protect employees’ privacy, so not summarised: the decline reasons and the breakdown by agency.',
    );
  });

  it('lists every comparison hidden when only the overall rate is shown', () => {
    const bandsHidden: ResistanceAnswer = {
      rows: [row({ tenureBand: '<5' }, 0, null), row({ tenureBand: '20+' }, 0, null), byTenure.rows[4]!],
    };
    const agenciesHidden: ResistanceAnswer = {
      rows: [row({ agency: 'BAPPEDA' }, 0, null), row({ agency: 'BPBD' }, 761, 0.3), byAgency.rows[3]!],
    };
    const args = {
      total: { ...total, byReason: [reason({}, 0, null, true)] },
      byTenure: bandsHidden,
      byAgency: agenciesHidden,
    };
    const parts = resistanceSummary(input(args), id, 'id');
    expect(parts.map((p) => p.key)).toEqual(['lead', 'overall', 'withheld']);
    expect(text(parts).withheld).toBe(
      'Dirahasiakan untuk melindungi data pribadi pegawai, jadi tidak diringkas: rincian menurut masa kerja, alasan penolakan, dan rincian per instansi.',
    );
    // The one agency shown (all but one hidden) is not named: no comparison to make.
    expect(parts.map((p) => p.text).join(' ')).not.toContain('Badan Penanggulangan');
    expect(text(resistanceSummary(input(args), en, 'en')).withheld).toBe(
      'Hidden to protect employees’ privacy, so not summarised: the breakdown by tenure, the decline reasons, and the breakdown by agency.',
    );
  });

  it('says nothing is hidden where there is nothing to compare: no declines, no agency rows', () => {
    const noDeclines: ResistanceAnswer = {
      rows: total.rows,
      byReason: [
        reason({ declineReason: 'health' }, 0, 0),
        reason({ declineReason: 'workload' }, 0, 0),
        { ...reason({}, 0, 0, true), share: null },
      ],
    };
    const parts = resistanceSummary(input({ total: noDeclines, byAgency: { rows: [] } }), id, 'id');
    expect(parts.map((p) => p.key)).toEqual(['lead', 'overall', 'tenure', 'tenureReason']);
  });

  it('reads the tenure reasons only from a band row that is shown, and only the listed reasons', () => {
    const bandHidden: ResistanceAnswer = {
      ...byTenure,
      byReason: (byTenure.byReason ?? []).map((r) =>
        r.keys.tenureBand === '20+' && r.isTotal ? reason({ tenureBand: '20+' }, 0, null, true) : r,
      ),
    };
    const hiddenBand = text(resistanceSummary(input({ byTenure: bandHidden }), id, 'id'));
    expect(hiddenBand.tenureReason).toBeUndefined();
    // Not dropped silently: the band's reasons are named as hidden.
    expect(hiddenBand.withheld).toBe(
      'Dirahasiakan untuk melindungi data pribadi pegawai, jadi tidak diringkas: alasan penolakan pada masa kerja yang paling menolak.',
    );
    // …but not twice when every reason is withheld anyway.
    const allReasonsHidden = text(
      resistanceSummary(
        input({ byTenure: bandHidden, total: { ...total, byReason: [reason({}, 0, null, true)] } }),
        en,
        'en',
      ),
    );
    expect(allReasonsHidden.withheld).toBe(
      'Hidden to protect employees’ privacy, so not summarised: the decline reasons.',
    );
    const someHidden: ResistanceAnswer = {
      ...byTenure,
      byReason: (byTenure.byReason ?? []).map((r) =>
        r.keys.tenureBand === '20+' && r.keys.declineReason === 'health'
          ? reason({ tenureBand: '20+', declineReason: 'health' }, 0, null)
          : r,
      ),
    };
    expect(text(resistanceSummary(input({ byTenure: someHidden }), en, 'en')).tenureReason).toBe(
      'Among staff with ≥ 20 years of service, the most common decline reason shown (some are hidden): “Already experienced” (65.0% of their declines).',
    );
  });

  it('names the top agency among those shown with how many are shown and what the hidden ones hold', () => {
    // BPBD hidden: 698 of the 10,504 invitations (6.6 %), 1 of 3 agencies.
    const hiddenTop: ResistanceAnswer = {
      rows: [
        byAgency.rows[0]!,
        row({ agency: 'BPBD' }, 0, null),
        byAgency.rows[2]!,
        row({}, 761 + 698 + 9045, 0.27, true),
      ],
    };
    expect(text(resistanceSummary(input({ byAgency: hiddenTop }), id, 'id')).agency).toBe(
      'Di antara 2 dari 3 instansi yang ditampilkan (yang dirahasiakan memegang 6,6% undangan), tingkat resistensi tertinggi: Badan Perencanaan Pembangunan Daerah (27,7% dari 761 undangan).',
    );
    expect(text(resistanceSummary(input({ byAgency: hiddenTop }), en, 'en')).agency).toBe(
      'Of the 2 of 3 agencies shown (the hidden ones hold 6.6% of invitations), the highest resistance rate: Badan Perencanaan Pembangunan Daerah (27.7% of 761 invitations).',
    );
    // The total row hidden: no share to give (nothing is worked out from hidden figures).
    const totalHidden: ResistanceAnswer = { rows: [...hiddenTop.rows.slice(0, 3), row({}, 0, null, true)] };
    expect(text(resistanceSummary(input({ byAgency: totalHidden }), id, 'id')).agency).toBe(
      'Di antara 2 dari 3 instansi yang ditampilkan (sisanya dirahasiakan), tingkat resistensi tertinggi: Badan Perencanaan Pembangunan Daerah (27,7% dari 761 undangan).',
    );
    const one: ResistanceAnswer = {
      rows: [row({ agency: 'DINKES' }, 9045, 0.27), row({}, 9045, 0.27, true)],
    };
    const oneParts = text(resistanceSummary(input({ byAgency: one }), id, 'id'));
    expect(oneParts.agency).toBeUndefined();
    // One agency, none hidden (the breakdown filtered to it): nothing to say is hidden.
    expect(oneParts.withheld).toBeUndefined();
  });

  it('names no "highest" agency when most are hidden (QA world 2021–2025: 46 of 53, 24.7% of invitations)', () => {
    // The seven agencies shown span 26.7–30.4 %; hidden ones (Bappeda 32.6 %, BKPSDM 32.0 % in 2025)
    // resist more, so "highest: Sekretariat Daerah" only said which agencies survived suppression.
    const shown = [
      row({ agency: 'DAMKAR' }, 1385, 0.2851985559566787),
      row({ agency: 'DINKES' }, 9045, 0.2665561083471531),
      row({ agency: 'DISDIK' }, 24619, 0.28071814452252325),
      row({ agency: 'DISDUKCAPIL' }, 1545, 0.2906148867313916),
      row({ agency: 'DLH' }, 1716, 0.2872960372960373),
      row({ agency: 'SATPOLPP' }, 2228, 0.2868043087971275),
      row({ agency: 'SETDA' }, 2987, 0.3036491463006361),
    ];
    const hidden = Array.from({ length: 46 }, (_, i) => row({ agency: `H${i}` }, 0, null));
    const qa: ResistanceAnswer = {
      rows: [...hidden, ...shown, row({}, 57810, 0.2825635703165542, true)],
    };
    const idText = text(resistanceSummary(input({ byAgency: qa }), id, 'id')).agency;
    expect(idText).toBe(
      'Per instansi, 46 dari 53 instansi dirahasiakan, dengan 24,7% undangan: terlalu banyak untuk menyebut instansi dengan resistensi tertinggi, karena yang ditampilkan hanyalah yang lolos perlindungan kerahasiaan. Untuk perbandingan, lihat “Resistensi menurut masa kerja”.',
    );
    expect(idText).not.toContain('SETDA');
    expect(idText).not.toContain('30,4%');
    expect(text(resistanceSummary(input({ byAgency: qa }), en, 'en')).agency).toBe(
      'By agency, 46 of 53 agencies are hidden, with 24.7% of invitations: too many to name the agency that resists most, as those shown are only the ones that pass disclosure control. For a comparison, see “Resistance by tenure”.',
    );
    // Without the total row's invitations: more than half hidden is enough; no pointer to the
    // tenure bands when they are not compared.
    const noTotal: ResistanceAnswer = { rows: [...hidden, ...shown, row({}, 0, null, true)] };
    const bandsHidden: ResistanceAnswer = {
      rows: [row({ tenureBand: '<5' }, 0, null), row({ tenureBand: '20+' }, 0, null), byTenure.rows[4]!],
    };
    expect(
      text(resistanceSummary(input({ byAgency: noTotal, byTenure: bandsHidden }), id, 'id')).agency,
    ).toBe(
      'Per instansi, 46 dari 53 instansi dirahasiakan: terlalu banyak untuk menyebut instansi dengan resistensi tertinggi, karena yang ditampilkan hanyalah yang lolos perlindungan kerahasiaan.',
    );
  });

  it('names no "highest" agency when the hidden ones hold 20% of the invitations or more, however few', () => {
    // DINKES hidden: 1 of 3 agencies, but 9,045 of 10,504 invitations.
    const bigHidden = (hiddenInvited: number): ResistanceAnswer => ({
      rows: [
        row({ agency: 'BAPPEDA' }, 400, 0.27),
        row({ agency: 'BPBD' }, 400, 0.29),
        row({ agency: 'DINKES' }, 0, null),
        row({}, 800 + hiddenInvited, 0.28, true),
      ],
    });
    expect(text(resistanceSummary(input({ byAgency: bigHidden(200) }), id, 'id')).agency).toBe(
      'Per instansi, 1 dari 3 instansi dirahasiakan, dengan 20,0% undangan: terlalu banyak untuk menyebut instansi dengan resistensi tertinggi, karena yang ditampilkan hanyalah yang lolos perlindungan kerahasiaan. Untuk perbandingan, lihat “Resistensi menurut masa kerja”.',
    );
    // Just under the limit: the highest shown is named, with the share.
    expect(text(resistanceSummary(input({ byAgency: bigHidden(199) }), id, 'id')).agency).toBe(
      'Di antara 2 dari 3 instansi yang ditampilkan (yang dirahasiakan memegang 19,9% undangan), tingkat resistensi tertinggi: Badan Penanggulangan Bencana Daerah (29,0% dari 400 undangan).',
    );
  });

  it('never states a hidden overall rate, nor works it out from the bands', () => {
    const hiddenTotal: ResistanceAnswer = {
      rows: [row({}, 0, null, true)],
      byReason: [reason({}, 0, null, true)],
    };
    const parts = resistanceSummary(input({ total: hiddenTotal }), id, 'id');
    expect(parts.map((p) => p.key)).toEqual(['lead', 'tenure', 'tenureReason', 'agency', 'withheld']);
    expect(parts.map((p) => p.text).join(' ')).not.toContain('28,3%');
  });

  it('says plainly when every figure is hidden', () => {
    const hidden: ResistanceAnswer = {
      rows: [row({}, 0, null, true)],
      byReason: [reason({}, 0, null, true)],
    };
    const hiddenBands: ResistanceAnswer = {
      rows: [row({ tenureBand: '<5' }, 0, null), row({}, 0, null, true)],
    };
    expect(
      resistanceSummary(input({ total: hidden, byTenure: hiddenBands, byAgency: hidden }), id, 'id'),
    ).toEqual([
      { key: 'lead', text: 'Siapa yang menolak? (2021–2025)' },
      {
        key: 'hidden',
        text: 'Angka resistensi pada pilihan ini dirahasiakan untuk melindungi data pribadi pegawai, jadi tidak dapat diringkas.',
      },
    ]);
  });

  it('says plainly when the selection has no invitations', () => {
    const none: ResistanceAnswer = {
      rows: [{ ...row({}, 0, 0, true), rate: null, resisted: 0 }],
      byReason: [{ ...reason({}, 0, 0, true), share: null }],
    };
    const parts = resistanceSummary(
      input({ total: none, byTenure: { rows: [] }, byAgency: { rows: [] } }),
      en,
      'en',
    );
    expect(parts).toEqual([
      { key: 'lead', text: 'Who resists? (2021–2025)' },
      {
        key: 'noData',
        text: 'There are no invitations in this selection, so nothing can be said yet about who resists.',
      },
    ]);
  });

  it('claims nothing about the selection when a query failed and the rest show nothing', () => {
    const empty: ResistanceAnswer = { rows: [] };
    expect(resistanceSummary(input({ total: null, byTenure: empty, byAgency: empty }), id, 'id')).toEqual([]);
    // What the other queries show is still said.
    expect(resistanceSummary(input({ byAgency: null }), id, 'id').map((p) => p.key)).toEqual([
      'lead',
      'overall',
      'tenure',
      'tenureReason',
      'reason',
    ]);
  });
});
