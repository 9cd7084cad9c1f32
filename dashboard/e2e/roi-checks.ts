/**
 * Defaults and the planner's pages, run by `run.ts` in the 1280 px context: years and defaults from
 * the snapshot, the ROI portfolio and budget scenario on the joint model, Ringkasan's impact card.
 */
import { readFile } from 'node:fs/promises';
import { LOAD_TIMEOUT, newContext, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';
import { cardCsv, parseCsvLine } from './helpers.ts';

/** Defaults from the snapshot; the portfolio, the budget scenario and Ringkasan's planted effect. */
export async function roiChecks(checks: Checks, env: E2eEnv): Promise<void> {
  const { ctx, server } = env;
  await checks.run(
    'years and defaults come from the snapshot: year picker, ROI program and window',
    async () => {
      const { page, errors } = await openPage(ctx);
      // The demo world spans 2021–2025: the picker offers exactly those years.
      await page.goto(`${server.url}/?page=layanan`);
      await page.waitForSelector('select[name="toYear"] option[value="2021"]', {
        state: 'attached',
        timeout: LOAD_TIMEOUT,
      });
      const years = await page.$$eval('select[name="toYear"] option', (os) =>
        os.map((o) => (o as HTMLOptionElement).value).filter(Boolean),
      );
      assert(years.join(',') === '2021,2022,2023,2024,2025', `year options: ${years.join(',')}`);
      // The ROI page prices the largest program of 2024 (the last year with a year after it), and says so.
      await page.goto(`${server.url}/?page=roi`);
      const note = page.locator('[data-default-note]');
      await note.waitFor({ timeout: LOAD_TIMEOUT });
      assert(/2024/.test((await note.textContent()) ?? ''), 'the default note names 2024');
      assert((await page.inputValue('input[name="from"]')) === '2024-01-01', 'ROI window starts 2024-01-01');
      const program = await page.inputValue('select[name="program"]');
      assert(program !== '', 'a default program is chosen');
      await page.locator('#s1').waitFor({ timeout: LOAD_TIMEOUT });
      // An edited assumption (typed with a decimal comma) recomputes the ROI and is echoed as the
      // reader's own, in the URL and in the assumptions table.
      await page.locator('input[name="confidence"]').fill('0,5');
      await page.locator('[data-roi-form] button[type="submit"]').click();
      await page.waitForURL(/ra\.confidence=0\.5/, { timeout: LOAD_TIMEOUT });
      const row = page.locator('tr', { has: page.locator('th[data-assumption="confidence"]') });
      await row.locator('td', { hasText: 'diubah di formulir' }).waitFor({ timeout: LOAD_TIMEOUT });
      assert(((await row.textContent()) ?? '').includes('0,5'), 'the edited confidence is echoed as 0,5');
      assert(errors.length === 0, `console errors after editing an assumption: ${errors.join(' | ')}`);
      // The cohort page opens on the same default cohort, already compared.
      await page.goto(`${server.url}/?page=kohort`);
      await page.locator('[data-cohort-result]').waitFor({ timeout: LOAD_TIMEOUT });
      assert(
        (await page.inputValue('input[name="from"]')) === '2024-01-01',
        'cohort window starts 2024-01-01',
      );
      assert(
        (await page.inputValue('select[name="value"]')) === program,
        'cohort and ROI share the default program',
      );
      // The scorecard opens on 2025, says its ROI cannot be measured yet, and offers 2024.
      await page.goto(`${server.url}/?page=instansi`);
      const yearNote = page.locator('[data-roi-year-note]');
      await yearNote.waitFor({ timeout: LOAD_TIMEOUT });
      assert(/2025/.test((await yearNote.textContent()) ?? ''), 'the ROI year note names 2025');
      await yearNote.locator('button').click();
      await page.waitForURL(/[?&]to=2024/);
      await page.locator('[data-scorecard]').waitFor({ timeout: LOAD_TIMEOUT });
      assert((await yearNote.count()) === 0, 'no ROI year note for 2024');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'the portfolio priced on the joint model opens a chain priced on it too (isolation in the URL, form and step 3)',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=roi&py=2023&pi=joint`);
      const table = page.locator('[data-portfolio-table]');
      await table.waitFor({ timeout: LOAD_TIMEOUT });
      assert(
        (await page.inputValue('select[name="portfolioIsolation"]')) === 'joint',
        'the portfolio shows the isolation',
      );
      const ply = table.locator('tbody tr', { hasText: 'PLY-PRIMA' });
      await ply.locator('button').click();
      await page.waitForURL(/ri=joint/, { timeout: LOAD_TIMEOUT });
      await page.locator('[data-joint-priced]').waitFor({ timeout: LOAD_TIMEOUT });
      assert(
        (await page.inputValue('select[name="isolation"]')) === 'joint',
        'the ROI form shows the isolation',
      );
      const step3 = (await page.locator('section[aria-labelledby="s1"]').textContent()) ?? '';
      assert(/Efek model gabungan/.test(step3), `step 3: ${step3}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'the budget scenario on the joint model: isolation in the URL (bi) and the form, days saved, the past years with the joint coefficient',
    async () => {
      const { page, errors } = await openPage(ctx);
      const budget = `${server.url}/?page=roi&ba=DISDUKCAPIL&bp=PLY-PRIMA&bb=100000000`;
      const select = 'form[data-budget-form] select[name="budgetIsolation"]';
      const years = page.locator('[data-budget-result] [data-budget-years]');
      const row2023 = years.locator('tr[data-year="2023"]');
      const daysSaved = page
        .locator('[data-budget-result] .stat', { hasText: 'Hari dihemat per permohonan' })
        .locator('dd');
      // The default (cohort comparison): no bi, the DiD per year, no joint column.
      await page.goto(budget);
      await row2023.waitFor({ timeout: LOAD_TIMEOUT });
      assert((await page.inputValue(select)) === 'cohort', 'the budget form opens on the cohort comparison');
      assert((await years.locator('td[data-joint]').count()) === 0, 'a joint column without bi=joint');
      const did = ((await row2023.locator('td[data-did]').textContent()) ?? '').trim();
      assert(/^[−+]?\d+,\d{2} \(/.test(did), `2023 cohort DiD: ${did}`);
      // Switching the select and submitting writes bi=joint and re-prices on the joint model.
      await page.selectOption(select, 'joint');
      await page.locator('form[data-budget-form] button[type="submit"]').click();
      await page.waitForURL(/[?&]bi=joint/, { timeout: LOAD_TIMEOUT });
      await row2023.locator('[data-joint-effect]').waitFor({ timeout: LOAD_TIMEOUT });
      // Back restores the cohort comparison, in the URL and the form.
      await page.goBack();
      await page.waitForURL((u) => !u.searchParams.has('bi'), { timeout: LOAD_TIMEOUT });
      await page.waitForFunction(
        (s) => (document.querySelector(s) as HTMLSelectElement | null)?.value === 'cohort',
        select,
        { timeout: LOAD_TIMEOUT },
      );
      // A shared link with bi=joint: the select, the days saved and 2023's joint coefficient (Holm).
      await page.goto(`${budget}&bi=joint`);
      await row2023.locator('[data-joint-effect]').waitFor({ timeout: LOAD_TIMEOUT });
      assert((await page.inputValue(select)) === 'joint', 'the budget form shows the joint model');
      const saved = ((await daysSaved.textContent()) ?? '').trim();
      assert(saved !== '' && saved !== '—' && /\d/.test(saved), `days saved: ${saved}`);
      const label =
        (await page.locator('[data-budget-result] .stat dt', { hasText: 'Hari dihemat' }).textContent()) ??
        '';
      assert(/model gabungan/.test(label), `days saved label: ${label}`);
      const joint = row2023.locator('td[data-joint]');
      assert(
        (await joint.getAttribute('data-joint')) === 'lower',
        `2023 joint: ${await joint.textContent()}`,
      );
      assert((await joint.locator('[data-holm]').count()) === 1, 'PLY-PRIMA 2023 holds after Holm');
      assert((await row2023.getAttribute('data-pooled')) === 'true', '2023 is pooled');
      // An effect not shown (CI containing 0) is said first, and the ROI reads "not shown", never a
      // bare base ROI; a shown effect keeps the low / base / high range. Both programs, either way.
      for (const program of ['PLY-PRIMA', 'TIK-SM']) {
        await page.goto(`${server.url}/?page=roi&ba=DISDUKCAPIL&bp=${program}&bb=100000000`);
        const roiStat = page.locator('[data-budget-result] [data-budget-roi]');
        await roiStat.waitFor({ timeout: LOAD_TIMEOUT });
        const notShown = (await roiStat.getAttribute('data-budget-roi')) === 'not-shown';
        const callout = page.locator('[data-budget-result] [data-budget-effect-caveat]');
        assert((await callout.count()) === (notShown ? 1 : 0), `${program}: effect caveat vs ROI shown`);
        const roiText = (await roiStat.locator('dd').textContent()) ?? '';
        if (notShown) {
          assert(/^Tidak terbukti/.test(roiText) && /Tanpa dampak|tidak ada manfaat/.test(roiText), roiText);
          assert(
            /belum terbukti|lebih lambat secara signifikan/.test((await callout.textContent()) ?? ''),
            `${program} effect caveat: ${await callout.textContent()}`,
          );
        } else assert(/%.* \/ .*% \/ .*%/.test(roiText), `${program} ROI: ${roiText}`);
      }
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Ringkasan and the program portfolio put the planted effect first; year, contrast, and a row opened as its ROI chain',
    async () => {
      const { page, errors } = await openPage(ctx);
      // Ringkasan answers first, for a planner: the planted program leads the shown effects.
      await page.goto(`${server.url}/`);
      const impact = page.locator('[data-impact]');
      await impact.locator('[data-impact-summary]').waitFor({ timeout: LOAD_TIMEOUT });
      const impactText = (await impact.textContent()) ?? '';
      assert(/Pelayanan Prima \(2023\)/.test(impactText), `Ringkasan impact: ${impactText}`);
      // It also holds in the year's joint model (every program at once, Holm-adjusted).
      const held = await impact.locator('li[data-joint-holds]').allTextContents();
      assert(
        held.some((x) => /Pelayanan Prima \(2023\)/.test(x)),
        `joint model holds: ${held.join(' | ')}`,
      );
      // The count of shown effects is after Holm's correction over every cohort; a cohort faster
      // before it only is named as such, in the headline and its item, never counted as shown.
      const impactSummary = (await impact.locator('[data-impact-summary]').textContent()) ?? '';
      assert(
        /menunjukkan layanan lebih cepat dan \d+ lebih lambat setelah koreksi Holm untuk pengujian banyak program sekaligus/.test(
          impactSummary,
        ),
        `impact summary: ${impactSummary}`,
      );
      for (const li of await impact.locator('li[data-before-holm]').all()) {
        const text = (await li.textContent()) ?? '';
        assert(
          /^lebih cepat hanya sebelum koreksi untuk pengujian banyak program \(p Holm atas semua kohort portofolio: (0,\d{3}|1,000)\), jadi bukan temuan/.test(
            text,
          ) && !/Pelayanan Prima \(2023\)/.test(text),
          `impact item before Holm only: ${text}`,
        );
        const label = /^.*?bukan temuan: (.*?) \((\d{4})\)/.exec(text);
        assert(label !== null, `impact item label: ${text}`);
      }
      // Each item names the joint-model check it fails: Holm's correction, said as such.
      for (const li of await impact.locator('li[data-joint-standing]').all()) {
        const standing = await li.getAttribute('data-joint-standing');
        const text = (await li.textContent()) ?? '';
        assert(!/tidak lagi signifikan bila semua program/.test(text), `impact item: ${text}`);
        if (standing === 'notAfterHolm')
          assert(
            /tidak signifikan setelah koreksi Holm untuk pengujian semua program tahun itu sekaligus \(p Holm dalam model gabungan tahun itu: (0,\d{3}|1,000)\)/.test(
              text,
            ),
            `impact item, not after Holm: ${text}`,
          );
      }
      await impact.locator('a').click();
      await page.waitForURL(/[?&]page=roi/, { timeout: LOAD_TIMEOUT });
      const table = page.locator('[data-portfolio-table]');
      await table.waitFor({ timeout: LOAD_TIMEOUT });
      // Shown effects first: the demo's planted PLY-PRIMA 2023; the placebo program shows none.
      const first = table.locator('tbody tr').first();
      assert((await first.getAttribute('data-evidence')) === 'faster', 'the first row shows an effect');
      const ply = table.locator('tbody tr', { hasText: 'PLY-PRIMA' }).filter({ hasText: '2023' });
      assert((await ply.getAttribute('data-evidence')) === 'faster', 'PLY-PRIMA 2023 is faster');
      const plyJoint = ply.locator('td[data-joint]');
      assert(
        (await plyJoint.getAttribute('data-joint')) === 'faster',
        'PLY-PRIMA 2023 faster in the joint model',
      );
      assert((await plyJoint.locator('[data-holm]').count()) === 1, 'PLY-PRIMA 2023 holds after Holm');
      // A joint "Lebih cepat" either holds after Holm (✓ Holm) or says it does not, as Ringkasan does.
      for (const cell of await table.locator('td[data-joint="faster"]').all()) {
        const marks =
          (await cell.locator('[data-holm]').count()) + (await cell.locator('[data-not-after-holm]').count());
        assert(marks === 1, `joint cell: ${await cell.textContent()}`);
      }
      // Its agency-clustered check under the coefficient: its completers sit in one agency, so whether
      // the wild cluster bootstrap still shows it depends on the world's size (at scale 1 and 10 it
      // does not, p 0.14 and 0.07); either way the verdict and its words agree, and the cell says the
      // program cannot be told apart from that agency's own change.
      const plyState = await plyJoint.getAttribute('data-clustered');
      assert(
        (plyState === 'holds' || plyState === 'fails') &&
          (await plyJoint.getAttribute('data-treated-agencies')) === '1',
        `PLY-PRIMA 2023 clustered: ${await plyJoint.getAttribute('data-clustered')} in ${await plyJoint.getAttribute('data-treated-agencies')} agencies`,
      );
      const plyClustered = (await plyJoint.locator('[data-clustered-verdict]').textContent()) ?? '';
      assert(
        plyClustered ===
          (plyState === 'holds'
            ? 'tetap signifikan saat galat baku diklaster per instansi'
            : 'tidak lagi signifikan bila galat baku diklaster per instansi'),
        `PLY-PRIMA 2023 clustered verdict: ${plyClustered}`,
      );
      const plyCaution = (await plyJoint.locator('[data-clustered-caution]').textContent()) ?? '';
      assert(
        plyCaution ===
          'peserta hanya di 1 instansi: efeknya tidak dapat dipisahkan dari perubahan di instansi itu sendiri',
        `PLY-PRIMA 2023 clustered caution: ${plyCaution}`,
      );
      // The CSV: the clustered CI and the agencies with participants appended after BCR.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-portfolio-csv]').click(),
      ]);
      const csv = (await readFile(await download.path(), 'utf8')).slice(1).trimEnd().split('\r\n');
      assert(
        csv[0]?.startsWith('Tahun penyelesaian,Program,Judul program,') === true &&
          csv[0]?.endsWith(
            ',BCR,Batas bawah selang kepercayaan 95% diklaster,Batas atas selang kepercayaan 95% diklaster,Instansi dengan peserta,n,snapshot' +
              ',p Holm (semua kohort portofolio),Bukti efek setelah koreksi Holm,p wild cluster bootstrap (WCR),Model gabungan dengan galat baku diklaster per instansi' +
              // What the portfolio was computed from (ee95734): after the last column, as columns are added.
              ',contrast,isolation,assumptions',
          ) === true,
        `portfolio CSV header: ${csv[0]}`,
      );
      const plyLine = csv.find((l) => l.startsWith('2023,PLY-PRIMA,')) ?? '';
      // …, the clustered CI, 1 agency with participants, n (trained + comparison), the snapshot;
      // then the Holm p over every cohort, the evidence after it, the bootstrap p and the
      // clustered verdict, the one the table shows (a CI excluding 0 is not the whole check); then
      // the contrast, the isolation and the assumptions (none overridden here).
      const plyCsv =
        /,-\d+(\.\d+)?,-\d+(\.\d+)?,1,\d+,[0-9TZ-]*[0-9a-f]+,[\d.e-]+,Lebih cepat,([\d.e-]+),([^,]+),[a-z_]+,[a-z_]+,("[^"]*"|[^,]*)$/.exec(
          plyLine,
        );
      assert(
        plyCsv !== null && plyCsv[4] === plyClustered && (Number(plyCsv[3]) < 0.05 || plyState === 'fails'),
        `portfolio CSV, PLY-PRIMA 2023: ${plyLine}`,
      );
      const summary = (await page.locator('[data-portfolio-summary]').textContent()) ?? '';
      assert(/kohort program yang dapat diukur/.test(summary), `portfolio summary: ${summary}`);
      assert(/setelah koreksi Holm/.test(summary), `portfolio summary after Holm: ${summary}`);
      // A row faster on its own CI either holds after Holm's correction over every cohort or says not.
      for (const row of await table.locator('tbody tr[data-evidence="faster"]').all()) {
        const cell = row.locator('td[data-evidence-holm]');
        const holds = (await cell.getAttribute('data-evidence-holm')) === 'faster';
        const note = await cell.locator('[data-before-holm]').count();
        assert(holds === (note === 0), `evidence cell: ${await cell.textContent()}`);
      }
      assert(
        (await ply.locator('td[data-evidence-holm]').getAttribute('data-evidence-holm')) === 'faster',
        'PLY-PRIMA 2023 holds after Holm over every cohort',
      );
      await page.selectOption('select[name="portfolioYear"]', '2023');
      await page.waitForURL(/[?&]py=2023/, { timeout: LOAD_TIMEOUT });
      const years = await table.locator('tbody tr td[data-label="Tahun penyelesaian"]').allTextContents();
      assert(years.length > 0 && years.every((y) => y.trim() === '2023'), `years shown: ${years.join(',')}`);
      await page.locator('input[name="portfolioAll"]').check();
      const more = page.locator('[data-portfolio-more]');
      if ((await more.count()) > 0) await more.click();
      const placebo = table.locator('tbody tr', { hasText: 'PLACEBO-BUDAYA' });
      await placebo.waitFor({ timeout: LOAD_TIMEOUT });
      const placeboEvidence = await placebo.getAttribute('data-evidence');
      assert(placeboEvidence !== 'faster' && placeboEvidence !== 'slower', `placebo: ${placeboEvidence}`);
      const placeboJoint = await placebo.locator('td[data-joint]').getAttribute('data-joint');
      assert(placeboJoint !== 'faster' && placeboJoint !== 'slower', `placebo, joint model: ${placeboJoint}`);
      // The other contrast (only this program vs no training) asks again: at this small demo scale
      // PLY-PRIMA has too few staff trained in it alone to estimate, so the row stays, not estimated.
      await page.selectOption('select[name="portfolioContrast"]', 'only_vs_untrained');
      await page.waitForURL(/[?&]pc=only_vs_untrained/, { timeout: LOAD_TIMEOUT });
      await page.waitForFunction(() => !document.querySelector('[data-portfolio] .state'), undefined, {
        timeout: LOAD_TIMEOUT,
      });
      await ply.waitFor({ timeout: LOAD_TIMEOUT });
      const onlyEvidence = await ply.getAttribute('data-evidence');
      assert(onlyEvidence !== null, 'PLY-PRIMA 2023 is listed under only vs untrained');
      // "Buka" opens the row's Phillips chain: program, window and contrast in the URL and the form.
      await ply.locator('button').click();
      await page.waitForURL(/rp=PLY-PRIMA/, { timeout: LOAD_TIMEOUT });
      assert(/rfrom=2023-01-01/.test(page.url()) && /rto=2023-12-31/.test(page.url()), page.url());
      assert(/rc=only_vs_untrained/.test(page.url()), `the chain keeps the contrast: ${page.url()}`);
      await page.locator('#s1').waitFor({ timeout: LOAD_TIMEOUT });
      // Step 3 cross-checks the priced effect in the window's joint model.
      const jointCheck = page.locator('[data-joint-check]');
      await jointCheck.waitFor({ timeout: LOAD_TIMEOUT });
      assert(
        (await jointCheck.getAttribute('data-joint-check')) === 'lower' &&
          (await jointCheck.getAttribute('data-joint-holm')) === 'true',
        `joint check: ${await jointCheck.textContent()}`,
      );
      // After Holm, the agency-clustered check (holds or not, as the portfolio cell said), with the
      // wild cluster bootstrap's p-value, and why one agency is not enough.
      const jointCheckText = (await jointCheck.textContent()) ?? '';
      const stepState = await jointCheck.getAttribute('data-joint-clustered');
      assert(
        (stepState === 'holds' || stepState === 'fails') &&
          (await jointCheck.getAttribute('data-treated-agencies')) === '1' &&
          new RegExp(
            `setelah koreksi Holm\\. Dengan galat baku diklaster per instansi efek ini ${stepState === 'holds' ? 'tetap signifikan' : 'tidak lagi signifikan'} \\(p wild cluster bootstrap (= 0,\\d{3}|< 0,001)\\); pesertanya hanya di 1 instansi, sehingga efeknya tidak dapat dipisahkan dari perubahan di instansi itu sendiri\\.$`,
          ).test(jointCheckText),
        `joint check, clustered: ${jointCheckText}`,
      );
      assert(
        (await page.inputValue('select[name="program"]')) === 'PLY-PRIMA',
        'the ROI form shows PLY-PRIMA',
      );
      assert((await page.inputValue('input[name="from"]')) === '2023-01-01', 'the ROI window starts in 2023');
      assert(
        (await page.inputValue('select[name="contrast"]')) === 'only_vs_untrained',
        'the ROI form shows the contrast',
      );
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );
  await checks.run(
    'the budget scenario carries the portfolio’s caveats on the cohorts it prices; a refused year is said, the old result marked',
    async () => {
      const { page, errors } = await openPage(ctx);
      // The portfolio's own row for PLY-PRIMA 2023: what it says weakens the effect.
      await page.goto(`${server.url}/?page=roi&py=2023&ba=DISDUKCAPIL&bp=PLY-PRIMA&bb=100000000`);
      const ply = page.locator('[data-portfolio-table] tbody tr', { hasText: 'PLY-PRIMA' }).first();
      await ply.waitFor({ timeout: LOAD_TIMEOUT });
      const weakMarks = ply.locator(
        '[data-before-holm], [data-not-after-holm], [data-clustered-verdict="fails"], [data-clustered-caution]',
      );
      const portfolioSays = (await weakMarks.allTextContents()).map((x) => x.trim());
      const result = page.locator('[data-budget-result]');
      await result.locator('[data-budget-roi]').waitFor({ timeout: LOAD_TIMEOUT });
      const pooled2023 = (await result.locator('tr[data-year="2023"][data-pooled]').count()) === 1;
      const weakness = result.locator('[data-budget-weakness-cohort="PLY-PRIMA 2023"]');
      // Apollo answers the card's portfolio read from the cache, but give it a moment to render.
      if (pooled2023 && portfolioSays.length > 0) await weakness.waitFor({ timeout: LOAD_TIMEOUT });
      else await page.waitForTimeout(500);
      assert(
        (await weakness.count()) === (pooled2023 && portfolioSays.length > 0 ? 1 : 0),
        `budget weakness for PLY-PRIMA 2023 (pooled ${pooled2023}, portfolio: ${portfolioSays.join(' | ')})`,
      );
      if ((await weakness.count()) === 1) {
        const text = (await weakness.textContent()) ?? '';
        // The clustered checks in the portfolio's own words (the Holm notes carry the same p).
        for (const said of await ply
          .locator('[data-clustered-verdict="fails"], [data-clustered-caution]')
          .allTextContents())
          assert(text.includes(said.trim()), `budget weakness "${text}" lacks the portfolio's "${said}"`);
        // Said before the ROI figure.
        const order = await result.evaluate((el) => {
          const w = el.querySelector('[data-budget-weakness]');
          const r = el.querySelector('[data-budget-roi]');
          return w && r ? Boolean(w.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING) : false;
        });
        assert(order, 'the weakness comes before the ROI');
      }
      // A plan year the form refuses: an inline message, nothing sent, the old result marked as such.
      const form = page.locator('form[data-budget-form]');
      const before = page.url();
      await form.locator('input[name="year"]').fill('1999');
      await form.locator('button[type="submit"]').click();
      const yearError = form.locator('[data-field-error="year"]');
      await yearError.waitFor({ timeout: LOAD_TIMEOUT });
      assert(
        /2000/.test((await yearError.textContent()) ?? ''),
        `year error: ${await yearError.textContent()}`,
      );
      assert(
        (await form.locator('input[name="year"]').getAttribute('aria-invalid')) === 'true',
        'year aria-invalid',
      );
      assert(page.url() === before, `a refused year changed the URL: ${page.url()}`);
      assert((await result.locator('[data-budget-stale]').count()) === 1, 'the old result is not marked');
      // A valid year runs, and the result is current again.
      await form.locator('input[name="year"]').fill('2025');
      await form.locator('button[type="submit"]').click();
      await page.waitForURL(/[?&]by=2025/, { timeout: LOAD_TIMEOUT });
      await result.locator('[data-budget-roi]').waitFor({ timeout: LOAD_TIMEOUT });
      assert((await yearError.count()) === 0, 'the year error stays after a valid year');
      assert((await page.locator('[data-budget-stale]').count()) === 0, 'a current result is marked stale');
      // An empty year (all history) is no error: it runs and drops `by`.
      await form.locator('input[name="year"]').fill('');
      await form.locator('input[name="year"]').blur();
      await form.locator('button[type="submit"]').click();
      await page.waitForURL((u) => !u.searchParams.has('by'), { timeout: LOAD_TIMEOUT });
      assert((await yearError.count()) === 0, 'an empty year is refused');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'a chain without a shown effect says so at its result; step 3 shows the DiD’s 95 % CI and names the three cases',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=roi&rp=PLACEBO-BUDAYA&rfrom=2023-01-01&rto=2023-12-31`);
      const step3 = page.locator('section[aria-labelledby="s1"]');
      await step3.waitFor({ timeout: LOAD_TIMEOUT });
      const did = (
        (await step3.locator('.stat', { hasText: 'DiD hari layanan' }).locator('dd').textContent()) ?? ''
      ).trim();
      assert(
        /^[−+]?\d+,\d{2} \(selang kepercayaan 95%: [−+]?\d+,\d{2} … [−+]?\d+,\d{2}\)$/.test(did),
        `step 3 DiD: ${did}`,
      );
      const saved = (await step3.locator('.stat dt', { hasText: 'Hari dihemat' }).textContent()) ?? '';
      assert(
        /Rendah \/ Dasar \/ Tinggi|rendah \/ dasar \/ tinggi/i.test(saved),
        `days saved label: ${saved}`,
      );
      // The placebo shows no effect: the note sits at the result, before the chart and the range.
      const note = page.locator('[data-roi-effect-note]');
      await note.waitFor({ timeout: LOAD_TIMEOUT });
      assert(
        /^Tidak ada dampak yang terbukti/.test(((await note.textContent()) ?? '').trim()),
        `effect note: ${await note.textContent()}`,
      );
      // A shown effect (PLY-PRIMA 2023) carries no such note.
      await page.goto(`${server.url}/?page=roi&rp=PLY-PRIMA&rfrom=2023-01-01&rto=2023-12-31`);
      await step3.waitFor({ timeout: LOAD_TIMEOUT });
      await page
        .locator('[data-payback-beyond], .callout', { hasText: 'ROI rendah / dasar / tinggi' })
        .first()
        .waitFor({
          timeout: LOAD_TIMEOUT,
        });
      assert((await note.count()) === 0, 'PLY-PRIMA 2023 (a shown effect) carries the no-effect note');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'the budget scenario prices with the ROI form’s assumptions (ra.confidence in the URL) and lists them',
    async () => {
      const { page, errors } = await openPage(ctx);
      // The planner's repro: the chain of PLY-PRIMA 2023 at confidence 0.5 and the budget card of the
      // same program (budget year 2025) below it.
      const base = `${server.url}/?page=roi&rp=PLY-PRIMA&rfrom=2023-01-01&rto=2023-12-31&ba=DISDUKCAPIL&bp=PLY-PRIMA&bb=100000000&by=2025`;
      const result = page.locator('[data-budget-result]');
      const roiStat = result.locator('[data-budget-roi]');
      const percents = (text: string) => text.match(/[−-]?\d[\d.]*(?:,\d+)?%/g) ?? [];
      // The base ROI the card states: the middle of low / base / high, or the first figure of an
      // effect not shown ("if the effect is real: base X, high Y. …").
      const cardBase = async () => {
        await roiStat.waitFor({ timeout: LOAD_TIMEOUT });
        const text = (await roiStat.locator('dd').textContent()) ?? '';
        const p = percents(text);
        return (await roiStat.getAttribute('data-budget-roi')) === 'not-shown' ? p[0] : p[1];
      };
      const changed = result.locator('[data-budget-assumptions] [data-budget-assumptions-changed]');

      await page.goto(base);
      const plain = await cardBase();
      await changed.waitFor({ timeout: LOAD_TIMEOUT });
      assert(
        (await changed.getAttribute('data-budget-assumptions-changed')) === 'no',
        'defaults: none changed',
      );

      await page.goto(`${base}&ra.confidence=0.5`);
      const chainRange = page.locator('.callout', { hasText: 'ROI rendah / dasar / tinggi' }).first();
      await chainRange.waitFor({ timeout: LOAD_TIMEOUT });
      // The card answers for the URL's assumptions: wait for it to say confidence 0.5 was used.
      await result
        .locator('[data-budget-assumptions-changed="yes"]', { hasText: 'Keyakinan (0–1) 0,50' })
        .waitFor({ timeout: LOAD_TIMEOUT });
      const row = result.locator('tr[data-assumption-row="confidence"]');
      assert(
        (await row.getAttribute('data-source')) === 'override',
        'confidence is marked changed in the form',
      );
      assert(
        ((await row.locator('[data-assumption-value]').textContent()) ?? '').trim() === '0,50',
        `confidence used: ${await row.textContent()}`,
      );
      const half = await cardBase();
      assert(
        half !== undefined && half !== plain,
        `card base ROI at confidence 0.5 (${half}) vs default (${plain})`,
      );
      // One cohort priced (2023, as the chain's window): the card's base ROI is the chain's.
      const pooled = await result
        .locator('[data-budget-years] tr[data-pooled]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-year')));
      const chainBase = percents((await chainRange.textContent()) ?? '')[1];
      if (pooled.join(',') === '2023')
        assert(half === chainBase, `card base ROI ${half} vs the chain's ${chainBase} (one cohort, 2023)`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'budget scenario at 360 px: every cell of the past-years table, and its text, lies inside the viewport',
    async () => {
      const width = 360;
      const phone = await newContext(env.browser, width, env.plannerToken);
      try {
        const { page, errors } = await openPage(phone);
        // REG-EL was trained every year: its first and last years have no comparison ("belum ada data
        // layanan sebelum dan sesudah tahun itu"), a stacked value once pushed 56 px past the left edge.
        await page.goto(`${server.url}/?page=roi&ba=DISDUKCAPIL&bp=REG-EL&bb=100000000`);
        const table = page.locator('[data-budget-result] [data-budget-years] table');
        await table.locator('tr[data-year]').first().waitFor({ timeout: LOAD_TIMEOUT });
        const cells = await table.evaluate((t) =>
          Array.from(t.querySelectorAll('tbody th, tbody td')).map((cell) => {
            // The cell's box and its content's (text can overflow a box that itself fits).
            const box = cell.getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(cell);
            const text = range.getBoundingClientRect();
            return {
              text: (cell.textContent ?? '').trim(),
              left: Math.min(box.left, text.width > 0 ? text.left : box.left),
              right: Math.max(box.right, text.width > 0 ? text.right : box.right),
              suppressed: cell.matches('td[data-did]') && cell.querySelector('.suppressed-cell') !== null,
            };
          }),
        );
        assert(cells.length > 0, 'the past-years table has cells');
        assert(
          cells.some((c) => c.suppressed),
          'a year without a cohort comparison (the long suppressed text) is in the table',
        );
        const outside = cells.filter((c) => c.left < 0 || c.right > width);
        assert(
          outside.length === 0,
          `cells outside 0–${width} px: ${outside.map((c) => `${c.text} [${Math.round(c.left)}, ${Math.round(c.right)}]`).join(' | ')}`,
        );
        assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
        await page.close();
      } finally {
        await phone.close();
      }
    },
  );

  await checks.run(
    'a budget typed in Indonesian keeps its amount when the page switches to English (100.000.000 is not read as 100.000)',
    async () => {
      // Its own context: the language it switches to stays in that context's storage.
      const own = await newContext(env.browser, 1280, env.plannerToken);
      try {
        const { page, errors } = await openPage(own);
        await page.goto(`${server.url}/?page=roi&ba=DISDUKCAPIL&bp=PLY-PRIMA&bb=100000000`);
        const field = 'form[data-budget-form] input[name="budget"]';
        await page.locator(field).waitFor({ timeout: LOAD_TIMEOUT });
        await page.fill(field, '250.000.000');
        await page.click('[data-lang-toggle]');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
        const text = await page.inputValue(field);
        assert(text === '250000000', `the budget field after the switch: ${text}`);
        await page.locator('form[data-budget-form] button[type="submit"]').click();
        await page.waitForURL((u) => u.searchParams.get('bb') === '250000000', { timeout: LOAD_TIMEOUT });
        assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
        await page.close();
      } finally {
        await own.close();
      }
    },
  );

  await checks.run(
    'the training budget by year: the card’s CSV is the API’s budgetTrend, and names 2021 (the planted cut) the smallest per employee',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=roi`);
      const card = page.locator('section.card', {
        has: page.getByRole('heading', { level: 2, name: 'Anggaran pelatihan per tahun' }),
      });
      const summary = card.locator('[data-budget-trend-summary]');
      await summary.waitFor({ timeout: LOAD_TIMEOUT });
      const text = (await summary.textContent()) ?? '';
      assert(/paling kecil pada 2021 /.test(text), `the summary names 2021 the smallest: ${text}`);
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${env.plannerToken}` },
        body: JSON.stringify({
          query: '{ budgetTrend { year allocatedIdr realizedIdr allocatedPerEmployeeIdr } }',
        }),
      });
      const api = ((await res.json()) as { data: { budgetTrend: Record<string, number | null>[] } }).data
        .budgetTrend;
      const [head, ...lines] = await cardCsv(page, card);
      const header = parseCsvLine(head ?? '');
      const rows = lines.map(parseCsvLine);
      const column = (name: string) => {
        const at = header.indexOf(name);
        assert(at >= 0, `the CSV has no column ${name}: ${header.join(',')}`);
        return rows.map((r) => r[at]);
      };
      const years = column('Tahun anggaran').join(',');
      assert(years === '2021,2022,2023,2024,2025', `CSV years: ${years}`);
      assert(years === api.map((y) => y.year).join(','), 'the CSV’s years are the API’s');
      for (const [name, field] of [
        ['Anggaran dialokasikan (Rp)', 'allocatedIdr'],
        ['Anggaran terealisasi (Rp)', 'realizedIdr'],
      ] as const) {
        const csv = column(name).join(',');
        const fromApi = api.map((y) => String(y[field])).join(',');
        assert(csv === fromApi, `${name}: CSV ${csv}, API ${fromApi}`);
      }
      const perEmployee = api.map((y) => y.allocatedPerEmployeeIdr ?? Number.NaN);
      assert(
        perEmployee.slice(1).every((v) => v > perEmployee[0]!),
        `2021 has the least budget per employee: ${perEmployee.join(', ')}`,
      );
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );
}
