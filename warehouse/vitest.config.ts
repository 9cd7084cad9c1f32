import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'warehouse',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
