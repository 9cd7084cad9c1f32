import { describe, expect, it } from 'vitest';
import {
  abbreviatePrefix,
  distinctShort,
  labelStride,
  MAX_TURNED_CHARS,
  MAX_WRAP_LINES,
  MIN_TURNED_PITCH_PX,
  maxIntervalsFor,
  middleLabel,
  plotWidth,
  SCALE_BOUNDS,
  shortLabel,
  stepDecimals,
  TURNED_CHAR_PX,
  tickTexts,
  turned,
  wrapLabel,
  wrappedLines,
  xAxisLayout,
  xAxisLeftPad,
  xAxisRelayout,
  xAxisSize,
  Y_AXIS_PX,
  yAxisSize,
  yScale,
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
    // A common agency prefix is shortened first ('Kecamatan ' → 'Kec. ').
    expect(shortLabel('Kecamatan Jekan Raya Utara')).toBe('Kec. Jekan Raya…');
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
    expect(xAxisSize(labels)).toBe(Math.round(24 + 1 * TURNED_CHAR_PX * Math.SQRT1_2));
    expect(xAxisSize([...labels, 'Dinas Kependudukan dan Pencatatan Sipil'])).toBe(
      Math.round(24 + 18 * TURNED_CHAR_PX * Math.SQRT1_2),
    );
    // Measured widths, where the browser gives them.
    expect(xAxisSize(labels, undefined, () => 100)).toBe(Math.round(24 + 100 * Math.SQRT1_2));
  });

  it('makes the axis tall enough for the turned labels drawn (none below the canvas)', () => {
    // As drawn in the reviewer's tour (11 px system-ui, at 45°): a label starts 12 px below the
    // axis's top and reaches (width + 11) × sin 45° down. Widths read off its text boxes.
    const drawn: [string, number][] = [
      ['Sudah berpengalam…', 120], // Penolakan menurut alasan, 360 px: 5 px below the canvas
      ['Badan Kepegawaian…', 120],
      ['Dinas Kependuduka…', 118],
      ['U2 Systems, mecha…', 119],
      ['Kecamatan Rakumpit', 117], // 1 px below
    ];
    const others = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const [text, width] of drawn) {
      const reach = 12 + (width + 11) * Math.SQRT1_2;
      // The estimate from the characters, and the measured width.
      expect(xAxisSize([...others, text])).toBeGreaterThanOrEqual(reach);
      expect(xAxisSize([...others, text], undefined, (t) => (t === text ? width : 7))).toBeGreaterThanOrEqual(
        reach,
      );
    }
  });

  it('leaves room left of the y axis for turned labels that reach past it', () => {
    const short = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(xAxisLeftPad(short.slice(0, 6))).toBeNull();
    // 1 character reaches 4 px left of its tick: the y axis (64 px) is room enough.
    expect(xAxisLeftPad(short)).toBe(0);
    // 18 characters reach 89 px: 25 px past the y axis, plus 8 px of margin.
    expect(xAxisLeftPad([...short, 'Dinas Kependudukan dan Pencatatan Sipil'])).toBe(33);
  });

  it('widens the y axis for long tick texts, never below its usual width', () => {
    expect(yAxisSize(null)).toBe(Y_AXIS_PX);
    expect(yAxisSize(['0%', '20%', '40%'])).toBe(Y_AXIS_PX);
    // 'Rp 60,0 jt' is 10 characters: 10 × 6 + 16 px.
    expect(yAxisSize(['Rp 0', 'Rp 20,0 jt', 'Rp 60,0 jt'])).toBe(76);
  });
});

describe('y scale', () => {
  it('ends on a nice tick above the largest value (SLA 73,8 % → ticks to 80 %, not 60 %)', () => {
    expect(yScale(0.342, 0.738, 'fraction')).toEqual({
      min: 0,
      max: 0.8,
      step: 0.2,
      ticks: [0, 0.2, 0.4, 0.6, 0.8],
    });
    const s = yScale(20, 120);
    expect(s.max).toBeGreaterThan(120);
    expect(s.ticks.at(-1)).toBe(s.max);
    expect(yScale(20, 120)).toMatchObject({ min: 0, max: 150, step: 50 });
  });

  it('leaves room above a value that falls on a tick, so a point never sits on the frame', () => {
    expect(yScale(0, 0.6, 'fraction', 8)).toMatchObject({ max: 0.7, step: 0.1 });
    expect(yScale(0, 50)).toMatchObject({ max: 60, step: 20 });
  });

  it('steps 1, 2 or 5 × 10ⁿ, never 2,5 (service days to 9,6: 0, 2, 4 … 10)', () => {
    expect(yScale(3.1, 9.6, 'days')).toEqual({ min: 0, max: 10, step: 2, ticks: [0, 2, 4, 6, 8, 10] });
    for (const max of [0.07, 0.18, 0.738, 3.7, 9.6, 14, 86, 986_357, 2.4e9]) {
      const { step } = yScale(0, max);
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 5]).toContain(Math.round(mantissa * 1e9) / 1e9);
    }
  });

  it('ticks counts only at whole numbers', () => {
    expect(yScale(0, 3, 'count')).toEqual({ min: 0, max: 4, step: 1, ticks: [0, 1, 2, 3, 4] });
    expect(yScale(0, 0.4, 'count').step).toBe(1);
  });

  it('hangs all-negative values from 0 to a tick below (an ROI of −100 % to −83 %)', () => {
    expect(yScale(-100, -83, 'percentPoints')).toMatchObject({ min: -150, max: 0, step: 50 });
  });

  it('spans 0 for mixed values, on ticks on both sides', () => {
    expect(yScale(-50, 150)).toMatchObject({ min: -100, max: 200, step: 100 });
  });

  it('gives a unit range when there is nothing to show', () => {
    expect(yScale(null, null)).toMatchObject({ min: 0, max: 1, step: 0.2 });
    expect(yScale(0, 0)).toMatchObject({ min: 0, max: 1 });
  });

  it('draws a 1–5 rating, a 1–4 unsur score and a 0–100 test score against their whole scale', () => {
    expect(SCALE_BOUNDS.rating).toEqual([1, 5]);
    expect(SCALE_BOUNDS.rating4).toEqual([1, 4]);
    expect(yScale(3.8, 4.3, 'rating')).toEqual({ min: 1, max: 5, step: 1, ticks: [1, 2, 3, 4, 5] });
    expect(yScale(null, null, 'rating')).toMatchObject({ min: 1, max: 5 });
    // The IKM unsur chart (NRR U1–U9) runs 1 … 4, not 0 … 3.
    expect(yScale(2.9, 3.4, 'rating4')).toEqual({ min: 1, max: 4, step: 1, ticks: [1, 2, 3, 4] });
    expect(yScale(58.2, 74.9, 'score100')).toEqual({
      min: 0,
      max: 100,
      step: 20,
      ticks: [0, 20, 40, 60, 80, 100],
    });
  });

  it('keeps the ticks free of float noise', () => {
    for (const t of yScale(0, 0.33, 'fraction', 8).ticks) expect(t).toBe(Number(t.toFixed(6)));
    expect(yScale(0, 0.33, 'fraction', 8).ticks).toContain(0.3);
  });

  it('fits as many intervals as the plot is tall: 3 to 8', () => {
    expect(maxIntervalsFor(80)).toBe(3);
    expect(maxIntervalsFor(220)).toBe(5);
    expect(maxIntervalsFor(1000)).toBe(8);
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
    expect(formatValue('rating4', 3.125, 'id')).toBe('3,13');
    expect(yTickTexts('rating4', [1, 2, 3, 4], 1, 'id')).toEqual(['1', '2', '3', '4']);
  });

  it('names the scale in the CSV header', () => {
    expect(csvUnit('rating')).toBe(' (1-5)');
    expect(csvUnit('rating4')).toBe(' (1-4)');
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
    // 3 labels in 540 px: 180 px each, room for 28 characters; the long name would need 4 lines.
    expect(turned(agencies, 540)).toBe(false);
    expect(xAxisSize(agencies, 540)).toBe(40);
    const texts = tickTexts(agencies, 540);
    expect(texts.slice(1)).toEqual(['Kelurahan Kanarakan', 'Dinas Kesehatan']);
    expect(texts[0]).toBe('Dinas Pengendalian…');
    expect([...texts[0]!].length).toBeLessThanOrEqual(28);
    // In 1140 px (380 px each, room for 62) it takes two lines: written whole, level.
    expect(turned(agencies, 1140)).toBe(false);
    expect(tickTexts(agencies, 1140)[0]).toBe(
      'Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan\nPerempuan, Perlindungan Anak',
    );
    // In 300 px (100 px each, room for 15): turned, each cut at 18 characters.
    expect(turned(agencies, 300)).toBe(true);
    // Room for exactly 18 (two labels in 232 px, a phone): turned too, as level labels would touch.
    expect(turned(agencies.slice(0, 2), 232)).toBe(true);
    expect(turned(agencies.slice(0, 2), 250)).toBe(false);
    expect(tickTexts(agencies, 300)[1]).toBe('Kel. Kanarakan');
  });

  it('keeps them level when they fit, and without a width as before', () => {
    expect(turned(costs, 800)).toBe(false);
    expect(turned(costs)).toBe(false);
    expect(xAxisLeftPad(costs, 800)).toBeNull();
    expect(turned(['2021', '2022', '2023', '2024', '2025'], 200)).toBe(false);
    expect(turned([], 100)).toBe(false);
  });
});

describe('a few long labels in a narrow plot (Kohort at 360 px)', () => {
  const windows = ['Sebelum (1 Jan 2022 – 31 Des 2022)', 'Sesudah (1 Jan 2024 – 31 Des 2024)'];
  // The Kohort card's plot at a 360 px viewport (a 297 px canvas with the outcome's unit).
  const phone = 190;

  it('measures the plot without the y axis, its unit and the right padding', () => {
    // As drawn at 360 px: the plot starts 82 px in (y axis 64 + unit 18) and ends 25 px short.
    expect(plotWidth(297, true)).toBe(phone);
    expect(plotWidth(585, true)).toBe(478);
    expect(plotWidth(585)).toBe(496);
  });

  it('wraps them level, every word kept, instead of turning them to "Sebelum (1 Jan…"', () => {
    expect(turned(windows, phone)).toBe(false);
    const texts = tickTexts(windows, phone);
    expect(texts).toEqual(['Sebelum\n(1 Jan 2022 –\n31 Des 2022)', 'Sesudah\n(1 Jan 2024 –\n31 Des 2024)']);
    // Nothing cut: the lines give back the label, and the two windows' years are on the axis.
    texts.forEach((t, i) => {
      expect(t).not.toContain('…');
      expect(t.split('\n').join(' ')).toBe(windows[i]);
    });
    // Each line fits its half of the plot, with the gap between neighbours.
    const room = Math.floor((phone / 2 - 8) / 6);
    for (const line of texts.flatMap((t) => t.split('\n')))
      expect([...line].length).toBeLessThanOrEqual(room);
    // The axis is three lines tall, and the labels need no room left of the y axis.
    expect(xAxisSize(windows, phone)).toBe(40 + 2 * 15);
    expect(xAxisLeftPad(windows, phone)).toBeNull();
  });

  it('uses fewer lines as the plot widens, one where the labels fit (wide layouts unchanged)', () => {
    expect(tickTexts(windows, 400)).toEqual([
      'Sebelum (1 Jan 2022 –\n31 Des 2022)',
      'Sesudah (1 Jan 2024 –\n31 Des 2024)',
    ]);
    expect(xAxisSize(windows, 400)).toBe(55);
    expect(tickTexts(windows, plotWidth(585, true))).toEqual(windows);
    expect(xAxisSize(windows, plotWidth(585, true))).toBe(40);
    expect(wrappedLines(windows, plotWidth(585, true))).toBeNull();
  });

  it('breaks where the parts join, then between words, and never wraps at a loss', () => {
    expect(wrapLabel('Sebelum (1 Jan 2022 – 31 Des 2022)', 22)).toEqual([
      'Sebelum (1 Jan 2022 –',
      '31 Des 2022)',
    ]);
    expect(wrapLabel('Dinas Kependudukan dan Pencatatan Sipil', 18)).toEqual([
      'Dinas Kependudukan',
      'dan Pencatatan',
      'Sipil',
    ]);
    // A word longer than the room, or more than MAX_WRAP_LINES lines: not wrapped.
    expect(wrapLabel('narasumber/pelatih', 14)).toBeNull();
    expect(wrapLabel('a b c d e f g h', 1)).toBeNull();
    expect(wrapLabel('a b c', 1)).toHaveLength(MAX_WRAP_LINES);
    // Too narrow to wrap whole (a 320 px phone): turned and shortened as before.
    expect(turned(windows, 140)).toBe(true);
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
});

describe('y scale of a fraction', () => {
  it('stops at 100 % when some values are 100 % (offices with everyone trained), not 150 %', () => {
    expect(yScale(0.42, 1, 'fraction')).toEqual({
      min: 0,
      max: 1,
      step: 0.2,
      ticks: [0, 0.2, 0.4, 0.6, 0.8, 1],
    });
    expect(yScale(0, 0.99, 'fraction').max).toBe(1);
  });

  it('still goes past 100 % for a value above it', () => {
    expect(yScale(0, 1.2, 'fraction').max).toBeGreaterThan(1.2);
  });
});

describe('agency labels that read alike once shortened', () => {
  const petuk = ['Kelurahan Petuk Katimpun', 'Kelurahan Petuk Barunai', 'Kelurahan Petuk Bukit Raya'];

  it('shorten the prefix first ("Kelurahan " → "Kel. ")', () => {
    expect(abbreviatePrefix('Kelurahan Sabaru')).toBe('Kel. Sabaru');
    expect(abbreviatePrefix('Dinas Kesehatan')).toBe('Dinas Kesehatan');
    expect(shortLabel('Kelurahan Petuk Barunai')).toBe('Kel. Petuk Barunai');
  });

  it('are cut in the middle, keeping their distinguishing ends, when the end cut would repeat', () => {
    const texts = distinctShort(petuk, 14);
    expect(new Set(texts).size).toBe(3);
    for (const t of texts) expect([...t].length).toBeLessThanOrEqual(14);
    expect(texts[0]).toBe('Kel. Pe…timpun');
    // Turned labels of many kelurahan (a phone) stay distinct too.
    const many = [...petuk, ...Array.from({ length: 10 }, (_, i) => `Dinas ${i}`)];
    const turnedTexts = tickTexts(many, 2000).filter((t) => t.startsWith('Kel'));
    expect(new Set(turnedTexts).size).toBe(3);
  });

  it('middleLabel keeps both ends within the limit', () => {
    expect(middleLabel('abcdefghij', 5)).toBe('ab…ij');
    expect(middleLabel('short', 10)).toBe('short');
  });
});

describe('the x axis laid out again when the chart is resized', () => {
  const windows = ['Sebelum (1 Jan 2022 – 31 Des 2022)', 'Sesudah (1 Jan 2024 – 31 Des 2024)'];

  it('gives the Kohort labels loaded at 740 px the wrapped, taller layout at 360 px', () => {
    // The card's canvas: 660 px at a 740 px viewport, 297 px at 360 px.
    const wide = xAxisLayout(windows, 660, true);
    expect(wide).toEqual({ ticks: windows, size: 40, rotate: 0, leftPad: null });
    const narrow = xAxisRelayout(wide, windows, 297, true);
    expect(narrow).toEqual({
      ticks: ['Sebelum\n(1 Jan 2022 –\n31 Des 2022)', 'Sesudah\n(1 Jan 2024 –\n31 Des 2024)'],
      size: 40 + 2 * 15,
      rotate: 0,
      leftPad: null,
    });
    // And back: one line again.
    expect(xAxisRelayout(narrow!, windows, 660, true)).toEqual(wide);
  });

  it('writes every other turned label when the chart narrows', () => {
    const agencies = Array.from({ length: 30 }, (_, i) => `Dinas Pendidikan Wilayah ${i + 1}`);
    const wide = xAxisLayout(agencies, 1200);
    const phone = xAxisRelayout(wide, agencies, 297);
    expect(phone?.rotate).toBe(45);
    expect(phone?.ticks.filter((t) => t === '').length).toBeGreaterThan(0);
    expect(wide.ticks.every((t) => t !== '')).toBe(true);
  });

  it('asks for nothing when the layout stays the same (the chart is then only resized)', () => {
    const wide = xAxisLayout(windows, 660, true);
    expect(xAxisRelayout(wide, windows, 660, true)).toBeNull();
    expect(xAxisRelayout(wide, windows, 640, true)).toBeNull();
    const narrow = xAxisLayout(windows, 297, true);
    expect(xAxisRelayout(narrow, windows, 300, true)).toBeNull();
  });
});
