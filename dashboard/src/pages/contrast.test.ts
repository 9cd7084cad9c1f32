import { describe, expect, it } from 'vitest';
import { CONTRASTS, contrastFromParam, contrastToParam } from './contrast.ts';

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
