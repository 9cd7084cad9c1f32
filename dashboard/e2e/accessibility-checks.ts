/** Accessible names and keyboard entry, run by `run.ts` in the 1280 px context. */
import { FIRST_CHART, LOAD_TIMEOUT, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';
import { settle } from './helpers.ts';

/**
 * Every card names its buttons (ID and EN), one minus sign, flat tiles; the skip link. `catalog`:
 * the agencies' codes and names as `agencyChecks` read them.
 */
export async function accessibilityChecks(
  checks: Checks,
  env: E2eEnv,
  catalog: readonly [string, string][],
): Promise<void> {
  const { ctx, server, urls } = env;
  await checks.run(
    'every card names its own table and CSV buttons (ID and EN); one minus sign; a change too small to show is flat',
    async () => {
      const { page, errors } = await openPage(ctx);
      const two = catalog
        .slice(0, 2)
        .map(([code]) => code)
        .join(',');
      const paths = [
        '/',
        '/?page=partisipasi',
        '/?page=layanan',
        `/${urls.kohort}`,
        '/?page=roi',
        `/?page=instansi&cmp=${encodeURIComponent(two)}`,
        '/?page=kualitas',
      ];
      const labels = () =>
        page.$$eval('.chart-card button[aria-pressed], [data-csv]', (bs) =>
          bs.map((b) => ({ label: b.getAttribute('aria-label') ?? '', text: b.textContent?.trim() ?? '' })),
        );
      for (const path of paths) {
        await page.goto(`${server.url}${path}`);
        await page.waitForSelector(FIRST_CHART, { timeout: LOAD_TIMEOUT });
        await settle(page);
        const named = await labels();
        const names = named.map((b) => b.label);
        assert(names.length > 0, `${path}: no card buttons`);
        for (const b of named)
          assert(b.label.startsWith(`${b.text}: `), `${path}: "${b.text}" is named "${b.label}"`);
        const dupes = names.filter((n, i) => names.indexOf(n) !== i);
        assert(dupes.length === 0, `${path}: buttons share a name: ${dupes.join(' | ')}`);
        // Negative numbers are written with the typographic minus (U+2212), never a hyphen.
        const hyphens = await page.evaluate(() =>
          // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, cell by cell
          Array.from(document.body.innerText.matchAll(/(^|[\s(])-\d[\d.,]*/gm), (m) => m[0].trim()),
        );
        assert(hyphens.length === 0, `${path}: numbers with a hyphen for minus: ${hyphens.join(' ')}`);
      }
      // A tile's change: an arrow and a colour only when the change shows at its precision.
      await page.goto(`${server.url}/`);
      await page.locator('.kpi-grid .kpi-delta').first().waitFor({ timeout: LOAD_TIMEOUT });
      await settle(page);
      const tiles = await page.$$eval('.kpi-delta[data-trend]', (ps) =>
        ps.map((p) => ({
          text: p.textContent ?? '',
          trend: p.getAttribute('data-trend'),
          cls: p.className,
        })),
      );
      for (const tile of tiles) {
        const zero = /(^|[^\d,])0(,0)?( pp)? vs/.test(tile.text);
        assert(
          zero === (tile.trend === 'flat') &&
            (tile.trend === 'flat') === !/ (good|bad)/.test(tile.cls) &&
            (tile.trend === 'flat') === !/[▲▼]/.test(tile.text),
          `tile change ${JSON.stringify(tile)}`,
        );
      }
      // English: the same names in English.
      await page.goto(`${server.url}/?page=partisipasi`);
      await page.locator('.uplot-host[data-chart-ready]').first().waitFor({ timeout: LOAD_TIMEOUT });
      await page.click('[data-lang-toggle]');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      const english = await labels();
      const csv = english.filter((b) => b.text === 'Download CSV');
      assert(
        csv.length > 1 && csv.every((b) => /^Download CSV: \S/.test(b.label)),
        `English CSV buttons: ${english.map((b) => b.label).join(' | ')}`,
      );
      assert(
        english.some((b) => /^Show table: \S/.test(b.label)),
        `English table buttons: ${english.map((b) => b.label).join(' | ')}`,
      );
      await page.click('[data-lang-toggle]');
      await page.waitForFunction(() => document.documentElement.lang === 'id');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run('keyboard: the first Tab reaches the skip link, which moves focus to main', async () => {
    const { page } = await openPage(ctx);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('h1');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.className);
    assert(focused === 'skip-link', `first Tab focused ${focused}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main' || location.hash === '#main');
    await page.close();
  });
}
