/**
 * `npm run test:e2e`: the dashboard in real headless Chromium against the real API over a demo
 * snapshot. Builds the dashboard, builds (or reuses, with E2E_DATA_DIR) a demo warehouse, starts
 * the API on an ephemeral port, then checks every page at 360 and 1920 px: no console errors, no
 * error states, no horizontal scroll; plus filters ↔ URL, back/forward, language, CSV content, the
 * cohort builder, agency comparison, keyboard entry and the requests pages send (none waiting on an
 * unrelated answer, one request per answer across pages). Screenshots go to e2e/screenshots/, timings
 * to e2e/results.json. Prints "N passed, M failed"; exits non-zero on any failure.
 *
 * The checks live in themed modules (page-checks.ts, filter-checks.ts, … snapshot-checks.ts), each an
 * `xxxChecks(checks, env)` given the run's `E2eEnv` (env.ts); helpers they share are in helpers.ts.
 * They run in the order below; the snapshot checks publish a new snapshot into the demo warehouse
 * (and roll back to the previous one), so they run after the other modules' checks, before only the
 * axis and review checks.
 *
 * Environment: E2E_DATA_DIR (reuse a demo warehouse), E2E_SCALE (demo scale, default 0.25),
 * CHROMIUM_PATH (default /usr/bin/chromium), E2E_SKIP_BUILD=1 (use the existing dist/).
 */
import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { accessibilityChecks } from './accessibility-checks.ts';
import { agencyChecks } from './agency-checks.ts';
import { axisChecks } from './axis-checks.ts';
import { gqlAgencies, launchChromium, newContext, PAGES, pageUrls, WIDTHS } from './browser.ts';
import { Checks } from './checks.ts';
import { cohortChecks } from './cohort-checks.ts';
import { csvChecks } from './csv-checks.ts';
import { demoSnapshot } from './demo-snapshot.ts';
import type { E2eEnv, E2eSetup } from './env.ts';
import { explanationChecks } from './explanation-checks.ts';
import { explorerChecks } from './explorer-checks.ts';
import { filterChecks, linkChecks } from './filter-checks.ts';
import { pageChecks } from './page-checks.ts';
import { pageContentChecks } from './page-content-checks.ts';
import { printChecks } from './print-checks.ts';
import { refetchChecks } from './refetch-checks.ts';
import { requestChecks } from './request-checks.ts';
import { reviewChecks } from './review-checks.ts';
import { robustnessChecks } from './robustness-checks.ts';
import { roiChecks } from './roi-checks.ts';
import { startE2eServer } from './server.ts';
import { slowChecks } from './slow-checks.ts';
import { snapshotChecks } from './snapshot-checks.ts';
import { subpathChecks } from './subpath-checks.ts';

const DASHBOARD = fileURLToPath(new URL('..', import.meta.url));
const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

const log = (m: string) => console.log(`[e2e] ${m}`);

async function main(): Promise<number> {
  const checks = new Checks();
  if (process.env.E2E_SKIP_BUILD !== '1') {
    log('building the dashboard (vite build)');
    await build({ root: DASHBOARD, logLevel: 'warn' });
  }
  const data = await demoSnapshot({
    dataDir: process.env.E2E_DATA_DIR || undefined,
    scale: Number(process.env.E2E_SCALE ?? '0.25'),
    log,
  });
  log(`${data.reused ? 'reusing' : 'built'} demo warehouse in ${data.warehouseDir}`);
  const { server, plannerToken } = await startE2eServer(data.warehouseDir, DIST);
  log(`API at ${server.url}`);
  await mkdir(SHOTS, { recursive: true });

  const browser = await launchChromium();
  let renderMs: Record<string, Record<string, number>> = {};
  let snapshotId = '';
  let cohortInfo: Record<string, unknown> = {};
  try {
    const agencies = await gqlAgencies(server.url);
    const setup: E2eSetup = {
      browser,
      server,
      plannerToken,
      urls: pageUrls(agencies),
      warehouseDir: data.warehouseDir,
    };

    // Every page at 360 and 1920 px (time to first chart, screenshots, no errors).
    ({ renderMs, snapshotId } = await pageChecks(checks, setup, SHOTS));

    const ctx = await newContext(browser, 1280, plannerToken);
    const env: E2eEnv = { ...setup, ctx };
    await filterChecks(checks, env);
    await explorerChecks(checks, env);
    await linkChecks(checks, env);
    await csvChecks(checks, env);
    cohortInfo = await cohortChecks(checks, env);
    await roiChecks(checks, env);
    await requestChecks(checks, env);
    await refetchChecks(checks, env);
    await slowChecks(checks, env);
    await subpathChecks(checks, env);
    const catalog = await agencyChecks(checks, env);
    await accessibilityChecks(checks, env, catalog);
    await robustnessChecks(checks, env);
    await pageContentChecks(checks, env);
    await explanationChecks(checks, env);
    await printChecks(checks, env);
    // Last: it publishes a new snapshot into the demo warehouse (and rolls back to the previous one).
    await snapshotChecks(checks, env);
    // Axis labels as drawn on the canvas (Kohort's before/after windows at 360 px).
    await axisChecks(checks, browser, server.url, plannerToken);
    // Review findings (chunk retry, link-only filters, scorecard states, axes, CSV names, …).
    await reviewChecks(checks, ctx, server.url);
    await ctx.close();
  } finally {
    await browser.close();
    await server.close();
  }

  await writeFile(
    RESULTS,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        snapshotId: snapshotId.trim(),
        scale: Number(process.env.E2E_SCALE ?? '0.25'),
        note: 'navigation start → first chart drawn (ms); the 360 px pass runs first, with a cold API cache',
        firstChartMs: renderMs,
        cohort: cohortInfo,
        screenshots: PAGES.flatMap((p) => WIDTHS.map((w) => `dashboard/e2e/screenshots/${p}-${w}.png`)),
        checks: checks.results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`${checks.passed} passed, ${checks.failed} failed`);
  return checks.failed === 0 ? 0 : 1;
}

process.exitCode = await main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  return 1;
});
