/** A chart card's CSV export, run by `run.ts` in the 1280 px context. */
import { readFile } from 'node:fs/promises';
import { LOAD_TIMEOUT, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';
import { shownSnapshotId } from './helpers.ts';

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
}
