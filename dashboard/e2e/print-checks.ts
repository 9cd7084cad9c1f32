/**
 * Printing (policy makers print pages or save them as PDF): every page drawn at 1920 px, then laid
 * out as on A4 portrait with 10 mm margins. No chart and no table may reach past the printable
 * width (a chart drawn 1817 px wide was cut at the sheet's right edge, so were the scorecard, the
 * program portfolio and the joint model's table), and a chart is drawn for the paper, not a
 * screen's drawing shrunk until its axis texts are unreadable. After printing, a chart is drawn at
 * its box's width again.
 *
 * Printing lays the page out at the sheet's width without running the page's scripts: after
 * `beforeprint`, no ResizeObserver callback redraws a chart for the narrower layout. The check holds
 * those callbacks back (an init script wraps ResizeObserver) from `beforeprint` until `afterprint`,
 * then emulates print media at the printable width and measures. `page.pdf` fires the same events.
 *
 * Each page is then printed to PDF on A4 (`page.pdf`) and its sheets drawn small (`pdftoppm`,
 * poppler-utils): no sheet but the last may be left mostly blank. A card kept whole (`break-inside:
 * avoid`) but taller than a sheet was moved to the next sheet, leaving the ROI page's first sheet
 * with its title only; a card holding a table breaks between the table's rows instead.
 *
 * `printChecks(checks, env)` is one of `run.ts`'s modules; `npx tsx dashboard/e2e/print-checks.ts`
 * (from the repo root, same environment as `npm run test:e2e`: E2E_DATA_DIR, E2E_SCALE,
 * E2E_SKIP_BUILD, CHROMIUM_PATH) runs these checks alone and prints "N passed, M failed".
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { newContext, openPage, type PageId, timeFirstChart } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eSetup } from './env.ts';
import { settle } from './helpers.ts';

/** A4 portrait (210 mm) less 10 mm margins on each side, at 96 px per inch. */
export const PRINTABLE_WIDTH = Math.floor(((210 - 2 * 10) / 25.4) * 96);
/** The screen width the pages are drawn at first: the widest charts (1817 px across a wide card). */
const SCREEN_WIDTH = 1920;
/**
 * Least ratio of a chart's printed width to the width it was drawn at: below it the 11 px axis
 * texts print under 10 px (a chart drawn at 1817 px and scaled to fit A4 would be at 0.36).
 */
const MIN_PRINT_SCALE = 0.9;
/** Pages with the widest charts (wide cards: per agency, over time) and the widest tables. */
const PRINT_PAGES: readonly PageId[] = ['partisipasi', 'layanan', 'kohort', 'roi', 'instansi', 'kualitas'];

/**
 * Least share of a sheet's height printed on, on every sheet but the last. A card kept whole moves
 * to the next sheet when it does not fit, so a sheet may end early, but not two thirds empty (the
 * ROI page's first sheet, its title only, was printed on to 0.17 of its height).
 */
const MIN_SHEET_USE = 1 / 3;
/** Resolution the sheets are drawn at to find their last printed row (an A4 sheet 165 × 234 px). */
const SHEET_DPI = 20;
/** A pixel darker than this is printed on (white is 255; text drawn this small is grey). */
const INK = 224;

const run = promisify(execFile);

/**
 * How far down each sheet of `pdf` is printed on, as a share of the sheet's height, and the first
 * sheet's text.
 */
async function readSheets(pdf: Buffer): Promise<{ use: number[]; firstText: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'print-checks-'));
  try {
    const file = join(dir, 'page.pdf');
    await writeFile(file, pdf);
    await run('pdftoppm', ['-r', String(SHEET_DPI), '-gray', file, join(dir, 'sheet')]);
    // sheet-1.pgm … (sheet-01.pgm … with ten or more sheets): the names sort in sheet order.
    const sheets = (await readdir(dir)).filter((f) => f.endsWith('.pgm')).sort();
    const use: number[] = [];
    for (const name of sheets) {
      const pgm = await readFile(join(dir, name));
      const head = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(pgm.toString('latin1', 0, 32));
      assert(head, `${name} is not a binary PGM`);
      const [width, height] = [Number(head[1]), Number(head[2])];
      const pixels = pgm.subarray(head[0].length);
      let last = 0;
      for (let y = 0; y < height; y++)
        if (pixels.subarray(y * width, (y + 1) * width).some((v) => v < INK)) last = y + 1;
      use.push(last / height);
    }
    const { stdout } = await run('pdftotext', ['-f', '1', '-l', '1', file, '-']);
    return { use, firstText: stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Wraps ResizeObserver so that its callbacks are dropped between `beforeprint` and `afterprint`. */
function holdResizeWhilePrinting(): void {
  type Held = { __printing?: boolean };
  const w = window as unknown as Held;
  window.addEventListener('beforeprint', () => {
    w.__printing = true;
  });
  // Registered before the app's listeners: the app redraws its charts while the callbacks are held.
  window.addEventListener('afterprint', () => {
    w.__printing = false;
  });
  const Native = window.ResizeObserver;
  window.ResizeObserver = class extends Native {
    constructor(callback: ResizeObserverCallback) {
      super((entries, observer) => {
        if (!w.__printing) callback(entries, observer);
      });
    }
  };
}

interface Overflow {
  readonly what: string;
  readonly right: number;
  readonly width: number;
}

/** Charts and tables reaching past `limit` (or, a chart, past its own box), and charts scaled below `minScale`. */
async function printOverflows(page: Page, limit: number, minScale: number) {
  return page.evaluate(
    ({ limit, minScale }) => {
      // No helper functions in here: tsx names them with a `__name` the page does not have.
      const overflows: Overflow[] = [];
      const shrunk: string[] = [];
      const titles = new Map<Element, string>();
      for (const el of Array.from(document.querySelectorAll('.uplot-host, .data-table, svg')))
        titles.set(el, el.closest('section')?.querySelector('h2, h3')?.textContent?.trim() ?? '(no title)');
      for (const host of Array.from(document.querySelectorAll('.uplot-host'))) {
        const box = host.getBoundingClientRect();
        for (const part of Array.from(host.querySelectorAll('.uplot, canvas'))) {
          const r = part.getBoundingClientRect();
          if (r.right > Math.min(limit, box.right) + 0.5)
            overflows.push({
              what: `${part.tagName === 'CANVAS' ? 'chart' : 'chart legend'} "${titles.get(host)}"`,
              right: Math.round(r.right),
              width: Math.round(r.width),
            });
        }
        const canvas = host.querySelector('canvas');
        if (canvas) {
          const scale = canvas.getBoundingClientRect().width / (canvas.width / devicePixelRatio);
          if (scale < minScale) shrunk.push(`"${titles.get(host)}" at ${scale.toFixed(2)}`);
        }
      }
      for (const el of Array.from(document.querySelectorAll('.data-table, svg'))) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > limit + 0.5)
          overflows.push({
            what: `${el.tagName === 'TABLE' ? 'table' : 'figure'} "${titles.get(el)}"`,
            right: Math.round(r.right),
            width: Math.round(r.width),
          });
      }
      return { overflows, shrunk, charts: document.querySelectorAll('.uplot-host canvas').length };
    },
    { limit, minScale },
  );
}

/** Charts whose drawing is not as wide as their box (± 1 px). */
async function chartsNotFitted(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.uplot-host'))
      .map((host) => {
        const canvas = host.querySelector('canvas');
        const drawn = canvas ? canvas.width / devicePixelRatio : 0;
        return Math.abs(drawn - host.clientWidth) > 1
          ? `${Math.round(drawn)} px in ${host.clientWidth} px`
          : '';
      })
      .filter(Boolean),
  );
}

export async function printChecks(checks: Checks, env: E2eSetup): Promise<void> {
  const { browser, plannerToken, server, urls } = env;
  const ctx: BrowserContext = await newContext(browser, SCREEN_WIDTH, plannerToken);
  await ctx.addInitScript(holdResizeWhilePrinting);
  try {
    for (const id of PRINT_PAGES) {
      let page: Page | undefined;
      await checks.run(
        `${id}: drawn at ${SCREEN_WIDTH} px, printed on A4 portrait every chart and table fits`,
        async () => {
          page = (await openPage(ctx)).page;
          await timeFirstChart(page, `${server.url}/${urls[id]}`);
          await settle(page);
          const screenWidth = await page.evaluate(() => document.querySelector('main')?.clientWidth ?? 0);
          await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
          await page.emulateMedia({ media: 'print' });
          await page.setViewportSize({ width: PRINTABLE_WIDTH, height: 1000 });
          await page.waitForTimeout(300);
          const { overflows, shrunk, charts } = await printOverflows(page, PRINTABLE_WIDTH, MIN_PRINT_SCALE);
          assert(charts > 0 || id === 'kualitas', `no chart drawn on ${id}`);
          assert(
            overflows.length === 0,
            `past the printable width (${PRINTABLE_WIDTH} px; drawn at ${screenWidth} px): ${overflows
              .map((o) => `${o.what} right ${o.right} px, ${o.width} px wide`)
              .join('; ')}`,
          );
          assert(shrunk.length === 0, `charts scaled below ${MIN_PRINT_SCALE} to fit: ${shrunk.join('; ')}`);
          // Back on the screen: `afterprint` alone (the observer saw no change) draws each chart at its box's width.
          await page.setViewportSize({ width: SCREEN_WIDTH, height: 900 });
          await page.emulateMedia({ media: 'screen' });
          await page.waitForTimeout(300);
          await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
          await page.waitForTimeout(300);
          const unfitted = await chartsNotFitted(page);
          assert(
            unfitted.length === 0,
            `after printing, charts not at their box's width: ${unfitted.join('; ')}`,
          );
        },
      );
      await checks.run(`${id}: printed to PDF on A4, no sheet but the last left mostly blank`, async () => {
        assert(page, `${id} did not open`);
        // The first card's heading (a tile's label): on the first sheet, under the page's title.
        const first = await page.evaluate(
          () => document.querySelector('main .card')?.querySelector('h2, h3, .kpi-label')?.textContent ?? '',
        );
        // Emulated screen media (the check above leaves it) would print the screen's layout.
        await page.emulateMedia({ media: 'print' });
        const pdf = await page.pdf({
          format: 'A4',
          margin: { top: '10mm', right: '10mm', bottom: '10mm', left: '10mm' },
        });
        const { use, firstText } = await readSheets(pdf);
        const problems = use
          .slice(0, -1)
          .map((u, i) =>
            u < MIN_SHEET_USE
              ? `sheet ${i + 1} of ${use.length} printed on to ${u.toFixed(2)} of its height`
              : '',
          )
          .filter(Boolean);
        const squeeze = (text: string) => text.replace(/\s+/g, '');
        assert(first.trim() !== '', `no card heading on ${id}`);
        if (!squeeze(firstText).includes(squeeze(first)))
          problems.push(`the first card ("${first.trim()}") does not start on the first sheet`);
        assert(
          problems.length === 0,
          `${problems.join('; ')} (each sheet: ${use.map((u) => u.toFixed(2)).join(' ')})`,
        );
      });
      await page?.close();
    }
  } finally {
    await ctx.close();
  }
}

// `npx tsx dashboard/e2e/print-checks.ts` (from the repo root): these checks alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { runAlone } = await import('./alone.ts');
  await runAlone('print checks', printChecks);
}
