import { describe, expect, it } from 'vitest';
import type { CohortComparison } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import {
  cohortStatus,
  effectCiText,
  effectHeadline,
  formatEffect,
  isEmptyStatus,
  kohortTerms,
  matchingText,
  prePostChart,
  preTrendLine,
  shownWarnings,
} from './cohort-result.ts';

type Input = Parameters<typeof cohortStatus>[0];
const base: Input = {
  n: 4248,
  suppressed: false,
  did: {
    estimate: 0.0227,
    se: 0.017,
    df: 4000,
    pValue: 0.193,
    ci: { low: -0.0115, high: 0.057, level: 0.95 },
  },
  warnings: [],
  treated: { n: 535 },
  control: { n: 3713 },
  matching: { treatedEligible: 536 },
};
const empty: Input = {
  ...base,
  n: 0,
  suppressed: true,
  did: { estimate: null, se: null, df: null, pValue: null, ci: null },
  treated: { n: 0 },
  control: { n: 0 },
  matching: { treatedEligible: 0 },
};
const codes = (...c: string[]) => c.map((code) => ({ code }));

describe('why a cohort comparison has no estimate', () => {
  it('is coverage first when the API says a window lies outside the data (n = 0, "suppressed")', () => {
    expect(cohortStatus({ ...empty, warnings: codes('no_post_data', 'suppressed', 'small_n') })).toBe(
      'no_post_data',
    );
    expect(cohortStatus({ ...empty, warnings: codes('no_pre_data', 'suppressed', 'small_n') })).toBe(
      'no_pre_data',
    );
  });

  it('reads the API’s own "nothing to compare" (not suppressed) as nobody completed, listed once', () => {
    const nothing: Input = {
      ...empty,
      suppressed: false,
      warnings: codes('no_post_data', 'nothing_to_compare'),
    };
    expect(cohortStatus(nothing)).toBe('no_post_data');
    expect(shownWarnings(nothing).map((w) => w.code)).toEqual(['no_post_data']);
    const noneTrained: Input = { ...empty, suppressed: false, warnings: codes('nothing_to_compare') };
    expect(cohortStatus(noneTrained)).toBe('no_treated');
    expect(shownWarnings(noneTrained)).toEqual([]);
  });

  it('is "nobody completed" or "no match" for empty groups, never privacy', () => {
    expect(cohortStatus({ ...empty, warnings: codes('suppressed', 'small_n') })).toBe('no_treated');
    expect(cohortStatus({ ...empty, matching: { treatedEligible: 12 }, warnings: codes('suppressed') })).toBe(
      'no_match',
    );
    expect(cohortStatus({ ...empty, n: 40, treated: { n: 40 }, control: { n: 0 } })).toBe('no_match');
    for (const s of ['no_post_data', 'no_pre_data', 'no_treated', 'no_match'] as const)
      expect(isEmptyStatus(s)).toBe(true);
  });

  it('reads the API’s hidden counts (null) of a suppressed comparison as privacy, its 0s as empty', () => {
    const hidden: Input = {
      ...empty,
      n: null,
      treated: { n: null },
      control: { n: null },
      matching: { treatedEligible: null },
      warnings: codes('suppressed', 'small_n'),
    };
    expect(cohortStatus(hidden)).toBe('suppressed');
    expect(shownWarnings(hidden).map((w) => w.code)).toEqual(['suppressed', 'small_n']);
    // Completers with no match: the arm of 0 is kept, the eligible count hidden.
    expect(cohortStatus({ ...hidden, n: 0, treated: { n: 0 }, control: { n: 0 } })).toBe('no_match');
    // Nobody at all: every count is 0.
    expect(cohortStatus({ ...empty, warnings: codes('suppressed', 'small_n') })).toBe('no_treated');
  });

  it('writes the matching line with its counts, or says they are hidden', () => {
    const t = translator('id');
    expect(matchingText({ matching: { treatedDropped: 1, treatedEligible: 536, strata: 40 } }, t, 'id')).toBe(
      'Pencocokan: 1 dari 536 pegawai yang dilatih tidak mendapat pasangan pembanding (40 strata).',
    );
    const hidden = { matching: { treatedDropped: null, treatedEligible: null, strata: null } };
    expect(matchingText(hidden, t, 'id')).toBe(
      'Pencocokan: jumlah pegawai tidak ditampilkan karena hasil ini dirahasiakan (perlindungan data pribadi).',
    );
    // A 0 kept beside hidden counts still reads as hidden, never as "0 of —".
    expect(
      matchingText({ matching: { treatedDropped: 0, treatedEligible: null, strata: null } }, t, 'id'),
    ).toBe(matchingText(hidden, t, 'id'));
    expect(matchingText(hidden, translator('en'), 'en')).toMatch(/^Matching: the counts are not shown/);
    expect(matchingText(hidden, t, 'id')).not.toMatch(/\d/);
    // Nobody to match (a window with no data after it): no "0 of 0 employees (0 strata)" line.
    expect(
      matchingText({ matching: { treatedDropped: 0, treatedEligible: 0, strata: 0 } }, t, 'id'),
    ).toBeNull();
  });

  it('is privacy only when a group has 1 to 4 employees', () => {
    expect(
      cohortStatus({
        ...empty,
        n: 203,
        treated: { n: 3 },
        control: { n: 200 },
        matching: { treatedEligible: 3 },
      }),
    ).toBe('suppressed');
    expect(isEmptyStatus('suppressed')).toBe(false);
  });

  it('is an estimate with its interval, or none without one', () => {
    expect(cohortStatus(base)).toBe('estimated');
    expect(cohortStatus({ ...base, did: { ...base.did, ci: null }, warnings: codes('no_se') })).toBe(
      'no_estimate',
    );
  });
});

describe('an effect as written', () => {
  it('is in percentage points for the SLA rate, signed', () => {
    expect(formatEffect('sla_met_rate', 0.3447, 'id')).toBe('+34,5 pp');
    expect(formatEffect('sla_met_rate', -0.012, 'en')).toBe('−1.2 pp');
    expect(effectCiText('sla_met_rate', { low: 0.3384, high: 0.351 }, 'id')).toBe('+33,8 … +35,1 pp');
  });

  it('spells the points out where there is room (Kohort’s DiD figures), in the reader’s language', () => {
    expect(formatEffect('sla_met_rate', 0.3447, 'id', 'words')).toBe('+34,5 poin persen');
    expect(formatEffect('sla_met_rate', -0.012, 'en', 'words')).toBe('−1.2 percentage points');
    expect(effectCiText('sla_met_rate', { low: 0.3384, high: 0.351 }, 'id', 'words')).toBe(
      '+33,8 … +35,1 poin persen',
    );
    // Days per request have no points to spell.
    expect(formatEffect('service_days', -0.4031, 'id', 'words')).toBe('−0,40');
  });

  it('has two decimals otherwise, and a dash without a value', () => {
    expect(formatEffect('service_days', -0.4031, 'id')).toBe('−0,40');
    expect(formatEffect('service_days', 0.0227, 'en')).toBe('+0.02');
    expect(effectCiText('service_days', { low: -0.0115, high: 0.057 }, 'id')).toBe('−0,01 … +0,06');
    expect(formatEffect('appraisal_score', null, 'id')).toBe('—');
  });
});

describe('the DiD headline', () => {
  const id = translator('id');
  const en = translator('en');
  const c = (outcome: CohortComparison['outcome'], estimate: number, low: number, high: number) => ({
    outcome,
    did: { estimate, se: 0.01, df: 100, pValue: 0.5, ci: { low, high, level: 0.95 } },
  });

  it('names no direction for a positive day change whose CI includes 0: "tidak signifikan", as the portfolio', () => {
    expect(effectHeadline(c('service_days', 0.0227, -0.0115, 0.057), id, 'id')).toBe(
      'Efek pelatihan: tidak signifikan, +0,02 hari per permohonan (antara −0,01 dan +0,06). Selang kepercayaan 95% mencakup 0, jadi selisih ini bisa saja kebetulan.',
    );
    expect(effectHeadline(c('service_days', 0.0227, -0.0115, 0.057), en, 'en')).toBe(
      'Training effect: not established, +0.02 days per request (between −0.01 and +0.06). The 95% confidence interval includes 0, so the difference may be chance.',
    );
  });

  it('names no direction for a negative day change whose CI includes 0 (REG-EL 2024 as the reviewer saw it)', () => {
    const regEl = c('service_days', -0.0103, -0.0912, 0.0706);
    expect(effectHeadline(regEl, id, 'id')).toBe(
      'Efek pelatihan: tidak signifikan, −0,01 hari per permohonan (antara −0,09 dan +0,07). Selang kepercayaan 95% mencakup 0, jadi selisih ini bisa saja kebetulan.',
    );
    expect(effectHeadline(regEl, en, 'en')).toBe(
      'Training effect: not established, −0.01 days per request (between −0.09 and +0.07). The 95% confidence interval includes 0, so the difference may be chance.',
    );
    for (const lang of ['id', 'en'] as const)
      expect(effectHeadline(regEl, lang === 'id' ? id : en, lang)).not.toMatch(
        /lebih cepat|lebih lambat|faster|slower/,
      );
    // Nor up / down for the other outcomes.
    expect(effectHeadline(c('appraisal_score', 0.5, -0.2, 1.2), id, 'id')).toMatch(
      /^Efek pelatihan: tidak signifikan, \+0,50 poin SKP/,
    );
  });

  it('says faster and shown when the CI lies below 0', () => {
    expect(effectHeadline(c('service_days', -0.4, -0.43, -0.38), id, 'id')).toBe(
      'Efek pelatihan: lebih cepat, −0,40 hari per permohonan (antara −0,43 dan −0,38). Signifikan: selang kepercayaan 95% tidak mencakup 0.',
    );
  });

  it('reads a difference of SLA rates as percentage points, higher', () => {
    expect(effectHeadline(c('sla_met_rate', 0.3447, 0.3384, 0.351), id, 'id')).toBe(
      'Efek pelatihan: naik, +34,5 poin persen permohonan tepat SLA (antara +33,8 dan +35,1). Signifikan: selang kepercayaan 95% tidak mencakup 0.',
    );
    expect(effectHeadline(c('sla_met_rate', 0.3447, 0.3384, 0.351), en, 'en')).toMatch(
      /^Training effect: up, \+34\.5 percentage points of requests within SLA \(between \+33\.8 and \+35\.1\)\. Established:/,
    );
  });

  it('says in the same sentence when the pre-trend check fails (PLY-PRIMA 2023, only vs untrained)', () => {
    const prima = {
      ...c('sla_met_rate', 0.364, 0.31, 0.418),
      preTrend: { estimate: 0.08, ciExcludesZero: true },
    };
    expect(effectHeadline(prima, id, 'id')).toBe(
      'Efek pelatihan: naik, +36,4 poin persen permohonan tepat SLA (antara +31,0 dan +41,8). Signifikan: selang kepercayaan 95% tidak mencakup 0, tetapi tren sebelum pelatihan sudah berbeda (+8,0 poin persen permohonan tepat SLA), jadi efek ini belum tentu karena pelatihan.',
    );
    expect(effectHeadline(prima, en, 'en')).toBe(
      'Training effect: up, +36.4 percentage points of requests within SLA (between +31.0 and +41.8). Established: the 95% confidence interval excludes 0, but the trends before the training already differed (+8.0 percentage points of requests within SLA), so this effect is not necessarily the training’s.',
    );
    // An effect not shown says so too, with the pre-trend in days.
    const notShown = {
      ...c('service_days', -0.05, -0.2, 0.1),
      preTrend: { estimate: -0.3, ciExcludesZero: true },
    };
    expect(effectHeadline(notShown, id, 'id')).toMatch(
      /mencakup 0, jadi selisih ini bisa saja kebetulan; lagi pula tren sebelum pelatihan sudah berbeda \(−0,30 hari per permohonan\)\.$/,
    );
    // A parallel or unchecked pre-trend adds nothing.
    for (const preTrend of [
      { estimate: 0.01, ciExcludesZero: false },
      { estimate: null, ciExcludesZero: null },
      null,
    ])
      expect(effectHeadline({ ...c('sla_met_rate', 0.364, 0.31, 0.418), preTrend }, id, 'id')).toMatch(
        /Signifikan: selang kepercayaan 95% tidak mencakup 0\.$/,
      );
  });

  it('is null without an estimate or interval', () => {
    expect(
      effectHeadline(
        { outcome: 'service_days', did: { ...c('service_days', 0, 0, 0).did, ci: null } },
        id,
        'id',
      ),
    ).toBeNull();
  });
});

describe('the pre-trend line', () => {
  const id = translator('id');
  const en = translator('en');
  const windows = { placebo: { from: '2020-01-01', to: '2020-12-31' } };
  const pre = (ciExcludesZero: boolean | null) =>
    ({ estimate: ciExcludesZero === null ? null : 0.08, ciExcludesZero }) as NonNullable<
      CohortComparison['preTrend']
    >;

  it('says the check could not be run, and why, when the placebo window has no data (REG-EL 2022)', () => {
    const c = { preTrend: null, windows, warnings: [{ code: 'no_placebo_data' }] };
    expect(preTrendLine(c, id, 'id')).toEqual({
      tone: 'notRun',
      text: 'Uji tren sebelum (plasebo): tidak dapat dijalankan — tidak ada data hasil pada jendela plasebo (1 Jan 2020 – 31 Des 2020), di luar data snapshot: tidak diketahui apakah kedua kelompok sudah berkembang berbeda sebelum pelatihan.',
    });
    expect(preTrendLine(c, en, 'en').text).toBe(
      'Pre-trend (placebo) check: could not be run — the outcome has no data in the placebo window (1 Jan 2020 – 31 Dec 2020), which lies outside the snapshot’s data: whether the two groups were already moving apart before the training is unknown.',
    );
  });

  it('says why otherwise: nobody to compare, or groups too small for an interval', () => {
    expect(preTrendLine({ preTrend: null, windows, warnings: [] }, id, 'id').text).toMatch(
      /^Uji tren sebelum \(plasebo\): tidak dapat dijalankan — tidak ada pegawai terlatih/,
    );
    const small = preTrendLine({ preTrend: pre(null), windows, warnings: [] }, en, 'en');
    expect(small).toEqual({
      tone: 'notRun',
      text: 'Pre-trend (placebo) check: could not be run — the groups in the placebo window are too small or without variation for a confidence interval.',
    });
  });

  it('gives the verdict when the check ran', () => {
    expect(preTrendLine({ preTrend: pre(false), windows, warnings: [] }, id, 'id')).toEqual({
      tone: 'ok',
      text: 'Uji tren sebelum (plasebo): Tidak ada bukti tren sebelum pelatihan berbeda.',
    });
    expect(preTrendLine({ preTrend: pre(true), windows, warnings: [] }, en, 'en')).toEqual({
      tone: 'bad',
      text: 'Pre-trend (placebo) check: Trends before training diverge: read the effect with care.',
    });
  });
});

describe('the warnings listed', () => {
  it('leave out "hidden for privacy" and "small groups" when nobody is in the comparison', () => {
    const warnings = codes('no_post_data', 'suppressed', 'small_n');
    expect(shownWarnings({ ...empty, warnings }).map((w) => w.code)).toEqual(['no_post_data']);
    expect(shownWarnings({ ...empty, warnings: codes('suppressed', 'small_n') })).toEqual([]);
  });

  it('keep every warning otherwise', () => {
    const small = {
      ...empty,
      n: 203,
      treated: { n: 3 },
      control: { n: 200 },
      matching: { treatedEligible: 3 },
    };
    expect(shownWarnings({ ...small, warnings: codes('suppressed', 'small_n') }).map((w) => w.code)).toEqual([
      'suppressed',
      'small_n',
    ]);
    expect(shownWarnings({ ...base, warnings: codes('diverging_pre_trends') })).toHaveLength(1);
  });
});

describe("Kohort's before/after chart", () => {
  it("writes the outcome's unit on its y axis (it had none)", () => {
    const id = translator('id');
    const en = translator('en');
    expect(prePostChart('service_days', id)).toEqual({
      kind: 'line',
      series: ['treated', 'control'],
      yKind: 'score',
      yUnit: 'hari per permohonan',
    });
    expect(prePostChart('appraisal_score', id).yUnit).toBe('poin SKP');
    expect(prePostChart('requests_handled', id).yUnit).toBe('permohonan per bulan');
    // A share: its ticks are percents, the unit says of what.
    expect(prePostChart('sla_met_rate', id)).toMatchObject({
      yKind: 'fraction',
      yUnit: '% permohonan tepat SLA',
    });
    expect(prePostChart('service_days', en).yUnit).toBe('days per request');
    expect(prePostChart('appraisal_score', en).yUnit).toBe('SKP points');
    expect(prePostChart('sla_met_rate', en).yUnit).toBe('% of requests within SLA');
  });
});

describe('the terms Kohort’s glossary lists', () => {
  const pre = (ciExcludesZero: boolean | null) =>
    ({ ciExcludesZero }) as NonNullable<CohortComparison['preTrend']>;

  it('lists the comparison’s figures, then the joint model card’s', () => {
    expect(
      kohortTerms({ outcome: 'service_days', preTrend: pre(false) }, { stats: true, matching: true }),
    ).toEqual([
      'did',
      'ci95',
      'significant',
      'hedgesG',
      'p',
      'n',
      'strata',
      'preTrend',
      'jointModel',
      'pHolm',
      'clustered',
      'bootstrapP',
    ]);
  });

  it('leaves out what the card does not show, and adds percentage points for the SLA rate', () => {
    const terms = kohortTerms(
      { outcome: 'sla_met_rate', preTrend: pre(null) },
      { stats: false, matching: false },
    );
    expect(terms).toContain('pp');
    for (const absent of ['hedgesG', 'p', 'strata', 'preTrend'] as const) expect(terms).not.toContain(absent);
    expect(
      kohortTerms({ outcome: 'service_days', preTrend: null }, { stats: true, matching: true }),
    ).not.toContain('pp');
  });
});
