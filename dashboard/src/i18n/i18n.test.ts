import { describe, expect, it } from 'vitest';
import { en, enOne } from './messages.en.ts';
import { id } from './messages.id.ts';
import { labelOf, translator } from './translate.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });

  it('has no empty message', () => {
    for (const [key, text] of [...Object.entries(id), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(id[key]));
    }
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    const t = translator('id');
    expect(t('chart.n', { n: '1.234' })).toBe('n = 1.234');
    expect(translator('en')('suppression.primary', { n: 2 })).toBe(
      '2 cells hidden because n is below {minN} or fewer than {minN} distinct employees are behind them.',
    );
  });

  it('has English singulars with the placeholders of the message they replace, counting one of them', () => {
    for (const [key, one] of Object.entries(enOne) as [keyof typeof en, { count: string; text: string }][]) {
      expect(placeholders(one.text), key).toEqual(placeholders(en[key]));
      expect(placeholders(en[key]), key).toContain(one.count);
      expect(one.text, key).not.toBe(en[key]);
    }
  });

  it('says one cell, one minute, one agency in English; the same words for any number in Indonesian', () => {
    const t = translator('en');
    expect(t('suppression.primary', { n: 1, minN: 5 })).toBe(
      '1 cell hidden because n is below 5 or fewer than 5 distinct employees are behind it.',
    );
    expect(t('suppression.primary', { n: 2, minN: 5 })).toMatch(/^2 cells hidden because/);
    expect(t('suppression.complementary', { n: '1' })).toMatch(/^1 cell hidden as a complement/);
    expect(t('kualitas.minutes', { n: 1 })).toBe('1 minute');
    expect(t('kualitas.minutes', { n: 0 })).toBe('0 minutes');
    expect(t('partisipasi.kindsHidden', { hidden: 1, rows: 6 })).toMatch(
      /^1 of 6 kinds of agency is hidden:/,
    );
    expect(t('partisipasi.kindsHidden', { hidden: 4, rows: 6 })).toMatch(
      /^4 of 6 kinds of agency are hidden:/,
    );
    expect(t('joint.clustered.fewAgencies', { n: 1 })).toBe(
      'participants in only 1 agency: the clustered error is less reliable',
    );
    expect(t('roi.jointCheck', { others: 1, effect: '−0.40', verdict: 'faster' })).toMatch(
      /^Joint model \(1 program of/,
    );
    const id_ = translator('id');
    expect(id_('suppression.primary', { n: 1, minN: 5 })).toBe(
      '1 sel dirahasiakan karena n kurang dari 5 atau kurang dari 5 pegawai berbeda di baliknya.',
    );
  });

  it('labels domain values with a raw fallback', () => {
    expect(labelOf(translator('id'), 'reason', 'already_experienced')).toBe('Sudah berpengalaman');
    expect(labelOf(translator('en'), 'reason', 'new_reason')).toBe('new_reason');
  });
});
