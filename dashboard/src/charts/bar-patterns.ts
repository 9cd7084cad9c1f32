import type { BarPattern } from './palette.ts';

/** The side of one pattern tile, in CSS pixels: the pattern repeats every 8 px on the bar. */
export const TILE_PX = 8;

/** The pattern's ink over the series' colour. */
export const PATTERN_INK = '#ffffff';

/** The 2D-context calls a tile needs: a canvas's, or a recorder in the tests. */
export type TileContext = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'fillRect'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
  | 'arc'
  | 'fill'
>;

/**
 * Draws one tile of a bar series' fill, `size` device pixels square: the series' colour, and over
 * it the pattern's white marks, so two bars side by side differ in more than colour (WCAG 1.4.1).
 * The marks cover about a fifth of the tile: the bar still reads as its colour. Lines reach the
 * tile's edges where they continue in the next tile, so the pattern repeats without seams.
 */
export function drawPatternTile(ctx: TileContext, pattern: BarPattern, colour: string, size: number): void {
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, size, size);
  if (pattern === 'solid') return;
  ctx.fillStyle = PATTERN_INK;
  ctx.strokeStyle = PATTERN_INK;
  ctx.lineWidth = size / 6;
  ctx.beginPath();
  const line = (x0: number, y0: number, x1: number, y1: number) => {
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
  };
  // "\" from the top left; the neighbours' ends keep the corners covered.
  const falling = () => {
    for (const o of [-size, 0, size]) line(o, 0, o + size, size);
  };
  switch (pattern) {
    case 'diagonal':
      falling();
      break;
    case 'crosshatch':
      falling();
      for (const o of [-size, 0, size]) line(o, size, o + size, 0);
      break;
    case 'horizontal':
      line(0, size / 2, size, size / 2);
      break;
    case 'vertical':
      line(size / 2, 0, size / 2, size);
      break;
    case 'dots':
      ctx.arc(size / 2, size / 2, size / 5, 0, 2 * Math.PI);
      ctx.fill();
      return;
  }
  ctx.stroke();
}

/**
 * One tile of `pattern` in `colour` on a canvas of its own, drawn at `ratio` device pixels per CSS
 * pixel; null for a solid fill or where no canvas context can be had (the bar is then filled with
 * its colour alone).
 */
export function patternTile(pattern: BarPattern, colour: string, ratio: number): HTMLCanvasElement | null {
  if (pattern === 'solid') return null;
  const size = Math.max(1, Math.round(TILE_PX * ratio));
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  drawPatternTile(ctx, pattern, colour, size);
  return canvas;
}

/**
 * The legend swatch of a bar series, as a CSS background: the same tile as the bars, shown at its
 * CSS size over the series' colour; the colour alone for a solid series.
 */
export function legendSwatch(tile: HTMLCanvasElement | null, colour: string): string {
  if (!tile) return colour;
  return `url("${tile.toDataURL()}") 0 0 / ${TILE_PX}px ${TILE_PX}px repeat ${colour}`;
}
