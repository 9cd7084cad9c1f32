/** The cohort builder and the joint model card (Kohort), run by `run.ts` in the 1280 px context. */
import { readFile } from 'node:fs/promises';
import { LOAD_TIMEOUT, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';

/** Returns what the cohort builder showed (its DiD, whether hidden) for results.json. */
export async function cohortChecks(checks: Checks, env: E2eEnv): Promise<Record<string, unknown>> {
  const { ctx, server, urls } = env;
  let cohortInfo: Record<string, unknown> = {};
  await checks.run('the cohort builder produces a result and puts the cohort in the URL', async () => {
    const { page, errors } = await openPage(ctx);
    await page.goto(`${server.url}/?page=kohort`);
    await page.waitForSelector('form[data-cohort-form] select[name="value"] option[value="PLY-PRIMA"]', {
      state: 'attached',
      timeout: LOAD_TIMEOUT,
    });
    await page.selectOption('select[name="kind"]', 'program');
    await page.selectOption('select[name="value"]', 'PLY-PRIMA');
    await page.fill('input[name="from"]', '2023-01-01');
    await page.fill('input[name="to"]', '2023-12-31');
    await page.selectOption('select[name="outcome"]', 'service_days');
    await page.click('form[data-cohort-form] button[type="submit"]');
    await page.waitForURL(/ck=program.*cv=PLY-PRIMA|cv=PLY-PRIMA.*ck=program/);
    const result = page.locator('[data-cohort-result]');
    await result.waitFor({ timeout: LOAD_TIMEOUT });
    await page.locator('.uplot-host[data-chart-ready]').first().waitFor({ timeout: LOAD_TIMEOUT });
    const text = (await result.textContent()) ?? '';
    assert(/n = \d/.test(text), `no n in the result: ${text.slice(0, 200)}`);
    const did = (await result.locator('.stat dd').first().textContent())?.trim() ?? '';
    cohortInfo = { did, suppressed: /terlalu kecil/.test(text) };
    assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    await page.close();
  });

  await checks.run(
    'the joint model card: PLY-PRIMA faster and first, the placebo program neither faster nor slower',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/${urls.kohort}`);
      const card = page.locator('[data-joint-effects]');
      const table = card.locator('[data-joint-table]');
      await table.waitFor({ timeout: LOAD_TIMEOUT });
      const verdict = async (program: string) =>
        (await table.locator(`tbody tr[data-program="${program}"] [data-verdict]`).textContent())?.trim();
      assert((await verdict('PLY-PRIMA')) === 'lebih cepat', `PLY-PRIMA: ${await verdict('PLY-PRIMA')}`);
      const placebo = await verdict('PLACEBO-BUDAYA');
      assert(placebo !== undefined && !/lebih (cepat|lambat)/.test(placebo), `placebo: ${placebo}`);
      // Shown effects lead; the program the cohort form selected is the marked row.
      const first = await table.locator('tbody tr').first().getAttribute('data-program');
      assert(first === 'PLY-PRIMA', `first row: ${first}`);
      const current = await table.locator('tbody tr[aria-current="true"]').getAttribute('data-program');
      assert(current === 'PLY-PRIMA', `marked row: ${current}`);
      const summary = (await card.locator('[data-joint-summary]').textContent()) ?? '';
      assert(/setelah koreksi Holm/.test(summary), `summary: ${summary}`);
      // PLY-PRIMA's agency-clustered check: its CI in days (never -0,00), whether the shown effect
      // holds, and a caution when its completers sit in fewer than 5 agencies.
      const clustered = table.locator('tbody tr[data-program="PLY-PRIMA"] td[data-clustered]');
      const state = await clustered.getAttribute('data-clustered');
      assert(state === 'holds' || state === 'fails', `PLY-PRIMA clustered check: ${state}`);
      const clusteredCi = (await clustered.locator('[data-clustered-ci]').textContent()) ?? '';
      assert(
        /^[+−]?\d+,\d{2,4} … [+−]?\d+,\d{2,4}$/.test(clusteredCi) && !clusteredCi.includes('−0,00'),
        `PLY-PRIMA clustered CI: ${clusteredCi}`,
      );
      const clusteredVerdict = (await clustered.locator('[data-clustered-verdict]').textContent()) ?? '';
      assert(
        clusteredVerdict ===
          (state === 'holds'
            ? 'tetap signifikan saat galat baku diklaster per instansi'
            : 'tidak lagi signifikan bila galat baku diklaster per instansi'),
        `PLY-PRIMA clustered verdict: ${clusteredVerdict}`,
      );
      // The wild cluster bootstrap's p-value, the check that keeps its size with few agencies.
      const bootstrapP = (await clustered.locator('[data-clustered-bootstrap]').textContent()) ?? '';
      assert(
        /^p wild cluster bootstrap (= (0,\d{3}|1,000)|< 0,001)$/.test(bootstrapP),
        `PLY-PRIMA wild bootstrap p: ${bootstrapP}`,
      );
      const treated = Number(await clustered.getAttribute('data-treated-agencies'));
      assert(Number.isInteger(treated) && treated >= 1, `PLY-PRIMA treated agencies: ${treated}`);
      const caution = await clustered.locator('[data-clustered-caution]').allTextContents();
      assert(
        treated >= 5
          ? caution.length === 0
          : caution.length === 1 && caution[0]?.startsWith(`peserta hanya di ${treated} instansi: `) === true,
        `PLY-PRIMA in ${treated} agencies, caution: ${caution.join(' | ')}`,
      );
      const note = (await card.locator('[data-clustered-note]').textContent()) ?? '';
      assert(note.startsWith('Galat baku diklaster per instansi: '), `clustered note: ${note}`);
      // The table as CSV: one line per row, raw numbers, the snapshot on every line.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.locator('[data-joint-csv]').click(),
      ]);
      const csv = (await readFile(await download.path(), 'utf8')).slice(1).trimEnd().split('\r\n');
      assert(csv[0]?.startsWith('Program,Nama,') === true, `joint CSV header: ${csv[0]}`);
      assert(
        csv[0]?.endsWith(
          ',Galat baku diklaster per instansi (CR1),Batas bawah selang kepercayaan 95% diklaster,Batas atas selang kepercayaan 95% diklaster,Instansi dengan peserta,Instansi dalam model,p wild cluster bootstrap (WCR),snapshot',
        ) === true,
        `joint CSV header, clustered columns: ${csv[0]}`,
      );
      assert(csv.length - 1 === (await table.locator('tbody tr').count()), 'joint CSV has one line per row');
      assert(
        /^PLY-PRIMA,Workshop Pelayanan Prima,\d+,\d+,\d+,-0\.\d+/.test(csv[1] ?? ''),
        `first line: ${csv[1]}`,
      );
      // PLY-PRIMA's clustered columns, raw: SE, CI, agencies with completers (as on the row), agencies,
      // the wild cluster bootstrap p-value.
      const [se, low, high, treatedCsv, agenciesCsv, bootstrapCsv] = (csv[1] ?? '')
        .split(',')
        .slice(-7, -1)
        .map(Number);
      assert(
        se !== undefined &&
          se > 0 &&
          low !== undefined &&
          high !== undefined &&
          low < high &&
          treatedCsv === treated &&
          agenciesCsv !== undefined &&
          agenciesCsv >= treated &&
          bootstrapCsv !== undefined &&
          bootstrapCsv >= 0 &&
          bootstrapCsv <= 1,
        `first line, clustered columns: ${csv[1]}`,
      );
      assert((await card.locator('.snap-badge').count()) === 1, 'no snapshot badge on the joint card');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );
  return cohortInfo;
}
