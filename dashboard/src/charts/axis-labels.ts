import {
  formatIdrCompact,
  formatNumber,
  formatPercent,
  formatPercentPoints,
  idrUnitOf,
} from '../format/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { ValueKind } from './value-kind.ts';

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

/** Characters a level label has room for in its share of the plot's width. */
function levelRoom(count: number, plotPx: number): number {
  return Math.floor((plotPx / count - LABEL_GAP_PX) / CHAR_PX);
}

export function turned(labels: readonly string[], plotPx?: number): boolean {
  if (labels.length > MAX_LEVEL_LABELS) return true;
  // Fewer, but too long to stand side by side in the plot's width (a half-width card)...
  if (plotPx === undefined || labels.length === 0) return false;
  const room = levelRoom(labels.length, plotPx);
  if (!labels.some((l) => [...l].length > room)) return false;
  // ...unless each has room for more than a turned label keeps: then they stay level, shortened to
  // the room (two agencies side by side: a long name cut at 60 characters, not 18). With no more
  // room than that, turned labels keep as much and do not crowd each other.
  return room <= MAX_TURNED_CHARS;
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

/**
 * Least distance between two turned labels' ticks, in px: at 45° two neighbours stand `pitch × sin
 * 45°` apart across their lines, and an 11 px line needs about 12.
 */
export const MIN_TURNED_PITCH_PX = 17;

/**
 * Every how many ticks a turned label is written: 1 when each tick has `MIN_TURNED_PITCH_PX`, more
 * when too many categories share the plot (fifty agencies on a phone), so the labels that are
 * written can be read instead of all piling up. The bars stay; the table view names every one.
 */
export function labelStride(labels: readonly string[], plotPx?: number): number {
  if (plotPx === undefined || labels.length === 0 || !turned(labels, plotPx)) return 1;
  return Math.max(1, Math.ceil(MIN_TURNED_PITCH_PX / (plotPx / labels.length)));
}

/**
 * The text under each tick: shortened when the labels are turned (every `labelStride`-th written,
 * the others blank), or to their room when level.
 */
export function tickTexts(labels: readonly string[], plotPx?: number): string[] {
  if (turned(labels, plotPx)) {
    const stride = labelStride(labels, plotPx);
    return labels.map((l, i) => (i % stride === 0 ? shortLabel(l) : ''));
  }
  if (plotPx === undefined || labels.length === 0) return [...labels];
  const room = levelRoom(labels.length, plotPx);
  return labels.map((l) => shortLabel(l, room));
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
 * The ends of a bounded scale: a 1–5 rating and a 0–100 test score are read against the whole
 * scale (4,1 of 5), so their axis spans it and bars grow from its bottom (a rating's 1, not 0).
 */
export const SCALE_BOUNDS: Partial<Record<ValueKind, readonly [number, number]>> = {
  rating: [1, 5],
  score100: [0, 100],
};

/**
 * The y range of a chart: a bounded kind's whole scale (`SCALE_BOUNDS`); any other always from 0
 * (bars grow from 0, and a line's level reads against it), with 8 % headroom on the side the values
 * go; all-negative values (an ROI of −98 %) hang from 0.
 */
export function yRange(min: number | null, max: number | null, kind?: ValueKind): [number, number] {
  const bounds = kind === undefined ? undefined : SCALE_BOUNDS[kind];
  // A bounded scale is drawn whole (a value outside it, which the data should never hold, widens it).
  if (bounds) return [Math.min(bounds[0], min ?? bounds[0]), Math.max(bounds[1], max ?? bounds[1])];
  const lo = Math.min(0, min ?? 0);
  const hi = Math.max(0, max ?? 0);
  if (hi === lo) return [lo, lo + 1];
  const pad = (hi - lo) * 0.08;
  return [lo < 0 ? lo - pad : lo, hi > 0 ? hi + pad : hi];
}

/** Most decimals a tick label gets (a step finer than this is not a chart's). */
const MAX_TICK_DECIMALS = 4;

/**
 * Decimals a tick label needs so that ticks `step` apart read exactly, in the unit written (`scale`
 * converts: 100 for a fraction written in percent): 0 for steps of 5 %, 1 for 2,5 % (0,0 %, 2,5 %,
 * 5,0 %, not 0 %, 3 %, 5 %), 2 for 0,25 %. Float noise in the step (0.025 × 100 =
 * 2.5000000000000004) is not a decimal.
 */
export function stepDecimals(step: number | null | undefined, scale = 1): number {
  const s = Math.abs((step ?? 0) * scale);
  if (!Number.isFinite(s) || s === 0) return 0;
  for (let d = 0; d < MAX_TICK_DECIMALS; d++) {
    if (Math.abs(Number(s.toFixed(d)) - s) <= s * 1e-9) return d;
  }
  return MAX_TICK_DECIMALS;
}

/**
 * The y axis's tick texts for ticks at `splits`, `step` apart (uPlot's increment; null when not
 * known): every tick with the decimals its step needs, so the labels of evenly spaced ticks are
 * evenly spaced numbers. Rupiah ticks share one unit, the largest tick's (`Rp 0,5 M`, `Rp 1,0 M`).
 */
export function yTickTexts(
  kind: ValueKind,
  splits: readonly number[],
  step: number | null | undefined,
  lang: Lang,
): string[] {
  if (step === null || step === undefined || !(step > 0))
    return splits.map((v) => fallbackTick(kind, v, lang));
  switch (kind) {
    case 'fraction': {
      const d = stepDecimals(step, 100);
      return splits.map((v) => formatPercent(v, lang, d));
    }
    case 'percentPoints': {
      const d = stepDecimals(step);
      return splits.map((v) => formatPercentPoints(v, lang, d));
    }
    case 'idr': {
      const unit = idrUnitOf(Math.max(0, ...splits.map(Math.abs)));
      const digits = stepDecimals(step / unit);
      return splits.map((v) => formatIdrCompact(v, lang, { unit, digits }));
    }
    default: {
      const d = stepDecimals(step);
      return splits.map((v) => formatNumber(v, lang, d));
    }
  }
}

/** A tick's text when the step is not known: whole percents and counts, one decimal below 10. */
function fallbackTick(kind: ValueKind, value: number, lang: Lang): string {
  if (kind === 'idr') return formatIdrCompact(value, lang);
  if (kind === 'fraction') return formatPercent(value, lang, 0);
  if (kind === 'percentPoints') return formatPercentPoints(value, lang, 0);
  if (kind === 'count') return formatNumber(value, lang, 0);
  return formatNumber(value, lang, Math.abs(value) < 10 && value % 1 !== 0 ? 1 : 0);
}

/**
 * Tick steps for an axis of counts: uPlot's 1, 2, 2,5, 5 × 10ⁿ without the fractional ones, so three
 * invitations are not ticked 0, 0,5, 1, 1,5 (half a person).
 */
export const COUNT_INCRS: readonly number[] = Array.from({ length: 16 }, (_, e) =>
  [1, 2, 2.5, 5].map((m) => m * 10 ** e),
)
  .flat()
  .filter((v) => Number.isInteger(v));
