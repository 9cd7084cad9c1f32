import { describe, expect, it } from 'vitest';
import { overflows, scrollRegionProps } from './scroll-box.ts';

describe('scroll box: a focusable, named region only when it scrolls', () => {
  it('scrolls when the content is wider or taller than the box, a pixel of rounding aside', () => {
    expect(overflows({ scrollWidth: 1089, clientWidth: 297, scrollHeight: 400, clientHeight: 400 })).toBe(
      true,
    );
    expect(overflows({ scrollWidth: 300, clientWidth: 300, scrollHeight: 900, clientHeight: 600 })).toBe(
      true,
    );
    expect(overflows({ scrollWidth: 586, clientWidth: 585, scrollHeight: 400, clientHeight: 400 })).toBe(
      false,
    );
  });

  it('is a tab stop named after its table when it scrolls, nothing otherwise', () => {
    expect(scrollRegionProps(true, 'Snapshot tersimpan')).toEqual({
      tabIndex: 0,
      role: 'region',
      'aria-label': 'Snapshot tersimpan',
    });
    expect(scrollRegionProps(false, 'Snapshot tersimpan')).toEqual({});
  });
});
