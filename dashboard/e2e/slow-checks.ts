/**
 * A slow or stalled data service, played by routing `/graphql` in the browser: a request accepted and
 * never answered (a hung proxy or connection) and the server's own timeout (HTTP 504,
 * OPERATION_TIMEOUT) on every card. The page must say it is slow, give up, and say so once with one
 * "Coba lagi semua" (it showed "Memuat data…" for good, or eleven bare "Data tidak dapat dimuat." and
 * "Data dimuat.": slow-link review). The client's timeouts are shortened through
 * `window.__dashboardTimeouts` so that these checks need not wait 100 s. Run in the 1280 px planner
 * context; `npx tsx dashboard/e2e/slow-checks.ts` (from the repo root) runs these alone.
 */
import type { Page, Route } from 'playwright-core';
import { LOAD_TIMEOUT, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';

/** The shortened timeouts: the slow note well before the request gives up. */
const SLOW_NOTE_MS = 1_500;
const REQUEST_MS = 5_000;

/** Shortens the page's timeouts (a string: tsx's keepNames would add calls the page lacks). */
async function shortTimeouts(page: Page): Promise<void> {
  await page.addInitScript(
    `window.__dashboardTimeouts = { requestMs: ${REQUEST_MS}, slowNoteMs: ${SLOW_NOTE_MS} };`,
  );
}

/** What the page shows about its data: spinners, notes, alerts, retries and its status. */
const pageState = (page: Page) =>
  page.evaluate(() => ({
    loading: document.querySelectorAll('[data-loading]').length,
    slowNotes: document.querySelectorAll('[data-slow-note]').length,
    serviceAlert: document.querySelector('[data-service-alert]')?.textContent ?? null,
    retryAll: document.querySelectorAll('[data-retry-all]').length,
    alerts: document.querySelectorAll('main [role="alert"]').length,
    errorCards: document.querySelectorAll('.state-error').length,
    errorText: document.querySelector('.state-error')?.textContent ?? null,
    status: document.querySelector('[data-page-status]')?.textContent ?? null,
    phase: document.querySelector('[data-page-status]')?.getAttribute('data-page-status') ?? null,
    yearOptions: document.querySelectorAll('select[name="toYear"] option').length,
  }));

/** Waits until the page has answered: its status done, no card loading, a chart or table shown. */
async function loaded(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('[data-page-status="done"]') &&
      !document.querySelector('[data-loading]') &&
      document.querySelector('.uplot-host[data-chart-ready], .card-body .data-table'),
    undefined,
    { timeout: LOAD_TIMEOUT, polling: 100 },
  );
}

export async function slowChecks(checks: Checks, env: E2eEnv): Promise<void> {
  const { ctx, server } = env;

  await checks.run(
    'a request never answered: "still loading" after a while, then one alert with "Coba lagi semua" that loads the page',
    async () => {
      const { page } = await openPage(ctx);
      await shortTimeouts(page);
      let hang = true;
      await page.route('**/graphql', async (route: Route) => {
        // Accepted and never answered, as behind a stalled proxy.
        if (hang) return;
        await route.continue().catch(() => undefined);
      });
      const started = Date.now();
      await page.goto(`${server.url}/?page=partisipasi`);
      await page
        .locator('[data-slow-note]')
        .first()
        .waitFor({ timeout: REQUEST_MS - 1_000 });
      const slow = await pageState(page);
      assert(slow.loading > 0, `no card loading while the requests hang: ${JSON.stringify(slow)}`);
      assert(slow.slowNotes === slow.loading, `not every spinner says it is slow: ${JSON.stringify(slow)}`);
      await page.waitForFunction(
        () => document.querySelector('[data-page-status]')?.textContent?.startsWith('Masih memuat'),
        undefined,
        { timeout: 5_000 },
      );

      await page.locator('[data-service-alert]').waitFor({ timeout: REQUEST_MS + 10_000 });
      await page.waitForFunction(
        () =>
          document.querySelector('[data-page-status="done"]') && !document.querySelector('[data-loading]'),
        undefined,
        { timeout: REQUEST_MS + 10_000, polling: 100 },
      );
      const failed = await pageState(page);
      assert(
        Date.now() - started >= REQUEST_MS,
        `gave up after ${Date.now() - started} ms, before the ${REQUEST_MS} ms timeout`,
      );
      assert(
        failed.serviceAlert?.includes('Layanan data tidak dapat dihubungi'),
        `the alert does not say the service cannot be reached: ${JSON.stringify(failed)}`,
      );
      assert(failed.retryAll === 1, `expected one "Coba lagi semua": ${JSON.stringify(failed)}`);
      assert(failed.alerts === 1, `expected one alert on the page: ${JSON.stringify(failed)}`);
      assert(
        failed.errorText?.includes(`Server tidak menjawab dalam ${REQUEST_MS / 1000} detik`),
        `a card does not say the server did not answer: ${JSON.stringify(failed)}`,
      );
      assert(/gagal dimuat/.test(failed.status ?? ''), `page status: ${JSON.stringify(failed)}`);

      // The connection is back: one press loads every card, and the year lists fill.
      hang = false;
      await page.locator('[data-retry-all]').click();
      await loaded(page);
      const back = await pageState(page);
      assert(back.serviceAlert === null && back.errorCards === 0, `still failing: ${JSON.stringify(back)}`);
      assert(back.yearOptions > 0, `the year list stayed empty: ${JSON.stringify(back)}`);
      assert(back.status === 'Data dimuat.', `page status: ${JSON.stringify(back)}`);
      await page.close();
    },
  );

  await checks.run(
    'the server stops every query at its deadline (504 OPERATION_TIMEOUT): one alert naming the timeout, the status counting the failed parts',
    async () => {
      const { page } = await openPage(ctx);
      let timeout = true;
      await page.route('**/graphql', async (route: Route) => {
        if (!timeout) return route.continue().catch(() => undefined);
        // As the API answers past OPERATION_TIMEOUT_MS (api/src/limits/operation-timeout.ts).
        return route.fulfill({
          status: 504,
          contentType: 'application/graphql-response+json; charset=utf-8',
          body: JSON.stringify({
            errors: [
              {
                message:
                  'The operation took longer than 30000 ms and was stopped. Narrow the filter or ask for less.',
                extensions: { code: 'OPERATION_TIMEOUT', timeoutMs: 30_000 },
              },
            ],
          }),
        });
      });
      await page.goto(`${server.url}/?page=partisipasi`);
      await page.locator('[data-service-alert]').waitFor({ timeout: LOAD_TIMEOUT });
      await page.waitForFunction(
        () =>
          document.querySelector('[data-page-status="done"]') && !document.querySelector('[data-loading]'),
        undefined,
        { timeout: LOAD_TIMEOUT, polling: 100 },
      );
      const failed = await pageState(page);
      assert(failed.errorCards >= 2, `expected the cards to fail: ${JSON.stringify(failed)}`);
      assert(
        /Permintaan terlalu lama/.test(failed.serviceAlert ?? '') &&
          /Persempit filter/.test(failed.serviceAlert ?? ''),
        `the alert does not name the timeout and a narrower filter: ${JSON.stringify(failed)}`,
      );
      assert(
        failed.alerts === 1,
        `expected one alert on the page, not one per card: ${JSON.stringify(failed)}`,
      );
      assert(failed.retryAll === 1, `expected one "Coba lagi semua": ${JSON.stringify(failed)}`);
      assert(
        failed.errorText?.includes('Permintaan terlalu lama (lebih dari 30 detik)'),
        `a card does not say its query took too long: ${JSON.stringify(failed)}`,
      );
      assert(
        failed.status !== 'Data dimuat.' && /^Pemuatan selesai: \d+ bagian/.test(failed.status ?? ''),
        `the page status does not count the failed parts: ${JSON.stringify(failed)}`,
      );

      timeout = false;
      await page.locator('[data-retry-all]').click();
      await loaded(page);
      const back = await pageState(page);
      assert(back.serviceAlert === null && back.errorCards === 0, `still failing: ${JSON.stringify(back)}`);
      assert(back.status === 'Data dimuat.', `page status: ${JSON.stringify(back)}`);
      await page.close();
    },
  );
}

// `npx tsx dashboard/e2e/slow-checks.ts` (from the repo root): these checks alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { runAloneInPlannerContext } = await import('./alone.ts');
  await runAloneInPlannerContext('slow checks', slowChecks);
}
