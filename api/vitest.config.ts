import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql 16 ships CJS (`main`) and ESM (`module`). Node (and so type-graphql and Apollo, which
  // vitest leaves external) loads the CJS build; Vite would hand our own imports the ESM one, and
  // graphql refuses types "from another realm". Pointing bare `graphql` at Node's choice keeps one.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    name: 'api',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One module registry per worker, shared by its files: importing each package afresh per file was
    // a third of the unit tests' time (npm test 664 s → 437 s here, 2026-12-07). Tests restore what
    // they change (env, umask, timers); a file that mocks a module loads its subject afresh
    // (vi.resetModules, then import()).
    isolate: false,
  },
});
