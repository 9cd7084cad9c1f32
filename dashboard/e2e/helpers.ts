/** Helpers shared by the e2e check modules: waiting for pages, reading tables, CSVs and the API. */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { LOAD_TIMEOUT } from './browser.ts';
import { assert } from './checks.ts';

/** The snapshot id the header shows, once its query has answered (it says "memuat…" before). */
export async function shownSnapshotId(page: Page): Promise<string> {
  const badge = page.locator('[data-snapshot-id]', { hasText: /^\d{8}T\d+Z-\w+$/ }).first();
  await badge.waitFor({ timeout: LOAD_TIMEOUT });
  return ((await badge.textContent()) ?? '').trim();
}

/** Waits until no card is loading any more (each chart fetches on its own). */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.state-loading').length === 0, null, {
    timeout: LOAD_TIMEOUT,
  });
  await page.waitForTimeout(300);
}

/** The methods with an L1 and an L2 row (grouped by method), read through the API as any client would. */
export async function gqlKirkpatrickMethods(
  url: string,
): Promise<{ reaction: string[]; learning: string[] }> {
  const rows = '{ rows { isTotal keys { method } } }';
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `{ kirkpatrick(groupBy: [method]) { reaction ${rows} learning ${rows} } }`,
    }),
  });
  type Rows = { rows: { isTotal: boolean; keys: { method: string | null } }[] } | null;
  const body = (await res.json()) as { data?: { kirkpatrick: { reaction: Rows; learning: Rows } } };
  const methods = (level: Rows) =>
    (level?.rows ?? []).filter((r) => !r.isTotal).map((r) => r.keys.method ?? '');
  return {
    reaction: methods(body.data?.kirkpatrick.reaction ?? null),
    learning: methods(body.data?.kirkpatrick.learning ?? null),
  };
}

/** Agency codes and names, read through the API as any client would. */
export async function gqlAgencyNames(url: string): Promise<[string, string][]> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ agencies { code name } }' }),
  });
  const body = (await res.json()) as { data?: { agencies: { code: string; name: string }[] } };
  return body.data?.agencies.map((a) => [a.code, a.name]) ?? [];
}

/** Clicks a CSV button and returns the file's lines (BOM and the last line end dropped). */
export async function downloadCsv(page: Page, button: ReturnType<Page['locator']>): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const text = await readFile(await download.path(), 'utf8');
  assert(text.charCodeAt(0) === 0xfeff, 'CSV has no UTF-8 BOM');
  return text.slice(1).trimEnd().split('\r\n');
}

/** The cells of one CSV line (RFC 4180 quoting; no line breaks inside cells here). */
export function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * Opens a chart card's table view and waits for its first row; returns the toggle back to the
 * chart. A click that lands while the card re-renders (another of the page's answers arriving) can
 * be lost (seen once in CI): click again until the toggle says the table is shown, at most 3 times.
 */
export async function openTableView(card: ReturnType<Page['locator']>) {
  const toChart = card.getByRole('button', { name: 'Tampilkan grafik' });
  const toTable = card.getByRole('button', { name: 'Tampilkan tabel' });
  for (let attempt = 1; !(await toChart.isVisible()); attempt++) {
    if (attempt > 3) throw new Error('the table view did not open after 3 clicks');
    if (await toTable.isVisible()) await toTable.click();
    await toChart.waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
  await card.locator('tbody th').first().waitFor({ timeout: LOAD_TIMEOUT });
  return toChart;
}

/** Row labels of a chart card, read from its table view (and switched back to the chart). */
export async function tableLabels(card: ReturnType<Page['locator']>): Promise<string[]> {
  const toChart = await openTableView(card);
  const labels = (await card.locator('tbody th').allTextContents()).map((s) => s.trim());
  await toChart.click();
  return labels;
}

/** A card's CSV as lines (BOM stripped), downloaded through its "Unduh CSV" button. */
export async function cardCsv(page: Page, card: ReturnType<Page['locator']>): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), card.locator('[data-csv]').click()]);
  return (await readFile(await download.path(), 'utf8'))
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
}
