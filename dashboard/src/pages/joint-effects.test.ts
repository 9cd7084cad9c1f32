import { describe, expect, it } from 'vitest';
import { toCsv } from '../charts/csv.ts';
import { pAfterLabel } from '../format/format.ts';
import type { CohortInput, EffectDirection, ProgramEffect, ProgramEffectGap } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import {
  CLUSTERED_VERDICT_KEY,
  clusteredCheckOf,
  effectText,
  failedClusteredChecks,
  formatOutcome,
  jointCsv,
  jointInputOf,
  jointModelSummary,
  jointWarnings,
  roiJointInputOf,
  shownAfterHolm,
  shownButNotAfterHolm,
  sortProgramEffects,
  verdictOf,
} from './joint-effects.ts';
import { roiFromSearch } from './roi-params.ts';

type Clustered = NonNullable<ProgramEffect['clustered']>;

function program(
  code: string,
  direction: EffectDirection,
  o: {
    holm?: number | null;
    estimate?: number | null;
    gap?: ProgramEffectGap | null;
    clustered?: Partial<Clustered> | null;
  } = {},
): ProgramEffect {
  const estimate = o.estimate === undefined ? (direction === 'not_estimated' ? null : -0.4) : o.estimate;
  return {
    program: code,
    completers: 50,
    n: 45,
    alsoOtherPrograms: 5,
    direction,
    gap: o.gap ?? (direction === 'not_estimated' ? 'small_n' : null),
    pValueHolm: o.holm === undefined ? (direction === 'not_estimated' ? null : 0.5) : o.holm,
    effect: {
      estimate,
      se: estimate === null ? null : 0.05,
      df: estimate === null ? null : 900,
      pValue: estimate === null ? null : 0.01,
      ci: estimate === null ? null : { low: estimate - 0.1, high: estimate + 0.1, level: 0.95 },
    },
    // Agency-clustered: twice the HC1 interval, completers in 6 of 8 agencies unless told.
    clustered:
      estimate === null || o.clustered === null
        ? null
        : {
            se: 0.1,
            df: 7,
            pValue: 0.02,
            ci: { low: estimate - 0.2, high: estimate + 0.2 },
            clusters: 8,
            treatedClusters: 6,
            wildBootstrap: { pValue: 0.01, draws: 9_999 },
            ...o.clustered,
          },
    preTrend: null,
  };
}

const codes = (ps: readonly ProgramEffect[]) => ps.map((p) => p.program);

describe('joint model rows', () => {
  it('puts shown effects first by Holm p, then inconclusive, then not estimated', () => {
    const rows = [
      program('Z-NONE', 'not_estimated'),
      program('B-INC', 'inconclusive', { holm: 0.9 }),
      program('C-UP', 'higher', { holm: 0.04 }),
      program('A-NONE', 'not_estimated', { gap: 'not_identified' }),
      program('D-DOWN', 'lower', { holm: 0.0001 }),
      program('A-INC', 'inconclusive', { holm: 0.2 }),
      program('E-DOWN', 'lower', { holm: 0.3 }),
      program('F-INC', 'inconclusive', { holm: null }),
    ];
    expect(codes(sortProgramEffects(rows))).toEqual([
      'D-DOWN',
      'C-UP',
      'E-DOWN',
      'A-INC',
      'B-INC',
      'F-INC',
      'A-NONE',
      'Z-NONE',
    ]);
    // A copy: the query's array stays as it came.
    expect(rows[0]?.program).toBe('Z-NONE');
  });

  it('breaks ties by program code, so the order is total', () => {
    const rows = [program('B', 'lower', { holm: 0.01 }), program('A', 'lower', { holm: 0.01 })];
    expect(codes(sortProgramEffects(rows))).toEqual(['A', 'B']);
  });

  it('counts the programs that survive Holm (p < 0.05)', () => {
    expect(
      shownAfterHolm([
        program('A', 'lower', { holm: 0.001 }),
        program('B', 'lower', { holm: 0.05 }),
        program('C', 'inconclusive', { holm: 0.6 }),
        program('D', 'not_estimated'),
      ]),
    ).toBe(1);
  });

  it('flags a direction shown on its own CI that does not hold after Holm', () => {
    expect(shownButNotAfterHolm(program('A', 'higher', { holm: 0.25 }))).toBe(true);
    expect(shownButNotAfterHolm(program('A', 'lower', { holm: null }))).toBe(true);
    expect(shownButNotAfterHolm(program('A', 'lower', { holm: 0.001 }))).toBe(false);
    expect(shownButNotAfterHolm(program('A', 'inconclusive', { holm: 1 }))).toBe(false);
    expect(shownButNotAfterHolm(program('A', 'not_estimated'))).toBe(false);
  });
});

describe('verdict words', () => {
  const id = translator('id');
  const en = translator('en');
  const word = (t: typeof id, d: EffectDirection, outcome: Parameters<typeof verdictOf>[1], gap = null) =>
    t(verdictOf({ direction: d, gap }, outcome).key);

  it('service days: lower is faster, higher is slower', () => {
    expect(word(id, 'lower', 'service_days')).toBe('lebih cepat');
    expect(word(id, 'higher', 'service_days')).toBe('lebih lambat');
    expect(word(en, 'lower', 'service_days')).toBe('faster');
    expect(word(en, 'higher', 'service_days')).toBe('slower');
    expect(verdictOf({ direction: 'lower', gap: null }, 'service_days').tone).toBe('good');
    expect(verdictOf({ direction: 'higher', gap: null }, 'service_days').tone).toBe('bad');
  });

  it('other outcomes go up or down, up being good news', () => {
    for (const outcome of ['sla_met_rate', 'requests_handled', 'appraisal_score'] as const) {
      expect(word(id, 'higher', outcome)).toBe('naik');
      expect(word(id, 'lower', outcome)).toBe('turun');
      expect(word(en, 'higher', outcome)).toBe('up');
      expect(word(en, 'lower', outcome)).toBe('down');
      expect(verdictOf({ direction: 'higher', gap: null }, outcome).tone).toBe('good');
    }
  });

  it('no effect shown, and each gap in words', () => {
    expect(word(id, 'inconclusive', 'service_days')).toBe('tidak signifikan');
    expect(word(en, 'inconclusive', 'appraisal_score')).toBe('not established');
    const gap = (t: typeof id, g: ProgramEffectGap) =>
      t(verdictOf({ direction: 'not_estimated', gap: g }, 'service_days').key);
    expect(gap(id, 'small_n')).toBe('terlalu sedikit peserta');
    expect(gap(id, 'not_identified')).toBe('tidak dapat dipisahkan dari program lain');
    expect(gap(id, 'no_se')).toBe('tidak dapat diukur');
    expect(gap(en, 'small_n')).toBe('too few participants');
    expect(gap(en, 'not_identified')).toBe('cannot be told apart from other programs');
    expect(gap(en, 'no_se')).toBe('cannot be measured');
    expect(word(en, 'not_estimated', 'service_days')).toBe('not estimated');
  });
});

describe('figures', () => {
  it('formats like the cohort result: percent for the SLA rate, two decimals otherwise', () => {
    expect(formatOutcome('service_days', -0.4567, 'id')).toBe('−0,46');
    expect(formatOutcome('service_days', -0.4567, 'en')).toBe('−0.46');
    expect(formatOutcome('sla_met_rate', 0.0512, 'id')).toBe('5,1%');
    expect(formatOutcome('appraisal_score', null, 'id')).toBe('—');
  });

  it('writes the effect with its CI, or a dash', () => {
    expect(effectText(program('A', 'lower', { estimate: -0.45 }), 'service_days', 'id')).toBe(
      '−0,45 (−0,55 … −0,35)',
    );
    // The SLA rate as the DiD card writes it: signed percentage points, never an unsigned percent.
    expect(effectText(program('A', 'higher', { estimate: 0.05 }), 'sla_met_rate', 'en')).toBe(
      '+5.0 pp (−5.0 … +15.0 pp)',
    );
    expect(effectText(program('A', 'higher', { estimate: 0.125 }), 'sla_met_rate', 'id')).toBe(
      '+12,5 pp (+2,5 … +22,5 pp)',
    );
    expect(effectText(program('A', 'not_estimated'), 'service_days', 'id')).toBe('—');
  });
});

describe('agency-clustered check', () => {
  const id = translator('id');
  const en = translator('en');
  const check = (
    direction: EffectDirection,
    estimate: number,
    clustered: Partial<Clustered>,
    outcome: Parameters<typeof clusteredCheckOf>[1] = 'service_days',
    lang: 'id' | 'en' = 'id',
  ) => clusteredCheckOf(program('A', direction, { estimate, clustered }), outcome, lang);
  const verdictIn = (t: typeof id, c: ReturnType<typeof check>) =>
    c?.verdict ? t(CLUSTERED_VERDICT_KEY[c.verdict]) : null;
  const cautionIn = (t: typeof id, c: ReturnType<typeof check>) =>
    c?.caution ? t(c.caution.key, c.caution.values) : null;

  it('an effect whose clustered CI and bootstrap both exclude 0 holds', () => {
    const c = check('lower', -0.4, {
      ci: { low: -0.5, high: -0.3 },
      wildBootstrap: { pValue: 0.0004, draws: 9_999 },
    });
    expect(c?.verdict).toBe('holds');
    expect(c?.bootstrapP).toBe('< 0,001');
    // Was "p wild cluster bootstrap = < 0,001".
    expect(id('joint.clustered.bootstrapP', { p: pAfterLabel(c?.bootstrapP ?? '') })).toBe(
      'p wild cluster bootstrap < 0,001',
    );
    const inEn = check(
      'lower',
      -0.4,
      { wildBootstrap: { pValue: 0.0004, draws: 9_999 } },
      'service_days',
      'en',
    );
    expect(en('joint.clustered.bootstrapP', { p: pAfterLabel(inEn?.bootstrapP ?? '') })).toBe(
      'wild cluster bootstrap p < 0.001',
    );
    expect(verdictIn(id, c)).toBe('tetap signifikan saat galat baku diklaster per instansi');
    expect(verdictIn(en, c)).toBe('still shown when errors are clustered by agency');
    expect(check('lower', -0.4, { wildBootstrap: null })?.verdict).toBe('holds');
  });

  it('does not hold when the wild bootstrap does not show it, whatever the CR1 CI (PLY-PRIMA 2023, one agency)', () => {
    const c = check('lower', -0.403, {
      se: 0.028,
      ci: { low: -0.469, high: -0.337 },
      treatedClusters: 1,
      wildBootstrap: { pValue: 0.0737, draws: 9_999 },
    });
    expect(c?.ci).toBe('−0,47 … −0,34');
    expect(c?.bootstrapP).toBe('0,074');
    expect(id('joint.clustered.bootstrapP', { p: pAfterLabel(c?.bootstrapP ?? '') })).toBe(
      'p wild cluster bootstrap = 0,074',
    );
    expect(c?.verdict).toBe('fails');
    expect(c?.treatedAgencies).toBe(1);
    expect(verdictIn(id, c)).toBe('tidak lagi signifikan bila galat baku diklaster per instansi');
    expect(cautionIn(id, c)).toBe(
      'peserta hanya di 1 instansi: efeknya tidak dapat dipisahkan dari perubahan di instansi itu sendiri',
    );
    expect(cautionIn(en, c)).toBe(
      "participants in only 1 agency: its effect cannot be told apart from that agency's own change",
    );
    const english = check('lower', -0.403, { ci: { low: -0.469, high: -0.337 } }, 'service_days', 'en');
    expect(english?.ci).toBe('−0.47 … −0.34');
  });

  it('an effect whose clustered CI contains 0 does not hold (TIK-CO 2023)', () => {
    const c = check('lower', -0.109, { ci: { low: -0.326, high: 0.107 }, treatedClusters: 7 });
    expect(c?.ci).toBe('−0,33 … +0,11');
    expect(c?.verdict).toBe('fails');
    expect(verdictIn(id, c)).toBe('tidak lagi signifikan bila galat baku diklaster per instansi');
    expect(verdictIn(en, c)).toBe('does not hold when errors are clustered by agency');
    expect(c?.caution).toBeNull();
  });

  it('holds only on the side of the effect: up needs the clustered CI above 0', () => {
    expect(check('higher', 0.1, { ci: { low: 0.01, high: 0.19 } })?.verdict).toBe('holds');
    expect(check('higher', 0.1, { ci: { low: -0.01, high: 0.21 } })?.verdict).toBe('fails');
    expect(check('lower', -0.1, { ci: { low: -0.2, high: 0 } })?.verdict).toBe('fails');
  });

  it('no verdict for a row whose own CI shows no effect, even when the clustered one excludes 0', () => {
    const c = check('inconclusive', -0.2, { ci: { low: -0.3, high: -0.1 } });
    expect(c?.verdict).toBeNull();
    expect(c?.ci).toBe('−0,30 … −0,10');
  });

  it('cautions below 5 agencies with completers', () => {
    const three = check('lower', -0.4, { treatedClusters: 3 });
    expect(cautionIn(id, three)).toBe('peserta hanya di 3 instansi: galat yang diklaster kurang andal');
    expect(cautionIn(en, three)).toBe(
      'participants in only 3 agencies: the clustered error is less reliable',
    );
    expect(cautionIn(id, check('inconclusive', 0.1, { treatedClusters: 4 }))).toBe(
      'peserta hanya di 4 instansi: galat yang diklaster kurang andal',
    );
    expect(check('lower', -0.4, { treatedClusters: 5 })?.caution).toBeNull();
  });

  it('never writes -0,00 or -0,0 pp, and the SLA rate in signed percentage points', () => {
    expect(check('lower', -0.2, { ci: { low: -0.4, high: -0.001 } })?.ci).toBe('−0,40 … −0,001');
    expect(check('higher', 0.04, { ci: { low: -0.0004, high: 0.08 } }, 'sla_met_rate')?.ci).toBe(
      '−0,04 … +8,0 pp',
    );
  });

  it('a dash without a clustered CI, nothing without a clustered estimate', () => {
    const c = check('lower', -0.4, {
      se: null,
      df: null,
      pValue: null,
      ci: null,
      clusters: 1,
      treatedClusters: 1,
    });
    expect(c?.ci).toBe('—');
    expect(c?.verdict).toBeNull();
    expect(clusteredCheckOf(program('A', 'not_estimated'), 'service_days', 'id')).toBeNull();
    expect(clusteredCheckOf(program('A', 'lower', { clustered: null }), 'service_days', 'id')).toBeNull();
  });
});

describe('joint CSV', () => {
  it('raw numbers, HC1 then agency-clustered, the snapshot on every line', () => {
    const t = translator('id');
    const ply = program('PLY-PRIMA', 'lower', {
      holm: 0.0001,
      clustered: {
        se: 0.028,
        ci: { low: -0.469, high: -0.337 },
        treatedClusters: 1,
        clusters: 8,
        wildBootstrap: { pValue: 0.0737, draws: 9_999 },
      },
    });
    const rows = [
      {
        ...ply,
        effect: {
          estimate: -0.403,
          se: 0.014,
          df: 900,
          pValue: 0.00001,
          ci: { low: -0.43, high: -0.38, level: 0.95 },
        },
      },
      program('X-NONE', 'not_estimated'),
    ];
    const { head, body } = jointCsv(rows, {
      by: 'program',
      outcome: 'service_days',
      t,
      label: (code) => (code === 'PLY-PRIMA' ? 'Workshop Pelayanan Prima' : code),
      effectLabel: t('joint.effect', { level: 95 }),
      unit: 'hari',
      snapshotId: 'S1',
    });
    expect(head).toEqual([
      'Program',
      'Nama',
      'Menyelesaikan (populasi)',
      'n dalam model',
      'Juga ikut program lain',
      'Efek (selang kepercayaan 95%) (hari)',
      'Batas bawah selang kepercayaan 95%',
      'Batas atas selang kepercayaan 95%',
      'SE (HC1)',
      'p',
      'p Holm',
      'Kesimpulan',
      'Tren awal',
      'Galat baku diklaster per instansi (CR1)',
      'Batas bawah selang kepercayaan 95% diklaster',
      'Batas atas selang kepercayaan 95% diklaster',
      'Instansi dengan peserta',
      'Instansi dalam model',
      'p wild cluster bootstrap (WCR)',
      'snapshot',
    ]);
    const lines = toCsv(head, body).slice(1).trimEnd().split('\r\n');
    expect(lines[1]).toBe(
      'PLY-PRIMA,Workshop Pelayanan Prima,50,45,5,-0.403,-0.43,-0.38,0.014,0.00001,0.0001,lebih cepat,,0.028,-0.469,-0.337,1,8,0.0737,S1',
    );
    expect(lines[2]).toBe('X-NONE,X-NONE,50,45,5,,,,,,,terlalu sedikit peserta,,,,,,,,S1');
  });

  it('leaves the counts the API hid (too few completers) empty, never 0', () => {
    const t = translator('id');
    const hidden = {
      ...program('TINY', 'not_estimated'),
      completers: null,
      n: null,
      alsoOtherPrograms: null,
    };
    const { body } = jointCsv([hidden], {
      by: 'program',
      outcome: 'service_days',
      t,
      label: (code) => code,
      effectLabel: 'Efek',
      unit: 'hari',
      snapshotId: 'S1',
    });
    expect(body[0]?.slice(0, 5)).toEqual(['TINY', 'TINY', null, null, null]);
  });
});

describe('joint model summary', () => {
  const data = {
    n: 1200,
    untrained: 700,
    strata: 40,
    by: 'program' as const,
    programs: [program('PLY-PRIMA', 'lower', { holm: 0.001 }), program('TINY', 'not_estimated')],
  };

  it('names the employees in the model, the untrained and the strata', () => {
    expect(jointModelSummary(data, translator('id'), 'id')).toMatch(
      /^1\.200 pegawai dalam model, 700 di antaranya tidak menyelesaikan program; 40 strata\. 1 dari 2 program /,
    );
  });

  it('says the untrained are hidden when the API hid them (a program’s count could be worked out)', () => {
    const id = jointModelSummary({ ...data, untrained: null }, translator('id'), 'id');
    expect(id).toMatch(
      /^1\.200 pegawai dalam model; 40 strata\. Jumlah yang tidak menyelesaikan program dirahasiakan/,
    );
    expect(id).not.toContain('{');
    const en = jointModelSummary({ ...data, untrained: null }, translator('en'), 'en');
    expect(en).toMatch(
      /^1,200 employees in the model; 40 strata\. The number who completed no program is hidden/,
    );
  });
});

describe('joint model input', () => {
  it("takes the cohort's window, outcome, window length, agencies and kind, not its value or contrast", () => {
    const cohort: CohortInput = {
      selector: { kind: 'program', value: 'PLY-PRIMA' },
      from: '2023-01-01',
      to: '2023-12-31',
      outcome: 'sla_met_rate',
      windowMonths: 6,
      agencies: ['B', 'A'],
      contrast: 'only_vs_untrained',
    };
    expect(jointInputOf(cohort)).toEqual({
      from: '2023-01-01',
      to: '2023-12-31',
      outcome: 'sla_met_rate',
      by: 'program',
      windowMonths: 6,
      agencies: ['B', 'A'],
    });
    expect(
      jointInputOf({
        ...cohort,
        selector: { kind: 'method', value: 'workshop' },
        agencies: null,
        windowMonths: null,
      }),
    ).toEqual({
      from: '2023-01-01',
      to: '2023-12-31',
      outcome: 'sla_met_rate',
      by: 'method',
      windowMonths: 12,
    });
  });
});

describe('roiJointInputOf', () => {
  const defaults = { program: 'KEP-EL', window: { from: '2024-01-01', to: '2024-12-31' } };

  it("asks for the same model as the cohort page's default cohort: one cache entry, one request", () => {
    const roi = roiFromSearch(new URLSearchParams(), defaults);
    // KohortPage's default cohort for the same defaults.
    const cohort: CohortInput = {
      selector: { kind: 'program', value: 'KEP-EL' },
      ...defaults.window,
      outcome: 'service_days',
      windowMonths: 12,
      agencies: null,
    };
    const fromRoi = roi && roiJointInputOf(roi);
    // Apollo keys the answer by the variables: the window length sent by both (12, the API's
    // default), never left out by one.
    expect(JSON.stringify(fromRoi)).toBe(JSON.stringify(jointInputOf(cohort)));
    expect(fromRoi).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
      outcome: 'service_days',
      by: 'program',
      windowMonths: 12,
    });
  });

  it("keeps the ROI's window length and agencies; asks for nothing without a program to check", () => {
    const roi = roiFromSearch(new URLSearchParams('rp=P1&rfrom=2023-01-01&rto=2023-12-31'), defaults);
    if (!roi) throw new Error('no ROI input');
    expect(roiJointInputOf({ ...roi, windowMonths: 6, agencies: ['B', 'A'] })).toEqual({
      from: '2023-01-01',
      to: '2023-12-31',
      outcome: 'service_days',
      by: 'program',
      windowMonths: 6,
      agencies: ['B', 'A'],
    });
    expect(roiJointInputOf({ ...roi, isolation: 'joint' })).toBeNull();
    expect(roiJointInputOf({ ...roi, selector: { kind: 'method', value: 'workshop' } })).toBeNull();
  });
});

describe('jointWarnings', () => {
  const w = (code: string) => ({ code, id: code, en: code });
  it('gives the real reason for a model not fitted over a window with no later data, not "fewer than 5"', () => {
    // PLY-PRIMA 2025: the API sends no_post_data and its generic "not fitted" together.
    expect(jointWarnings([w('no_post_data'), w('suppressed')]).map((x) => x.code)).toEqual(['no_post_data']);
    expect(jointWarnings([w('no_pre_data'), w('small_n'), w('suppressed')]).map((x) => x.code)).toEqual([
      'no_pre_data',
    ]);
  });
  it('keeps the privacy reason when the data are there', () => {
    expect(jointWarnings([w('post_window_incomplete'), w('suppressed')]).map((x) => x.code)).toEqual([
      'post_window_incomplete',
      'suppressed',
    ]);
  });
});

describe('agency-clustered check: which check failed', () => {
  const id = translator('id');
  const en = translator('en');
  const check = (estimate: number, clustered: Partial<Clustered>, lang: 'id' | 'en' = 'id') => {
    const row = program('A', 'lower', { estimate, clustered });
    return {
      verdict: clusteredCheckOf(row, 'service_days', lang)?.verdict,
      failed: failedClusteredChecks(row, 'service_days', lang),
    };
  };
  const failedIn = (t: typeof id, c: ReturnType<typeof check>) =>
    c.failed.map((f) => t(f.key, f.values)).join(t('joint.clustered.failedAnd'));

  it('names the bootstrap when the clustered CI excludes 0 (PLY-PRIMA: −0,56 … −0,35, p 0,135)', () => {
    const c = check(-0.45, {
      ci: { low: -0.56, high: -0.35 },
      wildBootstrap: { pValue: 0.135, draws: 9_999 },
    });
    expect(c.verdict).toBe('fails');
    expect(failedIn(id, c)).toBe('p wild cluster bootstrap = 0,135, tidak di bawah 0,05');
    expect(
      failedIn(
        en,
        check(
          -0.45,
          { ci: { low: -0.56, high: -0.35 }, wildBootstrap: { pValue: 0.135, draws: 9_999 } },
          'en',
        ),
      ),
    ).toBe('wild cluster bootstrap p = 0.135, not below 0.05');
  });

  it('names the clustered CI when the bootstrap shows the effect (REG-EL: p 0,035)', () => {
    const c = check(-0.2, { ci: { low: -0.41, high: 0.02 }, wildBootstrap: { pValue: 0.035, draws: 9_999 } });
    expect(c.verdict).toBe('fails');
    expect(failedIn(id, c)).toBe('selang kepercayaan diklaster mencakup 0');
  });

  it('names both when both fail, and none when the effect holds', () => {
    const both = check(
      -0.2,
      { ci: { low: -0.41, high: 0.02 }, wildBootstrap: { pValue: 0.2, draws: 9_999 } },
      'en',
    );
    expect(both.failed).toHaveLength(2);
    expect(failedIn(en, both)).toBe(
      'the clustered CI includes 0; wild cluster bootstrap p = 0.200, not below 0.05',
    );
    const holds = check(-0.4, {
      ci: { low: -0.5, high: -0.3 },
      wildBootstrap: { pValue: 0.001, draws: 9_999 },
    });
    expect(holds.failed).toEqual([]);
  });
});
