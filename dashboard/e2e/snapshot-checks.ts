/**
 * A snapshot published and rolled back while a page is open, run by `run.ts` in the 1280 px
 * context. Run it last: it publishes a new snapshot into the demo warehouse (and rolls back to the
 * previous one).
 */
import { beginBuild } from '@asn/warehouse';
import { LOAD_TIMEOUT, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';
import { settle, shownSnapshotId } from './helpers.ts';

/** The next answer after a publish (and after a rollback) moves the whole page, saying so. */
export async function snapshotChecks(checks: Checks, env: E2eEnv): Promise<void> {
  const { ctx, server, warehouseDir } = env;
  await checks.run(
    'a snapshot published, then rolled back, while a page is open: the next answer moves the whole page, saying so',
    async () => {
      const { page, errors } = await openPage(ctx);
      await page.goto(`${server.url}/?page=partisipasi`);
      await settle(page);
      const before = await shownSnapshotId(page);
      assert(
        (await page.locator('[data-snapshot-updated]').count()) === 0,
        'says updated before any publish',
      );
      const republish = await beginBuild(warehouseDir, { mode: 'incremental', log: () => undefined });
      const next = await republish.publish({ e2e: 'published while a page is open' });
      assert(next.id !== before, 'the publish made no new snapshot');
      // The server moves to it without a request (SNAPSHOT_POLL_MS); the page learns of it from
      // the next answer it gets, here after a filter change.
      const until = Date.now() + LOAD_TIMEOUT;
      while (server.api.reader.current?.id !== next.id && Date.now() < until) await page.waitForTimeout(100);
      await page.selectOption('select[name="toYear"]', '2023');
      await page.locator('[data-snapshot-updated]').waitFor({ timeout: LOAD_TIMEOUT });
      await page.waitForFunction(
        (id) =>
          Array.from(document.querySelectorAll('[data-snapshot-id]')).every(
            (e) => e.textContent?.trim() === id,
          ),
        next.id,
        { timeout: LOAD_TIMEOUT },
      );
      await settle(page);
      const alerts = await page.locator('.state-error, .state-forbidden').allTextContents();
      assert(alerts.length === 0, `error states after the move: ${alerts.join(' | ')}`);
      const said = (await page.locator('[data-snapshot-updated]').textContent()) ?? '';
      assert(said.includes('data diperbarui ke snapshot yang kini aktif'), `notice: ${said}`);
      // A rollback to the snapshot the page showed first: the next answer moves the page back.
      await server.api.reader.rollback(before);
      await page.selectOption('select[name="toYear"]', '2024');
      await page.waitForFunction(
        (id) =>
          Array.from(document.querySelectorAll('[data-snapshot-id]')).every(
            (e) => e.textContent?.trim() === id,
          ),
        before,
        { timeout: LOAD_TIMEOUT },
      );
      await settle(page);
      const afterRollback = await page.locator('.state-error, .state-forbidden').allTextContents();
      assert(afterRollback.length === 0, `error states after the rollback: ${afterRollback.join(' | ')}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );
}
