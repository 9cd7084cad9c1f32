/**
 * A filter change on a slow link: the cards keep their previous charts in place, marked stale
 * (dimmed, inert, `aria-busy`, "Memperbarui…"), until the new answers come, instead of collapsing
 * to spinners and growing back (Partisipasi shrank from 3709 to 1686 px and back, pushing a reader
 * at 1500 px to 918 px: a layout shift of 1.48 not caused by the click). The answers are held back
 * by routing; run in the 1280 px planner context. `npx tsx dashboard/e2e/refetch-checks.ts` (from
 * the repo root) runs these alone (E2E_DIST_DIR: serve another build than dashboard/dist).
 */
import type { Page } from 'playwright-core';
import { LOAD_TIMEOUT, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';
import { settle, tableLabels } from './helpers.ts';

/** How long each GraphQL answer is held back while the delay is on: long enough to look at the page. */
const DELAY_MS = 4_000;

/** Where the reader was on the page: scrolled well below the first screen. */
const SCROLL_Y = 1500;

interface Held {
  /** Hold every /graphql answer back by DELAY_MS. */
  delay: boolean;
  /** Answer these operations with an error (after the delay). */
  fail: ReadonlySet<string>;
}

/** Routes /graphql through `held`: answers delayed and failed as it says at the time they are asked. */
async function holdAnswers(page: Page): Promise<Held> {
  const held: Held = { delay: false, fail: new Set() };
  await page.route('**/graphql', async (route) => {
    const { delay, fail } = held;
    if (delay) await new Promise((r) => setTimeout(r, DELAY_MS));
    const op = (JSON.parse(route.request().postData() ?? '{}') as { operationName?: string }).operationName;
    if (op && fail.has(op)) {
      await route
        .fulfill({
          status: 200,
          contentType: 'application/graphql-response+json',
          body: JSON.stringify({
            data: null,
            errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
          }),
        })
        .catch(() => undefined);
      return;
    }
    await route.continue().catch(() => undefined);
  });
  return held;
}

/** The chart cards as the reader sees them. */
function cardsState(page: Page) {
  return page.evaluate(() => {
    const cards = Array.from(document.querySelectorAll<HTMLElement>('section.chart-card'));
    return {
      height: document.documentElement.scrollHeight,
      scrollY: window.scrollY,
      cards: cards.length,
      cardHeights: cards.map((c) => Math.round(c.getBoundingClientRect().height)),
      // The room between the page's two grids of cards, where the resistance summary is (not a card).
      callout: (() => {
        const grids = Array.from(document.querySelectorAll<HTMLElement>('main .grid'));
        const [a, b] = [grids[0]?.getBoundingClientRect(), grids[1]?.getBoundingClientRect()];
        return a && b ? Math.round(b.top - a.bottom) : 0;
      })(),
      summaryStale: document.querySelector('[data-resistance-summary]')?.getAttribute('aria-busy') === 'true',
      spinners: document.querySelectorAll('section.chart-card [data-loading]').length,
      busy: cards.filter((c) => c.getAttribute('aria-busy') === 'true').length,
      stale: cards
        .filter((c) => c.hasAttribute('data-stale'))
        .map((c) => {
          const label = c.querySelector<HTMLElement>('[data-updating]');
          const body = c.querySelector<HTMLElement>('.card-body');
          const csv = c.querySelector<HTMLButtonElement>('[data-csv]');
          return {
            title: c.querySelector('h2, h3')?.textContent ?? '',
            busy: c.getAttribute('aria-busy'),
            label: label?.textContent?.trim() ?? null,
            // The label is seen: laid out, inside the card, not dimmed.
            labelShown:
              label !== null &&
              label.getBoundingClientRect().height > 0 &&
              Number(getComputedStyle(label).opacity) === 1,
            chart: c.querySelector('.uplot-host[data-chart-ready]') !== null,
            dimmed: body ? Number(getComputedStyle(body).opacity) : 1,
            inert: body !== null && body.closest('[inert]') !== null,
            csvUsable: csv !== null && !csv.disabled && csv.closest('[inert]') === null,
          };
        }),
      updating: document.querySelectorAll('[data-updating]').length,
      status: document.querySelector('[data-page-status]')?.getAttribute('data-page-status') ?? null,
    };
  });
}

/** Waits until no card is stale or loading and the page's status says the data came. */
async function allAnswered(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('[data-page-status="done"]') !== null &&
      document.querySelector('section.chart-card[aria-busy="true"], [data-stale], [data-loading]') === null,
    null,
    { timeout: LOAD_TIMEOUT, polling: 100 },
  );
}

export async function refetchChecks(checks: Checks, env: E2eEnv): Promise<void> {
  const { ctx, server } = env;

  await checks.run(
    'a filter change on a slow link keeps every chart in place, marked stale, then shows the new answers unmarked',
    async () => {
      const { page, errors } = await openPage(ctx);
      const held = await holdAnswers(page);
      // The first load, slow too: spinners, nothing stale (there is nothing to keep yet).
      held.delay = true;
      await page.goto(`${server.url}/?page=partisipasi`);
      await page.locator('section.chart-card [data-loading]').first().waitFor({ timeout: LOAD_TIMEOUT });
      const first = await cardsState(page);
      assert(first.spinners > 0 && first.stale.length === 0, `first load: ${JSON.stringify(first)}`);
      held.delay = false;
      await allAnswered(page);
      const before = await cardsState(page);
      const charts = await page.locator('section.chart-card .uplot-host[data-chart-ready]').count();
      assert(
        before.cards >= 10 && charts >= 8,
        `Partisipasi shows ${charts} charts on ${before.cards} cards`,
      );
      await page.evaluate((y) => window.scrollTo(0, y), SCROLL_Y);
      const scrolled = await page.evaluate(() => window.scrollY);
      assert(scrolled === SCROLL_Y, `the page is too short to scroll to ${SCROLL_Y}: ${before.height} px`);

      // Another end year, every answer held back.
      held.delay = true;
      await page.selectOption('select[name="toYear"]', '2023');
      await page.waitForURL(/[?&]to=2023/);
      // Well inside the hold: every card has asked, none has its answer.
      await page.waitForTimeout(1_000);
      const during = await cardsState(page);
      const detail = JSON.stringify(during);
      // Nothing collapses: every card keeps its height, the page its own and the reader their place;
      // the resistance summary between the grids keeps its words too, marked stale (SummaryCallout).
      assert(during.spinners === 0, `${during.spinners} cards became spinners: ${detail}`);
      assert(
        JSON.stringify(during.cardHeights) === JSON.stringify(before.cardHeights),
        `card heights went from ${before.cardHeights.join(',')} to ${during.cardHeights.join(',')}`,
      );
      assert(
        during.callout === before.callout && during.summaryStale,
        `the resistance summary went from ${before.callout} to ${during.callout} px (stale: ${during.summaryStale})`,
      );
      assert(
        Math.abs(before.height - during.height) <= 2,
        `the page went from ${before.height} to ${during.height} px while loading`,
      );
      assert(
        Math.abs(during.scrollY - SCROLL_Y) <= 2,
        `the reader was moved from ${SCROLL_Y} to ${during.scrollY} px`,
      );
      // Every card that showed a chart keeps it, marked stale: busy, labelled, dimmed, inert, no CSV.
      assert(
        during.stale.length >= charts,
        `${during.stale.length} stale cards of ${charts} charts: ${detail}`,
      );
      for (const card of during.stale) {
        assert(card.busy === 'true', `${card.title}: aria-busy ${card.busy}`);
        assert(card.label === 'Memperbarui…' && card.labelShown, `${card.title}: label ${card.label}`);
        assert(card.dimmed < 0.6, `${card.title}: stale content at opacity ${card.dimmed}`);
        assert(card.inert, `${card.title}: the stale content can be used`);
        assert(!card.csvUsable, `${card.title}: the stale figures can be downloaded as CSV`);
      }
      assert(during.stale.filter((c) => c.chart).length >= charts, `stale charts: ${detail}`);
      assert(during.status === 'loading', `the page's status says ${during.status} while cards update`);

      // The new answers: shown without any stale mark, where the old ones were.
      held.delay = false;
      await allAnswered(page);
      const after = await cardsState(page);
      assert(
        after.stale.length === 0 && after.updating === 0 && after.busy === 0,
        `after the answers: ${JSON.stringify(after)}`,
      );
      assert(
        (await page.locator('section.chart-card .uplot-host[data-chart-ready]').count()) >= charts,
        'charts missing after the answers',
      );
      const trend = page.locator('section.chart-card', { hasText: /Resistensi dari waktu ke waktu/ });
      const labels = await tableLabels(trend);
      assert(labels.at(-1) === '2023' && !labels.includes('2024'), `trend periods: ${labels.join(',')}`);
      const agency = page.locator('section.chart-card', { hasText: /Partisipasi per instansi, tahun 2023/ });
      assert(
        (await agency.locator('[data-csv]:not([disabled])').count()) === 1,
        'no usable CSV after the answer',
      );

      // A refetch that fails: the stale chart gives way to the error.
      held.delay = true;
      held.fail = new Set(['ResistanceRates']);
      await page.selectOption('select[name="fromYear"]', '2022');
      await page.waitForURL(/[?&]from=2022/);
      await trend.locator('[data-updating]').waitFor({ timeout: LOAD_TIMEOUT });
      assert(
        (await trend.locator('.uplot-host[data-chart-ready]').count()) === 1,
        'no stale chart while failing',
      );
      await trend.locator('.state-error').waitFor({ timeout: LOAD_TIMEOUT });
      const failed = await trend.evaluate((c) => ({
        stale: c.hasAttribute('data-stale'),
        updating: c.querySelector('[data-updating]') !== null,
        chart: c.querySelector('.uplot-host') !== null,
        csv: c.querySelector('[data-csv]') !== null,
      }));
      assert(
        !failed.stale && !failed.updating && !failed.chart && !failed.csv,
        `the failed card: ${JSON.stringify(failed)}`,
      );
      held.delay = false;
      held.fail = new Set();
      await settle(page);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );
}

// `npx tsx dashboard/e2e/refetch-checks.ts` (from the repo root): these checks alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { runAloneInPlannerContext } = await import('./alone.ts');
  await runAloneInPlannerContext('refetch checks', refetchChecks);
}
