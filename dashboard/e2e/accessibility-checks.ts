/** Accessible names and keyboard entry, run by `run.ts` in the 1280 px context. */
import type { Page } from 'playwright-core';
import { FIRST_CHART, LOAD_TIMEOUT, newContext, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';
import { settle } from './helpers.ts';

/**
 * Names that more than one landmark region of the page carries (sections named by aria-label or
 * aria-labelledby, and named role=region boxes): axe's landmark-unique.
 */
async function sharedRegionNames(page: Page): Promise<(string | null | undefined)[]> {
  const regions = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll('section[aria-label], section[aria-labelledby], [role=region][aria-label]'),
      (s) =>
        s.hasAttribute('aria-label')
          ? s.getAttribute('aria-label')
          : document.getElementById(s.getAttribute('aria-labelledby') ?? '')?.textContent,
    ),
  );
  return regions.filter((n, i) => regions.indexOf(n) !== i);
}

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
        page.$$eval('.chart-card button[data-view-toggle], [data-csv]', (bs) =>
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
      // A tile's change: an arrow and a colour only when the change shows at its precision and, for
      // a share, is a clear one (the two-proportion test; `data-unclear` when it is within chance).
      await page.goto(`${server.url}/`);
      await page.locator('.kpi-grid .kpi-delta').first().waitFor({ timeout: LOAD_TIMEOUT });
      await settle(page);
      const tiles = await page.$$eval('.kpi-delta[data-trend]', (ps) =>
        ps.map((p) => ({
          text: p.textContent ?? '',
          trend: p.getAttribute('data-trend'),
          unclear: p.hasAttribute('data-unclear'),
          cls: p.className,
        })),
      );
      for (const tile of tiles) {
        const zero = /(^|[^\d,])0(,0)?( pp)? vs/.test(tile.text);
        const plain = tile.trend === 'flat' || tile.unclear;
        assert(
          zero === (tile.trend === 'flat') &&
            plain === !/ (good|bad)/.test(tile.cls) &&
            plain === !/[▲▼]/.test(tile.text) &&
            tile.unclear === /\(tidak ada perubahan yang jelas\)$/.test(tile.text.trim()),
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

  await focusChecks(checks, env);
  await narrowChecks(checks, env);
}

/** What the focused element is: its tag, id and first words (a dropped focus reads "BODY"). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    return `${e?.tagName ?? ''}#${e?.id ?? ''} ${(e?.textContent ?? '').trim().slice(0, 40)}`;
  });

/**
 * The a11y review of 2026-12 (1280 px): focus stays on a stable element when a button removes
 * itself, "Buka" moves focus into the chain, one chart/table toggle pattern, headings and landmark
 * names, the tiles' good/bad in words, the uPlot legend out of the accessibility tree.
 */
async function focusChecks(checks: Checks, env: E2eEnv): Promise<void> {
  const { ctx, server } = env;
  await checks.run(
    'a11y: a button that removes itself leaves focus on the filter heading or the list summary',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=layanan&agency=KEL-PAHANDUT`);
      const dropped = page.locator('[data-dropped-unknown] button');
      await dropped.waitFor({ timeout: LOAD_TIMEOUT });
      await dropped.focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-dropped-unknown]').waitFor({ state: 'detached' });
      assert(/^H2# Filter/.test(await focused(page)), `after "Tutup": ${await focused(page)}`);

      await page.goto(`${server.url}/?page=partisipasi&from=2010&to=2011`);
      const outside = page.locator('[data-years-outside] button');
      await outside.waitFor({ timeout: LOAD_TIMEOUT });
      await outside.focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-years-outside]').waitFor({ state: 'detached' });
      assert(/^H2# Filter/.test(await focused(page)), `after "Pakai tahun snapshot": ${await focused(page)}`);

      // A filter list's "Semua" goes with the selection: focus stays on the list's summary, still open.
      await page.goto(`${server.url}/?page=layanan`);
      const list = page.locator('.multi').first();
      await list.locator('summary').click();
      await list.locator('input[type=checkbox]').first().check();
      await list.locator('.multi-options button').click();
      await page.waitForFunction(() => !document.querySelector('.multi-options button'));
      const onSummary = await page.evaluate(() => document.activeElement?.tagName === 'SUMMARY');
      assert(onSummary, `after "Semua": ${await focused(page)}`);
      assert((await list.locator('details[open]').count()) === 1, 'the list closed after "Semua"');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'a11y: "Buka" in the ROI portfolio moves focus to the opened chain and says which',
    async () => {
      const { page } = await openPage(ctx);
      await page.goto(`${server.url}/?page=roi`);
      const open = page.locator('[data-portfolio-table] tbody button').first();
      await open.waitFor({ timeout: LOAD_TIMEOUT });
      const name = (await open.getAttribute('aria-label')) ?? '';
      await open.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'roi-form-h');
      const said = ((await page.locator('[data-portfolio-opened]').textContent()) ?? '').trim();
      const [program, year] = name.split(' ').slice(-2);
      assert(said === `Rantai ROI ${program} ${year} dibuka di bawah.`, `status: "${said}" for "${name}"`);
      const top = await page.evaluate(
        () => document.getElementById('roi-form-h')?.getBoundingClientRect().top ?? -1,
      );
      assert(top >= 0 && top < 200, `chain heading at ${top}`);
      // The next Tab continues inside the chain's card.
      await page.keyboard.press('Tab');
      const inChain = await page.evaluate(
        () => document.activeElement?.closest('section')?.getAttribute('aria-labelledby') === 'roi-form-h',
      );
      assert(inChain, `Tab after "Buka" went to ${await focused(page)}`);
      await page.close();
    },
  );

  await checks.run(
    'a11y: headings, landmark names, toggles without aria-pressed, tiles say better/worse, legends hidden',
    async () => {
      const { page, errors } = await openPage(ctx);
      for (const path of ['/', '/?page=partisipasi', '/?page=layanan', '/?page=kualitas']) {
        await page.goto(`${server.url}${path}`);
        await page.waitForSelector(FIRST_CHART, { timeout: LOAD_TIMEOUT });
        await settle(page);
        const outline = await page.evaluate(() =>
          Array.from(document.querySelectorAll('main :is(h1, h2, h3)'), (h) => ({
            level: Number(h.tagName[1]),
            text: (h.textContent ?? '').trim(),
          })),
        );
        // No level skipped, and no card reads as part of the filter bar.
        let parent = '';
        for (const [i, h] of outline.entries()) {
          if (i > 0) assert(h.level <= outline[i - 1]!.level + 1, `${path}: ${h.text} skips a level`);
          if (h.level === 2) parent = h.text;
          if (h.level === 3) assert(parent !== 'Filter', `${path}: "${h.text}" under Filter`);
        }
        if (path === '/?page=kualitas') {
          const levels = new Set(outline.filter((h) => h.level > 1).map((h) => h.level));
          assert(levels.size === 1 && levels.has(2), `${path}: card headings ${JSON.stringify(outline)}`);
        }
        const dupes = await sharedRegionNames(page);
        assert(dupes.length === 0, `${path}: regions share a name: ${dupes.join(' | ')}`);
        assert(
          (await page.locator('.card-tools button[aria-pressed]').count()) === 0,
          `${path}: aria-pressed`,
        );
        const legends = await page.$$eval('.uplot .u-legend', (ls) =>
          ls.map((l) => l.getAttribute('aria-hidden')),
        );
        assert(
          legends.every((h) => h === 'true'),
          `${path}: legends ${legends.join(',')}`,
        );
      }
      // The toggle's name says what it shows next, and changes with it.
      await page.goto(`${server.url}/?page=partisipasi`);
      const toggle = page.locator('.chart-card button[data-view-toggle]').first();
      await toggle.waitFor({ timeout: LOAD_TIMEOUT });
      assert(/^Tampilkan tabel: /.test((await toggle.getAttribute('aria-label')) ?? ''), 'toggle name');
      await toggle.click();
      assert(
        /^Tampilkan grafik: /.test((await toggle.getAttribute('aria-label')) ?? ''),
        'toggle name after',
      );
      assert((await toggle.getAttribute('aria-pressed')) === null, 'toggle aria-pressed');
      // A coloured change says good or bad in words too.
      await page.goto(`${server.url}/`);
      await page.locator('.kpi-grid .kpi-delta').first().waitFor({ timeout: LOAD_TIMEOUT });
      await settle(page);
      const tiles = await page.$$eval('.kpi-delta', (ps) =>
        ps.map((p) => ({ cls: p.className, text: (p.textContent ?? '').trim() })),
      );
      // A share's change within chance says so, uncoloured.
      for (const tile of tiles) {
        const tone = / (good|bad)/.exec(tile.cls)?.[1];
        const word = /\((membaik|memburuk|tidak ada perubahan yang jelas)\)$/.exec(tile.text)?.[1];
        assert(
          (tone === undefined && (word === undefined || word === 'tidak ada perubahan yang jelas')) ||
            (tone === 'good' && word === 'membaik') ||
            (tone === 'bad' && word === 'memburuk'),
          `tile ${JSON.stringify(tile)}`,
        );
      }
      // Not vacuous: some tile says its change in words (coloured, or no clear change).
      assert(
        tiles.some((t) => / (good|bad)/.test(t.cls) || /\(tidak ada perubahan yang jelas\)$/.test(t.text)),
        `no change said in words: ${JSON.stringify(tiles)}`,
      );
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );
}

/**
 * At 360 px: the stacked portfolio keeps visible sort buttons; focus in the scorecard stays clear
 * of its sticky columns; a table box that scrolls is a named tab stop, one that does not is none.
 */
async function narrowChecks(checks: Checks, env: E2eEnv): Promise<void> {
  const { browser, server, plannerToken } = env;
  await checks.run(
    'a11y 360 px: sort buttons visible and usable in the stacked portfolio; scorecard focus clear of sticky columns',
    async () => {
      const ctx = await newContext(browser, 360, plannerToken);
      try {
        const { page, errors } = await openPage(ctx);
        await page.goto(`${server.url}/?page=roi`);
        const table = page.locator('[data-portfolio-table]');
        await table.waitFor({ timeout: LOAD_TIMEOUT });
        const buttons = await table.locator('.sort-btn').evaluateAll((bs) =>
          bs.map((b) => {
            const r = b.getBoundingClientRect();
            return { w: r.width, h: r.height, x: r.left, right: r.right };
          }),
        );
        const box = await table.evaluate((t) => t.closest('.table-scroll')!.getBoundingClientRect());
        assert(buttons.length === 8, `${buttons.length} sort buttons`);
        for (const b of buttons)
          assert(
            b.w > 40 && b.h >= 24 && b.x >= box.left && b.right <= box.right,
            `button ${JSON.stringify(b)}`,
          );
        const roi = table.locator('.sort-btn').last();
        await roi.focus();
        const ring = await roi.evaluate((b) => getComputedStyle(b).outlineStyle);
        assert(ring === 'solid', `focus ring ${ring}`);
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => new URLSearchParams(location.search).get('ps') === 'roi.desc');

        await page.goto(`${server.url}/?page=instansi`);
        await page.locator('[data-scorecard]').waitFor({ timeout: LOAD_TIMEOUT });
        const sorts = page.locator('[data-scorecard] .sort-btn');
        for (let i = 2; i < (await sorts.count()); i += 3) {
          await sorts.nth(i).focus();
          const { left, sticky } = await sorts.nth(i).evaluate((b) => ({
            left: b.getBoundingClientRect().left,
            sticky: document
              .querySelector('[data-scorecard] thead tr > :nth-child(2)')!
              .getBoundingClientRect().right,
          }));
          assert(left >= sticky - 1, `sort button ${i} at ${left}, under the sticky column (to ${sticky})`);
        }
        assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      } finally {
        await ctx.close();
      }
    },
  );

  await checks.run(
    'a11y 360 px: a table box that scrolls is a named tab stop (region), one that does not is none',
    async () => {
      const ctx = await newContext(browser, 360, plannerToken);
      try {
        const { page } = await openPage(ctx);
        let scrolling = 0;
        for (const path of ['/?page=kualitas', '/?page=instansi', '/?page=roi']) {
          await page.goto(`${server.url}${path}`);
          await page.waitForSelector(FIRST_CHART, { timeout: LOAD_TIMEOUT });
          await settle(page);
          const boxes = await page.$$eval('.table-scroll', (ds) =>
            ds.map((d) => ({
              scrolls: d.scrollWidth > d.clientWidth + 1 || d.scrollHeight > d.clientHeight + 1,
              tab: d.getAttribute('tabindex'),
              role: d.getAttribute('role'),
              name: d.getAttribute('aria-label') ?? '',
            })),
          );
          for (const b of boxes) {
            assert(
              b.scrolls
                ? b.tab === '0' && b.role === 'region' && b.name.length > 0
                : b.tab === null && b.role === null,
              `${path}: ${JSON.stringify(b)}`,
            );
            if (b.scrolls) scrolling++;
          }
          // A scrolling box is a region of its own: its name must not repeat its card's (axe landmark-unique).
          const dupes = await sharedRegionNames(page);
          assert(dupes.length === 0, `${path}: regions share a name at 360 px: ${dupes.join(' | ')}`);
        }
        assert(scrolling >= 2, `only ${scrolling} scrolling boxes at 360 px`);
      } finally {
        await ctx.close();
      }
    },
  );
}
