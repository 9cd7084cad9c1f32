import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
