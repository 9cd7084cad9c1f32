/**
 * Agency comparison (Instansi) and agency names, run by `run.ts` in the 1280 px context: sorting
 * and picking, the ROI caveat, long names in their fields, full names and codes in tables and CSVs.
 */
import type { Locator, Page } from 'playwright-core';
import { LOAD_TIMEOUT, newContext, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';
import { downloadCsv, gqlAgencyNames, parseCsvLine, settle, shownSnapshotId } from './helpers.ts';

/** Returns the agency catalog it read (code, name), which later checks use too. */
export async function agencyChecks(checks: Checks, env: E2eEnv): Promise<[string, string][]> {
  const { browser, ctx, plannerToken, server, urls } = env;
  await checks.run('agency comparison: sort by a column, pick two agencies side by side', async () => {
    const { page, errors } = await openPage(ctx);
    await page.goto(`${server.url}/?page=instansi`);
    await page.waitForSelector('[data-scorecard]', { timeout: LOAD_TIMEOUT });
    await page.locator('[data-scorecard] thead button', { hasText: 'Tingkat partisipasi' }).click();
    await page.waitForURL(/sort=participationRate\.desc/);
    const boxes = page.locator('[data-scorecard] tbody input[type="checkbox"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.waitForURL(/cmp=[^&]+%2C|cmp=[^&]+,/);
    const cards = page.locator('[data-side-by-side] article');
    await cards.first().waitFor({ timeout: LOAD_TIMEOUT });
    assert((await cards.count()) === 2, `side-by-side shows ${await cards.count()} agencies`);
    // The comparison chart is a section of the page like "Berdampingan" and the scorecard: an h2,
    // not an h3 read as part of the filter bar (accessibility audit, SC 1.3.1).
    const rates = page.locator('section.chart-card', { hasText: 'Perbandingan tingkat' });
    await rates.waitFor({ timeout: LOAD_TIMEOUT });
    const level = await rates.locator('.card-head :is(h2, h3)').evaluate((h) => h.tagName);
    assert(level === 'H2', `"Perbandingan tingkat" is an ${level}`);
    assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    await page.close();
  });

  await checks.run(
    'agency comparison: an ROI of −100 % carries its caveat (no measured benefit)',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=instansi`);
      await page.waitForSelector('[data-scorecard]', { timeout: LOAD_TIMEOUT });
      // Every −100 % in the ROI column has a footnote mark, and the footnote says why.
      const unexplained = await page.evaluate(
        () =>
          Array.from(document.querySelectorAll('[data-scorecard] tbody td.num')).filter(
            (td) => /^[-−]100,0\s?%$/.test(td.textContent?.trim() ?? '') && !td.querySelector('sup'),
          ).length,
      );
      assert(unexplained === 0, `${unexplained} ROI cells show −100 % without a caveat`);
      // The page opens on the latest full year, whose effect cannot be measured yet (no year after
      // it in the data): its ROI caveats must be on screen.
      const marked = await page.locator('[data-scorecard] sup.footnote-mark').count();
      assert(marked > 0, 'no ROI cell carries a caveat mark');
      const notes = (await page.locator('[data-roi-notes]').textContent()) ?? '';
      assert(/manfaat dianggap nol|ROI tidak dapat dihitung|mencakup nol/.test(notes), `ROI notes: ${notes}`);
      // The column is the base case, and says so; a base ROI whose effect's CI includes zero carries
      // a qualifier, and its footnote explains the base figure, not the low case.
      await page.goto(`${server.url}/?page=instansi&to=2024`);
      await page.waitForSelector('[data-scorecard] tbody tr', { timeout: LOAD_TIMEOUT });
      const notes2024 = (await page.locator('[data-roi-notes]').textContent()) ?? '';
      const head = (await page.locator('[data-scorecard] thead').textContent()) ?? '';
      assert(/ROI \(dasar\)/.test(head), `scorecard header: ${head}`);
      if (/skenario dasar/.test(notes2024)) {
        const qualifiers = await page.locator('[data-scorecard] [data-roi-qualifier]').allTextContents();
        assert(qualifiers.length > 0, 'a no-effect ROI without its qualifier');
        assert(
          qualifiers.every((q) =>
            /tanpa manfaat terukur|manfaat tidak terbukti|layanan lebih lambat/.test(q),
          ),
          `qualifiers: ${qualifiers.join(' | ')}`,
        );
      }
      for (const text of [notes, notes2024])
        assert(!/skenario rendah menganggap/.test(text), `ROI notes speak of the low case: ${text}`);
      // Sorted by ROI ascending (the worst returns first), the list opens on a measured ROI: one the
      // table writes "tak terukur" (no effect data) is no loss and sorts with the hidden and missing
      // figures, last in either direction.
      for (const dir of ['asc', 'desc']) {
        await page.goto(`${server.url}/?page=instansi&to=2024&sort=roiPct.${dir}`);
        await page.waitForSelector('[data-scorecard] tbody tr', { timeout: LOAD_TIMEOUT });
        const kinds = await page.evaluate(() => {
          const heads = Array.from(document.querySelectorAll('[data-scorecard] thead tr > *'));
          const col = heads.findIndex((th) => /ROI \(dasar\)/.test(th.textContent ?? ''));
          return Array.from(document.querySelectorAll('[data-scorecard] tbody tr')).map((tr) => {
            const cell = tr.children[col];
            if (!cell) return 'none';
            if (cell.querySelector('[data-roi-not-measured]')) return 'unmeasured';
            if (cell.classList.contains('suppressed-cell')) return 'hidden';
            // The figure without its footnote marks and qualifier, e.g. "−100,0%".
            const figure = (cell.firstChild?.textContent ?? '').trim();
            return /\d/.test(figure) ? 'measured' : 'missing';
          });
        });
        assert(
          kinds[0] === 'measured',
          `roiPct.${dir}: the first row's ROI is ${kinds[0]} (${kinds.join(' ')})`,
        );
        const lastMeasured = kinds.lastIndexOf('measured');
        const firstOther = kinds.findIndex((k) => k !== 'measured');
        assert(
          firstOther === -1 || lastMeasured < firstOther,
          `roiPct.${dir}: a measured ROI sorts after an unmeasured, hidden or missing one (${kinds.join(' ')})`,
        );
        if (dir === 'asc')
          assert(
            kinds.includes('unmeasured'),
            `roiPct.asc: no "tak terukur" ROI in 2024 (${kinds.join(' ')})`,
          );
      }
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  // Agencies with their names, as any client reads them (for checks that must not hard-code data).
  const catalog = await gqlAgencyNames(server.url);
  const longest = [...catalog].sort((a, b) => b[1].length - a[1].length)[0];

  await checks.run(
    'a long agency name stays inside its field (filter bar and cohort form, 1280 and 360 px), in full in its title',
    async () => {
      assert(longest !== undefined, 'no agencies in the catalog');
      const [code, name] = longest;
      for (const width of [1280, 360]) {
        const sized = await newContext(browser, width, plannerToken);
        try {
          const { page, errors } = await openPage(sized);
          const forms = [
            { url: `/?agency=${encodeURIComponent(code)}`, field: '.filter-grid [data-filter="agencies"]' },
            {
              url: `/${urls.kohort}&cag=${encodeURIComponent(code)}`,
              field: 'form[data-cohort-form] .multi',
            },
          ];
          for (const { url, field } of forms) {
            await page.goto(`${server.url}${url}`);
            await settle(page);
            if (width < 900 && field.startsWith('.filter-grid')) await page.click('.filter-toggle');
            const summary = page.locator(`${field} summary`, { hasText: name.slice(0, 20) }).first();
            await summary.waitFor({ timeout: LOAD_TIMEOUT });
            assert(
              (await summary.getAttribute('title')) === name,
              `${url} @${width}: title is not the full name`,
            );
            const box = await summary.evaluate((s) => {
              const field = s.closest('.field, .multi') as HTMLElement;
              const r = s.getBoundingClientRect();
              const f = field.getBoundingClientRect();
              // The fields on the same row, right of this one.
              const next = Array.from(field.parentElement?.children ?? [])
                .map((e) => e.getBoundingClientRect())
                .filter((b) => b.left >= f.right - 1 && Math.abs(b.top - f.top) < 4)
                .map((b) => b.left);
              return {
                right: r.right,
                fieldRight: f.right,
                nextLeft: next.length ? Math.min(...next) : null,
                scroll: document.documentElement.scrollWidth,
              };
            });
            assert(
              box.right <= box.fieldRight + 1,
              `${url} @${width}: the name runs past its field ${JSON.stringify(box)}`,
            );
            assert(
              box.nextLeft === null || box.right <= box.nextLeft,
              `${url} @${width}: the name runs under the next field ${JSON.stringify(box)}`,
            );
            assert(box.scroll <= width, `${url} @${width}: horizontal scroll, page is ${box.scroll}px wide`);
          }
          assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
          await page.close();
        } finally {
          await sized.close();
        }
      }
    },
  );

  await checks.run('agency rows: full names in the table view, full names and codes in the CSV', async () => {
    const { page, errors } = await openPage(ctx);
    const names = new Map(catalog);
    for (const [path, heading] of [
      ['/?page=partisipasi', /^Partisipasi per instansi, tahun \d{4}$/],
      ['/?page=partisipasi', /^Resistensi per instansi, \d{4}(–\d{4})?$/],
      ['/?page=layanan', /^Hari layanan per instansi, \d{4}(–\d{4})?$/],
      ['/?page=layanan', /^IKM per instansi, \d{4}(–\d{4})?$/],
    ] as const) {
      const { card, title, lines } = await drawnCardCsv(page, `${server.url}${path}`, heading);
      const header = parseCsvLine(lines[0] ?? '');
      assert(header[1] === 'agency_code', `${title}: CSV header ${lines[0]}`);
      assert(lines.length > 2, `${title}: CSV has ${lines.length - 1} rows`);
      if (title.startsWith('Hari layanan')) {
        // Each unit's monthly workload per handler (DESIGN L4), blank only where the row is hidden.
        const at = header.indexOf('Permohonan per petugas per bulan');
        assert(at > 1, `${title}: no requests-per-handler column in ${lines[0]}`);
        const perHandler = lines
          .slice(1)
          .map((l) => parseCsvLine(l)[at] ?? '')
          .filter((v) => v !== '');
        assert(
          perHandler.length > 0 && perHandler.every((v) => Number(v) > 0),
          `${title}: requests per handler ${perHandler.join(',')}`,
        );
      }
      for (const line of lines.slice(1)) {
        const [label, agency] = parseCsvLine(line);
        assert(
          agency !== undefined && names.has(agency) && names.get(agency) === label,
          `${title}: CSV row is not an agency's full name and code: ${line}`,
        );
      }
      await card.getByRole('button', { name: `Tampilkan tabel: ${title}` }).click();
      const shown = (await card.locator('tbody th').allTextContents()).map((s) => s.trim());
      assert(
        shown.length === lines.length - 1,
        `${title}: ${shown.length} table rows, CSV ${lines.length - 1}`,
      );
      const cut = shown.filter((s) => s.endsWith('…') || ![...names.values()].includes(s));
      assert(cut.length === 0, `${title}: names cut or unknown in the table: ${cut.join(' | ')}`);
    }
    assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    await page.close();
  });

  await checks.run(
    'IKM sample (PermenPANRB 14/2017): judged per year and per period, not over pooled years; the note counts the rows short',
    async () => {
      const { page, errors } = await openPage(ctx);
      for (const [path, heading, judged] of [
        ['/?page=layanan', /^IKM per instansi, \d{4}–\d{4}$/, false],
        ['/?page=layanan', /^IKM dari waktu ke waktu$/, true],
        ['/?page=layanan&from=2024&to=2024', /^IKM per instansi, 2024$/, true],
      ] as const) {
        const { card, title, lines } = await drawnCardCsv(page, `${server.url}${path}`, heading);
        await checkIkmSample(card, lines, title, judged);
      }
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Partisipasi by kind of agency: the breakdown switch, kept in the URL; a by-agency card mostly hidden says so',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=partisipasi`);
      const resistanceByAgency = page.locator('section.chart-card', {
        has: page.getByRole('heading', { name: /^Resistensi per instansi, \d{4}(–\d{4})?$/ }),
      });
      await resistanceByAgency
        .locator('[data-all-hidden], [data-chart-ready]')
        .first()
        .waitFor({ timeout: LOAD_TIMEOUT });
      // The note under a by-agency card says how many of its rows are hidden when they are half or
      // more (of at least four), as its CSV counts them; otherwise there is none.
      const lines = await downloadCsv(page, resistanceByAgency.locator('[data-csv]'));
      await checkHiddenNote(
        resistanceByAgency.locator('[data-mostly-hidden]'),
        lines,
        'instansi',
        'by agency',
      );

      await page.getByLabel('Rincian instansi').selectOption('kind');
      await page.waitForURL(/[?&]unit=kind(&|$)/);
      const kinds = new Set(['Dinas', 'Badan', 'Kecamatan', 'Kelurahan', 'Sekretariat', 'Inspektorat']);
      for (const heading of [
        /^Partisipasi per jenis instansi, tahun \d{4}$/,
        /^Resistensi per jenis instansi, \d{4}(–\d{4})?$/,
      ]) {
        const card = page.locator('section.chart-card', {
          has: page.getByRole('heading', { name: heading }),
        });
        // A small world can hide every kind (a kind whose agencies the answer by agency hides is
        // hidden too): the card then says so instead of drawing a chart.
        await card
          .locator('[data-all-hidden], [data-chart-ready]')
          .first()
          .waitFor({ timeout: LOAD_TIMEOUT });
        const title = (await card.getByRole('heading', { name: heading }).textContent())?.trim() ?? '';
        const csv = await downloadCsv(page, card.locator('[data-csv]'));
        const head = parseCsvLine(csv[0] ?? '');
        // Kinds are no agencies: no agency_code column, the kind's name in the first.
        assert(
          head[0] === 'Jenis instansi' && !head.includes('agency_code'),
          `${title}: CSV header ${csv[0]}`,
        );
        const labels = csv.slice(1).map((l) => parseCsvLine(l)[0] ?? '');
        assert(labels.length > 0, `${title}: no rows`);
        assert(
          labels.every((l) => kinds.has(l)),
          `${title}: rows that are not kinds of agency: ${labels.filter((l) => !kinds.has(l)).join(' | ')}`,
        );
        assert((await card.locator('[data-mostly-hidden]').count()) === 0, `${title}: points to itself`);
        // The pooled card over the demo's several years adds that a single year often shows more kinds.
        const text = await checkHiddenNote(card.locator('[data-kinds-hidden]'), csv, 'jenis instansi', title);
        if (text !== null)
          assert(
            text.includes('Satu tahun saja') === title.startsWith('Resistensi'),
            `${title}: the single-year hint in "${text}"`,
          );
        // Over a range the note offers the range's last year alone: it narrows the page's range,
        // the card asks again for that year and keeps the focus on its heading; Back restores it.
        const oneYear = card.locator('[data-kinds-hidden] button[data-one-year]');
        assert(
          (await oneYear.count()) === (text !== null && title.startsWith('Resistensi') ? 1 : 0),
          `${title}: the one-year button beside "${text}"`,
        );
        if ((await oneYear.count()) === 0) continue;
        const year = (await oneYear.getAttribute('data-one-year')) ?? '';
        const before = page.url();
        await oneYear.click();
        await page.waitForURL(
          (url) => url.searchParams.get('from') === year && url.searchParams.get('to') === year,
        );
        await card
          .getByRole('heading', { name: `Resistensi per jenis instansi, ${year}` })
          .waitFor({ timeout: LOAD_TIMEOUT });
        const focusedText = await page.evaluate(() => document.activeElement?.textContent ?? '');
        assert(
          focusedText === `Resistensi per jenis instansi, ${year}`,
          `after the one-year button: focus on "${focusedText}"`,
        );
        // Until the year's answer comes the card holds the range's, stale (its note and CSV too).
        await cardSettled(card);
        await card
          .locator('[data-all-hidden], [data-chart-ready]')
          .first()
          .waitFor({ timeout: LOAD_TIMEOUT });
        const yearCsv = await downloadCsv(page, card.locator('[data-csv]'));
        // The year's own answer: its note (if any) says so without the range's hint and button.
        const yearText = await checkHiddenNote(
          card.locator('[data-kinds-hidden]'),
          yearCsv,
          'jenis instansi',
          `${title} → ${year}`,
        );
        assert(
          !(yearText ?? '').includes('Satu tahun saja'),
          `${year} alone: the range's hint in "${yearText}"`,
        );
        assert((await oneYear.count()) === 0, `${year} alone: the one-year button is still there`);
        await page.goBack();
        await page.waitForURL(before);
        await card.getByRole('heading', { name: title }).waitFor({ timeout: LOAD_TIMEOUT });
        await cardSettled(card);
      }
      // The by-agency cards are gone, and a reload (a shared link) shows the kinds again.
      assert(
        (await page.getByRole('heading', { name: /^Resistensi per instansi,/ }).count()) === 0,
        'the by-agency resistance card is still shown by kind',
      );
      await page.reload();
      await page
        .getByRole('heading', { name: /^Partisipasi per jenis instansi, tahun \d{4}$/ })
        .waitFor({ timeout: LOAD_TIMEOUT });
      assert(
        (await page.getByLabel('Rincian instansi').inputValue()) === 'kind',
        'the switch after a reload',
      );
      // Back to agencies: the parameter leaves the URL.
      await page.getByLabel('Rincian instansi').selectOption('agency');
      await page
        .getByRole('heading', { name: /^Resistensi per instansi,/ })
        .waitFor({ timeout: LOAD_TIMEOUT });
      assert(!new URL(page.url()).searchParams.has('unit'), `unit left in ${page.url()}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'agency comparison exports: the scorecard with no agency picked, the rates chart and the side-by-side card',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=instansi`);
      await page.locator('[data-scorecard] tbody tr').first().waitFor({ timeout: LOAD_TIMEOUT });
      const snap = await shownSnapshotId(page);
      const button = page.locator('[data-scorecard-csv]');
      assert(
        /^Unduh CSV: Kartu skor instansi \d{4}$/.test((await button.getAttribute('aria-label')) ?? ''),
        `scorecard CSV button name: ${await button.getAttribute('aria-label')}`,
      );
      const lines = await downloadCsv(page, button);
      const header = parseCsvLine(lines[0] ?? '');
      assert(
        header.slice(0, 3).join(',') === 'Instansi,agency_code,Tahun' &&
          header.slice(-4).join(',') === 'n,suppressed,suppression_reason,snapshot',
        `scorecard CSV header: ${lines[0]}`,
      );
      // One line per row, in the order shown; each a catalog agency, the snapshot on every line.
      const shown = (await page.locator('[data-scorecard] tbody th').allTextContents()).map((s) => s.trim());
      const rows = lines.slice(1).map(parseCsvLine);
      assert(
        rows.length === shown.length,
        `scorecard CSV has ${rows.length} rows, the table ${shown.length}`,
      );
      const names = new Map(catalog);
      rows.forEach((cells, i) => {
        assert(cells[0] === shown[i], `row ${i}: CSV ${cells[0]}, table ${shown[i]}`);
        assert(names.get(cells[1] ?? '') === cells[0], `row ${i}: code ${cells[1]} is not ${cells[0]}`);
        assert(cells.at(-1) === snap, `row ${i} without snapshot ${snap}: ${cells.join(',')}`);
        // Raw numbers: rates 0–1, money in whole rupiah, blanks for hidden or missing figures.
        header.forEach((h, j) => {
          const v = cells[j] ?? '';
          if (h.endsWith('(0-1)'))
            assert(v === '' || (Number(v) >= 0 && Number(v) <= 1), `${h} not 0–1: ${v}`);
          if (/\((Rp|IDR)\)$/.test(h)) assert(v === '' || /^-?\d+$/.test(v), `${h} not whole rupiah: ${v}`);
        });
        const hidden = cells[header.indexOf('suppressed')] === 'true';
        const reason = cells[header.indexOf('suppression_reason')] ?? '';
        assert(hidden === (reason !== ''), `row ${i}: suppressed ${hidden} with reason "${reason}"`);
      });
      // Two agencies picked: the rates chart and the side-by-side card export them, with codes.
      const boxes = page.locator('[data-scorecard] tbody input[type="checkbox"]');
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      await page.locator('[data-side-by-side] article').nth(1).waitFor({ timeout: LOAD_TIMEOUT });
      const picked = shown.slice(0, 2);
      const sideBySide = await downloadCsv(page, page.locator('[data-side-by-side-csv]'));
      assert(
        sideBySide[0] === lines[0] &&
          sideBySide
            .slice(1)
            .map((l) => parseCsvLine(l)[0])
            .join('|') === picked.join('|'),
        `side-by-side CSV: ${sideBySide.join(' / ')}`,
      );
      const ratesCard = page.locator('section.chart-card', { hasText: 'Perbandingan tingkat' });
      const rates = await downloadCsv(page, ratesCard.locator('[data-csv]'));
      assert(
        parseCsvLine(rates[0] ?? '')[1] === 'agency_code' &&
          rates
            .slice(1)
            .map((l) => parseCsvLine(l)[0])
            .join('|') === picked.join('|'),
        `rates CSV: ${rates.join(' / ')}`,
      );
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );
  return catalog;
}

/**
 * Opens `url`, waits until the chart card whose heading matches `heading` has drawn, and downloads
 * its CSV: the card, its title as shown and the CSV's lines.
 */
async function drawnCardCsv(
  page: Page,
  url: string,
  heading: RegExp,
): Promise<{ card: Locator; title: string; lines: string[] }> {
  await page.goto(url);
  const card = page.locator('section.chart-card', { has: page.getByRole('heading', { name: heading }) });
  await card.locator('[data-chart-ready]').waitFor({ timeout: LOAD_TIMEOUT });
  const title = (await card.getByRole('heading', { name: heading }).textContent())?.trim() ?? '';
  return { card, title, lines: await downloadCsv(page, card.locator('[data-csv]')) };
}

/** Waits until `card` shows its own answer: not loading, and not holding an earlier one (stale). */
async function cardSettled(card: Locator): Promise<void> {
  await card
    .and(card.page().locator('section.chart-card:not([aria-busy="true"]):not([data-stale])'))
    .waitFor({ timeout: LOAD_TIMEOUT });
}

/**
 * A card's note on its hidden rows: shown when they are half or more of at least four rows, as the
 * card's CSV (`lines`) counts them, starting "<hidden> dari <rows> <unit> disembunyikan"; otherwise
 * absent. Its text, or null when there is none.
 */
async function checkHiddenNote(
  note: Locator,
  lines: readonly string[],
  unit: string,
  what: string,
): Promise<string | null> {
  const header = parseCsvLine(lines[0] ?? '');
  const rows = lines.slice(1).map(parseCsvLine);
  const hidden = rows.filter((r) => r[header.indexOf('suppressed')] === 'true').length;
  if (rows.length < 4 || hidden * 2 < rows.length) {
    assert((await note.count()) === 0, `${what}: a note with ${hidden} of ${rows.length} hidden`);
    return null;
  }
  const text = (await note.textContent()) ?? '';
  assert(
    text.startsWith(`${hidden} dari ${rows.length} ${unit} disembunyikan`),
    `${what}: hidden-rows note "${text}" (CSV: ${hidden} of ${rows.length} hidden)`,
  );
  return text;
}

/**
 * An IKM card's sample columns (the CSV's last measures, before n): "Sampel memadai" is "Ya" exactly
 * where the questionnaires reach "Sampel minimum"; over pooled years no row is judged and there is no
 * note; otherwise some row is, and the note counts the rows short of it, of those judged.
 */
async function checkIkmSample(card: Locator, lines: string[], title: string, judged: boolean): Promise<void> {
  const header = parseCsvLine(lines[0] ?? '');
  const at = header.indexOf('Sampel memadai');
  assert(at > 1 && header[at + 1] === 'n', `${title}: no sample column before n in ${lines[0]}`);
  const forms = header.indexOf('Kuesioner');
  const least = header.indexOf('Sampel minimum');
  assert(forms > 1 && least > 1, `${title}: no questionnaires or minimum column in ${lines[0]}`);
  const values = lines.slice(1).map((l) => parseCsvLine(l)[at] ?? '');
  assert(
    values.every((v) => ['Ya', 'Tidak', ''].includes(v)),
    `${title}: sample values ${values.join(',')}`,
  );
  for (const line of lines.slice(1)) {
    const cells = parseCsvLine(line);
    const verdict = cells[at] ?? '';
    if (verdict === '') continue;
    const enough = Number(cells[forms]) >= Number(cells[least]);
    assert(enough === (verdict === 'Ya'), `${title}: ${verdict} for ${line}`);
  }
  const short = values.filter((v) => v === 'Tidak').length;
  const seen = values.filter((v) => v !== '').length;
  const note = card.locator('[data-ikm-sample-note]');
  if (!judged) {
    assert(seen === 0, `${title}: ${seen} rows judged over pooled years`);
    assert((await note.count()) === 0, `${title}: a sample note over pooled years`);
    return;
  }
  assert(seen > 0, `${title}: no row judged for its sample`);
  if (short === 0) assert((await note.count()) === 0, `${title}: a sample note with no row short`);
  else {
    const text = (await note.textContent()) ?? '';
    assert(
      text.startsWith(`Pada ${short} dari ${seen} baris, jumlah kuesioner di bawah sampel minimum`),
      `${title}: sample note ${JSON.stringify(text)} for ${short} of ${seen}`,
    );
  }
}
