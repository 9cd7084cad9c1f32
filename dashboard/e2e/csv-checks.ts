/** A chart card's CSV export, run by `run.ts` in the 1280 px context. */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { LOAD_TIMEOUT, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';
import { cardCsv, parseCsvLine, shownSnapshotId } from './helpers.ts';

/** BOM, header, one line per table row, the snapshot id, raw numbers. */
export async function csvChecks(checks: Checks, env: E2eEnv): Promise<void> {
  const { ctx, server } = env;
  await checks.run(
    'CSV export: BOM, header, one line per table row, snapshot id, Indonesian-free raw numbers',
    async () => {
      const { page } = await openPage(ctx);
      await page.goto(`${server.url}/?page=partisipasi`);
      const card = page.locator('section.chart-card', { hasText: /Resistensi menurut masa kerja/ });
      await card.locator('[data-chart-ready]').waitFor({ timeout: LOAD_TIMEOUT });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.locator('[data-csv]').click(),
      ]);
      const path = await download.path();
      const text = await readFile(path, 'utf8');
      assert(text.charCodeAt(0) === 0xfeff, 'CSV has no UTF-8 BOM');
      const lines = text.slice(1).trimEnd().split('\r\n');
      assert(
        lines[0] === 'Masa kerja,Tingkat resistensi (0-1),Diundang,n,suppressed,suppression_reason,snapshot',
        `header: ${lines[0]}`,
      );
      await card.getByRole('button', { name: 'Tampilkan tabel' }).click();
      const rows = await card.locator('tbody tr').count();
      assert(lines.length - 1 === rows, `CSV has ${lines.length - 1} rows, table has ${rows}`);
      const snap = await shownSnapshotId(page);
      for (const line of lines.slice(1)) {
        assert(line.endsWith(`,${snap}`), `row without snapshot id ${snap}: ${line}`);
        const rate = line.split(',')[1];
        assert(rate === '' || /^0(\.\d+)?$|^1$/.test(rate ?? ''), `rate is not a raw 0–1 number: ${line}`);
      }
      assert(download.suggestedFilename().endsWith('.csv'), `file name ${download.suggestedFilename()}`);
      await page.close();
    },
  );

  await checks.run(
    'Excel export: the CSV’s cells in a workbook, numbers as numbers, money formatted, a .xlsx name',
    async () => {
      const { page } = await openPage(ctx);
      // The agency scorecard: text, rates, counts, money (cost per participant, per JP) and booleans.
      await page.goto(`${server.url}/?page=instansi`);
      const card = page.locator('section.card', { has: page.locator('[data-scorecard-csv]') });
      await page.locator('[data-scorecard] tbody tr').first().waitFor({ timeout: LOAD_TIMEOUT });
      const csv = (await cardCsv(page, card)).map(parseCsvLine);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.locator('[data-xlsx]').click(),
      ]);
      const name = download.suggestedFilename();
      assert(name.endsWith('.xlsx') && name.replace(/\.xlsx$/, '.csv') !== name, `file name ${name}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const header = csv[0]!;
      assert(sheet.rowCount === csv.length, `workbook has ${sheet.rowCount} rows, CSV ${csv.length}`);
      let numbers = 0;
      let money = 0;
      csv.forEach((line, r) => {
        line.forEach((text, c) => {
          const cell = sheet.getRow(r + 1).getCell(c + 1);
          const value = cell.value;
          if (text === '') assert(value === null, `cell ${cell.address} should be empty, is ${value}`);
          else if (r > 0 && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) && typeof value !== 'string') {
            // A number in the CSV is a number cell; a label that reads as one (the year) stays text.
            assert(
              typeof value === 'number' && value === Number(text),
              `${cell.address}: ${value} for ${text}`,
            );
            numbers++;
            if (/\((Rp|IDR)\)$/.test(header[c] ?? '')) {
              assert(cell.numFmt === '#,##0', `${cell.address} money without #,##0: ${cell.numFmt}`);
              money++;
            }
          } else if (text === 'true' || text === 'false')
            assert(value === (text === 'true'), `${cell.address}: ${value} for ${text}`);
          else
            assert(value === text.replace(/^'/, ''), `${cell.address}: ${JSON.stringify(value)} for ${text}`);
        });
      });
      assert(numbers > 0 && money > 0, `numbers ${numbers}, money cells ${money}`);
      await page.close();
    },
  );
}
