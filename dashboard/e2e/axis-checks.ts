/**
 * Checks of the chart axes' texts as drawn on the canvas, run by `run.ts`: uPlot writes tick labels
 * with `fillText`, which no DOM query sees, so a page here records every text drawn (its box on the
 * canvas, after the context's transform) and the check reads those back.
 */
import type { Browser, Page } from 'playwright-core';
import { LOAD_TIMEOUT, newContext, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';

/** A text drawn on a chart's canvas, its box in canvas pixels. */
export interface DrawnText {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** Records each canvas's texts on the canvas element (`__texts`), from its last full clear on. */
function recordCanvasTexts(): void {
  type Recorded = HTMLCanvasElement & { __texts?: DrawnText[] };
  const proto = CanvasRenderingContext2D.prototype;
  const fillText = proto.fillText;
  const clearRect = proto.clearRect;
  proto.clearRect = function (x, y, w, h) {
    const canvas = this.canvas as Recorded;
    if (x <= 0 && y <= 0 && w >= canvas.width && h >= canvas.height) canvas.__texts = [];
    clearRect.call(this, x, y, w, h);
  };
  proto.fillText = function (text, x, y, maxWidth) {
    const m = this.measureText(text);
    const t = this.getTransform();
    const corners = [
      [-m.actualBoundingBoxLeft, -m.actualBoundingBoxAscent],
      [m.actualBoundingBoxRight, -m.actualBoundingBoxAscent],
      [-m.actualBoundingBoxLeft, m.actualBoundingBoxDescent],
      [m.actualBoundingBoxRight, m.actualBoundingBoxDescent],
    ].map(([dx, dy]) => [t.a * (x + dx!) + t.c * (y + dy!) + t.e, t.b * (x + dx!) + t.d * (y + dy!) + t.f]);
    const xs = corners.map((c) => c[0]!);
    const ys = corners.map((c) => c[1]!);
    const canvas = this.canvas as Recorded;
    canvas.__texts ??= [];
    canvas.__texts.push({
      text: String(text),
      x0: Math.min(...xs),
      x1: Math.max(...xs),
      y0: Math.min(...ys),
      y1: Math.max(...ys),
    });
    if (maxWidth === undefined) fillText.call(this, text, x, y);
    else fillText.call(this, text, x, y, maxWidth);
  };
}

/** The texts drawn below the plot of the chart in `host` (its x axis), and the canvas's size. */
async function xAxisTexts(page: Page, host: string) {
  return page.locator(host).evaluate((el) => {
    const canvas = el.querySelector('canvas') as (HTMLCanvasElement & { __texts?: DrawnText[] }) | null;
    const over = el.querySelector('.u-over');
    if (!canvas || !over) return null;
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const plotBottom = (over.getBoundingClientRect().bottom - canvas.getBoundingClientRect().top) * ratio;
    return {
      width: canvas.width,
      height: canvas.height,
      texts: (canvas.__texts ?? []).filter((t) => t.y0 >= plotBottom),
    };
  });
}

/** Boxes `a` and `b` overlap (touching is not overlapping). */
const overlap = (a: DrawnText, b: DrawnText) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export async function axisChecks(
  checks: Checks,
  browser: Browser,
  url: string,
  token: string,
): Promise<void> {
  await checks.run(
    "Kohort at 360 px: the before/after chart's x-axis labels are written whole, inside the canvas, without overlapping; one line each at 1280 px",
    async () => {
      for (const width of [360, 1280]) {
        const ctx = await newContext(browser, width, token);
        try {
          await ctx.addInitScript(recordCanvasTexts);
          const { page, errors } = await openPage(ctx);
          await page.goto(
            `${url}/?page=kohort&ck=program&cv=PLY-PRIMA&cfrom=2023-01-01&cto=2023-12-31&cout=service_days`,
          );
          const card = page.locator('section.chart-card', { hasText: /Sebelum dan sesudah/ });
          const host = 'section.chart-card .uplot-host[data-chart-ready]';
          await page.locator(host).first().waitFor({ timeout: LOAD_TIMEOUT });
          // Let a resize's redraw settle: the recorded texts are the last draw's.
          await page.waitForTimeout(500);
          const drawn = await xAxisTexts(page, `${host} >> nth=0`);
          assert(drawn && drawn.texts.length > 0, `@${width}: no x-axis labels drawn`);
          // The windows as the table view names them ("Sebelum (1 Jan 2022 – 31 Des 2022)").
          await card.getByRole('button', { name: /^Tampilkan tabel/ }).click();
          const windows = (await card.locator('table tbody tr > :first-child').allTextContents()).map((s) =>
            s.trim(),
          );
          assert(windows.length === 2, `@${width}: table windows ${JSON.stringify(windows)}`);
          const lines = drawn.texts.map((t) => t.text);
          for (const t of drawn.texts) {
            assert(
              t.x0 >= 0 && t.x1 <= drawn.width && t.y1 <= drawn.height,
              `@${width}: "${t.text}" reaches past the ${drawn.width}×${drawn.height} canvas: ${JSON.stringify(t)}`,
            );
            assert(!t.text.includes('…'), `@${width}: label cut: "${t.text}" (drawn: ${lines.join(' | ')})`);
          }
          drawn.texts.forEach((a, i) => {
            for (const b of drawn.texts.slice(i + 1))
              assert(!overlap(a, b), `@${width}: "${a.text}" overlaps "${b.text}"`);
          });
          // Every word of both windows is on the axis, in order (on one line each, or wrapped).
          assert(
            lines.join(' ') === windows.join(' '),
            `@${width}: axis reads ${JSON.stringify(lines)}, the windows are ${JSON.stringify(windows)}`,
          );
          if (width >= 1280)
            assert(lines.length === 2, `@${width}: labels wrapped: ${JSON.stringify(lines)}`);
          assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
          await page.close();
        } finally {
          await ctx.close();
        }
      }
    },
  );
}
