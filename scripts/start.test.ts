import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realPostgresUrl, sourceTargets } from '../etl/src/testing/source-targets.ts';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * `npm start` (scripts/start.ts) refuses a bad setting with the one line the README promises, before
 * it prepares any data: a bad API setting gave a stack trace after the demo world and the ETL, and
 * an ETL setting a stack trace (review of 2026-12-05, revOps).
 */
describe('npm start with a bad setting', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'asn-start-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts/start.ts')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it.each([
    ['an API setting', { PORT: 'abc' }, /^cannot serve: invalid api environment: PORT: /],
    ['an ETL setting', { PSEUDONYM_KEY: 'short' }, /^cannot serve: invalid etl environment: PSEUDONYM_KEY: /],
  ])('%s: one `cannot serve:` line, exit code 1, nothing prepared', async (_what, env, line) => {
    const run = start(env);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(line)]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // No demo world, source or snapshot was made before the refusal.
    expect(await readdir(dataDir)).toEqual([]);
  });
});

describe('npm start when preparing the data fails', () => {
  // A real PostgreSQL source: the demo key is refused for any source but the embedded demo.
  const postgres = realPostgresUrl() ? sourceTargets().find((t) => t.name === 'postgres') : undefined;
  it.skipIf(!postgres)(
    'an empty PostgreSQL source with the demo key: one `cannot serve:` line naming the code, exit code 1',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'asn-start-pg-'));
      const source = await postgres!.open();
      try {
        const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts/start.ts')], {
          cwd: REPO_ROOT,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '',
            DATA_DIR: dataDir,
            SOURCE_DATABASE_URL: source.url,
          },
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect(run.status).toBe(1);
        expect(run.stderr.trim().split('\n')).toEqual([
          expect.stringMatching(/^cannot serve: DEMO_PSEUDONYM_KEY: PSEUDONYM_KEY is the demo default/),
        ]);
        expect(run.stderr).not.toMatch(/\n\s+at /);
      } finally {
        await source.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
