import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The API serves `dist/` at `/` and GraphQL at `/graphql` on the same origin, so the built app
 * needs no API URL. Every URL the build writes is relative (`base: './'`, and the app's own
 * requests go to `graphql` and `templates/` beside the page, `app-url.ts`), so a reverse proxy may
 * mount the whole product under a sub-path (`https://intranet/asn/` → the API's `/`): with `/` the
 * page under `/asn/` asked for `/assets/…` and `/graphql` at the host's root (deployment review of
 * 2026-12-07). In `npm run dev` the dev server proxies `/graphql` to a running API.
 */
export default defineConfig({
  plugins: [react()],
  base: './',
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
