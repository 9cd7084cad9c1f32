import { describe, expect, it } from 'vitest';
import { en } from './messages.en.ts';
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

  it('labels domain values with a raw fallback', () => {
    expect(labelOf(translator('id'), 'reason', 'already_experienced')).toBe('Sudah berpengalaman');
    expect(labelOf(translator('en'), 'reason', 'new_reason')).toBe('new_reason');
  });
});
