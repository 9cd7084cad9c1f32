import { describe, expect, it } from 'vitest';
import {
  MAX_TURNED_CHARS,
  shortLabel,
  tickTexts,
  turned,
  xAxisLeftPad,
  xAxisSize,
  Y_AXIS_PX,
  yAxisSize,
  yRange,
} from './axis-labels.ts';

describe('x-axis category labels', () => {
  it('writes up to 6 labels level and in full, more turned', () => {
    const six = ['a', 'b', 'c', 'd', 'e', 'Dinas Kependudukan dan Pencatatan Sipil'];
    expect(turned(six)).toBe(false);
    expect(tickTexts(six)).toEqual(six);
    expect(xAxisSize(six)).toBe(40);
    expect(turned([...six, 'g'])).toBe(true);
  });

  it('shortens a long turned label at a word boundary, with an ellipsis, within the limit', () => {
    expect(shortLabel('Kecamatan Pahandut')).toBe('Kecamatan Pahandut');
    expect(shortLabel('Kecamatan Jekan Raya Utara')).toBe('Kecamatan Jekan…');
    expect(shortLabel('Dinas Penanaman Modal dan PTSP')).toBe('Dinas Penanaman…');
    for (const label of ['Dinas Kependudukan dan Pencatatan Sipil', 'x'.repeat(40), 'Kecamatan Jekan Raya']) {
      expect([...shortLabel(label)].length).toBeLessThanOrEqual(MAX_TURNED_CHARS);
    }
  });

  it('cuts mid-word only when the last word boundary is too early to keep the name readable', () => {
    // The last boundary before the limit (after 'Dinas', 'rekomendasi') keeps less than two thirds
    // of the room: the long word is cut instead.
    expect(shortLabel('Dinas Kependudukan dan Pencatatan Sipil')).toBe('Dinas Kependuduka…');
    expect(shortLabel('rekomendasi bantuan sosial')).toBe('rekomendasi bantu…');
    expect(shortLabel('Pemberdayaanperempuan')).toBe('Pemberdayaanperem…');
    // Characters, not UTF-16 units: an accented name is not split inside a letter.
    expect([...shortLabel('é'.repeat(30), 10)]).toHaveLength(10);
  });

  it('sizes the axis to the longest turned label', () => {
    const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(xAxisSize(labels)).toBe(Math.round(24 + 1 * 6 * Math.SQRT1_2));
    expect(xAxisSize([...labels, 'Dinas Kependudukan dan Pencatatan Sipil'])).toBe(
      Math.round(24 + 18 * 6 * Math.SQRT1_2),
    );
  });

  it('leaves room left of the y axis for turned labels that reach past it', () => {
    const short = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(xAxisLeftPad(short.slice(0, 6))).toBeNull();
    // 1 character reaches 4 px left of its tick: the y axis (64 px) is room enough.
    expect(xAxisLeftPad(short)).toBe(0);
    // 18 characters reach 76 px: 12 px past the y axis, plus 8 px of margin.
    expect(xAxisLeftPad([...short, 'Dinas Kependudukan dan Pencatatan Sipil'])).toBe(20);
  });

  it('widens the y axis for long tick texts, never below its usual width', () => {
    expect(yAxisSize(null)).toBe(Y_AXIS_PX);
    expect(yAxisSize(['0%', '20%', '40%'])).toBe(Y_AXIS_PX);
    // 'Rp 60,0 jt' is 10 characters: 10 × 6 + 16 px.
    expect(yAxisSize(['Rp 0', 'Rp 20,0 jt', 'Rp 60,0 jt'])).toBe(76);
  });
});

describe('y range', () => {
  it('starts at 0 with headroom above positive values', () => {
    expect(yRange(20, 120)).toEqual([0, 120 + 120 * 0.08]);
    expect(yRange(0, 50)).toEqual([0, 54]);
  });

  it('hangs all-negative values from 0, with room below (an ROI of −100 % to −83 %)', () => {
    const [lo, hi] = yRange(-100, -83);
    expect(hi).toBe(0);
    expect(lo).toBeCloseTo(-108);
  });

  it('spans 0 for mixed values, padded on both sides', () => {
    expect(yRange(-50, 150)).toEqual([-66, 166]);
  });

  it('gives a unit range when there is nothing to show', () => {
    expect(yRange(null, null)).toEqual([0, 1]);
    expect(yRange(0, 0)).toEqual([0, 1]);
  });
});

describe('level or turned by the room', () => {
  const costs = ['bahan', 'platform', 'perjalanan', 'narasumber/pelatih', 'Biaya waktu peserta'];
  it('turns a few long labels when the plot is too narrow for them side by side', () => {
    // 5 labels in 560 px: 112 px each; "Biaya waktu peserta" needs 19 × 6 + 8 = 122 px.
    expect(turned(costs, 560)).toBe(true);
    expect(xAxisSize(costs, 560)).toBeGreaterThan(40);
    expect(tickTexts(costs, 560)).toEqual(costs.map((l) => shortLabel(l)));
  });

  it('keeps them level when they fit, and without a width as before', () => {
    expect(turned(costs, 800)).toBe(false);
    expect(turned(costs)).toBe(false);
    expect(xAxisLeftPad(costs, 800)).toBeNull();
    expect(turned(['2021', '2022', '2023', '2024', '2025'], 200)).toBe(false);
    expect(turned([], 100)).toBe(false);
  });
});
