/**
 * One module's checks alone (`npx tsx dashboard/e2e/<module>.ts` from the repo root), set up as
 * `run.ts` sets up the whole run: the dashboard built (skip with E2E_SKIP_BUILD=1), the demo
 * warehouse built or reused (E2E_DATA_DIR, E2E_SCALE), the real API serving it and the built
 * dashboard (E2E_DIST_DIR: another build than dashboard/dist), and Chromium. Prints "N passed, M
 * failed" and sets the exit code.
 */
import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { gqlAgencies, launchChromium, newContext, pageUrls } from './browser.ts';
import { Checks } from './checks.ts';
import { demoSnapshot } from './demo-snapshot.ts';
import type { E2eEnv, E2eSetup } from './env.ts';
import { startE2eServer } from './server.ts';

export async function runAlone(
  name: string,
  run: (checks: Checks, setup: E2eSetup) => Promise<void>,
): Promise<void> {
  const log = (m: string) => console.log(`[e2e] ${m}`);
  const checks = new Checks();
  let browser: Browser | undefined;
  try {
    if (process.env.E2E_SKIP_BUILD !== '1') {
      log('building the dashboard (vite build)');
      await build({ root: fileURLToPath(new URL('..', import.meta.url)), logLevel: 'warn' });
    }
    const data = await demoSnapshot({
      dataDir: process.env.E2E_DATA_DIR || undefined,
      scale: Number(process.env.E2E_SCALE ?? '0.25'),
      log,
    });
    const { server, plannerToken } = await startE2eServer(
      data.warehouseDir,
      process.env.E2E_DIST_DIR || fileURLToPath(new URL('../dist', import.meta.url)),
    );
    try {
      browser = await launchChromium();
      const urls = pageUrls(await gqlAgencies(server.url));
      await run(checks, { browser, server, plannerToken, urls, warehouseDir: data.warehouseDir });
    } finally {
      await browser?.close();
      await server.close();
    }
  } catch (error) {
    console.error(error);
    checks.results.push({ name: `${name} ran`, ok: false, ms: 0, error: String(error) });
  }
  console.log(`${checks.passed} passed, ${checks.failed} failed`);
  process.exitCode = checks.failed === 0 ? 0 : 1;
}

/**
 * `runAlone` for a module whose checks run in `run.ts`'s shared context: the 1280 px planner
 * context, opened for them and closed after.
 */
export function runAloneInPlannerContext(
  name: string,
  run: (checks: Checks, env: E2eEnv) => Promise<void>,
): Promise<void> {
  return runAlone(name, async (checks, setup) => {
    const ctx = await newContext(setup.browser, 1280, setup.plannerToken);
    try {
      await run(checks, { ...setup, ctx });
    } finally {
      await ctx.close();
    }
  });
}
