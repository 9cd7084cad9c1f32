/**
 * Every page at every width, run first by `run.ts`: time to first chart, a screenshot, and no
 * console errors, no error states, no horizontal scroll.
 */
import { newContext, openPage, PAGES, timeFirstChart, WIDTHS } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eSetup } from './env.ts';
import { settle, shownSnapshotId } from './helpers.ts';

export interface PageTimings {
  /** Navigation start → first chart drawn (ms), per page per width. */
  readonly renderMs: Record<string, Record<string, number>>;
  /** The snapshot id the first page showed. */
  readonly snapshotId: string;
}

/** Each page at 360 and 1920 px, in its own context per width; screenshots go to `shotsDir`. */
export async function pageChecks(checks: Checks, env: E2eSetup, shotsDir: string): Promise<PageTimings> {
  const { browser, plannerToken, server, urls } = env;
  const renderMs: Record<string, Record<string, number>> = {};
  let snapshotId = '';
  for (const width of WIDTHS) {
    const ctx = await newContext(browser, width, plannerToken);
    for (const id of PAGES) {
      await checks.run(`${id} @${width}px loads without errors`, async () => {
        const { page, errors } = await openPage(ctx);
        const firstChart = await timeFirstChart(page, `${server.url}/${urls[id]}`);
        renderMs[id] = { ...renderMs[id], [`${width}`]: firstChart };
        await settle(page);
        snapshotId ||= await shownSnapshotId(page);
        await page.screenshot({ path: `${shotsDir}${id}-${width}.png`, fullPage: true });
        const alerts = await page.locator('.state-error, .state-forbidden').allTextContents();
        assert(alerts.length === 0, `error states on the page: ${alerts.join(' | ')}`);
        assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        assert(scroll <= width, `horizontal scroll: page is ${scroll}px wide at ${width}px`);
        await page.close();
      });
    }
    await ctx.close();
  }
  return { renderMs, snapshotId };
}
