import { describe, expect, it } from 'vitest';
import { drawPatternTile, legendSwatch, PATTERN_INK, TILE_PX, type TileContext } from './bar-patterns.ts';
import { BAR_PATTERNS, type BarPattern, colorAt, PALETTE, patternAt } from './palette.ts';

/** A 2D context that records what a tile draws. */
function recorder() {
  const calls: string[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    fillRect: (...a: number[]) => calls.push(`fillRect ${ctx.fillStyle} ${a.join(',')}`),
    beginPath: () => calls.push('beginPath'),
    moveTo: (x: number, y: number) => calls.push(`moveTo ${x},${y}`),
    lineTo: (x: number, y: number) => calls.push(`lineTo ${x},${y}`),
    stroke: () => calls.push(`stroke ${ctx.strokeStyle} ${ctx.lineWidth}`),
    arc: (x: number, y: number, r: number) => calls.push(`arc ${x},${y},${r}`),
    fill: () => calls.push(`fill ${ctx.fillStyle}`),
  };
  return { ctx: ctx as unknown as TileContext, calls };
}

describe('bar patterns: grouped bars differ in more than colour (WCAG 1.4.1)', () => {
  it('leaves the first series solid (a one-series bar chart looks as before)', () => {
    expect(patternAt(0)).toBe('solid');
    const { ctx, calls } = recorder();
    drawPatternTile(ctx, 'solid', '#0072B2', 16);
    expect(calls).toEqual(['fillRect #0072B2 0,0,16,16']);
  });

  it('gives each of the first six series its own pattern, and no two series up to 42 the same colour and pattern', () => {
    expect(new Set(BAR_PATTERNS).size).toBe(BAR_PATTERNS.length);
    expect(Array.from({ length: 6 }, (_, i) => patternAt(i))).toEqual([...BAR_PATTERNS]);
    const pairs = Array.from(
      { length: PALETTE.length * BAR_PATTERNS.length },
      (_, i) => `${colorAt(i)} ${patternAt(i)}`,
    );
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it.each(BAR_PATTERNS.filter((p) => p !== 'solid').map((p) => [p]))(
    '%s: the colour first, then white marks over it',
    (pattern: BarPattern) => {
      const { ctx, calls } = recorder();
      drawPatternTile(ctx, pattern, '#B57A00', 16);
      expect(calls[0]).toBe('fillRect #B57A00 0,0,16,16');
      const marks = calls.slice(1);
      expect(marks.some((c) => c === `stroke ${PATTERN_INK} ${16 / 6}` || c === `fill ${PATTERN_INK}`)).toBe(
        true,
      );
      // Every mark stays on the tile's lines or inside it (no stray ink beyond one tile over).
      for (const c of marks.filter((m) => m.startsWith('moveTo') || m.startsWith('lineTo'))) {
        const [x, y] = c.split(' ')[1]!.split(',').map(Number) as [number, number];
        expect(x).toBeGreaterThanOrEqual(-16);
        expect(x).toBeLessThanOrEqual(32);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(16);
      }
    },
  );

  it('stripes "\\" the other way from the grey "/" hatching of a hidden bar', () => {
    const { ctx, calls } = recorder();
    drawPatternTile(ctx, 'diagonal', '#B57A00', 8);
    // From the top left down to the bottom right: y grows with x.
    expect(calls).toContain('moveTo 0,0');
    expect(calls).toContain('lineTo 8,8');
  });

  it('shows the same tile in the legend swatch, at its CSS size over the colour', () => {
    expect(legendSwatch(null, '#0072B2')).toBe('#0072B2');
    const tile = { toDataURL: () => 'data:image/png;base64,AAAA' } as HTMLCanvasElement;
    expect(legendSwatch(tile, '#B57A00')).toBe(
      `url("data:image/png;base64,AAAA") 0 0 / ${TILE_PX}px ${TILE_PX}px repeat #B57A00`,
    );
  });
});
