import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useLang } from '../i18n/LangContext.tsx';
import type { Translate } from '../i18n/translate.ts';
import {
  estimateTextWidth,
  type MeasureText,
  maxIntervalsFor,
  SCALE_BOUNDS,
  X_LINE_GAP,
  type XAxisLayout,
  xAxisLayout,
  xAxisRelayout,
  Y_UNIT_PX,
  type YScale,
  yAxisSize,
  yScale,
  yTickTexts,
} from './axis-labels.ts';
import { legendSwatch, patternTile } from './bar-patterns.ts';
import { hoverTip } from './hover-tip.ts';
import { colorAt, DASHES, patternAt } from './palette.ts';
import type { ValueKind } from './value-kind.ts';

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  /** Per point: hidden by disclosure control; a bar's slot is then drawn hatched, not left empty. */
  readonly hidden?: readonly boolean[];
}

export interface UPlotChartProps {
  readonly kind: 'line' | 'bar';
  /** Category or period labels; x positions are their indices, so gaps stay evenly spaced. */
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly yKind: ValueKind;
  /** The values' unit, written along the y axis; none when the title says it. */
  readonly yUnit?: string | undefined;
  readonly height?: number;
  /** Accessible name of the canvas; the table view carries the data itself. */
  readonly ariaLabel: string;
}

const GROUP_WIDTH = 0.8;
/**
 * The widest a chart is drawn for paper: a card's chart box on A4 portrait with 10 mm margins is
 * 655 px (718 px less the page's and the card's padding), on Letter 676 px.
 */
const PRINT_WIDTH = 640;
/** The axes' font; turned x labels are measured in it (`axisTextMeasure`). */
const AXIS_FONT = '11px system-ui, sans-serif';

/**
 * Widths of texts in the axis font, measured on a canvas so a turned label's height is the one
 * drawn; the estimate from its characters where no canvas context can be had.
 */
function axisTextMeasure(): MeasureText {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return estimateTextWidth;
  ctx.font = AXIS_FONT;
  return (text) => ctx.measureText(text).width;
}

/**
 * A thin React wrapper over uPlot. The canvas is rebuilt when the data changes (charts here have
 * tens of points, so that is cheaper than diffing), resized with its container so it fits a 360 px
 * phone, and flagged `data-chart-ready` after its first draw for the e2e render-time probe.
 */
export function UPlotChart({ kind, labels, series, yKind, yUnit, height = 260, ariaLabel }: UPlotChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const { lang, t } = useLang();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const xs = labels.map((_, i) => i);
    const m = series.length;
    const barWidth = GROUP_WIDTH / Math.max(1, m);
    const width = Math.max(200, el.clientWidth);
    // The plot's width decides whether the labels fit level, wrapped or turned: the canvas less the
    // y axis, its unit label and uPlot's right padding (at 360 px the Kohort chart's plot is 190 px of
    // 297, not 233: labels sized to the larger width did not fit). Laid out again when the width
    // changes (`xAxisRelayout`); the axis's options below read the current layout.
    const measure = axisTextMeasure();
    let layout: XAxisLayout = xAxisLayout(labels, width, Boolean(yUnit), measure);
    const tickLabel = (i: number) => (Number.isInteger(i) ? (layout.ticks[i] ?? '') : '');
    // The y axis's range and ticks come from one `yScale` (nice ticks, the top one above the data);
    // the range function runs first in each redraw, the axis then writes those ticks.
    const intervalsFor = (l: XAxisLayout) => maxIntervalsFor(height - l.size - (m > 1 ? 30 : 0));
    let maxIntervals = intervalsFor(layout);
    let scale: YScale = yScale(null, null, yKind, maxIntervals);
    // The hovered point's values, in uPlot's overlay. Hidden from screen readers: the card's table
    // view carries every value, and is their path.
    const tip = document.createElement('div');
    tip.className = 'chart-tip';
    tip.hidden = true;
    tip.setAttribute('aria-hidden', 'true');
    tip.dataset.chartTip = '';
    // Bar series after the first are filled with a pattern over their colour (colour alone told
    // grouped bars apart: WCAG 1.4.1), their legend swatch with the same tile.
    const tiles =
      kind === 'bar' ? series.map((_, i) => patternTile(patternAt(i), colorAt(i), uPlot.pxRatio)) : [];
    const swatches = tiles.map((tile, i) => legendSwatch(tile, colorAt(i)));
    const opts: uPlot.Options = {
      width,
      height,
      legend: {
        show: m > 1,
        live: false,
        ...(kind === 'bar' ? { markers: { fill: (_u: uPlot, si: number) => swatches[si - 1] ?? '' } } : {}),
      },
      // The left side has the y axis, so uPlot's own padding there is 0.
      padding: [null, null, null, () => layout.leftPad ?? 0],
      // Hovering shows the point's values in a tip (`hoverTip`); bars get no crosshair.
      cursor: {
        show: true,
        x: kind === 'line',
        y: false,
        drag: { x: false, y: false },
        points: { show: kind === 'line', size: 6 },
      },
      scales: {
        x: { time: false, range: () => [-0.5, Math.max(0.5, labels.length - 0.5)] },
        y: {
          range: (_u, min, max) => {
            scale = yScale(min, max, yKind, maxIntervals);
            return [scale.min, scale.max];
          },
        },
      },
      axes: [
        {
          values: (_u, splits) => splits.map(tickLabel),
          splits: () => xs,
          rotate: () => layout.rotate,
          size: () => layout.size,
          // Lines of a wrapped label (`tickTexts`), closer than uPlot's 1.5 × the font.
          lineGap: X_LINE_GAP,
          font: AXIS_FONT,
        },
        {
          splits: () => [...scale.ticks],
          // Each tick with the decimals its step needs (0,5 steps read 0,5, whole steps 10, not 10,0).
          values: (_u, splits) => yTickTexts(yKind, splits, scale.step, lang),
          size: (_u, values) => yAxisSize(values),
          font: AXIS_FONT,
          grid: { stroke: '#e5e7eb' },
          // The unit along the axis, when the chart has one (Kohort: hari per permohonan, poin SKP).
          ...(yUnit ? { label: yUnit, labelSize: Y_UNIT_PX, labelGap: 2, labelFont: AXIS_FONT } : {}),
        },
      ],
      series: [
        {},
        ...series.map((s, i): uPlot.Series => {
          const color = colorAt(i);
          if (kind === 'line') {
            return {
              label: s.label,
              stroke: color,
              width: 2,
              dash: DASHES[i % DASHES.length],
              points: { show: true, size: 5 },
            };
          }
          const tile = tiles[i] ?? null;
          let pattern: CanvasPattern | null = null;
          return {
            label: s.label,
            stroke: color,
            // The pattern is made on the plot's own context, once; its colour where none can be.
            fill: tile
              ? (u) => {
                  pattern ??= u.ctx.createPattern(tile, 'repeat');
                  return pattern ?? color;
                }
              : color,
            // An edge in the colour: a patterned bar's outline is not broken by its white marks.
            width: 1,
            points: { show: false },
            // Bars of a bounded scale grow from its bottom (a rating from 1), others from 0.
            fillTo: SCALE_BOUNDS[yKind]?.[0] ?? 0,
            paths: uPlot.paths.bars!({
              align: 1,
              disp: {
                x0: {
                  unit: 1,
                  values: (u) => (u.data[0] as number[]).map((x) => x - GROUP_WIDTH / 2 + i * barWidth),
                },
                size: { unit: 1, values: (u) => (u.data[0] as number[]).map(() => barWidth * 0.92) },
              },
            }),
          };
        }),
      ],
      hooks: {
        setCursor: [
          (u) => showTip(u, tip, hoverTip(labels, series, u.cursor.idx, yKind, lang, t('chart.suppressed'))),
        ],
        draw: [
          (u) => {
            if (kind === 'bar') drawHiddenBars(u, series, barWidth, t);
            el.dataset.chartReady = 'true';
            // The y axis's top, for the e2e (a share's axis stops at 100 %).
            el.dataset.yMax = String(scale.max);
            // Navigation start → first chart drawn, read by the e2e run (and visible in DevTools).
            if (performance.getEntriesByName('asn:first-chart').length === 0)
              performance.mark('asn:first-chart');
          },
        ],
      },
    };
    const data = [xs, ...series.map((s) => [...s.values])] as uPlot.AlignedData;
    const plot = new uPlot(opts, data, el);
    plot.over.appendChild(tip);
    plot.root.querySelector('canvas')?.setAttribute('aria-hidden', 'true');
    // The legend is a <table> uPlot draws: inside role="img" it was read as an unnamed table. The
    // card's table view says the same, so it is kept out of the accessibility tree.
    plot.root.querySelector('.u-legend')?.setAttribute('aria-hidden', 'true');
    const resizeTo = (width: number) => {
      if (Math.abs(width - plot.width) <= 1) return;
      const next = xAxisRelayout(layout, labels, width, Boolean(yUnit), measure);
      if (next) layout = next;
      // setSize lays the axes out again, reading the new label texts, height, turn and padding.
      plot.setSize({ width, height });
      const intervals = intervalsFor(layout);
      if (intervals !== maxIntervals) {
        // A taller x axis leaves fewer y ticks room: the y range is computed again from the data.
        maxIntervals = intervals;
        plot.setData(plot.data);
      }
    };
    const observer = new ResizeObserver(() => resizeTo(Math.max(200, el.clientWidth)));
    observer.observe(el);
    // Printing lays the page out at the sheet's width without calling the observer: a chart drawn
    // wider than a sheet (1817 px at 1920) was cut at its right edge. It is drawn again at most
    // PRINT_WIDTH wide before printing (its labels laid out for that width) and at its box's width
    // after; the print stylesheet scales it down to a narrower sheet.
    const beforePrint = () => resizeTo(Math.min(PRINT_WIDTH, Math.max(200, el.clientWidth)));
    const afterPrint = () => resizeTo(Math.max(200, el.clientWidth));
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      plot.destroy();
    };
  }, [kind, labels, series, yKind, yUnit, height, lang, t]);

  return <div ref={host} className="uplot-host" role="img" aria-label={ariaLabel} />;
}

/** Writes the tip next to the cursor (flipped left near the right edge), or hides it. */
function showTip(u: uPlot, tip: HTMLDivElement, content: ReturnType<typeof hoverTip>) {
  const left = u.cursor.left ?? -1;
  if (!content || left < 0) {
    tip.hidden = true;
    return;
  }
  tip.replaceChildren();
  const title = document.createElement('strong');
  title.textContent = content.title;
  tip.append(title);
  for (const line of content.lines) {
    const row = document.createElement('div');
    row.textContent = line;
    tip.append(row);
  }
  tip.hidden = false;
  const width = u.over.clientWidth;
  const x = left + 12 + tip.offsetWidth > width ? Math.max(0, left - 12 - tip.offsetWidth) : left + 12;
  tip.style.left = `${x}px`;
  tip.style.top = `${Math.max(0, Math.min((u.cursor.top ?? 0) + 12, u.over.clientHeight - tip.offsetHeight))}px`;
}

/**
 * A bar hidden by disclosure control: its slot hatched in grey over the plot's height, with
 * "dirahasiakan" written up it when the slot is wide enough, so it does not read as 0 % or missing.
 */
function drawHiddenBars(u: uPlot, series: readonly ChartSeries[], barWidth: number, t: Translate) {
  const { ctx } = u;
  const { top, height } = u.bbox;
  const ratio = uPlot.pxRatio;
  ctx.save();
  series.forEach((s, i) => {
    s.hidden?.forEach((hidden, idx) => {
      if (!hidden) return;
      const start = idx - GROUP_WIDTH / 2 + i * barWidth;
      const x0 = u.valToPos(start, 'x', true);
      const x1 = u.valToPos(start + barWidth * 0.92, 'x', true);
      const w = Math.max(1, x1 - x0);
      ctx.save();
      ctx.beginPath();
      ctx.rect(x0, top, w, height);
      ctx.clip();
      ctx.fillStyle = 'rgba(148, 163, 184, 0.12)';
      ctx.fillRect(x0, top, w, height);
      ctx.strokeStyle = 'rgba(100, 116, 139, 0.55)';
      ctx.lineWidth = ratio;
      ctx.beginPath();
      for (let d = -height; d < w; d += 6 * ratio) {
        ctx.moveTo(x0 + d, top + height);
        ctx.lineTo(x0 + d + height, top);
      }
      ctx.stroke();
      if (w >= 12 * ratio) {
        ctx.translate(x0 + w / 2, top + height - 4 * ratio);
        ctx.rotate(-Math.PI / 2);
        ctx.font = `${10 * ratio}px system-ui, sans-serif`;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        // uPlot leaves its axes' alignment set: the text runs up from the slot's foot, on a light ground.
        const text = t('chart.suppressed');
        const tw = ctx.measureText(text).width;
        ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
        ctx.fillRect(-2 * ratio, -6 * ratio, tw + 4 * ratio, 12 * ratio);
        ctx.fillStyle = '#334155';
        ctx.fillText(text, 0, 0);
      }
      ctx.restore();
    });
  });
  ctx.restore();
}
