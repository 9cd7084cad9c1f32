import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The API serves `dist/` at `/` and GraphQL at `/graphql` on the same origin, so the built app
 * needs no API URL. In `npm run dev` the dev server proxies `/graphql` to a running API.
 */
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest lets scripts/bundle-size.ts find exactly the chunks the first page load needs.
    manifest: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: { '/graphql': 'http://localhost:4000', '/templates': 'http://localhost:4000' },
  },
});
