/**
 * The browser side shared by `npm run test:e2e` (run.ts) and `npm run bench` (first-chart timings):
 * launching Debian's Chromium through playwright-core, the dashboard's pages and their URLs, and the
 * "first chart rendered" measurement.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export const PAGES = [
  'ringkasan',
  'partisipasi',
  'layanan',
  'kohort',
  'roi',
  'instansi',
  'kualitas',
] as const;
export type PageId = (typeof PAGES)[number];
export const WIDTHS = [360, 1920] as const;
/** What counts as "first chart rendered": a drawn uPlot canvas, or a data table for table-only pages. */
export const FIRST_CHART = '.uplot-host[data-chart-ready], .card-body .data-table, [data-scorecard]';
export const LOAD_TIMEOUT = 90_000;
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium with the flags this machine needs (no sandbox, no GPU, no network chatter). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** A browser context at `width` px whose session carries `token` (how the dashboard keeps it). */
export async function newContext(browser: Browser, width: number, token: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  // Typed structurally: the bench typechecks this file without the DOM library.
  type SessionWindow = { sessionStorage: { setItem(key: string, value: string): void } };
  await ctx.addInitScript(
    (t) => (globalThis as unknown as SessionWindow).sessionStorage.setItem('asn.token', t),
    token,
  );
  return ctx;
}

/** A new page that collects console errors and uncaught exceptions. */
export async function openPage(ctx: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/** Agency codes, read through the API as any client would. */
export async function gqlAgencies(url: string): Promise<string[]> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ agencies { code } }' }),
  });
  const body = (await res.json()) as { data?: { agencies: { code: string }[] } };
  return body.data?.agencies.map((a) => a.code) ?? [];
}

/** Each page's URL; analysis pages get a shared-link state so they render a chart on load. */
export function pageUrls(agencies: readonly string[]): Record<PageId, string> {
  const two = agencies.slice(0, 2).join(',');
  return {
    ringkasan: '',
    partisipasi: '?page=partisipasi',
    layanan: '?page=layanan',
    kohort: '?page=kohort&ck=program&cv=PLY-PRIMA&cfrom=2023-01-01&cto=2023-12-31&cout=service_days',
    roi: '?page=roi',
    instansi: `?page=instansi&cmp=${encodeURIComponent(two)}`,
    kualitas: '?page=kualitas',
  };
}

/**
 * Navigates `page` to `url` and returns milliseconds from navigation start to the first chart drawn:
 * the app's `asn:first-chart` performance mark, or, on pages whose first figure is a table, the wall
 * time seen from here until the table appears.
 */
export async function timeFirstChart(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  await page.waitForSelector(FIRST_CHART, { timeout: LOAD_TIMEOUT });
  const mark = await page.evaluate(
    () => performance.getEntriesByName('asn:first-chart')[0]?.startTime ?? null,
  );
  return Math.round(mark ?? Date.now() - started);
}

export interface FirstChartTimings {
  /** ms per page per width; the first width runs first, against a cold API response cache. */
  readonly ms: Record<PageId, Record<string, number>>;
  /** Console errors seen per page (should be none). */
  readonly errors: readonly string[];
}

/**
 * Time to first chart for every page at every width, on a dashboard served at `serverUrl` (the
 * bench's measurement; the e2e suite takes the same timing inside its page checks).
 */
export async function measureFirstChart(serverUrl: string, token: string): Promise<FirstChartTimings> {
  const browser = await launchChromium();
  const ms = {} as Record<PageId, Record<string, number>>;
  const errors: string[] = [];
  try {
    const urls = pageUrls(await gqlAgencies(serverUrl));
    for (const width of WIDTHS) {
      const ctx = await newContext(browser, width, token);
      for (const id of PAGES) {
        const { page, errors: pageErrors } = await openPage(ctx);
        ms[id] = { ...ms[id], [`${width}`]: await timeFirstChart(page, `${serverUrl}/${urls[id]}`) };
        errors.push(...pageErrors.map((e) => `${id}@${width}: ${e}`));
        await page.close();
      }
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  return { ms, errors };
}
