import { describe, expect, it } from 'vitest';
import { hoverTip } from './hover-tip.ts';

describe('hoverTip', () => {
  const labels = ['Dinas Kesehatan', 'Kelurahan Petuk Katimpun'];
  it('names the hovered point in full and gives its value as the screen writes it', () => {
    expect(hoverTip(labels, [{ label: 'Partisipasi', values: [0.5, 1] }], 1, 'fraction', 'id')).toEqual({
      title: 'Kelurahan Petuk Katimpun',
      lines: ['100,0%'],
    });
  });

  it('labels each series when there are several, a missing value as a dash', () => {
    const tip = hoverTip(
      labels,
      [
        { label: 'A', values: [3, null] },
        { label: 'B', values: [1.5, 2] },
      ],
      1,
      'days',
      'id',
    );
    expect(tip?.lines[0]).toBe('A: —');
    expect(tip?.lines[1]).toMatch(/^B: 2/);
  });

  it('shows nothing off the points', () => {
    expect(hoverTip(labels, [], null, 'count', 'id')).toBeNull();
    expect(hoverTip(labels, [], 5, 'count', 'id')).toBeNull();
  });
});
