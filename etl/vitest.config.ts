import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'etl',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A guard against a hang, not a speed check: the heaviest tests here (the differencing audits of
    // recovery.test.ts, the kill and drop tests) take 20–40 s on the two-core CI machine, and one
    // took over 60 s there while the e2e ran beside the unit tests (CI of 2026-12-07).
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One module registry per worker, shared by its files: importing each package afresh per file was
    // a third of the unit tests' time (npm test 664 s → 437 s here, 2026-12-07). Tests restore what
    // they change (env, umask, timers); a file that mocks a module loads its subject afresh
    // (vi.resetModules, then import()).
    isolate: false,
  },
});
