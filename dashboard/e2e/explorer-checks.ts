/** The offline GraphQL explorer served at /graphql, run by `run.ts` in the 1280 px context. */
import { FIRST_CHART, gqlAgencies, LOAD_TIMEOUT, openPage, PAGES, pageUrls } from './browser.ts';
import { assert, type Checks } from './checks.ts';
import type { E2eEnv } from './env.ts';

/** Docs from introspection, a run with and without a token, the token kept for the session only. */
export async function explorerChecks(checks: Checks, env: E2eEnv): Promise<void> {
  const { ctx, plannerToken, server } = env;
  await checks.run(
    'the offline GraphQL explorer: docs from introspection, a run with a token, the token kept for the session only',
    async () => {
      const { page, errors } = await openPage(ctx);
      const external: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(server.url)) external.push(r.url());
      });
      await page.goto(`${server.url}/graphql`);
      await page.locator('#docs h3', { hasText: 'Query' }).waitFor({ timeout: LOAD_TIMEOUT });
      await page.locator('#docs a[data-t="Snapshot"]').first().click();
      await page.locator('#docs h3', { hasText: 'Snapshot' }).waitFor();
      await page.fill('#query', '{ agencyComparison(year: 2024) { agency } }');
      await page.click('#run');
      await page.locator('#status', { hasText: /^200 in/ }).waitFor({ timeout: LOAD_TIMEOUT });
      // Without a token the e2e server's anonymous callers are public: FORBIDDEN (in an HTTP 200).
      assert((await page.textContent('#out'))?.includes('FORBIDDEN'), 'planner field served anonymously');
      await page.fill('#token', plannerToken);
      // The refusal above names agencyComparison in its path: wait for rows, not for the name.
      await page.click('#run');
      await page.locator('#out', { hasText: '"agency":' }).waitFor({ timeout: LOAD_TIMEOUT });
      assert(!(await page.textContent('#out'))?.includes('"errors"'), 'the planner query failed');
      const stored = await page.evaluate(() => ({
        session: sessionStorage.getItem('gx-token'),
        local: localStorage.getItem('gx-token'),
        query: localStorage.getItem('gx-query'),
      }));
      assert(stored.session === plannerToken, 'the token is not kept for the session');
      assert(stored.local === null, 'the token outlives the browser session (localStorage)');
      assert(stored.query?.includes('agencyComparison'), 'the query is not kept');
      assert(external.length === 0, `the explorer fetched from outside: ${external.join(' ')}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );
  await checks.run(
    'every page and the explorer run under their Content-Security-Policy: no violation, a chart drawn, a CSV downloaded',
    async () => {
      type Violations = { __cspViolations: string[] };
      const { page, errors } = await openPage(ctx);
      await page.addInitScript(() => {
        const w = globalThis as unknown as Violations & { addEventListener: typeof addEventListener };
        w.__cspViolations = [];
        w.addEventListener('securitypolicyviolation', (e) => {
          const v = e as SecurityPolicyViolationEvent;
          w.__cspViolations.push(`${v.effectiveDirective} ${v.blockedURI || 'inline'}`);
        });
      });
      const urls = pageUrls(await gqlAgencies(server.url));
      for (const id of PAGES) {
        const res = await page.goto(`${server.url}/${urls[id]}`);
        const csp = res?.headers()['content-security-policy'] ?? '';
        assert(/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp), `${id}: CSP ${csp}`);
        await page.waitForSelector(FIRST_CHART, { timeout: LOAD_TIMEOUT });
        const seen = await page.evaluate(() => (globalThis as unknown as Violations).__cspViolations);
        assert(seen.length === 0, `${id}: CSP violations ${seen.join(' | ')}`);
      }
      const download = page.waitForEvent('download', { timeout: LOAD_TIMEOUT });
      await page.goto(`${server.url}/${urls.ringkasan}`);
      await page.waitForSelector(FIRST_CHART, { timeout: LOAD_TIMEOUT });
      await page.locator('[data-csv]').first().click();
      assert((await download).suggestedFilename().endsWith('.csv'), 'no CSV under the CSP');
      const explorer = await page.goto(`${server.url}/graphql`);
      assert(
        /script-src 'sha256-/.test(explorer?.headers()['content-security-policy'] ?? ''),
        'explorer CSP',
      );
      await page.locator('#docs h3', { hasText: 'Query' }).waitFor({ timeout: LOAD_TIMEOUT });
      const seen = await page.evaluate(() => (globalThis as unknown as Violations).__cspViolations);
      assert(seen.length === 0, `explorer: CSP violations ${seen.join(' | ')}`);
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
      await page.close();
    },
  );
}
