/**
 * `npm start`: the whole product on its embedded defaults, from nothing.
 *
 * 1. Connect to the source (SOURCE_DATABASE_URL, or an embedded PGlite under <DATA_DIR>/source)
 *    and migrate it.
 * 2. If the source holds no employees and is embedded, generate the demo world (scale 1).
 * 3. If no warehouse snapshot is live, run a full ETL into one.
 * 4. Build the dashboard (`vite build`, about 2 s) if `dashboard/dist` is missing or older than its
 *    sources, unless DASHBOARD_DIR points the server at another directory.
 * 5. Serve the API, the offline explorer and the dashboard on http://localhost:<PORT>.
 *
 * A second start finds the source, the snapshot and the build and goes straight to step 5; run
 * `npm run etl` (or the admin `refreshWarehouse` mutation) to pick up source changes.
 */
import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { cannotServe, readApiEnvOrExit, runServer } from '@asn/api';
import { connectSource, loadDemoWorld, migrateSource, publishTemplates, readEnv, runEtl } from '@asn/etl';
import { readCurrent } from '@asn/warehouse';
import { DASHBOARD_ROOT, ensureDashboardBuilt } from '../dashboard/scripts/ensure-built.ts';

const log = (message: string) => console.log(`[start] ${message}`);

/** Returns true when serving the embedded demo source (no SOURCE_DATABASE_URL). */
async function prepareData(): Promise<boolean> {
  let env: ReturnType<typeof readEnv>;
  try {
    env = readEnv();
  } catch (error) {
    cannotServe((error as Error).message);
  }
  const conn = await connectSource({
    url: env.SOURCE_DATABASE_URL,
    embeddedDir: join(env.DATA_DIR, 'source'),
  });
  try {
    const applied = await migrateSource(conn.knex);
    if (applied.length > 0) log(`source schema migrated (${applied.join(', ')})`);
    const { rows } = await conn.knex.raw('select count(*)::int as n from employees');
    if (rows[0].n === 0) {
      if (!conn.embedded) {
        log('the source database is empty: load it, or run `npm run demo` to fill it with the demo world');
      } else {
        log('embedded source is empty: generating the demo world (scale 1, Palangka Raya) — about a minute');
        const started = performance.now();
        const result = await loadDemoWorld(conn, {
          scale: 1,
          seed: 20250101,
          manifestPath: join(env.DATA_DIR, 'demo-manifest.json'),
        });
        const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
        log(
          `demo world loaded: ${total.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    }
    // Blank file-drop templates for the dashboard to offer (rewritten only when the catalog changed).
    if ((await publishTemplates(env.WAREHOUSE_DIR)).written) log('file-drop templates written');
    if (await readCurrent(env.WAREHOUSE_DIR)) {
      log(`warehouse snapshot found in ${env.WAREHOUSE_DIR}: reusing it (npm run etl refreshes it)`);
      return conn.embedded;
    }
    log('no warehouse snapshot yet: running a full ETL');
    const result = await runEtl({
      mode: 'full',
      sources: ['postgres'],
      env,
      connection: conn,
      onProgress: (event) => {
        if (event.kind === 'stage') log(`etl: ${event.stage}`);
      },
    });
    log(`snapshot ${result.snapshotId} published`);
    return conn.embedded;
  } finally {
    // The embedded source is single-process: release it so `npm run etl` and the admin
    // refresh (a child process) can open it while the server runs.
    await conn.close();
  }
}

// The API's settings first: a bad one is one `cannot serve: …` line at once, not a stack trace
// after the demo world and the ETL (review of 2026-12-05, revOps).
const config = readApiEnvOrExit();
let demoMode: boolean;
try {
  demoMode = await prepareData();
} catch (error) {
  // A source, ETL or migration failure is one line too (the ETL's message says what to do, its code
  // which rule): the demo key on a real source died with a stack trace (README review, 2026-12-06).
  const code = (error as { code?: unknown }).code;
  cannotServe(
    `${typeof code === 'string' ? `${code}: ` : ''}${(error as Error).message ?? String(error)}`.replace(
      /\s*\n\s*/g,
      ' ',
    ),
  );
}
if (demoMode && !config.API_TOKENS_FILE && !process.env.ANONYMOUS_ROLE) {
  // The embedded demo world holds synthetic people only: let every dashboard page work without a
  // token. A real deployment sets SOURCE_DATABASE_URL and API_TOKENS_FILE and keeps `public`.
  config.ANONYMOUS_ROLE = 'planner';
  log('demo mode: anonymous visitors act as `planner` (synthetic data; set ANONYMOUS_ROLE to change)');
}
// The package's own dist (the default, or DASHBOARD_DIR naming it): built here when stale.
const ownDist = resolve(DASHBOARD_ROOT, 'dist');
if (config.DASHBOARD_DIR === undefined || resolve(config.DASHBOARD_DIR) === ownDist) {
  const built = await ensureDashboardBuilt();
  if (built.kind === 'built') log(`dashboard built in ${built.seconds.toFixed(1)} s: ${built.reason}`);
  else if (built.kind === 'failed') {
    log(`the dashboard could not be built (${built.reason}): ${built.error}`);
    log('serving the API only; fix the error, or run `npm run build`, then restart');
  }
}
const server = await runServer(config);
log(`ready: ${server.url} (GraphQL and explorer at ${server.url.replace(/\/$/, '')}/graphql)`);
