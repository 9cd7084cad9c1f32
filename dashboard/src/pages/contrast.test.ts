import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.ts';
import { CONTRASTS, contrastFromParam, contrastKey, contrastToParam } from './contrast.ts';

describe('cohort contrast in the URL', () => {
  it('reads the known contrasts and nothing else', () => {
    expect(contrastFromParam('only_vs_untrained')).toBe('only_vs_untrained');
    expect(contrastFromParam('vs_rest')).toBe('vs_rest');
    expect(contrastFromParam('both')).toBeNull();
    expect(contrastFromParam(null)).toBeNull();
  });
  it('writes only a non-default contrast, and round-trips', () => {
    expect(contrastToParam('vs_rest')).toBeNull();
    expect(contrastToParam(null)).toBeNull();
    for (const c of CONTRASTS) expect(contrastFromParam(contrastToParam(c)) ?? 'vs_rest').toBe(c);
  });
});

describe('the words of a contrast, by what was selected', () => {
  const id = translator('id');
  const en = translator('en');

  it('speaks of a method or a competency area, not of "this program" (workshop 2023, EN)', () => {
    expect(en(contrastKey('vs_rest', 'method', 'label'))).toBe('This method vs all other staff');
    expect(en(contrastKey('vs_rest', 'method', 'note'))).toMatch(
      /^Compared: similar staff who completed no program of this method in the treatment window, staff trained by other methods included/,
    );
    expect(id(contrastKey('only_vs_untrained', 'method', 'label'))).toBe(
      'Hanya metode ini vs tanpa pelatihan',
    );
    expect(en(contrastKey('only_vs_untrained', 'competencyArea', 'label'))).toBe(
      'Only this competency area vs no training',
    );
    expect(id(contrastKey('vs_rest', 'competencyArea', 'label'))).toBe(
      'Bidang kompetensi ini vs semua pegawai lain',
    );
    for (const kind of ['method', 'competencyArea'] as const)
      for (const contrast of CONTRASTS)
        for (const part of ['label', 'note'] as const)
          for (const t of [id, en])
            expect(t(contrastKey(contrast, kind, part))).not.toMatch(/program ini|this program/i);
  });

  it('keeps a program’s words for a program, and without a kind (the ROI forms)', () => {
    expect(en(contrastKey('vs_rest', 'program', 'label'))).toBe('This program vs all other staff');
    expect(id(contrastKey('only_vs_untrained', undefined, 'label'))).toBe(
      'Hanya program ini vs tanpa pelatihan',
    );
    expect(contrastKey('vs_rest', null, 'note')).toBe('contrast.vs_rest.note');
  });
});
