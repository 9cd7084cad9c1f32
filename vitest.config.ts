import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One `npm test` runs every package's unit and integration tests. Each package is a
// vitest project, so `vitest run --project etl` narrows a run.
export default defineConfig({
  test: {
    projects: ['warehouse', 'etl', 'api', 'dashboard', 'scripts'],
    // Vitest's default is one worker less than the cores: on the two-core CI machine, one file at a
    // time. Most files wait on PostgreSQL, DuckDB or a child process, so two at once took the unit
    // tests from 1,214 s to 852 s there (every file passed: 336 files, 2,438 tests, 2026-12-06).
    // Each PostgreSQL test has its own scratch database, each DuckDB test its own directory.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
