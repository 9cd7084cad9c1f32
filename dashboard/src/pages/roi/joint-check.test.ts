import { describe, expect, it } from 'vitest';
import type { ProgramEffect } from '../../graphql/types.ts';
import { translator } from '../../i18n/translate.ts';
import { jointClusteredSentence } from './joint-check.ts';

const row = (
  direction: ProgramEffect['direction'],
  clustered: { low: number; high: number; treated: number } | null,
): Pick<ProgramEffect, 'direction' | 'clustered'> => ({
  direction,
  clustered: clustered && {
    se: 0.1,
    df: 9,
    pValue: 0.01,
    ci: { low: clustered.low, high: clustered.high },
    clusters: 10,
    treatedClusters: clustered.treated,
    wildBootstrap: { pValue: 0.001, draws: 9_999 },
  },
});

describe("step 3's agency-clustered sentence", () => {
  const id = translator('id');
  const en = translator('en');

  it('says a shown effect still holds, and that one agency cannot be told apart from the program', () => {
    expect(jointClusteredSentence(row('lower', { low: -0.6, high: -0.2, treated: 1 }), id, 'id')).toEqual({
      text: 'Dengan galat baku diklaster per instansi efek ini tetap signifikan (p wild cluster bootstrap = 0,001); pesertanya hanya di 1 instansi, sehingga efeknya tidak dapat dipisahkan dari perubahan di instansi itu sendiri.',
      verdict: 'holds',
      treatedAgencies: 1,
    });
    expect(jointClusteredSentence(row('lower', { low: -0.6, high: -0.2, treated: 12 }), en, 'en')?.text).toBe(
      'With errors clustered by agency this effect still holds (wild cluster bootstrap p = 0.001).',
    );
  });

  it('says a shown effect does not hold once clustered, with a caution under 5 agencies', () => {
    expect(jointClusteredSentence(row('higher', { low: -0.1, high: 0.5, treated: 3 }), id, 'id')).toEqual({
      text: 'Dengan galat baku diklaster per instansi efek ini tidak lagi signifikan (p wild cluster bootstrap = 0,001); pesertanya hanya di 3 instansi, sehingga galat yang diklaster kurang andal.',
      verdict: 'fails',
      treatedAgencies: 3,
    });
  });

  it('says a shown effect does not hold when the wild bootstrap does not show it, whatever the CR1 CI', () => {
    const one = row('lower', { low: -0.47, high: -0.34, treated: 1 });
    const r = jointClusteredSentence(
      {
        ...one,
        clustered: one.clustered && { ...one.clustered, wildBootstrap: { pValue: 0.0737, draws: 9_999 } },
      },
      id,
      'id',
    );
    expect(r).toEqual({
      text: 'Dengan galat baku diklaster per instansi efek ini tidak lagi signifikan (p wild cluster bootstrap = 0,074); pesertanya hanya di 1 instansi, sehingga efeknya tidak dapat dipisahkan dari perubahan di instansi itu sendiri.',
      verdict: 'fails',
      treatedAgencies: 1,
    });
  });

  it('writes a tiny bootstrap p as "p < 0,001", never "= < 0,001"', () => {
    const one = row('lower', { low: -0.6, high: -0.2, treated: 12 });
    const tiny = {
      ...one,
      clustered: one.clustered && { ...one.clustered, wildBootstrap: { pValue: 0.00004, draws: 9_999 } },
    };
    expect(jointClusteredSentence(tiny, id, 'id')?.text).toBe(
      'Dengan galat baku diklaster per instansi efek ini tetap signifikan (p wild cluster bootstrap < 0,001).',
    );
    expect(jointClusteredSentence(tiny, en, 'en')?.text).toBe(
      'With errors clustered by agency this effect still holds (wild cluster bootstrap p < 0.001).',
    );
  });

  it('says nothing for an effect the joint model does not show, or without a clustered estimate', () => {
    expect(
      jointClusteredSentence(row('inconclusive', { low: -0.6, high: 0.2, treated: 1 }), id, 'id'),
    ).toBeNull();
    expect(jointClusteredSentence(row('lower', null), id, 'id')).toBeNull();
  });
});
