import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.ts';
import { countText, isHiddenCount } from './hidden-count.ts';

describe('countText', () => {
  it('writes a count in the reader’s format, and a hidden one as hidden, never as 0', () => {
    expect(countText(1234, translator('id'), 'id')).toBe('1.234');
    expect(countText(0, translator('en'), 'en')).toBe('0');
    expect(countText(null, translator('id'), 'id')).toBe('dirahasiakan');
    expect(countText(null, translator('en'), 'en')).toBe('hidden');
    expect(countText(undefined, translator('en'), 'en')).toBe('—');
    expect([isHiddenCount(null), isHiddenCount(0), isHiddenCount(undefined)]).toEqual([true, false, false]);
  });
});
