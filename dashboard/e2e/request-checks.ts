/**
 * Requests the pages send, watched at the browser: what waits on what (no query held back until an
 * unrelated answer has come), one request for one answer across pages, and no more rows asked for
 * than a card shows. Run in the 1280 px planner context; `npx tsx dashboard/e2e/request-checks.ts`
 * (from the repo root) runs these alone (E2E_DIST_DIR: serve another build than dashboard/dist).
 */
import type { Page, Request } from 'playwright-core';
import { LOAD_TIMEOUT, openPage } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';
import { settle } from './helpers.ts';

interface GqlBody {
  readonly operationName?: string;
  readonly variables?: Record<string, unknown>;
}

const bodyOf = (r: Request): GqlBody => {
  if (!r.url().includes('/graphql') || r.method() !== 'POST') return {};
  try {
    return JSON.parse(r.postData() ?? '{}') as GqlBody;
  } catch {
    return {};
  }
};

/** How long an answer is held back waiting for another request: far beyond a page's own delays. */
const HOLD_MS = 5_000;

/**
 * Holds the answer to `held` until a request for `expected` has gone out (or `HOLD_MS` passed): a
 * page that sends `expected` only once `held` has answered shows it as `waited` after the hold.
 */
async function holdUntilAsked(page: Page, held: string, expected: string) {
  let asked: () => void = () => undefined;
  const seen = new Promise<void>((resolve) => {
    asked = resolve;
  });
  const state = { askedWhileHeld: false, heldAnswered: false, expectedAsked: false };
  page.on('request', (r) => {
    if (bodyOf(r).operationName !== expected) return;
    state.expectedAsked = true;
    if (!state.heldAnswered) state.askedWhileHeld = true;
    asked();
  });
  await page.route('**/graphql', async (route) => {
    if (bodyOf(route.request()).operationName !== held) return route.continue();
    await Promise.race([seen, new Promise((r) => setTimeout(r, HOLD_MS))]);
    state.heldAnswered = true;
    return route.continue();
  });
  return state;
}

export async function requestChecks(checks: Checks, env: E2eEnv): Promise<void> {
  const { ctx, server } = env;

  await checks.run(
    "ROI asks for step 3's joint model beside the ROI, not once the ROI has answered",
    async () => {
      const { page, errors } = await openPage(ctx);
      const state = await holdUntilAsked(page, 'Roi', 'ProgramEffects');
      await page.goto(`${server.url}/?page=roi`);
      await page.locator('#s1').waitFor({ timeout: LOAD_TIMEOUT });
      await settle(page);
      assert(state.expectedAsked, 'no ProgramEffects request');
      assert(state.askedWhileHeld, `ProgramEffects waited ${HOLD_MS} ms for the Roi answer`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run(
    'Kohort asks for the joint model from the window, beside the default program’s completers',
    async () => {
      const { page, errors } = await openPage(ctx);
      const state = await holdUntilAsked(page, 'ProgramCompleters', 'ProgramEffects');
      await page.goto(`${server.url}/?page=kohort`);
      await page.locator('[data-joint-effects] table').waitFor({ timeout: LOAD_TIMEOUT });
      assert(state.expectedAsked, 'no ProgramEffects request');
      assert(state.askedWhileHeld, `ProgramEffects waited ${HOLD_MS} ms for ProgramCompleters`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );

  await checks.run('Kohort then ROI (in one tab) ask for their shared joint model once', async () => {
    const { page, errors } = await openPage(ctx);
    const asked: string[] = [];
    page.on('request', (r) => {
      const body = bodyOf(r);
      if (body.operationName === 'ProgramEffects') asked.push(JSON.stringify(body.variables));
    });
    await page.goto(`${server.url}/?page=kohort`);
    await page.locator('[data-joint-effects] table').waitFor({ timeout: LOAD_TIMEOUT });
    await settle(page);
    await page.locator('nav a[href="?page=roi"]').first().click();
    await page.locator('#s1').waitFor({ timeout: LOAD_TIMEOUT });
    await settle(page);
    // The default cohort and the default ROI: the same program and window (roi-checks.ts).
    const expected = JSON.stringify({
      input: {
        from: '2024-01-01',
        to: '2024-12-31',
        outcome: 'service_days',
        by: 'program',
        windowMonths: 12,
      },
    });
    assert(asked.length === 1 && asked[0] === expected, `ProgramEffects requests: ${asked.join(' | ')}`);
    // The ROI's check reads that answer: the step-3 line is drawn from it.
    await page.locator('[data-joint-check]').waitFor({ timeout: LOAD_TIMEOUT });
    assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    await page.close();
  });

  await checks.run(
    'Partisipasi asks for its per-agency participation for the range’s last year only',
    async () => {
      const { page, errors } = await openPage(ctx);
      const filters: unknown[] = [];
      page.on('request', (r) => {
        const body = bodyOf(r);
        const groupBy = body.variables?.groupBy as string[] | null | undefined;
        if (body.operationName === 'Participation' && groupBy?.join() === 'agency')
          filters.push(body.variables?.filter);
      });
      const card = page.locator('section.chart-card', {
        has: page.getByRole('heading', { name: /^Partisipasi per instansi, tahun \d{4}$/ }),
      });
      await page.goto(`${server.url}/?page=partisipasi`);
      await card.locator('[data-chart-ready]').waitFor({ timeout: LOAD_TIMEOUT });
      await settle(page);
      const heading = (await card.locator('h3').textContent())?.trim();
      assert(heading === 'Partisipasi per instansi, tahun 2025', `heading: ${heading}`);
      assert(
        JSON.stringify(filters) === JSON.stringify([{ from: '2025-01-01', to: '2025-12-31' }]),
        `agency participation filters: ${JSON.stringify(filters)}`,
      );
      // The rows are the agencies of the year's headcount, as the API lists them for that year
      // (the whole range's answer adds, with a headcount of 0, agencies with staff only earlier).
      const oneYear = await gqlAgencyParticipation(server.url, { from: '2025-01-01', to: '2025-12-31' });
      await card.locator('[data-view-toggle]').click();
      const rows = await card.locator('tbody tr').count();
      assert(rows === oneYear.length, `the table has ${rows} rows, the year's answer ${oneYear.length}`);
      // Another start of the range keeps its last year: nothing asked again.
      await page.selectOption('select[name="fromYear"]', '2022');
      await page.waitForURL(/from=2022/);
      await settle(page);
      assert(filters.length === 1, `asked again on a new start: ${JSON.stringify(filters)}`);
      // Another end is another year, asked for alone.
      await page.selectOption('select[name="toYear"]', '2023');
      await page.waitForURL(/to=2023/);
      await card
        .getByRole('heading', { name: 'Partisipasi per instansi, tahun 2023' })
        .waitFor({ timeout: LOAD_TIMEOUT });
      await settle(page);
      assert(
        JSON.stringify(filters.slice(1)) === JSON.stringify([{ from: '2023-01-01', to: '2023-12-31' }]),
        `agency participation filters: ${JSON.stringify(filters)}`,
      );
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );
}

/** The agencies (not the total) of participation by agency per year, read through the API. */
async function gqlAgencyParticipation(
  url: string,
  filter: Record<string, string>,
): Promise<{ agency: string; period: string; n: number | null }[]> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'query($f: MetricFilterInput) { participation(groupBy: [agency], grain: year, filter: $f) { rows { isTotal period n keys { agency } } } }',
      variables: { f: filter },
    }),
  });
  type Row = { isTotal: boolean; period: string; n: number | null; keys: { agency: string } };
  const body = (await res.json()) as { data?: { participation: { rows: Row[] } } };
  return (body.data?.participation.rows ?? [])
    .filter((r) => !r.isTotal)
    .map((r) => ({ agency: r.keys.agency, period: r.period, n: r.n }));
}

// `npx tsx dashboard/e2e/request-checks.ts` (from the repo root): these checks alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { runAloneInPlannerContext } = await import('./alone.ts');
  await runAloneInPlannerContext('request checks', requestChecks);
}
