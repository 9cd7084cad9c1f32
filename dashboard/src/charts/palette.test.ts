import { describe, expect, it } from 'vitest';
import { contrast } from '../testing/contrast-ratio.ts';
import { PALETTE } from './palette.ts';

describe('chart palette', () => {
  it('the textbook ratios: black on white 21:1, #767676 on white 4.54:1', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
  it.each(PALETTE.map((c) => [c]))('%s reaches 3:1 on the white card (WCAG 1.4.11)', (colour) => {
    expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
  });
  it('has no colour twice', () => {
    expect(new Set(PALETTE.map((c) => c.toLowerCase())).size).toBe(PALETTE.length);
  });
});
