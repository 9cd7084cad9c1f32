import { defineConfig } from 'vitest/config';

// One `npm test` runs every package's unit and integration tests. Each package is a
// vitest project, so `vitest run --project etl` narrows a run.
export default defineConfig({
  test: {
    projects: ['warehouse', 'etl', 'api', 'dashboard', 'scripts'],
  },
});
