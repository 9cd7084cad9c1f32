/**
 * Figures that cannot be shown say why, run by `run.ts` in the 1280 px context: KPI tiles and
 * filters they cannot apply, filters hiding every agency, cost dashes, ROI assumptions in plain words.
 */
import { LOAD_TIMEOUT, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';
import { settle } from './helpers.ts';

/** Ringkasan's tiles, Partisipasi's hidden agencies, Instansi's dashes, ROI and Kualitas wording. */
export async function explanationChecks(checks: Checks, env: E2eEnv): Promise<void> {
  const { ctx, plannerToken, server } = env;
  await checks.run('Ringkasan: a KPI tile names the filters it cannot apply, as the charts do', async () => {
    const { page, errors } = await openPage(ctx);
    await page.goto(`${server.url}/?svc=kk`);
    const tiles = page.locator('.kpi');
    await tiles.first().locator('.kpi-value:not(.muted)').waitFor({ timeout: LOAD_TIMEOUT });
    await settle(page);
    for (const label of ['Tingkat partisipasi', 'Tingkat resistensi', 'Kepatuhan JP (≥ 20 JP)']) {
      const note =
        (await page.locator('.kpi', { hasText: label }).locator('[data-ignored-filters]').textContent()) ??
        '';
      assert(note === 'Filter tidak berlaku untuk angka ini: Jenis layanan', `${label}: ${note}`);
    }
    for (const label of ['IKM', 'Tepat SLA']) {
      const tile = page.locator('.kpi', { has: page.getByRole('heading', { name: label, exact: true }) });
      assert(
        (await tile.locator('[data-ignored-filters]').count()) === 0,
        `${label} names an ignored filter`,
      );
    }
    assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    await page.close();
  });

  await checks.run(
    'Partisipasi: a filter that hides every agency says so plainly, never "n < 5" for complements',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=partisipasi&grade=III`);
      const card = page.locator('section.chart-card', { hasText: /^Resistensi per instansi/ });
      await card.locator('[data-all-hidden], [data-chart-ready]').first().waitFor({ timeout: LOAD_TIMEOUT });
      await settle(page);
      // The card this is about hides every agency; the loop checks it and any other card that does.
      assert(
        (await card.locator('[data-all-hidden]').count()) === 1,
        'Resistensi per instansi is not all hidden',
      );
      for (const c of await page.locator('section.chart-card:has([data-all-hidden])').all()) {
        const text = (await c.locator('[data-all-hidden]').textContent()) ?? '';
        assert(
          /^Kombinasi filter ini \(Golongan\) tidak dapat ditampilkan/.test(text),
          `all hidden: ${text}`,
        );
        assert((await c.locator('table').count()) === 0, 'the hidden rows are listed before being asked for');
        await c.locator('[data-hidden-rows]').click();
        const cells = await c.locator('tbody td.suppressed-cell').allTextContents();
        assert(
          cells.length > 0 && cells.every((x) => x === 'dirahasiakan'),
          `cells: ${cells.slice(0, 3).join('|')}`,
        );
      }
      const notes = await page.locator('[data-suppression-note]').allTextContents();
      assert(!notes.some((n) => /^\d+ sel dirahasiakan \(n < 5\)/.test(n)), `notes: ${notes.join(' | ')}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Partisipasi: two filters and a breakdown by a third dimension say why every group is hidden (three dimensions)',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=partisipasi&grade=III&emp=PNS`);
      const card = page.locator('section.chart-card', { hasText: /^Resistensi menurut masa kerja/ });
      await card.locator('[data-all-hidden], [data-chart-ready]').first().waitFor({ timeout: LOAD_TIMEOUT });
      await settle(page);
      const text = (await card.locator('[data-all-hidden]').textContent()) ?? '';
      assert(
        /^Kombinasi filter ini \(Golongan, Jenis pegawai\) tidak dapat ditampilkan dalam rincian ini: semua baris dirahasiakan\. Filter dan rincian ini bersama-sama mencakup tiga dimensi/.test(
          text,
        ),
        `by tenure band: ${text}`,
      );
      // The reasons breakdown is withheld under any list filter: not put down to three dimensions.
      const reasons = page.locator('section.chart-card', { hasText: /^Alasan penolakan menurut masa kerja/ });
      const why = (await reasons.locator('[data-all-hidden]').textContent()) ?? '';
      assert(!/tiga dimensi/.test(why), `reasons: ${why}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Instansi: a cost dash is explained; at 360 px the compare header does not break mid-word and names stay in view',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=instansi&to=2024`);
      const table = page.locator('[data-scorecard]');
      await table.waitFor({ timeout: LOAD_TIMEOUT });
      const dashes = table.locator('td[data-no-training]');
      if ((await dashes.count()) > 0) {
        assert(
          /tidak menyelenggarakan pelatihan/.test((await dashes.first().getAttribute('title')) ?? ''),
          'dash title',
        );
        const note = (await page.locator('[data-no-training-note]').textContent()) ?? '';
        assert(
          /tidak menyelenggarakan pelatihan yang diselesaikan peserta pada 2024/.test(note),
          `note: ${note}`,
        );
      }
      await page.setViewportSize({ width: 360, height: 800 });
      const head = table.locator('th[data-compare-head] .compare-short');
      await head.waitFor({ timeout: LOAD_TIMEOUT });
      const box = await head.boundingBox();
      assert(box !== null && box.height < 20, `compare header wraps: ${JSON.stringify(box)}`);
      const scroller = page.locator('.table-scroll:has([data-scorecard])');
      const before = await table.locator('tbody tr th[scope="row"]').first().boundingBox();
      await scroller.evaluate((el) => {
        el.scrollLeft = 500;
      });
      const after = await table.locator('tbody tr th[scope="row"]').first().boundingBox();
      assert(
        before !== null && after !== null && Math.abs(after.x - before.x) < 2,
        `the agency name scrolled away: ${before?.x} → ${after?.x}`,
      );
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'ROI assumptions and Kualitas speak to planners: no field names or raw timestamps',
    async () => {
      const { page, errors } = await openPage(ctx);
      const internal =
        /hourlySalaryCostIdr|monthlySalaryCostIdr|workingHoursPerMonth|dim_grade|JP_MINUTES|DOMAIN|\[(kepastian|certainty)|\bconfidence\b/;
      for (const lang of ['id', 'en'] as const) {
        await page.goto(`${server.url}/?page=roi&rp=PLY-PRIMA&rfrom=2023-01-01&rto=2023-12-31`);
        if (lang === 'en') {
          await page.evaluate(() => localStorage.setItem('asn.lang', 'en'));
          await page.reload();
        }
        const card = page.locator('section[aria-labelledby="assump-h"]');
        await card.locator('tbody tr').first().waitFor({ timeout: LOAD_TIMEOUT });
        const text = (await card.textContent()) ?? '';
        assert(!internal.test(text), `${lang} assumptions: ${text.match(internal)?.[0]}`);
      }
      await page.evaluate(() => localStorage.setItem('asn.lang', 'id'));
      await page.goto(`${server.url}/?page=kualitas`);
      const wm = page.locator('section.chart-card', { hasText: /Penanda pemuatan terakhir/ });
      await wm.locator('tbody tr').first().waitFor({ timeout: LOAD_TIMEOUT });
      const wmText = (await wm.locator('tbody').textContent()) ?? '';
      assert(!/_source_xmin|\+00\b|\d{2}:\d{2}:\d{2}/.test(wmText), `watermarks: ${wmText.slice(0, 200)}`);
      assert(/WIB/.test(wmText), `watermarks in WIB: ${wmText.slice(0, 200)}`);
      const titles = await page.locator('section.chart-card h2, section.chart-card h3').allTextContents();
      assert(
        titles.includes('Karantina menurut alasan') &&
          titles.includes('Karantina menurut tabel sumber (dengan alasan dan asal)') &&
          !titles.some((x) => /— Tabel$/.test(x)),
        `Kualitas titles: ${titles.join(' | ')}`,
      );
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Ringkasan: the impact card shows n; KPI tiles without data for a filter say so',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/`);
      const n = page.locator('[data-impact] [data-impact-n]');
      await n.waitFor({ timeout: LOAD_TIMEOUT });
      assert(/^n = \d/.test(((await n.textContent()) ?? '').trim()), `impact n: ${await n.textContent()}`);
      // An agency with no service requests and no questionnaires (read through the API): its IKM and
      // SLA tiles explain the dash. Skipped when every agency has both.
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${plannerToken}` },
        body: JSON.stringify({
          query:
            '{ agencies { code } serviceTimes(groupBy: [agency]) { rows { keys { agency } } } satisfaction(groupBy: [agency]) { rows { keys { agency } } } }',
        }),
      });
      const body = (await res.json()) as {
        data?: {
          agencies: { code: string }[];
          serviceTimes: { rows: { keys: { agency: string | null } }[] };
          satisfaction: { rows: { keys: { agency: string | null } }[] };
        };
      };
      const served = new Set(
        [...(body.data?.serviceTimes.rows ?? []), ...(body.data?.satisfaction.rows ?? [])].map(
          (r) => r.keys.agency,
        ),
      );
      const quiet = body.data?.agencies.map((a) => a.code).find((code) => !served.has(code));
      if (quiet) {
        await page.goto(`${server.url}/?agency=${encodeURIComponent(quiet)}`);
        await page.locator('.kpi-grid .kpi-delta').first().waitFor({ timeout: LOAD_TIMEOUT });
        for (const label of ['IKM', 'Tepat SLA']) {
          const tile = page.locator(`.kpi-grid .kpi[data-kpi="${label}"]`);
          await tile.locator('[data-kpi-empty]').waitFor({ timeout: LOAD_TIMEOUT });
          const said = ((await tile.locator('[data-kpi-empty]').textContent()) ?? '').trim();
          assert(said === 'Tidak ada data untuk filter ini.', `${label} tile for ${quiet}: ${said}`);
        }
      }
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );
}
