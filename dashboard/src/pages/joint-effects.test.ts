import { describe, expect, it } from 'vitest';
import type { CohortInput, EffectDirection, ProgramEffect, ProgramEffectGap } from '../graphql/types.ts';
import { translator } from '../i18n/translate.ts';
import {
  effectText,
  formatOutcome,
  jointInputOf,
  pText,
  shownAfterHolm,
  shownButNotAfterHolm,
  sortProgramEffects,
  verdictOf,
} from './joint-effects.ts';

function program(
  code: string,
  direction: EffectDirection,
  o: { holm?: number | null; estimate?: number | null; gap?: ProgramEffectGap | null } = {},
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
    expect(word(id, 'inconclusive', 'service_days')).toBe('tidak terbukti');
    expect(word(en, 'inconclusive', 'appraisal_score')).toBe('not shown');
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
    expect(formatOutcome('service_days', -0.4567, 'id')).toBe('-0,46');
    expect(formatOutcome('service_days', -0.4567, 'en')).toBe('-0.46');
    expect(formatOutcome('sla_met_rate', 0.0512, 'id')).toBe('5,1%');
    expect(formatOutcome('appraisal_score', null, 'id')).toBe('—');
  });

  it('writes the effect with its CI, or a dash', () => {
    expect(effectText(program('A', 'lower', { estimate: -0.45 }), 'service_days', 'id')).toBe(
      '-0,45 (-0,55 … -0,35)',
    );
    expect(effectText(program('A', 'higher', { estimate: 0.05 }), 'sla_met_rate', 'en')).toBe(
      '5.0% (-5.0% … 15.0%)',
    );
    expect(effectText(program('A', 'not_estimated'), 'service_days', 'id')).toBe('—');
  });

  it('writes Holm p with three decimals, tiny ones as < 0,001', () => {
    expect(pText(0.01234, 'id')).toBe('0,012');
    expect(pText(0.5, 'en')).toBe('0.500');
    expect(pText(0.00001, 'id')).toBe('< 0,001');
    expect(pText(null, 'id')).toBe('—');
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
