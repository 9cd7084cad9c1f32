/**
 * What each page shows, run by `run.ts` in the 1280 px context: data coverage, Kohort's links and
 * rates, Partisipasi's funnel and Kirkpatrick levels, Layanan's service types, Kualitas's runs, the
 * ROI page's glossary.
 */
import { LOAD_TIMEOUT, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';
import { cardCsv, gqlKirkpatrickMethods, openTableView, parseCsvLine, tableLabels } from './helpers.ts';

type Card = ReturnType<import('playwright-core').Page['locator']>;

/** A card's table view, row by row: the row's label and its cells by column (hidden ones as shown). */
async function tableRows(card: Card): Promise<{ label: string; cells: Record<string, string> }[]> {
  await card.locator('[data-chart-ready]').waitFor({ timeout: LOAD_TIMEOUT });
  await openTableView(card);
  return card.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      label: (tr.querySelector('th')?.textContent ?? '').trim(),
      cells: Object.fromEntries(
        Array.from(tr.querySelectorAll('td[data-label]'), (td) => [
          td.getAttribute('data-label') ?? '',
          (td.textContent ?? '').trim(),
        ]),
      ),
    })),
  );
}

/** The groups of `re` in `text`, asserting it matches (`what` names the text in the failure). */
function groupsOf(re: RegExp, text: string | null, what: string): string[] {
  const match = re.exec(text ?? '');
  assert(match !== null, `${what}: ${text}`);
  return match.slice(1).map((g) => g ?? '');
}

/** An Indonesian percent as the page writes it (`37,4%`) as a number; NaN for anything else. */
const percentOf = (text: string | undefined) =>
  /^\d+,\d%$/.test(text ?? '') ? Number((text ?? '').replace(',', '.').replace('%', '')) : Number.NaN;

/** Coverage, Kohort, Partisipasi, Layanan, Kualitas and the ROI glossary, page by page. */
export async function pageContentChecks(checks: Checks, env: E2eEnv): Promise<void> {
  const { ctx, server } = env;
  await checks.run("data quality lists each fact's first and last day (coverage)", async () => {
    const { page } = await openPage(ctx);
    await page.goto(`${server.url}/?page=kualitas`);
    const card = page.locator('section', { has: page.getByRole('heading', { name: /Cakupan data/ }) });
    const row = card.locator('tr', { hasText: 'fct_service_requests' });
    await row.waitFor();
    const cells = await row.locator('td, th').allTextContents();
    assert(cells.includes('harian'), `service requests grain: ${cells.join(' | ')}`);
    // Dates in the dashboard's format for the language (the CSV keeps ISO).
    const dates = cells.filter((c) => /^\d{1,2} [A-Z][a-z]{2} \d{4}$/.test(c.trim()));
    assert(dates.length === 2, `first and last day: ${cells.join(' | ')}`);
    const yearly = await card
      .locator('tr', { hasText: 'fct_appraisals' })
      .locator('td, th')
      .allTextContents();
    assert(
      yearly.some((c) => /^1 Jan \d{4}$/.test(c)) && yearly.some((c) => /^31 Des \d{4}$/.test(c)),
      `appraisal years: ${yearly.join(' | ')}`,
    );
    // Kept snapshots: the live one marked; rollback buttons only for an admin (this is a planner).
    const kept = page.locator('[data-kept-snapshots]');
    await kept.locator('tbody tr').first().waitFor();
    assert((await kept.locator('tr[data-live]').count()) === 1, 'exactly one live snapshot in the kept list');
    assert((await kept.locator('button').count()) === 0, 'a planner is offered a rollback');
    // File-drop templates: one row per source table, each with a CSV that starts with the BOM.
    const templates = page.locator('[data-templates]');
    const csvLink = templates
      .locator('tr', { hasText: 'service_requests' })
      .getByRole('link', { name: 'CSV' });
    await csvLink.waitFor();
    const href = await csvLink.getAttribute('href');
    const csv = await page.request.get(`${server.url}${href}`);
    assert(csv.status() === 200, `template ${href}: HTTP ${csv.status()}`);
    const body = await csv.body();
    assert(body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf, 'the CSV template starts with a BOM');
    assert(body.toString('utf8').includes('service_type'), 'the CSV template names its columns');
    // The footer says up to when the data runs; the demo's years are whole, so no year is partial.
    const through = (await page.locator('[data-through]').textContent())?.trim() ?? '';
    assert(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/.test(through), `footer "data up to": ${through}`);
    await page.goto(`${server.url}/`);
    await page.locator('.kpi-grid .kpi-delta').first().waitFor();
    assert((await page.locator('[data-partial-year]').count()) === 0, 'a whole year called partial');
    await page.close();
  });

  await checks.run(
    'Kohort: a malformed link keeps the program and says what is wrong; a window beyond the data says so, not privacy',
    async () => {
      const { page, errors } = await openPage(ctx);
      const base = `${server.url}/?page=kohort&ck=program&cv=PLY-PRIMA`;
      const program = 'form[data-cohort-form] select[name="value"]';
      const cases = [
        { query: '&cfrom=2023-12-01&cto=2023-01-31&cout=service_days&cwin=12', problem: 'rangeReversed' },
        { query: '&cfrom=2023-03-15&cto=2023-12-31&cout=service_days&cwin=12', problem: 'notAligned' },
        { query: '&cfrom=2023-01-01&cto=2023-12-31&cout=service_days&cwin=0', problem: 'windowOutOfRange' },
        { query: '&cfrom=2023-01-01&cout=service_days&cwin=12', problem: 'missing' },
        { query: '&cfrom=2023-13-01&cto=2023-12-31&cout=service_days&cwin=12', problem: 'invalidDate' },
      ];
      for (const c of cases) {
        await page.goto(`${base}${c.query}`);
        const problems = page.locator('[data-link-problems] li');
        await problems.first().waitFor({ timeout: LOAD_TIMEOUT });
        await page.waitForSelector(`${program} option[value="PLY-PRIMA"]`, {
          state: 'attached',
          timeout: LOAD_TIMEOUT,
        });
        const kinds = await problems.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-problem')));
        assert(kinds.join(',') === c.problem, `${c.query}: problems ${kinds.join(',')}`);
        const said = (await problems.first().textContent()) ?? '';
        assert(said.trim() !== '' && /“.+”/.test(said), `${c.query}: the fault names no field: ${said}`);
        assert((await page.inputValue(program)) === 'PLY-PRIMA', `${c.query}: the form switched program`);
        // The link's default cohort is not compared in its place.
        assert((await page.locator('[data-cohort-result]').count()) === 0, `${c.query}: a result is shown`);
      }
      await page.goto(`${base}&cfrom=2023-12-01&cto=2023-01-31`);
      await page.locator('[data-link-problems]').waitFor({ timeout: LOAD_TIMEOUT });
      assert(
        (await page.inputValue('input[name="from"]')) === '2023-12-01' &&
          (await page.inputValue('input[name="to"]')) === '2023-01-31',
        'the reversed dates are kept in the form',
      );
      // A date inside a month: kept in the form, which says which whole months it will compare,
      // and submitting sends those.
      await page.goto(`${base}&cfrom=2023-03-15&cto=2023-12-31&cout=service_days&cwin=12`);
      await page.locator('[data-link-problems]').waitFor({ timeout: LOAD_TIMEOUT });
      assert((await page.inputValue('input[name="from"]')) === '2023-03-15', 'the cut date is kept');
      const note = (await page.locator('[data-cohort-form] [data-whole-months]').textContent()) ?? '';
      assert(/2023/.test(note) && /Mar/.test(note), `the form names the whole months: ${note}`);
      await page.click('form[data-cohort-form] button[type="submit"]');
      await page.waitForURL(/cfrom=2023-03-01/, { timeout: LOAD_TIMEOUT });
      await page.locator('[data-cohort-result]').first().waitFor({ timeout: LOAD_TIMEOUT });
      assert(
        (await page.locator('[data-link-problems]').count()) === 0,
        'the whole-month window is a cohort without link problems',
      );
      // Windows whose year before (the first year) or after (the year after the last) lies outside
      // the data: the headline says so, and nothing claims a privacy suppression.
      await page.goto(`${server.url}/?page=layanan`);
      await page.waitForSelector('select[name="toYear"] option[value]:not([value=""])', {
        state: 'attached',
        timeout: LOAD_TIMEOUT,
      });
      const years = (
        await page.$$eval('select[name="toYear"] option', (os) =>
          os.map((o) => (o as HTMLOptionElement).value).filter(Boolean),
        )
      ).map(Number);
      const [first, last] = [Math.min(...years), Math.max(...years)];
      for (const [year, status] of [
        [last, 'no_post_data'],
        [first, 'no_pre_data'],
      ] as const) {
        await page.goto(`${base}&cfrom=${year}-01-01&cto=${year}-12-31&cout=service_days&cwin=12`);
        const result = page.locator('[data-cohort-result]');
        await result.waitFor({ timeout: LOAD_TIMEOUT });
        const shown = await result.locator('[data-cohort-status]').getAttribute('data-cohort-status');
        assert(shown === status, `${year}: status ${shown}, expected ${status}`);
        const text = (await page.locator('main').textContent()) ?? '';
        const resultText = (await result.textContent()) ?? '';
        assert(!/kerahasiaan/.test(text), `${year}: a privacy note for an empty comparison`);
        assert(!/perlindungan data pribadi/.test(resultText), `${year}: the privacy warning is listed`);
        assert(!/terlalu kecil/.test(resultText), `${year}: "too small" for an empty comparison`);
        // No "0 of 0 employees (0 strata)" matching line, and the joint card gives the same reason,
        // not the generic "fewer than 5 untrained".
        assert((await result.locator('[data-matching]').count()) === 0, `${year}: an empty matching line`);
        const joint = page.locator('[data-joint-suppressed]');
        await joint.waitFor({ timeout: LOAD_TIMEOUT });
        const jointText = (await joint.textContent()) ?? '';
        assert(
          /Jendela (sesudah|sebelum) pelatihan/.test(jointText) && !/kurang dari 5/.test(jointText),
          `${year}: joint card says ${jointText}`,
        );
      }
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Kohort: a difference of SLA rates reads in percentage points; the headline says which way and whether shown',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(
        `${server.url}/?page=kohort&ck=program&cv=PLY-PRIMA&cfrom=2023-01-01&cto=2023-12-31&cout=sla_met_rate&cwin=12`,
      );
      const result = page.locator('[data-cohort-result]');
      await result.waitFor({ timeout: LOAD_TIMEOUT });
      const headline = result.locator('[data-cohort-headline]');
      if ((await headline.count()) === 1) {
        const text = (await headline.textContent()) ?? '';
        // A direction only for an effect shown; "tidak signifikan" (the portfolio's word) otherwise.
        const m =
          /^Efek pelatihan: (naik|turun|tidak signifikan), [+−]?\d+,\d poin persen permohonan tepat SLA \(antara [+−]?\d+,\d dan [+−]?\d+,\d\)\. (Signifikan: |Selang kepercayaan \d+% mencakup 0)/.exec(
            text,
          );
        assert(
          m !== null && (m[1] === 'tidak signifikan') === (m[2] ?? '').startsWith('Selang'),
          `SLA headline: ${text}`,
        );
        const did = ((await result.locator('[data-did]').textContent()) ?? '').trim();
        // In words where there is room: officials do not all read "pp".
        assert(/^[+−]?\d+,\d poin persen$/.test(did), `SLA DiD tile: ${did}`);
      } else {
        // Too few at this scale: the reason is given instead of an estimate.
        assert((await result.locator('[data-cohort-status]').count()) === 1, 'neither estimate nor reason');
      }
      // The joint model grouped by method: titled by methods, its effects in the same signed points.
      await page.goto(
        `${server.url}/?page=kohort&ck=method&cv=coaching&cfrom=2023-01-01&cto=2023-12-31&cout=sla_met_rate`,
      );
      const jointCard = page.locator('[data-joint-effects]');
      await jointCard.locator('[data-joint-table], [data-joint-suppressed], .muted').first().waitFor({
        timeout: LOAD_TIMEOUT,
      });
      const jointHeading = (await jointCard.locator('h3').textContent()) ?? '';
      assert(jointHeading === 'Semua metode sekaligus (model gabungan)', `joint heading: ${jointHeading}`);
      if ((await jointCard.locator('[data-joint-table]').count()) === 1) {
        const caption = (await jointCard.locator('caption').textContent()) ?? '';
        assert(caption.startsWith('Efek tiap metode'), `joint caption: ${caption}`);
        const effects = await jointCard
          .locator('tbody tr')
          .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2]?.textContent ?? ''));
        assert(
          effects.length > 0 &&
            effects.every((e) => e === '—' || /^[+−]?\d+,\d pp \([+−]?\d+,\d+ … [+−]?\d+,\d+ pp\)$/.test(e)),
          `joint SLA effects: ${effects.join(' | ')}`,
        );
      }
      // On service days the headline says faster or slower when shown, "tidak signifikan" when not.
      await page.goto(
        `${server.url}/?page=kohort&ck=program&cv=PLY-PRIMA&cfrom=2023-01-01&cto=2023-12-31&cout=service_days&cwin=12`,
      );
      await result.waitFor({ timeout: LOAD_TIMEOUT });
      if ((await headline.count()) === 1) {
        const text = (await headline.textContent()) ?? '';
        const m =
          /^Efek pelatihan: (lebih cepat|lebih lambat|tidak signifikan), [+−]?\d+,\d\d hari per permohonan .*\. (Signifikan: |Selang kepercayaan \d+% mencakup 0)/.exec(
            text,
          );
        assert(
          m !== null && (m[1] === 'tidak signifikan') === (m[2] ?? '').startsWith('Selang'),
          `days headline: ${text}`,
        );
      }
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Partisipasi: the invitation funnel (invited → accepted → enrolled → completed) and a participation-rate chart',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=partisipasi`);
      const funnel = page.locator('section.chart-card', { hasText: /Corong undangan/ });
      await funnel.locator('[data-chart-ready]').waitFor({ timeout: LOAD_TIMEOUT });
      await funnel.getByRole('button', { name: 'Tampilkan tabel' }).click();
      const heads = (await funnel.locator('thead th').allTextContents()).map((s) => s.trim());
      assert(
        heads.join('|') === 'Tahap|Jumlah undangan|Proporsi dari undangan|Dari tahap sebelumnya|n',
        `funnel columns: ${heads.join('|')}`,
      );
      const steps = (await funnel.locator('tbody th').allTextContents()).map((s) => s.trim());
      assert(steps.join(',') === 'Diundang,Menerima,Terdaftar,Selesai', `funnel steps: ${steps.join(',')}`);
      const csv = await cardCsv(page, funnel);
      assert(
        csv[0] ===
          'Tahap,Jumlah undangan,Proporsi dari undangan (0-1),Dari tahap sebelumnya (0-1),n,suppressed,suppression_reason,snapshot',
        `funnel CSV header: ${csv[0]}`,
      );
      // Each step holds no more invitations than the one before it.
      const counts = csv.slice(1).map((line) => line.split(',')[1]);
      const known = counts.filter((c) => c !== '' && c !== undefined).map(Number);
      assert(
        known.every((c, i) => i === 0 || c <= (known[i - 1] ?? Number.POSITIVE_INFINITY)),
        `funnel counts: ${counts.join(',')}`,
      );
      // Participation rate over time: a chart with n, snapshot and the rate per period.
      const rate = page.locator('section.chart-card', {
        hasText: /Tingkat partisipasi dari waktu ke waktu/,
      });
      await rate.locator('[data-chart-ready]').waitFor({ timeout: LOAD_TIMEOUT });
      assert(/^n = \d/.test(((await rate.locator('.n-badge').textContent()) ?? '').trim()), 'rate card n');
      assert((await rate.locator('.snap-badge').count()) === 1, 'rate card snapshot');
      const periods = await tableLabels(rate);
      assert(periods.length > 0 && periods.every((p) => /^\d{4}$/.test(p)), `periods: ${periods.join(',')}`);
      const rateCsv = await cardCsv(page, rate);
      assert(
        rateCsv[0]?.startsWith('Periode,Tingkat partisipasi (0-1),n,') === true,
        `rate CSV: ${rateCsv[0]}`,
      );
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Partisipasi: "who resists?" is said in a sentence whose figures are those of the resistance cards',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=partisipasi`);
      const summary = page.locator('[data-resistance-summary]');
      await summary.waitFor({ timeout: LOAD_TIMEOUT });
      const part = async (key: string) => {
        const el = summary.locator(`[data-summary-part="${key}"]`);
        return (await el.count()) === 1 ? ((await el.textContent()) ?? '').trim() : null;
      };
      const card = (name: string | RegExp) =>
        page.locator('section.chart-card', {
          has: page.getByRole('heading', { name, exact: typeof name === 'string' }),
        });
      // The period is the one the agency card names (the same filter years).
      const lead = (await part('lead')) ?? '';
      const period = /^Siapa yang menolak\? \((.+)\)$/.exec(lead)?.[1];
      const agencyCard = card(/^Resistensi per instansi, /);
      const agencyTitle = ((await agencyCard.locator('h3').textContent()) ?? '').trim();
      assert(
        period !== undefined && agencyTitle === `Resistensi per instansi, ${period}`,
        `lead ${lead} / ${agencyTitle}`,
      );

      // Overall: the invitations are the kinds card's n, the rate the resisted invitations of its CSV.
      const [overallRate = '', overallN = ''] = groupsOf(
        /^Secara keseluruhan, (\d+,\d%) dari ([\d.]+) undangan berujung resistensi /,
        await part('overall'),
        'overall',
      );
      const kinds = card('Resistensi menurut jenis');
      await kinds.locator('[data-chart-ready]').waitFor({ timeout: LOAD_TIMEOUT });
      const kindsN = ((await kinds.locator('.n-badge').textContent()) ?? '').trim();
      assert(kindsN === `n = ${overallN}`, `overall n ${overallN} vs kinds card ${kindsN}`);
      const counts = (await cardCsv(page, kinds)).slice(1).map((line) => parseCsvLine(line)[1] ?? '');
      const invited = Number(overallN.replace(/\./g, ''));
      if (counts.every((c) => c !== '')) {
        const resisted = counts.reduce((sum, c) => sum + Number(c), 0);
        assert(
          Math.abs(percentOf(overallRate) - (100 * resisted) / invited) <= 0.05 + 1e-9,
          `overall ${overallRate} vs ${resisted} of ${invited} invitations`,
        );
      }

      // Tenure: the bands named are the highest and lowest rates of the tenure card, as it writes them.
      const [high = '', highRate = '', low = '', lowRate = ''] = groupsOf(
        /resistensi tertinggi pada pegawai dengan masa kerja (.+?) \((\d+,\d%)\) dan terendah pada masa kerja (.+?) \((\d+,\d%)\)\.$/,
        await part('tenure'),
        'tenure',
      );
      const bands = await tableRows(card('Resistensi menurut masa kerja'));
      const rateOf = (label: string) => bands.find((b) => b.label === label)?.cells['Tingkat resistensi'];
      const rates = bands
        .map((b) => percentOf(b.cells['Tingkat resistensi']))
        .filter((v) => !Number.isNaN(v));
      assert(
        rateOf(high) === highRate && percentOf(highRate) === Math.max(...rates),
        `highest band ${high} ${highRate} vs ${JSON.stringify(bands)}`,
      );
      assert(
        rateOf(low) === lowRate && percentOf(lowRate) === Math.min(...rates),
        `lowest band ${low} ${lowRate} vs ${JSON.stringify(bands)}`,
      );

      // The highest band's most common reason: its row of the reasons-by-tenure card.
      const [band = '', bandReason = '', bandShare = ''] = groupsOf(
        /^Pada pegawai dengan masa kerja (.+?), alasan penolakan tersering.*: “(.+)” \((\d+,\d%) dari penolakan mereka\)\.$/,
        await part('tenureReason'),
        'tenure reason',
      );
      assert(band === high, `tenure reason of ${band}, not of the highest band ${high}`);
      const reasonRow = (await tableRows(card('Alasan penolakan menurut masa kerja'))).find(
        (r) => r.label === band,
      );
      const bandShares = Object.values(reasonRow?.cells ?? {})
        .map(percentOf)
        .filter((v) => !Number.isNaN(v));
      assert(
        reasonRow?.cells[bandReason] === bandShare && percentOf(bandShare) === Math.max(...bandShares),
        `tenure reason ${bandReason} ${bandShare} vs ${JSON.stringify(reasonRow)}`,
      );

      // The most common reason overall: the first row of the reasons card (sorted by share).
      const [reason = '', share = ''] = groupsOf(
        /: “(.+)” \((\d+,\d%) dari penolakan\)\.$/,
        await part('reason'),
        'reason',
      );
      const [firstReason] = await tableRows(card('Penolakan menurut alasan'));
      assert(
        firstReason?.label === reason && firstReason.cells.Proporsi === share,
        `reason ${reason} ${share} vs ${JSON.stringify(firstReason)}`,
      );

      // The agency with the highest rate: the first row of the agency card (sorted by rate); or,
      // when most agencies are hidden, no agency named, with the count of hidden agencies the card
      // shows hidden.
      const agencyText = (await part('agency')) ?? '';
      const tooMany = /(\d+) dari (\d+) instansi dirahasiakan/.exec(agencyText);
      if (tooMany) {
        assert(!/tertinggi:/.test(agencyText), `an agency named though most are hidden: ${agencyText}`);
        const rows = await tableRows(agencyCard);
        // A row hidden whole is one cell across the columns (no per-column label); a hidden cell
        // says "dirahasiakan".
        const hidden = rows.filter(
          (r) =>
            r.cells['Tingkat resistensi'] === undefined ||
            /dirahasiakan/i.test(r.cells['Tingkat resistensi']),
        ).length;
        assert(hidden === Number(tooMany[1]), `${tooMany[1]} hidden in the sentence, ${hidden} in the card`);
      } else {
        const [agency = '', agencyRate = '', agencyN = ''] = groupsOf(
          /tingkat resistensi tertinggi: (.+) \((\d+,\d%) dari ([\d.]+) undangan\)\.$/,
          agencyText,
          'agency',
        );
        const [firstAgency] = await tableRows(agencyCard);
        assert(
          firstAgency?.label === agency &&
            firstAgency.cells['Tingkat resistensi'] === agencyRate &&
            firstAgency.cells.Diundang === agencyN,
          `agency ${agency} ${agencyRate} ${agencyN} vs ${JSON.stringify(firstAgency)}`,
        );
      }
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Partisipasi: Kirkpatrick L1 (reaction, 1–5) and L2 (pre/post score, 0–100) per method, one row per method',
    async () => {
      const { page, errors } = await openPage(ctx);
      const methods = await gqlKirkpatrickMethods(server.url);
      assert(
        methods.reaction.length > 0 && methods.learning.length > 0,
        `no methods in the snapshot: ${JSON.stringify(methods)}`,
      );
      await page.goto(`${server.url}/?page=partisipasi`);
      const cards = [
        {
          card: page.locator('section.chart-card', { hasText: /Penilaian peserta \(L1\) per metode/ }),
          present: methods.reaction,
          header: 'Metode,Penilaian rata-rata (1-5),Tingkat respons (0-1),Peserta selesai,Relevansi (1-5),',
        },
        {
          card: page.locator('section.chart-card', {
            hasText: /Nilai sebelum dan sesudah pelatihan \(L2\) per metode/,
          }),
          present: methods.learning,
          header: 'Metode,Nilai sebelum (0-100),Nilai sesudah (0-100),Kenaikan rata-rata (poin),',
        },
      ];
      for (const { card, present, header } of cards) {
        await card.locator('[data-chart-ready]').waitFor({ timeout: LOAD_TIMEOUT });
        const title = ((await card.locator('h3').textContent()) ?? '').trim();
        assert(/^n = \d/.test(((await card.locator('.n-badge').textContent()) ?? '').trim()), `${title}: n`);
        assert((await card.locator('.snap-badge').count()) === 1, `${title}: snapshot badge`);
        assert((await card.locator('.state-error').count()) === 0, `${title}: error state`);
        // One row per method the snapshot has, each by its name (not its code), none twice.
        const labels = await tableLabels(card);
        assert(
          labels.length === present.length && new Set(labels).size === labels.length,
          `${title}: rows ${labels.join(',')} for methods ${present.join(',')}`,
        );
        assert(
          labels.every((l) => l !== '' && !l.includes('_') && /^[A-Z]/.test(l)),
          `${title}: method labels ${labels.join(',')}`,
        );
        const csv = await cardCsv(page, card);
        assert(csv[0]?.startsWith(header) === true, `${title}: CSV header ${csv[0]}`);
        assert(csv.length === present.length + 1, `${title}: CSV rows ${csv.length - 1}`);
      }
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Layanan: service types by name with the code kept; each time series its own measure; no "(days)"',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=layanan`);
      const byType = page.locator('section.chart-card', { hasText: /Hari layanan menurut jenis layanan/ });
      await byType.locator('[data-chart-ready]').waitFor({ timeout: LOAD_TIMEOUT });
      const csv = await cardCsv(page, byType);
      assert(
        csv[0]?.startsWith('Jenis layanan,Kode jenis layanan,Median (hari),Persentil ke-90 (hari),') === true,
        `service type CSV header: ${csv[0]}`,
      );
      assert(!csv[0]?.includes('(days)'), `English unit in an Indonesian CSV: ${csv[0]}`);
      for (const line of csv.slice(1)) {
        const [name, code] = line.split(',');
        assert(
          name !== code && !/_/.test(name ?? '') && /^[A-Z]/.test(name ?? ''),
          `row named by its code: ${line}`,
        );
      }
      const days = page.locator('section.chart-card', { hasText: /Hari layanan dari waktu ke waktu/ });
      const sla = page.locator('section.chart-card', { hasText: /Ketepatan SLA dari waktu ke waktu/ });
      const daysCsv = await cardCsv(page, days);
      const slaCsv = await cardCsv(page, sla);
      assert(
        daysCsv[0]?.includes('Median (hari)') === true && !daysCsv[0]?.includes('Tepat SLA'),
        `days over time: ${daysCsv[0]}`,
      );
      assert(
        slaCsv[0]?.includes('Tepat SLA') === true && !slaCsv[0]?.includes('Median (hari)'),
        `SLA over time: ${slaCsv[0]}`,
      );
      // The "Jenis layanan" filter names the services too.
      // The toggle shows on a narrow screen only: clicking a hidden one waited out the 30 s action timeout.
      const toggle = page.locator('.filter-toggle');
      if (await toggle.isVisible()) await toggle.click();
      const filter = page.locator('[data-filter="serviceTypes"]');
      await filter.locator('summary').click();
      const options = (await filter.locator('label').allTextContents()).map((s) => s.trim());
      assert(
        options.length > 0 && options.every((o) => /^[A-Z]/.test(o) && !o.includes('_')),
        `service type options: ${options.join(' | ')}`,
      );
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Layanan: U9 is complaint handling; KTP-el’s SLA target is 1 day; the summary’s numbers are the tables’',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=layanan`);
      const card = (title: RegExp) => page.locator('section.chart-card', { hasText: title });
      // The nine unsur in the warehouse's order (DOMAIN §3): U8 facilities, U9 complaint handling.
      const unsur = await tableRows(card(/Sembilan unsur IKM/));
      const named = (code: string) => unsur.find((r) => r.label.startsWith(`${code} `))?.label ?? '';
      assert(named('U9').startsWith('U9 Penanganan pengaduan'), `U9: ${named('U9')}`);
      assert(named('U8') === 'U8 Sarana dan prasarana', `U8: ${named('U8')}`);
      // Each service type's SLA target beside its SLA share, in the table and the CSV.
      const byTypeCard = card(/Hari layanan menurut jenis layanan/);
      const byType = await tableRows(byTypeCard);
      const ktp = byType.find((r) => r.cells['Kode jenis layanan'] === 'ktp_el');
      assert(ktp?.cells['Target SLA (hari)'] === '1', `KTP-el SLA target: ${JSON.stringify(ktp?.cells)}`);
      const kawin = byType.find((r) => r.cells['Kode jenis layanan'] === 'akta_perkawinan');
      assert(
        kawin?.cells['Target SLA (hari)'] === '3',
        `akta perkawinan target: ${JSON.stringify(kawin?.cells)}`,
      );
      const typeCsv = await cardCsv(page, byTypeCard);
      const header = parseCsvLine(typeCsv[0] ?? '');
      const targetAt = header.indexOf('Target SLA (hari)');
      assert(targetAt > header.indexOf('Tepat SLA (0-1)'), `CSV header: ${typeCsv[0]}`);
      const ktpLine = typeCsv.map(parseCsvLine).find((cells) => cells[1] === 'ktp_el');
      assert(ktpLine?.[targetAt] === '1', `KTP-el CSV target: ${ktpLine?.join(',')}`);
      // What "Tepat SLA" means, under its card.
      const slaCard = card(/Ketepatan SLA dari waktu ke waktu/);
      const definition = (await slaCard.locator('[data-sla-definition]').textContent()) ?? '';
      assert(/^Tepat SLA = .*target jenis layanannya.*melewati target/.test(definition), definition);
      // The summary's first and last years are the tables' (as the tables format them).
      const summary = page.locator('[data-service-summary]');
      await summary.waitFor({ timeout: LOAD_TIMEOUT });
      const part = async (key: string) =>
        (await summary.locator(`[data-summary-part="${key}"]`).textContent()) ?? '';
      const cellOf = (
        rows: { label: string; cells: Record<string, string> }[],
        year: string,
        column: string,
      ) => rows.find((r) => r.label === year)?.cells[column];
      const [dFrom, dFirst, dTo, dLast] = groupsOf(
        /(?:turun|naik) dari ([\d,]+) hari \((\d{4})\) menjadi ([\d,]+) hari \((\d{4})\)/,
        await part('days'),
        'summary days',
      ) as [string, string, string, string];
      const days = await tableRows(card(/Hari layanan dari waktu ke waktu/));
      assert(
        cellOf(days, dFirst, 'Median (hari)') === dFrom && cellOf(days, dLast, 'Median (hari)') === dTo,
        `summary days ${dFrom} (${dFirst}) → ${dTo} (${dLast}) vs table ${JSON.stringify(days)}`,
      );
      assert(dFirst === days[0]?.label, `summary starts at ${dFirst}, the table at ${days[0]?.label}`);
      const [sFrom, sFirst, sTo, sLast] = groupsOf(
        /Tepat SLA (?:turun|naik) dari ([\d,]+%) \((\d{4})\) menjadi ([\d,]+%) \((\d{4})\)/,
        await part('sla'),
        'summary SLA',
      ) as [string, string, string, string];
      const sla = await tableRows(slaCard);
      assert(
        cellOf(sla, sFirst, 'Tepat SLA') === sFrom && cellOf(sla, sLast, 'Tepat SLA') === sTo,
        `summary SLA ${sFrom} (${sFirst}) → ${sTo} (${sLast}) vs table ${JSON.stringify(sla)}`,
      );
      const [iFrom, iFirst, iTo, iLast] = groupsOf(
        /IKM (?:turun|naik) dari ([\d,]+) \(mutu [A-D]\) pada (\d{4}) menjadi ([\d,]+) \(mutu [A-D]\) pada (\d{4})/,
        await part('ikm'),
        'summary IKM',
      ) as [string, string, string, string];
      const ikm = await tableRows(card(/IKM dari waktu ke waktu/));
      assert(
        cellOf(ikm, iFirst, 'IKM') === iFrom && cellOf(ikm, iLast, 'IKM') === iTo,
        `summary IKM ${iFrom} (${iFirst}) → ${iTo} (${iLast}) vs table ${JSON.stringify(ikm)}`,
      );
      // The weakest unsur is the lowest NRR of the unsur table, named as it names it.
      const [weakest, nrr] = groupsOf(
        /terlemah \([^)]*\): (.+) \(NRR ([\d,]+) dari 4\)/,
        await part('unsur'),
        'summary unsur',
      ) as [string, string];
      const lowest = [...unsur].sort(
        (a, b) =>
          Number((a.cells['Nilai rata-rata unsur (NRR)'] ?? '').replace(',', '.')) -
          Number((b.cells['Nilai rata-rata unsur (NRR)'] ?? '').replace(',', '.')),
      )[0];
      assert(
        weakest === lowest?.label && nrr === lowest?.cells['Nilai rata-rata unsur (NRR)'],
        `summary weakest ${weakest} ${nrr} vs table ${lowest?.label} ${JSON.stringify(lowest?.cells)}`,
      );
      assert(/bukan ukuran efek pelatihan/.test(await part('notEffect')), 'the summary says it is a trend');
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Kualitas: mode, status and level in Indonesian; the run CSV keeps ISO starts and codes, one "snapshot" column',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=kualitas`);
      const mode = page.locator('dd[data-mode]');
      await mode.waitFor({ timeout: LOAD_TIMEOUT });
      const modeText = ((await mode.textContent()) ?? '').trim();
      assert(['penuh', 'inkremental'].includes(modeText), `snapshot mode: ${modeText}`);
      // The kept snapshots come from a query of their own: wait for their rows (seen empty in CI).
      const keptCells = page.locator('[data-kept-snapshots] td[data-mode]');
      await keptCells.first().waitFor({ timeout: LOAD_TIMEOUT });
      const keptModes = (await keptCells.allTextContents()).map((s) => s.trim());
      assert(
        keptModes.length > 0 && keptModes.every((m) => ['penuh', 'inkremental'].includes(m)),
        `kept snapshot modes: ${keptModes.join(',')}`,
      );
      const runs = page.locator('section.chart-card', { hasText: /Riwayat proses ETL/ });
      await runs.locator('tbody tr').first().waitFor({ timeout: LOAD_TIMEOUT });
      // Mode and status: the first two cells after the start.
      const runWords = await runs.locator('tbody tr').evaluateAll((trs) =>
        trs.flatMap((tr) =>
          Array.from(tr.querySelectorAll('td'))
            .slice(0, 2)
            .map((td) => td.textContent?.trim() ?? ''),
        ),
      );
      assert(
        runWords.length > 0 &&
          runWords.every((w) => ['penuh', 'inkremental', 'berjalan', 'berhasil', 'gagal'].includes(w)),
        `mode and status in the run table: ${runWords.join(',')}`,
      );
      const csv = await cardCsv(page, runs);
      const head = csv[0]?.split(',') ?? [];
      assert(
        head.filter((h) => h.toLowerCase() === 'snapshot').length === 1 &&
          head.includes('Snapshot yang diterbitkan'),
        `run CSV header: ${csv[0]}`,
      );
      for (const line of csv.slice(1)) {
        const [started, runMode, status] = line.split(',');
        assert(
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(started ?? ''),
          `start not ISO: ${line}`,
        );
        assert(['full', 'incremental'].includes(runMode ?? ''), `mode not a code: ${line}`);
        assert(['running', 'succeeded', 'failed'].includes(status ?? ''), `status not a code: ${line}`);
      }
      const tests = page.locator('section.chart-card', { hasText: /Uji data/ }).last();
      // Passing tests are folded behind a button; failing ones stay in view; the CSV has them all.
      const fold = tests.locator('button[data-fold]');
      await fold.waitFor({ timeout: LOAD_TIMEOUT });
      const shownBefore = (await tests.locator('tbody tr td:nth-of-type(3)').allTextContents()).map((s) =>
        s.trim(),
      );
      assert(!shownBefore.includes('lulus'), `passing tests shown while folded: ${shownBefore.join(',')}`);
      const foldText = ((await fold.textContent()) ?? '').trim();
      const passing = Number(/Tampilkan ([\d.]+) uji yang lulus/.exec(foldText)?.[1]?.replace(/\./g, ''));
      assert(passing > 0, `fold button: ${foldText}`);
      if (shownBefore.length === 0) {
        const said = (await tests.locator('.card-body p.muted').textContent()) ?? '';
        assert(/^Semua [\d.]+ uji lulus\.$/.test(said.trim()), `all passed: ${said}`);
      }
      const testsCsv = await cardCsv(page, tests);
      assert(
        testsCsv.length - 1 === shownBefore.length + passing,
        `CSV rows ${testsCsv.length - 1}, shown ${shownBefore.length} + folded ${passing}`,
      );
      await fold.click();
      assert((await fold.getAttribute('aria-expanded')) === 'true', 'fold button not expanded');
      assert(
        (await tests.locator('tbody tr').count()) === shownBefore.length + passing,
        'unfolded table does not list every test',
      );
      await tests.locator('tbody td:nth-of-type(2)').first().waitFor({ timeout: LOAD_TIMEOUT });
      const levels = new Set(
        (await tests.locator('tbody td:nth-of-type(2)').allTextContents()).map((s) => s.trim()),
      );
      assert(
        levels.size > 0 &&
          [...levels].every((l) => ['kesalahan (menghentikan penerbitan)', 'peringatan'].includes(l)),
        `data test levels: ${[...levels].join(',')}`,
      );
      const watermarks = page.locator('section.chart-card', { hasText: /Penanda pemuatan terakhir/ });
      await watermarks.locator('thead th').first().waitFor({ timeout: LOAD_TIMEOUT });
      const heads = (await watermarks.locator('thead th').allTextContents()).map((s) => s.trim());
      assert(heads.length > 0 && !heads.includes('watermark'), `watermark header: ${heads.join('|')}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'ROI: the page’s glossary opens from the keyboard and explains BCR and DiD in Indonesian',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=roi`);
      const glossary = page.locator('details[data-glossary]');
      // BCR is listed once the default program's ROI chain is shown.
      await glossary.locator('[data-term="bcr"]').waitFor({ state: 'attached', timeout: LOAD_TIMEOUT });
      assert((await glossary.count()) === 1, `glossaries: ${await glossary.count()}`);
      // A disclosure named by its summary, closed until asked for, and no landmark of its own.
      const summary = glossary.locator('summary');
      assert(((await summary.textContent()) ?? '').trim() === 'Istilah di halaman ini', 'glossary summary');
      assert(!(await glossary.evaluate((d) => (d as HTMLDetailsElement).open)), 'the glossary starts open');
      assert((await glossary.getAttribute('role')) === null, 'the glossary has a role');
      assert((await glossary.locator('xpath=ancestor-or-self::section').count()) === 0, 'inside a section');
      await summary.focus();
      await page.keyboard.press('Enter');
      assert(
        await glossary.evaluate((d) => (d as HTMLDetailsElement).open),
        'Enter did not open the glossary',
      );
      const bcr = glossary.locator('[data-term="bcr"]');
      const did = glossary.locator('[data-term="did"]');
      await bcr.locator('dd').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
      assert(((await bcr.locator('dt').textContent()) ?? '') === 'BCR (rasio manfaat-biaya)', 'BCR term');
      assert(
        /^Manfaat dalam rupiah dibagi biaya penuh; di atas 1 berarti manfaat melebihi biaya/.test(
          (await bcr.locator('dd').textContent()) ?? '',
        ),
        `BCR: ${await bcr.locator('dd').textContent()}`,
      );
      assert(((await did.locator('dt').textContent()) ?? '') === 'DiD (selisih-dalam-selisih)', 'DiD term');
      assert(
        /pembanding yang mirip pada periode yang sama/.test((await did.locator('dd').textContent()) ?? ''),
        `DiD: ${await did.locator('dd').textContent()}`,
      );
      assert(await did.isVisible(), 'DiD is not shown in the open glossary');
      // Both Holm corrections the page names, told apart; nothing the page does not show (no pp).
      const terms = await glossary
        .locator('[data-term]')
        .evaluateAll((es) => es.map((e) => e.getAttribute('data-term')));
      assert(
        terms.includes('pHolmPortfolio') && terms.includes('pHolmJoint') && !terms.includes('pp'),
        `ROI glossary terms: ${terms.join(',')}`,
      );
      // The wild cluster bootstrap p is listed only when the page writes one (step 3's joint check).
      const bootstrapShown = await page.evaluate(() => {
        const body = document.body.cloneNode(true) as HTMLElement;
        body.querySelector('details[data-glossary]')?.remove();
        return (body.textContent ?? '').includes('p wild cluster bootstrap');
      });
      assert(
        terms.includes('bootstrapP') === bootstrapShown,
        `bootstrap p listed: ${terms.includes('bootstrapP')}, on the page: ${bootstrapShown}`,
      );
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'ROI without a token: every section asks for the planner role, and no glossary lists terms it does not show',
    async () => {
      const anonymous = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const { page } = await openPage(anonymous);
        await page.goto(`${server.url}/?page=roi`);
        const portfolio = page.locator('[data-portfolio] [data-error-kind]');
        await portfolio.waitFor({ timeout: LOAD_TIMEOUT });
        // The chain's lock too (its default program needs no token, its ROI does).
        await page.locator('[data-error-kind]').nth(1).waitFor({ timeout: LOAD_TIMEOUT });
        // The message is read only when there is a glossary (textContent waits for one otherwise).
        const glossaries = await page.locator('details[data-glossary]').allTextContents();
        assert(glossaries.length === 0, `an anonymous ROI page lists terms: ${glossaries.join(' | ')}`);
        await page.close();
      } finally {
        await anonymous.close();
      }
    },
  );
}
