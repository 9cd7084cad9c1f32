/**
 * Category labels under a chart's x axis. Up to 6 categories are written level when they fit side
 * by side in the plot's width; more, or longer, are turned 45° so they do not overlap, each ending at its tick (the first one reaches into the y axis's
 * gutter, none past the right edge), and a turned label longer than `MAX_TURNED_CHARS` is cut at a
 * word boundary where one is near, with an ellipsis, instead of being clipped mid-word by the canvas
 * edge ("Dinas Kependud"). The full names stay in the chart's table view and CSV.
 */
export const MAX_LEVEL_LABELS = 6;
export const MAX_TURNED_CHARS = 18;
/** Average advance of the axis font (11 px system-ui) per character, in px. */
const CHAR_PX = 6;
/** Least space between two level labels, in px. */
const LABEL_GAP_PX = 8;
/** Width of the y axis (values and ticks) left of the plot, in px (UPlotChart's y axis size). */
export const Y_AXIS_PX = 64;

export function turned(labels: readonly string[], plotPx?: number): boolean {
  if (labels.length > MAX_LEVEL_LABELS) return true;
  // Fewer, but too long to stand side by side in the plot's width (a half-width card).
  if (plotPx === undefined || labels.length === 0) return false;
  const room = plotPx / labels.length;
  return labels.some((l) => [...l].length * CHAR_PX + LABEL_GAP_PX > room);
}

/** `label` shortened to at most `max` characters, the ellipsis included. */
export function shortLabel(label: string, max: number = MAX_TURNED_CHARS): string {
  const chars = [...label];
  if (chars.length <= max) return label;
  const head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  // Cut at the last word boundary if that keeps at least two thirds of the room.
  const cut = space >= Math.ceil((max - 1) * (2 / 3)) ? head.slice(0, space) : head;
  return `${cut.trimEnd()}…`;
}

/** The text under each tick: shortened when the labels are turned. */
export function tickTexts(labels: readonly string[], plotPx?: number): string[] {
  return turned(labels, plotPx) ? labels.map((l) => shortLabel(l)) : [...labels];
}

/**
 * Height of the x axis in px: one line for level labels; for turned ones, the vertical extent of
 * the longest shortened label at 45° (length × sin 45°) plus the tick and padding.
 */
export function xAxisSize(labels: readonly string[], plotPx?: number): number {
  if (!turned(labels, plotPx)) return 40;
  const longest = Math.max(0, ...tickTexts(labels, plotPx).map((t) => [...t].length));
  return Math.round(24 + longest * CHAR_PX * Math.SQRT1_2);
}

/**
 * Extra room left of the y axis for turned labels, in px, or null (uPlot's automatic padding) when
 * they are level. A turned label ends at its tick and reaches `length × sin 45°` to the left; the
 * first ticks sit just right of the y axis, so whatever reaches past the y axis's width would be cut
 * off by the canvas edge without it.
 */
export function xAxisLeftPad(labels: readonly string[], plotPx?: number): number | null {
  if (!turned(labels, plotPx)) return null;
  const longest = Math.max(0, ...tickTexts(labels, plotPx).map((t) => [...t].length));
  return Math.max(0, Math.round(longest * CHAR_PX * Math.SQRT1_2) - Y_AXIS_PX + 8);
}

/**
 * Width of the y axis in px for its tick texts: at least `Y_AXIS_PX`, wider when a value is longer
 * ("Rp 60,0 jt") so it is not cut at the canvas edge. `values` is null before uPlot's first layout.
 */
export function yAxisSize(values: readonly string[] | null | undefined): number {
  const longest = Math.max(0, ...(values ?? []).map((v) => [...v].length));
  return Math.max(Y_AXIS_PX, Math.ceil(longest * CHAR_PX + 16));
}

/**
 * The y range of a chart: always from 0 (bars grow from 0, and a line's level reads against it),
 * with 8 % headroom on the side the values go; all-negative values (an ROI of −98 %) hang from 0.
 */
export function yRange(min: number | null, max: number | null): [number, number] {
  const lo = Math.min(0, min ?? 0);
  const hi = Math.max(0, max ?? 0);
  if (hi === lo) return [lo, lo + 1];
  const pad = (hi - lo) * 0.08;
  return [lo < 0 ? lo - pad : lo, hi > 0 ? hi + pad : hi];
}
