import { defineConfig } from 'vitest/config';

// The root scripts' own logic (bench bookkeeping); the bench itself runs with `npm run bench`.
export default defineConfig({
  test: {
    name: 'scripts',
    include: ['**/*.test.ts'],
    // start.test.ts spawns `npm start` (tsx): 2–6 s on a busy machine, beyond vitest's 5 s default.
    testTimeout: 60_000,
  },
});
