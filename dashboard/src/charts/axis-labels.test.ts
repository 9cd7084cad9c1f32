import { describe, expect, it } from 'vitest';
import {
  COUNT_INCRS,
  labelStride,
  MAX_TURNED_CHARS,
  MIN_TURNED_PITCH_PX,
  SCALE_BOUNDS,
  shortLabel,
  stepDecimals,
  tickTexts,
  turned,
  xAxisLeftPad,
  xAxisSize,
  Y_AXIS_PX,
  yAxisSize,
  yRange,
  yTickTexts,
} from './axis-labels.ts';
import { csvUnit, formatAxis, formatValue } from './value-kind.ts';

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

  it('draws a 1–5 rating and a 0–100 test score against their whole scale, whatever the values', () => {
    expect(SCALE_BOUNDS.rating).toEqual([1, 5]);
    expect(yRange(3.8, 4.3, 'rating')).toEqual([1, 5]);
    expect(yRange(null, null, 'rating')).toEqual([1, 5]);
    expect(yRange(58.2, 74.9, 'score100')).toEqual([0, 100]);
    // Other kinds keep the range from 0 with headroom.
    expect(yRange(3.8, 4.3, 'score')).toEqual([0, 4.3 * 1.08]);
  });
});

describe('rating (1–5) and test score (0–100) values', () => {
  it('writes ratings with two decimals and test scores with one, never as a percent', () => {
    expect(formatValue('rating', 4.125, 'id')).toBe('4,13');
    expect(formatValue('score100', 72.44, 'id')).toBe('72,4');
    expect(formatValue('score100', 72.44, 'en')).toBe('72.4');
    expect(yTickTexts('rating', [1, 2, 3, 4, 5], 1, 'id')).toEqual(['1', '2', '3', '4', '5']);
    expect(yTickTexts('rating', [1, 1.5, 2], 0.5, 'id')).toEqual(['1,0', '1,5', '2,0']);
    expect(yTickTexts('score100', [0, 20, 40], 20, 'id')).toEqual(['0', '20', '40']);
  });

  it('names the scale in the CSV header', () => {
    expect(csvUnit('rating')).toBe(' (1-5)');
    expect(csvUnit('score100')).toBe(' (0-100)');
    expect(csvUnit('score')).toBe('');
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

  it('keeps a few labels level, shortened to their room, when that keeps more than turning would', () => {
    const agencies = [
      'Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan, Perlindungan Anak',
      'Kelurahan Kanarakan',
      'Dinas Kesehatan',
    ];
    // 3 labels in 1140 px: 380 px each, room for 62 characters.
    expect(turned(agencies, 1140)).toBe(false);
    expect(xAxisSize(agencies, 1140)).toBe(40);
    const texts = tickTexts(agencies, 1140);
    expect(texts.slice(1)).toEqual(['Kelurahan Kanarakan', 'Dinas Kesehatan']);
    expect(texts[0]).toBe('Dinas Pengendalian Penduduk, Keluarga Berencana,…');
    expect([...texts[0]!].length).toBeLessThanOrEqual(62);
    // In 300 px (100 px each, room for 15): turned, each cut at 18 characters.
    expect(turned(agencies, 300)).toBe(true);
    // Room for exactly 18 (two labels in 232 px, a phone): turned too, as level labels would touch.
    expect(turned(agencies.slice(0, 2), 232)).toBe(true);
    expect(turned(agencies.slice(0, 2), 250)).toBe(false);
    expect(tickTexts(agencies, 300)[1]).toBe('Kelurahan Kanarak…');
  });

  it('keeps them level when they fit, and without a width as before', () => {
    expect(turned(costs, 800)).toBe(false);
    expect(turned(costs)).toBe(false);
    expect(xAxisLeftPad(costs, 800)).toBeNull();
    expect(turned(['2021', '2022', '2023', '2024', '2025'], 200)).toBe(false);
    expect(turned([], 100)).toBe(false);
  });
});

describe('many categories in a narrow plot', () => {
  const agencies = Array.from({ length: 50 }, (_, i) => `Kelurahan ${String(i).padStart(2, '0')}`);

  it('writes every label while each tick has room, every k-th when fifty share a phone', () => {
    expect(labelStride(agencies, 50 * MIN_TURNED_PITCH_PX)).toBe(1);
    // A 390 px phone: about 240 px of plot for 50 agencies, 4.8 px each.
    expect(labelStride(agencies, 240)).toBe(4);
    const texts = tickTexts(agencies, 240);
    expect(texts.filter(Boolean)).toHaveLength(13);
    expect(texts[0]).toBe('Kelurahan 00');
    expect(texts[1]).toBe('');
    expect(texts[4]).toBe('Kelurahan 04');
    // Level labels are never thinned.
    expect(labelStride(['A', 'B'], 100)).toBe(1);
  });
});

describe('y tick texts', () => {
  const ticks = (n: number, step: number) => Array.from({ length: n }, (_, i) => i * step);

  it('gives each tick the decimals its step needs, float noise aside', () => {
    expect(stepDecimals(5)).toBe(0);
    expect(stepDecimals(2.5)).toBe(1);
    expect(stepDecimals(0.025, 100)).toBe(1);
    expect(stepDecimals(0.05, 100)).toBe(0);
    expect(stepDecimals(0.0025, 100)).toBe(2);
    expect(stepDecimals(0.1 + 0.2)).toBe(1);
    expect(stepDecimals(1 / 3)).toBe(4);
    expect(stepDecimals(0)).toBe(0);
    expect(stepDecimals(null)).toBe(0);
  });

  it('writes 2,5 % steps as 2,5 %, not as uneven whole percents (QA: 0, 3, 5, 8, 10, 13)', () => {
    // uPlot's splits carry float noise (3 × 0.025 = 0.07500000000000001).
    expect(yTickTexts('fraction', ticks(6, 0.025), 0.025, 'id')).toEqual([
      '0,0%',
      '2,5%',
      '5,0%',
      '7,5%',
      '10,0%',
      '12,5%',
    ]);
    expect(yTickTexts('fraction', ticks(5, 0.05), 0.05, 'en')).toEqual(['0%', '5%', '10%', '15%', '20%']);
    expect(yTickTexts('fraction', ticks(3, 0.0025), 0.0025, 'en')).toEqual(['0.00%', '0.25%', '0.50%']);
  });

  it('every label of an evenly stepped axis is distinct and evenly spaced when read back', () => {
    for (const step of [0.001, 0.0025, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25]) {
      const texts = yTickTexts('fraction', ticks(8, step), step, 'en');
      const read = texts.map((t) => Number.parseFloat(t));
      const gaps = read.slice(1).map((v, i) => v - read[i]!);
      for (const gap of gaps) expect(gap).toBeCloseTo(step * 100, 9);
    }
  });

  it('steps percent points, days and scores the same way, with the typographic minus', () => {
    expect(yTickTexts('percentPoints', [-100, -75, -50, -25, 0], 25, 'id')).toEqual([
      '−100%',
      '−75%',
      '−50%',
      '−25%',
      '0%',
    ]);
    expect(yTickTexts('percentPoints', [-7.5, -5, -2.5, 0], 2.5, 'id')).toEqual([
      '−7,5%',
      '−5,0%',
      '−2,5%',
      '0,0%',
    ]);
    expect(yTickTexts('days', [0, 2.5, 5, 7.5, 10, 12.5], 2.5, 'id')).toEqual([
      '0,0',
      '2,5',
      '5,0',
      '7,5',
      '10,0',
      '12,5',
    ]);
    expect(yTickTexts('score', [70, 72, 74], 2, 'id')).toEqual(['70', '72', '74']);
    expect(yTickTexts('count', [0, 500, 1000, 1500], 500, 'id')).toEqual(['0', '500', '1.000', '1.500']);
  });

  it("writes Rupiah ticks in one unit, the largest tick's, with the decimals of the step", () => {
    expect(yTickTexts('idr', [0, 5e8, 1e9, 1.5e9], 5e8, 'id')).toEqual([
      'Rp 0',
      'Rp 0,5 M',
      'Rp 1,0 M',
      'Rp 1,5 M',
    ]);
    expect(yTickTexts('idr', [0, 2e7, 4e7, 6e7], 2e7, 'id')).toEqual([
      'Rp 0',
      'Rp 20 jt',
      'Rp 40 jt',
      'Rp 60 jt',
    ]);
    expect(yTickTexts('idr', [0, 2.5e8, 5e8], 2.5e8, 'en')).toEqual(['Rp 0', 'Rp 250 M', 'Rp 500 M']);
    expect(yTickTexts('idr', [0, 250_000, 500_000], 250_000, 'id')).toEqual([
      'Rp 0',
      'Rp 250.000',
      'Rp 500.000',
    ]);
    expect(yTickTexts('idr', [-1e9, 0, 1e9], 1e9, 'id')).toEqual(['−Rp 1 M', 'Rp 0', 'Rp 1 M']);
  });

  it('falls back to the old texts when the step is not known', () => {
    expect(yTickTexts('fraction', [0, 0.5], null, 'id')).toEqual(['0%', '50%']);
    expect(yTickTexts('idr', [1_250_000_000], undefined, 'id')).toEqual(['Rp 1,3 M']);
    expect(formatAxis('fraction', 0.075, 'id', 0.025)).toBe('7,5%');
    expect(formatAxis('fraction', 0.075, 'id')).toBe('8%');
  });

  it('ticks counts only at whole numbers', () => {
    expect(COUNT_INCRS.slice(0, 7)).toEqual([1, 2, 5, 10, 20, 25, 50]);
    expect(COUNT_INCRS.every(Number.isInteger)).toBe(true);
  });
});
