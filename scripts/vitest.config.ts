import { defineConfig } from 'vitest/config';

// The root scripts' own logic (bench bookkeeping); the bench itself runs with `npm run bench`.
export default defineConfig({
  test: {
    name: 'scripts',
    include: ['**/*.test.ts'],
  },
});
