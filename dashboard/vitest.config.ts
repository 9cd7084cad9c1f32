import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'dashboard',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    passWithNoTests: true,
    // One module registry per worker, shared by its files: importing each package afresh per file was
    // a third of the unit tests' time (npm test 664 s → 437 s here, 2026-12-07). Tests restore what
    // they change (env, umask, timers); a file that mocks a module loads its subject afresh
    // (vi.resetModules, then import()).
    isolate: false,
  },
});
