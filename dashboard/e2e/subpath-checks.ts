/**
 * The product under a reverse proxy's sub-path, as a city's intranet may mount it
 * (`https://intranet/asn/` → the API's `/`): every page renders its first figure, and no request of
 * the page leaves the sub-path (a deployment review of 2026-12-07 found the built page asking for
 * `/assets/…` and `/graphql` at the host's root, so under `/asn/` it showed its loading screen only).
 * The proxy is played by the browser's routing: a request under `/asn/` is fetched from the API
 * without the prefix, any other is refused and counted. `npx tsx dashboard/e2e/subpath-checks.ts`
 * (from the repo root) runs these alone (E2E_DIST_DIR: serve another build than dashboard/dist).
 */
import type { BrowserContext, Request } from 'playwright-core';
import { FIRST_CHART, LOAD_TIMEOUT, newContext, openPage, PAGES } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eSetup } from './env.ts';

/** A host no request reaches: the routing below answers for it. */
const ORIGIN = 'http://intranet.palangkaraya.test';
const PREFIX = '/asn/';

/**
 * Errors of a kept-alive connection the API closed as it was reused (its keep-alive timeout is 5 s):
 * the request never reached it. Playwright's fetch keeps connections alive and does not retry, so
 * the "proxy" retries these once, as nginx does for a request not yet sent (CI of 2026-12-07 lost
 * its whole e2e run to one unhandled ECONNRESET here).
 */
const STALE_CONNECTION = /ECONNRESET|EPIPE|socket hang up/;

function pageClosed(request: Request): boolean {
  try {
    return request.frame().page().isClosed();
  } catch {
    return true; // no frame any more
  }
}

/** What the routing below saw; checks assert both lists stay empty. */
interface Mount {
  /** Requests that left the prefix. */
  outside: string[];
  /** Requests the "proxy" could not fetch from the API, with why. */
  failed: string[];
}

/** Mounts the API under `PREFIX` of `ORIGIN` in `ctx`. */
async function mountUnderPrefix(ctx: BrowserContext, apiUrl: string): Promise<Mount> {
  const mount: Mount = { outside: [], failed: [] };
  await ctx.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.continue();
    if (!url.pathname.startsWith(PREFIX)) {
      mount.outside.push(`${route.request().method()} ${url.pathname}`);
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'intranet portal' });
    }
    const target = `${apiUrl}/${url.pathname.slice(PREFIX.length)}${url.search}`;
    for (let attempt = 1; ; attempt++) {
      let response: Awaited<ReturnType<typeof route.fetch>>;
      try {
        response = await route.fetch({ url: target });
      } catch (error) {
        // A page closed by its check while its last requests were on their way: nothing to answer.
        if (pageClosed(route.request())) return;
        const message = error instanceof Error ? error.message : String(error);
        if (attempt === 1 && STALE_CONNECTION.test(message)) continue;
        // Thrown from a route handler, this would end the whole e2e run (an unhandled rejection).
        mount.failed.push(`${route.request().method()} ${url.pathname}: ${message.split('\n')[0]}`);
        return route.abort('failed').catch(() => {});
      }
      return route.fulfill({ response }).catch(() => {});
    }
  });
  return mount;
}

export async function subpathChecks(checks: Checks, env: E2eSetup): Promise<void> {
  const { browser, server, urls, plannerToken } = env;
  // The planner token, so ROI, Kohort and Instansi render too.
  const ctx = await newContext(browser, 1280, plannerToken);
  try {
    const { outside, failed } = await mountUnderPrefix(ctx, server.url);

    await checks.run('under a proxy sub-path every page renders, no request leaves it', async () => {
      for (const id of PAGES) {
        const { page, errors } = await openPage(ctx);
        try {
          await page.goto(`${ORIGIN}${PREFIX}${urls[id]}`);
          await page.waitForSelector(FIRST_CHART, { timeout: LOAD_TIMEOUT });
          assert(outside.length === 0, `${id}: requests outside ${PREFIX}: ${outside.join(', ')}`);
          assert(failed.length === 0, `${id}: the proxy could not fetch: ${failed.join(' | ')}`);
          assert(errors.length === 0, `${id}: console errors: ${errors.join(' | ')}`);
        } finally {
          await page.close();
        }
      }
    });

    await checks.run(
      'under a proxy sub-path the file-drop templates are listed and linked inside it',
      async () => {
        const { page } = await openPage(ctx);
        try {
          await page.goto(`${ORIGIN}${PREFIX}${urls.kualitas}`);
          const links = page.locator('a[download][href*="templates/"]');
          await links.first().waitFor({ timeout: LOAD_TIMEOUT });
          // Typed structurally: the e2e files typecheck without the DOM library.
          const hrefs = await links.evaluateAll((as) =>
            as.map((a) => (a as unknown as { pathname: string }).pathname),
          );
          assert(hrefs.length > 0, 'no template links');
          const wrong = hrefs.filter((h) => !h.startsWith(`${PREFIX}templates/`));
          assert(wrong.length === 0, `template links outside ${PREFIX}: ${wrong.join(', ')}`);
          // Fetched by the page, so through the routing (the "proxy"), as a click on the link would be.
          const status = await page.evaluate(async (href) => (await fetch(href)).status, hrefs[0]!);
          assert(status === 200, `template ${hrefs[0]}: HTTP ${status}`);
          assert(outside.length === 0, `requests outside ${PREFIX}: ${outside.join(', ')}`);
          assert(failed.length === 0, `the proxy could not fetch: ${failed.join(' | ')}`);
        } finally {
          await page.close();
        }
      },
    );
  } finally {
    await ctx.close();
  }
}

// `npx tsx dashboard/e2e/subpath-checks.ts` (from the repo root): these checks alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { runAlone } = await import('./alone.ts');
  await runAlone('sub-path checks', subpathChecks);
}
