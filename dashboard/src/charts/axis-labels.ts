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
 *
 * A few labels too long for their share of a narrow plot but made of words that each fit it (the
 * Kohort chart's "Sebelum (1 Jan 2022 – 31 Des 2022)" at 360 px) stay level and are wrapped onto up
 * to `MAX_WRAP_LINES` lines instead, every word kept: turning would cut them to 18 characters
 * ("Sebelum (1 Jan…"), dropping the part that tells them apart.
 */
export const MAX_LEVEL_LABELS = 6;
export const MAX_TURNED_CHARS = 18;
/** Average advance of the axis font (11 px system-ui) per character, in px. */
const CHAR_PX = 6;
/** Least space between two level labels, in px. */
const LABEL_GAP_PX = 8;
/** Width of the y axis (values and ticks) left of the plot, in px (UPlotChart's y axis size). */
export const Y_AXIS_PX = 64;

/** Most lines a wrapped level label takes. */
export const MAX_WRAP_LINES = 3;
/** Height of one more line of a wrapped label, in px (the axis font's 11 px × `X_LINE_GAP`). */
export const X_LINE_GAP = 1.3;
const LINE_PX = Math.ceil(11 * X_LINE_GAP);
/** Right padding uPlot leaves after the plot (half its default y axis size), in px. */
const RIGHT_PAD_PX = 25;
/** Width of the y axis's unit label (`labelSize`), in px, when the chart has one. */
export const Y_UNIT_PX = 18;

/**
 * The plot's width in a chart `chartPx` wide: less the y axis, its unit label when it has one and
 * the padding uPlot keeps right of the plot (approximately: a wider y axis, for long values, aside).
 */
export function plotWidth(chartPx: number, hasUnit = false): number {
  return chartPx - Y_AXIS_PX - (hasUnit ? Y_UNIT_PX : 0) - RIGHT_PAD_PX;
}

/** Characters a level label has room for in its share of the plot's width. */
function levelRoom(count: number, plotPx: number): number {
  return Math.floor((plotPx / count - LABEL_GAP_PX) / CHAR_PX);
}

/**
 * `label` on lines of at most `room` characters, broken first where its parts join (before a
 * parenthesis, after a spaced dash: "Sebelum" / "(1 Jan 2022 –" / "31 Des 2022)"), then between
 * words; null when a word is longer than the room or the label needs more than `MAX_WRAP_LINES`
 * lines: wrapping it would lose characters.
 */
export function wrapLabel(label: string, room: number): string[] | null {
  const len = (s: string) => [...s].length;
  const lines: string[] = [];
  let line = '';
  const put = (piece: string) => {
    const joined = line ? `${line} ${piece}` : piece;
    if (line && len(joined) > room) {
      lines.push(line);
      line = piece;
    } else line = joined;
  };
  for (const part of label.trim().split(/\s+(?=\()|(?<=\s[–—])\s+/)) {
    // A part that fits a line of its own is kept whole; a longer one is broken between its words.
    if (len(part) <= room) put(part);
    else
      for (const word of part.split(/\s+/)) {
        if (len(word) > room) return null;
        put(word);
      }
  }
  if (line) lines.push(line);
  return lines.length <= MAX_WRAP_LINES ? lines : null;
}

/**
 * Each label wrapped onto lines within its room (`wrapLabel`), or null when the labels are written
 * on one line each: they fit it, are too many to stand level, or some cannot be wrapped whole.
 */
export function wrappedLines(labels: readonly string[], plotPx?: number): string[][] | null {
  if (plotPx === undefined || labels.length === 0 || labels.length > MAX_LEVEL_LABELS) return null;
  const room = levelRoom(labels.length, plotPx);
  if (!labels.some((l) => [...l].length > room)) return null;
  const lines = labels.map((l) => wrapLabel(l, room));
  return lines.every((l) => l !== null) ? (lines as string[][]) : null;
}

export function turned(labels: readonly string[], plotPx?: number): boolean {
  if (labels.length > MAX_LEVEL_LABELS) return true;
  // Fewer, but too long to stand side by side in the plot's width (a half-width card)...
  if (plotPx === undefined || labels.length === 0) return false;
  const room = levelRoom(labels.length, plotPx);
  if (!labels.some((l) => [...l].length > room)) return false;
  // ...unless their words wrap onto a few lines, each in the room: level, every word kept...
  if (wrappedLines(labels, plotPx)) return false;
  // ...or each has room for more than a turned label keeps: then they stay level, shortened to
  // the room (two agencies side by side: a long name cut at 60 characters, not 18). With no more
  // room than that, turned labels keep as much and do not crowd each other.
  return room <= MAX_TURNED_CHARS;
}

/**
 * The common prefixes of agency names, shortened first when a name is too long: the part that
 * tells "Kelurahan Petuk Katimpun" from "Kelurahan Petuk Barunai" is at the end.
 */
const PREFIXES: readonly [RegExp, string][] = [
  [/^Kelurahan /, 'Kel. '],
  [/^Kecamatan /, 'Kec. '],
];

/** `label` with a common agency prefix shortened ("Kelurahan " → "Kel. "). */
export function abbreviatePrefix(label: string): string {
  for (const [from, to] of PREFIXES) if (from.test(label)) return label.replace(from, to);
  return label;
}

/**
 * `label` cut in the middle to at most `max` characters, the ellipsis included, keeping its end
 * ("Kel. Petuk…Katimpun"): for labels whose beginnings are alike.
 */
export function middleLabel(label: string, max: number): string {
  const chars = [...label];
  if (chars.length <= max) return label;
  const room = Math.max(1, max - 1);
  const tail = Math.floor(room / 2);
  return `${chars
    .slice(0, room - tail)
    .join('')
    .trimEnd()}…${chars
    .slice(chars.length - tail)
    .join('')
    .trimStart()}`;
}

/**
 * `label` shortened to at most `max` characters, the ellipsis included: a common agency prefix
 * first ("Kel. "), then cut at the end.
 */
export function shortLabel(whole: string, max: number = MAX_TURNED_CHARS): string {
  if ([...whole].length <= max) return whole;
  const label = abbreviatePrefix(whole);
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
    const texts = distinctShort(labels, MAX_TURNED_CHARS);
    return texts.map((l, i) => (i % stride === 0 ? l : ''));
  }
  if (plotPx === undefined || labels.length === 0) return [...labels];
  const wrapped = wrappedLines(labels, plotPx);
  if (wrapped) return wrapped.map((lines) => lines.join('\n'));
  return distinctShort(labels, levelRoom(labels.length, plotPx));
}

/**
 * Each label shortened to `max` (`shortLabel`); labels that would then read alike though they
 * differ (three "Kelurahan Petuk…") are cut in the middle instead, keeping their ends.
 */
export function distinctShort(labels: readonly string[], max: number): string[] {
  const short = labels.map((l) => shortLabel(l, max));
  const sources = new Map<string, Set<string>>();
  short.forEach((s, i) => {
    const set = sources.get(s) ?? new Set<string>();
    set.add(labels[i]!);
    sources.set(s, set);
  });
  return short.map((s, i) =>
    (sources.get(s)?.size ?? 0) > 1 ? middleLabel(abbreviatePrefix(labels[i]!), max) : s,
  );
}

/** The width of `text` in the axis font, in px: measured on a canvas in the browser. */
export type MeasureText = (text: string) => number;

/**
 * Average advance of a turned label's characters, in px, when it is not measured. Higher than
 * `CHAR_PX`: turned labels are the long ones, full of capitals and wide letters, and 6 px left
 * them 1–5 px below the canvas ("Sudah berpengalam…", 18 characters, is 120 px, not 108).
 */
export const TURNED_CHAR_PX = 7;

/** `text`'s width estimated from its characters (`TURNED_CHAR_PX` each). */
export const estimateTextWidth: MeasureText = (text) => [...text].length * TURNED_CHAR_PX;

/** Width of the widest turned label's text, in px. */
function widestTurned(labels: readonly string[], plotPx: number | undefined, measure: MeasureText): number {
  return Math.max(0, ...tickTexts(labels, plotPx).map((t) => (t ? measure(t) : 0)));
}

/**
 * Height of the x axis in px: one line for level labels (one more per line of a wrapped one); for
 * turned ones, the vertical extent of the widest shortened label at 45° (width × sin 45°, the width
 * measured with `measure` or estimated) plus the tick and padding.
 */
export function xAxisSize(
  labels: readonly string[],
  plotPx?: number,
  measure: MeasureText = estimateTextWidth,
): number {
  if (!turned(labels, plotPx)) {
    // A line more per line of the longest wrapped label.
    const lines = Math.max(1, ...(wrappedLines(labels, plotPx) ?? []).map((l) => l.length));
    return 40 + (lines - 1) * LINE_PX;
  }
  return Math.round(24 + widestTurned(labels, plotPx, measure) * Math.SQRT1_2);
}

/**
 * Extra room left of the y axis for turned labels, in px, or null (uPlot's automatic padding) when
 * they are level. A turned label ends at its tick and reaches `width × sin 45°` to the left; the
 * first ticks sit just right of the y axis, so whatever reaches past the y axis's width would be cut
 * off by the canvas edge without it.
 */
export function xAxisLeftPad(
  labels: readonly string[],
  plotPx?: number,
  measure: MeasureText = estimateTextWidth,
): number | null {
  if (!turned(labels, plotPx)) return null;
  return Math.max(0, Math.round(widestTurned(labels, plotPx, measure) * Math.SQRT1_2) - Y_AXIS_PX + 8);
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
 * The ends of a bounded scale: a 1–5 rating, the 1–4 score of an SKM unsur and a 0–100 test score
 * are read against the whole scale (4,1 of 5), so their axis spans it and bars grow from its bottom
 * (a rating's 1, not 0).
 */
export const SCALE_BOUNDS: Partial<Record<ValueKind, readonly [number, number]>> = {
  rating: [1, 5],
  rating4: [1, 4],
  score100: [0, 100],
};

/** Mantissas of a tick step (× 10ⁿ): 1, 2, 5, so ticks read 0, 2, 4 … or 0, 5, 10, never 2,5 / 7,5. */
const STEP_MANTISSAS = [1, 2, 5] as const;

/** Most intervals between ticks an axis gets when the caller does not say (a 260 px chart). */
export const DEFAULT_MAX_INTERVALS = 5;

/** Vertical room one tick interval needs, in px. */
const INTERVAL_PX = 40;

/** How many tick intervals fit a plot `plotHeightPx` tall: 3 to 8. */
export function maxIntervalsFor(plotHeightPx: number): number {
  return Math.min(8, Math.max(3, Math.floor(plotHeightPx / INTERVAL_PX)));
}

/** The y axis of a chart: its range, the step between its ticks and the ticks themselves. */
export interface YScale {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly ticks: readonly number[];
}

/** `v` without float noise at the precision of `step` (0.6000000000000001 → 0.6). */
function snap(v: number, step: number): number {
  const d = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(v.toFixed(Math.min(20, d)));
}

/** Ticks `step` apart from `min` to `max`, both multiples of the step. */
function ticksOf(min: number, max: number, step: number): number[] {
  const count = Math.round((max - min) / step);
  return Array.from({ length: count + 1 }, (_, i) => snap(min + i * step, step));
}

/**
 * The y scale of a chart, its ends on "nice" ticks (1, 2 or 5 × 10ⁿ apart, whole for counts):
 * - a bounded kind (`SCALE_BOUNDS`) spans its whole scale (1 … 4 for an unsur's NRR), widened to a
 *   value outside it, which the data should never hold;
 * - any other starts at 0 (bars grow from 0, and a line's level reads against it) and ends at the
 *   first tick above its largest value, with a little room so a point never sits on the frame
 *   (73,8 % → ticks up to 80 %, not 60 %), but a fraction at most 100 % stops at 100 % (not 150 %
 *   when some value is 100 %); all-negative values (an ROI of −98 %) hang from 0 down
 *   to the first tick below.
 * The step is the finest that keeps at most `maxIntervals` intervals.
 */
export function yScale(
  dataMin: number | null,
  dataMax: number | null,
  kind?: ValueKind,
  maxIntervals: number = DEFAULT_MAX_INTERVALS,
): YScale {
  const bounds = kind === undefined ? undefined : SCALE_BOUNDS[kind];
  let lo: number;
  let hi: number;
  if (bounds) {
    lo = Math.min(bounds[0], dataMin ?? bounds[0]);
    hi = Math.max(bounds[1], dataMax ?? bounds[1]);
  } else {
    lo = Math.min(0, dataMin ?? 0);
    hi = Math.max(0, dataMax ?? 0);
    if (hi === lo) hi = lo + 1;
    else {
      // Room so the extreme points stand off the frame: 2 % of the span on the side the values go.
      const room = (hi - lo) * 0.02;
      // A share's axis stops at 100 % when no value is above it (some offices at 100 % would
      // otherwise run the ticks to 150 %).
      if (hi > 0) hi = kind === 'fraction' && hi <= 1 ? Math.min(1, hi + room) : hi + room;
      if (lo < 0) lo -= room;
    }
  }
  const span = hi - lo;
  const intervals = Math.max(1, Math.floor(maxIntervals));
  const wholeOnly = kind === 'count';
  let exp = Math.floor(Math.log10(span / intervals));
  for (let guard = 0; guard < 40; guard++, exp++) {
    for (const m of STEP_MANTISSAS) {
      const step = snap(m * 10 ** exp, m * 10 ** exp);
      if (wholeOnly && !Number.isInteger(step)) continue;
      // Rounded out to a tick (a bounded scale's ends already are one: 1 … 4 with step 1).
      const min = snap(Math.floor(lo / step + 1e-9) * step, step);
      const max = snap(Math.ceil(hi / step - 1e-9) * step, step);
      if ((max - min) / step <= intervals + 1e-9) return { min, max, step, ticks: ticksOf(min, max, step) };
    }
  }
  // Not reached for finite input: a step as large as the span always fits.
  return { min: lo, max: hi, step: span, ticks: [lo, hi] };
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

/** How the x axis's labels are laid out for one chart width: what UPlotChart gives uPlot. */
export interface XAxisLayout {
  /** The text under each tick (`tickTexts`). */
  readonly ticks: readonly string[];
  /** The axis's height (`xAxisSize`). */
  readonly size: number;
  /** 45 when the labels are turned, else 0. */
  readonly rotate: 0 | 45;
  /** Extra room left of the y axis (`xAxisLeftPad`), null for uPlot's own. */
  readonly leftPad: number | null;
}

/**
 * The x axis's layout in a chart `chartPx` wide (`plotWidth` of it decides level, wrapped or
 * turned). Computed again when the chart's width changes: labels laid out for 740 px stay on one
 * line at 360 px and overlap, running off the canvas.
 */
export function xAxisLayout(
  labels: readonly string[],
  chartPx: number,
  hasUnit = false,
  measure: MeasureText = estimateTextWidth,
): XAxisLayout {
  const plotPx = plotWidth(chartPx, hasUnit);
  return {
    ticks: tickTexts(labels, plotPx),
    size: xAxisSize(labels, plotPx, measure),
    rotate: turned(labels, plotPx) ? 45 : 0,
    leftPad: xAxisLeftPad(labels, plotPx, measure),
  };
}

/**
 * The layout for the new width `chartPx` when it differs from `current`, or null when it is the
 * same (most resizes: the chart is then only resized, its labels as they were).
 */
export function xAxisRelayout(
  current: XAxisLayout,
  labels: readonly string[],
  chartPx: number,
  hasUnit = false,
  measure: MeasureText = estimateTextWidth,
): XAxisLayout | null {
  const next = xAxisLayout(labels, chartPx, hasUnit, measure);
  const same =
    next.size === current.size &&
    next.rotate === current.rotate &&
    next.leftPad === current.leftPad &&
    next.ticks.length === current.ticks.length &&
    next.ticks.every((t, i) => t === current.ticks[i]);
  return same ? null : next;
}
