/**
 * Checks for review findings (a page chunk that failed to load, filters only a link can set,
 * the scorecard with an unknown token, rate axes, unknown `cmp` codes, …), run by `run.ts` in the
 * 1280 px context. Each is its own named check.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { gqlAgencies, LOAD_TIMEOUT, openPage, pageUrls } from './browser.ts';
import { assert, type Checks } from './checks.ts';

export async function reviewChecks(checks: Checks, ctx: BrowserContext, url: string): Promise<void> {
  await checks.run(
    "a page whose chunk failed to load loads again on 'Coba lagi' and on navigating back, without a reload",
    async () => {
      const { page } = await openPage(ctx);
      await page.goto(`${url}/`);
      await page.locator('[data-page="ringkasan"] .kpi, [data-page="ringkasan"] .card').first().waitFor({
        timeout: LOAD_TIMEOUT,
      });
      // The server "down" for the Layanan chunk only (the shell stays up, as with a redeploy).
      const block = (route: { abort(): Promise<void> }) => route.abort();
      await page.route(/\/assets\/LayananPage-[^/]*\.js$/, block);
      await page.getByRole('link', { name: 'Layanan Publik' }).first().click();
      const failed = page.locator('[data-page-error]');
      await failed.waitFor({ timeout: LOAD_TIMEOUT });
      const text = (await failed.textContent()) ?? '';
      assert(/Halaman gagal dimuat/.test(text), `page error: ${text}`);
      assert(
        (await failed.getByRole('button', { name: 'Muat ulang halaman' }).count()) === 1,
        'no reload button',
      );
      await page.unroute(/\/assets\/LayananPage-[^/]*\.js$/, block);
      // Back up: "Coba lagi" fetches the chunk afresh.
      await failed.getByRole('button', { name: 'Coba lagi' }).click();
      await page
        .locator('[data-page="layanan"] section.chart-card')
        .first()
        .waitFor({ timeout: LOAD_TIMEOUT });
      assert((await page.locator('[data-page-error]').count()) === 0, 'the error stays after "Coba lagi"');

      // Fails again on the way in; navigating away and back (no button) loads it once the server is up.
      await page.route(/\/assets\/KualitasPage-[^/]*\.js$/, block);
      await page.getByRole('link', { name: 'Kualitas Data' }).first().click();
      await page.locator('[data-page-error]').waitFor({ timeout: LOAD_TIMEOUT });
      await page.unroute(/\/assets\/KualitasPage-[^/]*\.js$/, block);
      await page.getByRole('link', { name: 'Ringkasan' }).first().click();
      await page.waitForURL((u) => !u.searchParams.has('page'));
      await page.getByRole('link', { name: 'Kualitas Data' }).first().click();
      await page
        .locator('[data-page="kualitas"] section.card, [data-page="kualitas"] .card')
        .first()
        .waitFor({
          timeout: LOAD_TIMEOUT,
        });
      assert((await page.locator('[data-page-error]').count()) === 0, 'still broken after navigating back');
      await page.close();
    },
  );

  await checks.run(
    'a link filtering by program and kelurahan shows both filters in the bar, each removable on its own',
    async () => {
      const { page } = await openPage(ctx);
      await page.goto(`${url}/?page=partisipasi&kel=62.71.04.1006&program=PLY-PRIMA`);
      const program = page.locator('[data-filter="programs"] summary');
      const kel = page.locator('[data-filter="kelurahan"] summary');
      await page.waitForFunction(
        () =>
          /PLY-PRIMA/.test(document.querySelector('[data-filter="programs"] summary')?.textContent ?? '') &&
          /Sabaru/.test(document.querySelector('[data-filter="kelurahan"] summary')?.textContent ?? ''),
        null,
        { timeout: LOAD_TIMEOUT },
      );
      const badge = (await page.locator('.filter-head .badge').textContent()) ?? '';
      assert(/2 filter aktif/.test(badge), `badge: ${badge}`);
      await program.click();
      await page.locator('[data-filter="programs"] input[value="PLY-PRIMA"]').uncheck();
      await page.waitForURL((u) => !u.searchParams.has('program'));
      assert(
        new URL(page.url()).searchParams.get('kel') === '62.71.04.1006',
        `kel dropped too: ${page.url()}`,
      );
      assert(/Sabaru/.test((await kel.textContent()) ?? ''), 'the kelurahan control lost its value');
      await page.close();
    },
  );

  await checks.run(
    'Layanan and Ringkasan filtered by kelurahan say on each service-time figure that the kecamatan requests are left out',
    async () => {
      const { page } = await openPage(ctx);
      await page.goto(`${url}/?page=layanan&kel=62.71.04.1006`);
      await page.waitForFunction(
        () => document.querySelectorAll('[data-kelurahan-note]').length === 4,
        null,
        {
          timeout: LOAD_TIMEOUT,
        },
      );
      const text = (await page.locator('[data-kelurahan-note]').first().textContent()) ?? '';
      assert(/kecamatan tidak dihitung/.test(text), `note: ${text}`);
      // Ringkasan's SLA tile and trend read the same filtered figures: they say so too (revDash2).
      await page.goto(`${url}/?page=ringkasan&kel=62.71.04.1006`);
      await page.locator('[data-kelurahan-note]').waitFor({ timeout: LOAD_TIMEOUT });
      await page.waitForFunction(
        () =>
          /Tanpa layanan kecamatan/.test(
            document.querySelector('.kpi[data-kpi="Tepat SLA"]')?.textContent ?? '',
          ),
        null,
        { timeout: LOAD_TIMEOUT },
      );
      await page.goto(`${url}/?page=layanan`);
      await page.locator('[data-incomplete-note], section.card').first().waitFor({ timeout: LOAD_TIMEOUT });
      assert(
        (await page.locator('[data-kelurahan-note]').count()) === 0,
        'the note shows without a kelurahan filter',
      );
      await page.close();
    },
  );

  await checks.run(
    'Instansi with an unknown token: the scorecard says why, without a loading state, and the year select names the latest year',
    async () => {
      const { page } = await openPage(ctx);
      await page.goto(`${url}/?page=instansi`);
      await page.locator('[data-scorecard]').waitFor({ timeout: LOAD_TIMEOUT });
      await page.locator('details.token summary').click();
      await page.locator('[data-token-form] input').fill('bogus-token-123');
      await page.locator('[data-token-form] button[type="submit"]').click();
      const card = page.locator('section.card', { has: page.locator('#sc-h') });
      await card.locator('[data-error-kind="unauthenticated"]').waitFor({ timeout: LOAD_TIMEOUT });
      await page.waitForTimeout(1500);
      const loading = await card.locator('.state-loading').count();
      const option = await page.locator('select[name="toYear"] option:checked').textContent();
      await page.evaluate(() => sessionStorage.removeItem('asn.token'));
      await page.close();
      assert(loading === 0, 'the scorecard still says "Memuat data…" under an unknown token');
      assert(option?.startsWith('Terakhir'), `the one-year select reads ${option}`);
    },
  );

  await checks.run(
    "a share's axis stops at 100 %, and hovering a chart shows the point's name and value",
    async () => {
      const { page } = await openPage(ctx);
      await page.goto(`${url}/?page=partisipasi`);
      const card = page.locator('section.chart-card', { hasText: /Partisipasi per instansi/ }).first();
      const host = card.locator('.uplot-host[data-chart-ready]');
      await host.waitFor({ timeout: LOAD_TIMEOUT });
      const yMax = Number(await host.getAttribute('data-y-max'));
      assert(yMax > 0 && yMax <= 1, `participation by agency: y axis to ${yMax * 100} %`);
      const over = host.locator('.u-over');
      // The chart may be drawn again just after its first draw (a late answer, a resize): the
      // overlay found may be replaced mid-scroll or before it is measured, so both are tried
      // again on the new one.
      let box: Awaited<ReturnType<typeof over.boundingBox>> = null;
      for (let attempt = 1; box === null; attempt++) {
        try {
          await over.scrollIntoViewIfNeeded();
          box = await over.boundingBox();
        } catch (error) {
          if (attempt >= 5) throw error;
        }
        if (box === null && attempt >= 5) break;
        if (box === null) await page.waitForTimeout(250);
      }
      assert(box, 'no plot overlay');
      const tip = host.locator('[data-chart-tip]');
      // Over the first bar group (x positions are indices: the first sits at 1/(2k) of the width).
      for (const fx of [0.02, 0.05, 0.1, 0.3, 0.5]) {
        await page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.8);
        if (await tip.isVisible()) break;
      }
      assert(await tip.isVisible(), 'no tip on hover');
      const text = (await tip.textContent()) ?? '';
      console.log(`      tip: ${text}`);
      assert(/\d+,\d%|dirahasiakan|—/.test(text) && !/…/.test(text), `tip: ${text}`);
      assert((await tip.getAttribute('aria-hidden')) === 'true', 'the tip is read out twice (table too)');
      await page.mouse.move(0, 0);
      await page.close();
    },
  );

  await checks.run(
    'Instansi: an unknown code in cmp is dropped from the link and named, and uses none of the four picks',
    async () => {
      const [a, b] = await gqlAgencies(url);
      const { page } = await openPage(ctx);
      await page.goto(`${url}/?page=instansi&cmp=${a},NOPE,${b}`);
      const note = page.locator('[data-cmp-dropped]');
      await note.waitFor({ timeout: LOAD_TIMEOUT });
      assert(/NOPE/.test((await note.textContent()) ?? ''), `notice: ${await note.textContent()}`);
      await page.waitForURL((u) => u.searchParams.get('cmp') === `${a},${b}`);
      const hint = await page.locator('[aria-live="polite"]', { hasText: 'dipilih' }).first().textContent();
      assert(/\(2 dipilih\)/.test(hint ?? ''), `pick hint: ${hint}`);
      await page.locator('[data-side-by-side] .side-card').nth(1).waitFor({ timeout: LOAD_TIMEOUT });
      await page.close();
    },
  );

  await checks.run(
    "Instansi: a card without its own training says budget and ROI are shown only when they are, in the card's small print; the CSV leaves an unmeasured ROI blank; the IKM sample note counts the agencies the CSV marks short",
    async () => {
      const { page } = await openPage(ctx);
      await page.goto(`${url}/?page=instansi&to=2024`);
      const table = page.locator('[data-scorecard]');
      await table.locator('tbody tr').first().waitFor({ timeout: LOAD_TIMEOUT });
      // Pick a card without its own training (the demo's 2024 has several) and one other.
      const noTraining = table.locator('tbody tr:has(td[data-no-training])');
      assert((await noTraining.count()) > 0, 'no agency without its own training in 2024');
      const other = table.locator('tbody tr:not(:has(td[data-no-training]))').first();
      for (const row of [noTraining.first(), other]) await row.locator('input[type="checkbox"]').check();
      await page.locator('[data-side-by-side] .side-card').nth(1).waitFor({ timeout: LOAD_TIMEOUT });
      let notes = 0;
      for (const card of await page.locator('[data-side-by-side] .side-card').all()) {
        const note = card.locator('[data-no-training]');
        if ((await note.count()) === 0) continue;
        notes++;
        const text = (await note.textContent()) ?? '';
        const value = async (label: string) =>
          (
            (await card
              .locator('.kv', { has: page.locator('dt', { hasText: label }) })
              .locator('dd')
              .textContent()) ?? ''
          ).trim();
        const roi = await value('ROI');
        const budget = await value('Realisasi anggaran');
        const unshown = (v: string) => v === '—' || v === 'tak terukur' || v === 'dirahasiakan';
        if (/ROI tetap ditampilkan/.test(text))
          assert(!unshown(roi), `note says ROI shown, card shows ${roi}`);
        if (/Realisasi anggaran( dan ROI)? tetap/.test(text))
          assert(!unshown(budget), `note says budget shown, card shows ${budget}`);
        const sizes = await card.evaluate((el) => ({
          note: Number.parseFloat(getComputedStyle(el.querySelector('[data-no-training]')!).fontSize),
          dd: Number.parseFloat(getComputedStyle(el.querySelector('dd')!).fontSize),
        }));
        assert(sizes.note < sizes.dd, `note ${sizes.note}px, figures ${sizes.dd}px`);
      }
      assert(notes > 0, 'the card without its own training has no note');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-scorecard-csv]').click(),
      ]);
      const lines = (await readFile(await download.path(), 'utf8'))
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      const header = lines[0]!.split(',');
      const roiAt = header.indexOf('ROI (%)');
      const caveatAt = header.indexOf('Catatan ROI (kode)');
      assert(roiAt > 0 && caveatAt === roiAt + 1, `CSV header: ${lines[0]}`);
      for (const line of lines.slice(1)) {
        // Names may hold commas (quoted): read the ROI and caveat cells from the end.
        const cells = line.split(',');
        const fromEnd = header.length - roiAt;
        const roiCell = cells[cells.length - fromEnd];
        const caveats = cells[cells.length - fromEnd + 1] ?? '';
        if (/no_effect_data|no_data_before_training|no_data_after_training/.test(caveats))
          assert(roiCell === '', `unmeasured ROI in the CSV: ${line}`);
      }
      // The IKM's sample verdict (PermenPANRB 14/2017) is the CSV's last measure; the note under the
      // scorecard counts the agencies whose IKM falls short, as the CSV does.
      const sampleAt = header.indexOf('Sampel IKM memadai');
      assert(sampleAt === header.indexOf('n') - 1, `CSV header: ${lines[0]}`);
      const verdicts = lines.slice(1).map((line) => {
        const cells = line.split(',');
        return cells[cells.length - (header.length - sampleAt)] ?? '';
      });
      assert(
        verdicts.every((v) => ['Ya', 'Tidak', ''].includes(v)) && verdicts.some((v) => v !== ''),
        `IKM sample verdicts: ${verdicts.join(',')}`,
      );
      const short = verdicts.filter((v) => v === 'Tidak').length;
      const sampleNote = page.locator('[data-ikm-sample-note]');
      if (short === 0) assert((await sampleNote.count()) === 0, 'an IKM sample note with no agency short');
      else {
        const text = (await sampleNote.textContent()) ?? '';
        assert(text.startsWith(`IKM ${short} instansi berdasarkan kuesioner`), `IKM sample note: ${text}`);
      }
      await page.close();
    },
  );

  await checks.run(
    "Layanan: the SLA card's n is the completed requests its share is over, not the requests submitted",
    async () => {
      const { page } = await openPage(ctx);
      await page.goto(`${url}/?page=layanan`);
      const card = page.locator('section.chart-card', { hasText: /Ketepatan SLA dari waktu ke waktu/ });
      await card.locator('[data-chart-ready]').waitFor({ timeout: LOAD_TIMEOUT });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.locator('[data-csv]').click(),
      ]);
      const lines = (await readFile(await download.path(), 'utf8'))
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      const header = lines[0]!.split(',');
      const [requestsAt, nAt] = [header.indexOf('Permohonan'), header.indexOf('n')];
      assert(requestsAt > 0 && nAt > requestsAt, `CSV header: ${lines[0]}`);
      const rows = lines.slice(1).map((l) => l.split(','));
      const fewer = rows.filter((r) => r[nAt] !== '' && Number(r[nAt]) < Number(r[requestsAt]));
      assert(
        rows.every((r) => r[nAt] === '' || Number(r[nAt]) <= Number(r[requestsAt])) && fewer.length > 0,
        `n is not the completed requests: ${lines.slice(1).join(' | ')}`,
      );
      const badge = (await card.locator('.n-badge').first().textContent()) ?? '';
      const total = rows.reduce((s, r) => s + (Number(r[nAt]) || 0), 0);
      assert(badge.replace(/\D/g, '') === String(total), `badge ${badge}, rows sum to ${total}`);
      await page.close();
    },
  );

  await checks.run(
    "a filtered card's CSV names its filters in the file name, its columns as the city-wide file's",
    async () => {
      const { page } = await openPage(ctx);
      const fileOf = async (query: string) => {
        await page.goto(`${url}/?page=layanan${query}`);
        const card = page.locator('section.chart-card', { hasText: /Hari layanan dari waktu ke waktu/ });
        await card.locator('[data-chart-ready]').waitFor({ timeout: LOAD_TIMEOUT });
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          card.locator('[data-csv]').click(),
        ]);
        const header = (await readFile(await download.path(), 'utf8'))
          .replace(/^\uFEFF/, '')
          .split('\r\n')[0];
        return { name: download.suggestedFilename(), header };
      };
      const city = await fileOf('');
      const filtered = await fileOf('&agency=DISDUKCAPIL&from=2024&to=2024');
      assert(/^hari-layanan-dari-waktu-ke-waktu_\d{8}T/.test(city.name), `city-wide file: ${city.name}`);
      assert(
        /^hari-layanan-dari-waktu-ke-waktu_DISDUKCAPIL_2024_\d{8}T\w+\.csv$/.test(filtered.name),
        `filtered file: ${filtered.name}`,
      );
      assert(filtered.header === city.header, `columns differ: ${filtered.header} vs ${city.header}`);
      await page.close();
    },
  );

  await checks.run(
    // The scale-0.25 e2e world has no row that fails (0 of 11; at scale 1 PLY-PRIMA 2023 does): the
    // wording of a failure is joint-effects.test.ts's, here the rows drawn say no more than they hold.
    'the joint model: a row names a failed agency-clustered check if, and only if, it does not hold',
    async () => {
      const { page } = await openPage(ctx);
      await page.goto(`${url}/${pageUrls(await gqlAgencies(url)).kohort}`);
      const table = page.locator('[data-joint-effects] [data-joint-table]');
      await table.waitFor({ timeout: LOAD_TIMEOUT });
      const cells = await table.locator('td[data-clustered]').all();
      assert(cells.length > 0, 'the joint model has no rows');
      let fails = 0;
      for (const cell of cells) {
        const state = await cell.getAttribute('data-clustered');
        const failed = await cell.locator('[data-clustered-failed]').allTextContents();
        if (state === 'fails') {
          fails++;
          assert(
            failed.length === 1 &&
              /^karena (selang kepercayaan diklaster (mencakup 0|di sisi lain 0)|p wild cluster bootstrap = \S+, tidak di bawah 0,05)(; p wild cluster bootstrap = \S+, tidak di bawah 0,05)?$/.test(
                failed[0] ?? '',
              ),
            `failed check: ${failed.join(' | ')}`,
          );
        } else assert(failed.length === 0, `a '${state}' row names a failed check: ${failed.join(' | ')}`);
      }
      console.log(`      ${fails} of ${cells.length} rows fail the clustered check`);
      await page.close();
    },
  );
  await checks.run(
    'Ringkasan over one year (?from=2023&to=2023) compares each tile with 2022, and its charts show 2023 only',
    async () => {
      const { page } = await openPage(ctx);
      await page.goto(`${url}/?from=2023&to=2023`);
      await page.locator('[data-page="ringkasan"] .kpi').first().waitFor({ timeout: LOAD_TIMEOUT });
      await page.waitForFunction(
        () =>
          Array.from(document.querySelectorAll('.kpi')).every((k) => k.getAttribute('aria-busy') === 'false'),
        null,
        { timeout: LOAD_TIMEOUT },
      );
      const deltas = await page.locator('.kpi .kpi-delta').allTextContents();
      assert(
        deltas.length >= 4 && deltas.every((d) => /vs tahun lalu/.test(d)),
        `tiles: ${deltas.join(' | ')}`,
      );
      const years = await page.locator('.kpi .card-meta').allTextContents();
      assert(
        years.every((y) => /Tahun 2023/.test(y)),
        `tile years: ${years.join(' | ')}`,
      );
      // The comparison year is read for the tiles only: the trend tables start at 2023.
      const card = page.locator('section.chart-card', { hasText: /Tingkat partisipasi/ }).first();
      await card.locator('[data-chart-ready]').waitFor({ timeout: LOAD_TIMEOUT });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.locator('[data-csv]').click(),
      ]);
      const rows = (await readFile(await download.path(), 'utf8'))
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      // The period as its first day (ISO, as in every time series' CSV): the year 2023 alone.
      assert(rows.length === 2 && rows[1]!.startsWith('2023-01-01,'), `trend CSV: ${rows.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    "Ringkasan's impact card names the filters it does not apply (the portfolio is city-wide)",
    async () => {
      const { page } = await openPage(ctx);
      const noteOf = async (query: string) => {
        await page.goto(`${url}/${query}`);
        await page.locator('[data-impact] [data-impact-summary]').waitFor({ timeout: LOAD_TIMEOUT });
        const note = page.locator('[data-impact] [data-ignored-filters]');
        return (await note.count()) === 0 ? null : await note.textContent();
      };
      assert((await noteOf('')) === null, 'a note without filters');
      const agency = await noteOf('?agency=DISDUKCAPIL');
      assert(agency === 'Filter tidak berlaku untuk kartu ini: Instansi', `agency: ${agency}`);
      const two = await noteOf('?method=workshop&grade=III');
      assert(two === 'Filter tidak berlaku untuk kartu ini: Metode, Golongan', `method, grade: ${two}`);
      await page.close();
    },
  );

  await checks.run(
    'ROI forms at 1280 px: placeholders written as the page writes numbers, selects not cut, budget labels in line',
    async () => {
      const { page } = await openPage(ctx);
      await page.goto(`${url}/?page=roi`);
      const form = page.locator('[data-roi-form]');
      await form.waitFor({ timeout: LOAD_TIMEOUT });
      await page.waitForFunction(
        () =>
          Array.from(document.querySelectorAll<HTMLInputElement>('[data-roi-form] fieldset input')).some(
            (i) => i.placeholder !== '',
          ),
        null,
        { timeout: LOAD_TIMEOUT },
      );
      const placeholders = await form
        .locator('fieldset input')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).placeholder));
      assert(
        placeholders.every((p) => !/\d{4}/.test(p)) &&
          placeholders.some((p) => /^\d{1,3}(\.\d{3})+$/.test(p)),
        `placeholders: ${placeholders.join(' | ')}`,
      );
      await page.locator('[data-budget-form]').waitFor({ timeout: LOAD_TIMEOUT });
      // Each select as wide as it would be on its own (its longest option), so no option is cut.
      const cut = await page.evaluate(() =>
        Array.from(
          document.querySelectorAll<HTMLSelectElement>('[data-roi-form] select, [data-budget-form] select'),
        )
          .map((s) => {
            const alone = s.cloneNode(true) as HTMLSelectElement;
            alone.style.cssText = 'position:absolute;width:auto;min-width:0;max-width:none;visibility:hidden';
            document.body.append(alone);
            const need = alone.getBoundingClientRect().width;
            alone.remove();
            return { name: s.name, has: s.getBoundingClientRect().width, need };
          })
          .filter((s) => s.has + 1 < s.need),
      );
      assert(cut.length === 0, `cut selects: ${JSON.stringify(cut)}`);
      // Labels of the fields on one row of the budget form start at the same height.
      const rows = await page.evaluate(() => {
        const byRow = new Map<number, number[]>();
        for (const f of Array.from(document.querySelectorAll('[data-budget-form] .form-grid > .field'))) {
          const top = Math.round(f.getBoundingClientRect().top);
          const label = f.querySelector('.field-label')!.getBoundingClientRect().top;
          byRow.set(top, [...(byRow.get(top) ?? []), label]);
        }
        return [...byRow.values()];
      });
      assert(
        rows.every((tops) => Math.max(...tops) - Math.min(...tops) < 1),
        `budget label tops per row: ${JSON.stringify(rows)}`,
      );
      await page.close();
    },
  );

  await checks.run(
    'Instansi on a 390 px phone: the scorecard header row stays in view while its rows scroll',
    async () => {
      const { page } = await openPage(ctx);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${url}/?page=instansi`);
      await page.locator('[data-scorecard] tbody tr').nth(10).waitFor({ timeout: LOAD_TIMEOUT });
      const after = await page.evaluate(() => {
        const box = document
          .querySelector<HTMLElement>('[data-scorecard]')!
          .closest<HTMLElement>('.table-scroll')!;
        box.scrollTop = 600;
        box.scrollLeft = 200;
        const head = document.querySelectorAll<HTMLElement>('[data-scorecard] thead th');
        return {
          scrolled: box.scrollTop,
          boxTop: box.getBoundingClientRect().top,
          heads: Array.from(head).map((h) => h.getBoundingClientRect().top),
        };
      });
      assert(after.scrolled > 100, `the scorecard box does not scroll: ${after.scrolled}`);
      assert(
        after.heads.every((top) => Math.abs(top - after.boxTop) < 2),
        `header tops ${after.heads.join(', ')} vs box ${after.boxTop}`,
      );
      await page.close();
    },
  );
}

/** Waits until no card is loading any more. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.state-loading').length === 0, null, {
    timeout: LOAD_TIMEOUT,
  });
  await page.waitForTimeout(300);
}
