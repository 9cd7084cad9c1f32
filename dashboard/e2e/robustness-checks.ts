/**
 * Pages given what they did not expect, run by `run.ts`: names unknown to the snapshot in a link,
 * a token the server rejects, a filter list opened on a 360 px screen.
 */
import { LOAD_TIMEOUT, newContext, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';
import { settle } from './helpers.ts';

/** Unknown names in links, a rejected token, an open filter list at 360 px. */
export async function robustnessChecks(checks: Checks, env: E2eEnv): Promise<void> {
  const { browser, ctx, plannerToken, server } = env;
  await checks.run(
    'a shared link naming an unknown program or agency keeps it in the form, marked unknown; a global filter drops it, saying so',
    async () => {
      const { page, errors } = await openPage(ctx);
      const picked = (selector: string) =>
        page.$eval(selector, (el) => {
          const select = el as HTMLSelectElement;
          return { value: select.value, text: select.selectedOptions[0]?.textContent ?? '' };
        });
      // Cohort: the API refuses the program; the form's "Pilihan" still names it, not another one.
      await page.goto(
        `${server.url}/?page=kohort&ck=program&cv=NO-SUCH-PROG&cfrom=2023-01-01&cto=2023-12-31&cout=service_days`,
      );
      const value = 'form[data-cohort-form] select[name="value"]';
      await page.waitForSelector(`${value} option[value="PLY-PRIMA"]`, {
        state: 'attached',
        timeout: LOAD_TIMEOUT,
      });
      await page.locator('[data-error-kind="badInput"]').waitFor({ timeout: LOAD_TIMEOUT });
      let got = await picked(value);
      assert(
        got.value === 'NO-SUCH-PROG' && got.text === 'NO-SUCH-PROG (tidak dikenal)',
        `cohort value shows ${JSON.stringify(got)}`,
      );
      // It stays until the user picks another; then the unknown option is gone.
      await page.selectOption(value, 'PLY-PRIMA');
      got = await picked(value);
      assert(got.value === 'PLY-PRIMA', `after picking: ${JSON.stringify(got)}`);
      assert((await page.locator(`${value} option[data-unknown]`).count()) === 0, 'unknown option kept');
      // An unknown method too.
      await page.goto(
        `${server.url}/?page=kohort&ck=method&cv=no_such_method&cfrom=2023-01-01&cto=2023-12-31&cout=service_days`,
      );
      await page.locator('[data-error-kind="badInput"]').waitFor({ timeout: LOAD_TIMEOUT });
      got = await picked(value);
      assert(
        got.value === 'no_such_method' && /tidak dikenal/.test(got.text),
        `method: ${JSON.stringify(got)}`,
      );
      // A filter naming an unknown agency: dropped once the catalogue is known (in place: the URL
      // loses it without a new history entry), the bar says so, and no card turns into an error.
      await page.goto(`${server.url}/?page=layanan&agency=KEL-PAHANDUT`);
      const dropped = page.locator('[data-dropped-unknown]');
      await dropped.waitFor({ timeout: LOAD_TIMEOUT });
      const droppedText = (await dropped.textContent()) ?? '';
      assert(/Instansi: KEL-PAHANDUT/.test(droppedText), `dropped note: ${droppedText}`);
      await page.waitForURL((u) => !u.search.includes('KEL-PAHANDUT'), { timeout: LOAD_TIMEOUT });
      await page.locator('section.chart-card [data-chart-ready]').first().waitFor({ timeout: LOAD_TIMEOUT });
      await settle(page);
      const layananErrors = await page.locator('.state-error').count();
      assert(layananErrors === 0, `error states after dropping the unknown agency: ${layananErrors}`);
      // A known agency beside it stays.
      await page.goto(`${server.url}/?page=partisipasi&agency=BPKAD,NO-SUCH-AGENCY`);
      await page.locator('[data-dropped-unknown]').waitFor({ timeout: LOAD_TIMEOUT });
      await page.waitForURL((u) => u.searchParams.get('agency') === 'BPKAD', { timeout: LOAD_TIMEOUT });
      // ROI and the budget card: the program and the agency from the URL, as asked.
      await page.goto(`${server.url}/?page=roi&rp=NO-SUCH-PROG&ba=NO-SUCH-AGENCY&bb=100000000`);
      await page.waitForSelector('form[data-roi-form] select[name="program"] option[value="PLY-PRIMA"]', {
        state: 'attached',
        timeout: LOAD_TIMEOUT,
      });
      await page.locator('[data-error-kind="badInput"]').nth(1).waitFor({ timeout: LOAD_TIMEOUT });
      got = await picked('form[data-roi-form] select[name="program"]');
      assert(got.value === 'NO-SUCH-PROG' && /tidak dikenal/.test(got.text), `ROI: ${JSON.stringify(got)}`);
      got = await picked('form[data-budget-form] select[name="agency"]');
      assert(
        got.value === 'NO-SUCH-AGENCY' && /tidak dikenal/.test(got.text),
        `budget agency: ${JSON.stringify(got)}`,
      );
      got = await picked('form[data-budget-form] select[name="program"]');
      assert(got.value === 'NO-SUCH-PROG', `budget program: ${JSON.stringify(got)}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'a rejected token: snapshot badges say "—", not loading for ever; clearing it heals',
    async () => {
      const bad = await newContext(browser, 1280, 'not-a-token-the-server-knows');
      try {
        const { page } = await openPage(bad);
        for (const path of ['/', '/?page=roi', '/?page=instansi']) {
          await page.goto(`${server.url}${path}`);
          await page.locator('.state-unauthenticated').first().waitFor({ timeout: LOAD_TIMEOUT });
          await settle(page);
          const ids = (await page.locator('[data-snapshot-id]').allTextContents()).map((s) => s.trim());
          assert(
            ids.length === 2 && ids.every((s) => s === '—'),
            `${path}: header/footer ids ${ids.join(' | ')}`,
          );
          const badges = await page.locator('.snap-badge').allTextContents();
          assert(
            !badges.some((b) => b.includes('…')),
            `${path}: badges still loading: ${badges.join(' | ')}`,
          );
        }
        // Removing the token refetches: the id comes back everywhere.
        await page.goto(`${server.url}/`);
        await page.locator('.state-unauthenticated').first().waitFor({ timeout: LOAD_TIMEOUT });
        await page.click('details.token summary');
        await page.click('[data-token-clear]');
        // The button is gone with the token; focus stays in the dialog, on the token input.
        const focused = await page.evaluate(
          () => document.activeElement?.getAttribute('type') ?? document.activeElement?.tagName,
        );
        assert(focused === 'password', `focus after removing the token: ${focused}`);
        await page.waitForFunction(
          () =>
            Array.from(document.querySelectorAll('[data-snapshot-id]')).every((e) =>
              /^\d{8}T/.test(e.textContent?.trim() ?? ''),
            ),
          null,
          { timeout: LOAD_TIMEOUT },
        );
        await page.locator('.kpi-grid .kpi-delta').first().waitFor({ timeout: LOAD_TIMEOUT });
        const badges = await page.locator('.snap-badge').allTextContents();
        assert(
          badges.length > 0 && badges.every((b) => /^snapshot \d{8}T/.test(b.trim())),
          `badges after clearing: ${badges.join(' | ')}`,
        );
        await page.close();
      } finally {
        await bad.close();
      }
    },
  );

  await checks.run(
    '360 px: an open filter list pushes the fields below down, none hidden under it',
    async () => {
      const phone = await newContext(browser, 360, plannerToken);
      try {
        const { page, errors } = await openPage(phone);
        await page.goto(`${server.url}/?page=partisipasi`);
        await page.locator('.uplot-host[data-chart-ready]').first().waitFor({ timeout: LOAD_TIMEOUT });
        await page.click('.filter-toggle');
        const agencies = page.locator('[data-filter="agencies"]');
        await agencies.locator('summary').click();
        const list = agencies.locator('.multi-options');
        await list.locator('input[type="checkbox"]').first().waitFor();
        const box = await list.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return { left: r.left, right: r.right, width: document.documentElement.clientWidth };
        });
        assert(box.left >= 0 && box.right <= box.width, `list outside the window: ${JSON.stringify(box)}`);
        // The field under it takes a press while the list is open (Playwright waits until nothing
        // covers it): it opens, and the first list closes.
        const methods = page.locator('[data-filter="methods"]');
        await methods.locator('summary').click({ timeout: 5000 });
        assert(
          await methods.locator('details').evaluate((d) => (d as HTMLDetailsElement).open),
          'methods did not open',
        );
        assert(
          !(await agencies.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)),
          'the agency list stayed open',
        );
        // A tick works in the flow, and Escape still closes the list.
        await methods.locator('input[type="checkbox"]').first().check();
        await page.waitForURL(/[?&]method=/);
        await page.keyboard.press('Escape');
        assert(
          !(await methods.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)),
          'Escape did not close the list',
        );
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        assert(scroll <= 360, `horizontal scroll: ${scroll}px`);
        assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
        await page.close();
      } finally {
        await phone.close();
      }
    },
  );
}
